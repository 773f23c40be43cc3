"""Archive back-fill on a Dask cluster: map per file, reduce on the client, map per story.

A run over a year of archives outgrows one machine in its per-document
work (reading, extraction, cleaning, MinHash, the article vector), not in
the steps that need the whole stream. :class:`Backfill` is a
:class:`~newsdesk.pipeline.Pipeline` whose per-document work is two map
passes over the input files on a ``dask.distributed`` cluster:

1. each file is read and extracted on a worker, which keeps the documents
   and sends the client only what the cleaner learns from them
   (:class:`~newsdesk.clean.Evidence`: line hashes and site names);
2. once the client has fitted the cleaner on the whole batch, each file's
   documents are cleaned, signed and embedded on the worker that holds
   them, and only the articles and their vectors travel to the client.

The client then runs the same whole-batch steps as a plain run (dedup
against the store, clustering, the store writes, in one transaction) and
writes the briefs through the cluster's ``Executor``. The cut into units
changes nothing the pipeline computes, so the store and the site are those
of ``newsdesk run --workers 1`` on the same input.

Dask re-runs the tasks of a worker that dies, and recomputes the documents
it held. The client records each file it has back from either pass in a
checkpoint folder, so a back-fill stopped on the client resumes without
reading or cleaning those files again; the folder is removed once the run
has committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk import __version__
from newsdesk.clean import Cleaner, Evidence
from newsdesk.dedup import Deduplicator
from newsdesk.embed import TextEncoder
from newsdesk.errors import NewsdeskError
from newsdesk.ingest import read_file
from newsdesk.ingest.fetch import FetchResult
from newsdesk.model import Document, InputProblem
from newsdesk.pipeline import Pipeline, PipelineConfig, ProgressReporter
from newsdesk.run_inputs import Inputs
from newsdesk.run_report import RunReport
from newsdesk.store import Store
from newsdesk.work_units import CleanedBatch, Prepared, prepare, vector_text

__all__ = ["Backfill", "Checkpoint", "FileFacts", "connect"]

# Bumped when what a pass returns changes, so that an old checkpoint is not read.
_FORMAT = "2"

# One document's result of the second pass: cleaned and signed, with its vector.
PreparedDocument = tuple[Prepared, np.ndarray | None]
# What the second pass needs besides the documents: sent to each worker once.
Tools = tuple[Cleaner, Deduplicator, TextEncoder]


@dataclass(frozen=True)
class FileFacts:
    """What the first pass sends back of one file: its problems, and for each
    document its content hash and what the cleaner learns from it."""

    problems: list[InputProblem]
    documents: list[tuple[str, Evidence]]


def file_facts(items: Sequence[Document | InputProblem], cleaner: Cleaner) -> FileFacts:
    """The first pass's answer for one file read on a worker (``cleaner`` is unfitted:
    it only says what it would learn)."""
    return FileFacts(
        [i for i in items if isinstance(i, InputProblem)],
        [(i.content_hash, cleaner.evidence(i)) for i in items if isinstance(i, Document)],
    )


def prepare_file(
    tools: Tools, items: Sequence[Document | InputProblem], known: frozenset[str]
) -> list[PreparedDocument]:
    """The second pass for one file: each document not ``known`` to the store
    cleaned, signed and embedded, in the file's order."""
    cleaner, dedup, encoder = tools
    documents = [i for i in items if isinstance(i, Document) and i.content_hash not in known]
    prepared = prepare(cleaner, dedup, documents)
    articles = [p[0] for p in prepared if not isinstance(p, InputProblem)]
    vectors = iter(encoder.encode([vector_text(a) for a in articles]))
    return [(p, None if isinstance(p, InputProblem) else next(vectors)) for p in prepared]


class Checkpoint:
    """The passes' results by key, one file each, written whole or not at all.

    The client writes here, so the folder need not be shared with the
    workers. Results are pickles the client wrote itself; do not point it at
    a folder others can write to.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> Any:
        """The result recorded under ``key``, or None (also for a record that no
        longer loads: it is redone)."""
        try:
            return pickle.loads((self.folder / key).read_bytes())
        except Exception:  # absent, cut short, or written by other code
            return None

    def put(self, key: str, value: object) -> None:
        """Record ``value`` under ``key``: whole, or (after a crash) not at all."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".partial-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.folder / key)

    def clear(self) -> None:
        """Forget every record, once the run they served has committed."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _digest(*parts: object) -> str:
    """A short name for ``parts`` (their ``repr``, so give them in a fixed order),
    and for the code that made them."""
    return hashlib.sha256(repr((_FORMAT, __version__, parts)).encode()).hexdigest()[:32]


def _file_key(path: Path, root: Path) -> str:
    """A file's identity for the checkpoint: its name as given, the folder it is
    read from, its size and modification time (a file gone since it was
    found gets a key of its own; reading it will say what is wrong)."""
    try:
        status = path.stat() if path.is_absolute() else (root / path).stat()
        stamp = (status.st_size, status.st_mtime_ns)
    except OSError:
        stamp = (-1, -1)
    return _digest(str(path), str(root), stamp)


def _tools(cleaner: Cleaner, dedup: Deduplicator, encoder: TextEncoder) -> Tools:
    """The second pass's tools as one task's result, which the cluster can recompute."""
    return cleaner, dedup, encoder


@contextlib.contextmanager
def connect(address: str) -> Iterator[Any]:
    """A ``dask.distributed.Client`` for ``address``: ``local:N`` starts a cluster of
    N worker processes (one thread each) on this machine, anything else is a
    scheduler's address (``tcp://host:8786``). Both are closed on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise NewsdeskError("--dask needs Dask: pip install 'newsdesk[dask]'") from error
    with contextlib.ExitStack() as stack:
        if address.startswith("local:"):
            count = address.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise NewsdeskError(f"--dask {address}: give local:N with N workers, 1 or more")
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=int(count),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(address, timeout=30))
            except (OSError, ValueError) as error:  # unreachable, or not an address
                raise NewsdeskError(
                    f"cannot reach the Dask scheduler at {address}: {error}"
                ) from error
        yield client


class Backfill(Pipeline):
    """A :class:`~newsdesk.pipeline.Pipeline` whose per-document and per-story work
    runs on the Dask cluster of ``client`` (see the module's docstring).

    ``checkpoint`` is the folder where finished files are recorded (default:
    none, and nothing resumes); one back-fill at a time uses it, and the run
    that commits clears it. Feeds are not fetched here: a back-fill reads
    files and archives.
    """

    def __init__(
        self,
        store: Store,
        config: PipelineConfig | None = None,
        *,
        client: Any,
        checkpoint: Path | None = None,
        embedder: TextEncoder | None = None,
        progress: ProgressReporter | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(
            store, config, embedder, progress, notify=notify, executor=client.get_executor()
        )
        self.client = client
        self.checkpoint = Checkpoint(checkpoint) if checkpoint else None
        # Enough briefs in flight to keep every worker thread busy.
        self.window = 2 * max(1, sum(client.nthreads().values()))

    def run(
        self,
        paths: Sequence[str | Path] | Inputs,
        as_of: datetime | None = None,
        feeds: Sequence[str] = (),
    ) -> RunReport:
        """As :meth:`Pipeline.run`, on the cluster; a cluster that fails the run
        (a task that killed its workers on every try, a lost scheduler) is a
        :class:`~newsdesk.errors.NewsdeskError`, and nothing is stored."""
        if feeds:
            raise NewsdeskError("a back-fill reads files and archives; fetch feeds in a plain run")
        from distributed import KilledWorker

        try:
            return super().run(paths, as_of)
        except (KilledWorker, CancelledError) as error:
            kept = (
                f"; finished files are kept in {self.checkpoint.folder}" if self.checkpoint else ""
            )
            raise NewsdeskError(
                f"the Dask cluster failed the run ({type(error).__name__}: {error}); "
                f"nothing was stored{kept}"
            ) from error

    def _run(
        self, inputs: Inputs, as_of: datetime | None, feeds: Sequence[str], fetched: FetchResult
    ) -> RunReport:
        report = super()._run(inputs, as_of, feeds, fetched)
        if self.checkpoint:  # still under the run lock: the next run's records are safe
            self.checkpoint.clear()
        return report

    def _prepare(
        self, inputs: Inputs, fetched: FetchResult, dedup: Deduplicator, report: RunReport
    ) -> CleanedBatch:
        files = inputs.files
        root = Path.cwd()
        keys = [_file_key(path, root) for path in files]
        reads: dict[int, Any] = {}  # file index -> its documents, held on a worker
        learner = Cleaner(self.config.min_repeats, self.config.min_body_words)

        def read(index: int) -> Any:
            reads[index] = self.client.submit(read_file, files[index], root, pure=False)
            return self.client.submit(file_facts, reads[index], learner, pure=False)

        facts: list[FileFacts] = self._map_files(
            "Reading", "read", [f"facts-{k}" for k in keys], read
        )
        report.skipped = list(inputs.skipped)
        report.problems.extend([*inputs.problems, *(p for f in facts for p in f.problems)])
        known = self._known_documents([h for f in facts for h, _ in f.documents], report)
        cleaner, prior = self._fitted_cleaner(
            [e for f in facts for h, e in f.documents if h not in known]
        )
        # A task's result, not scattered data, so that a worker's death loses nothing.
        tools = self.client.submit(_tools, cleaner, dedup, self.embedder, pure=False)

        def clean(index: int) -> Any:
            documents = reads.pop(index, None)
            if documents is None:  # read in an earlier attempt: read again
                documents = self.client.submit(read_file, files[index], root, pure=False)
            ours = frozenset(h for h, _ in facts[index].documents if h in known)
            return self.client.submit(prepare_file, tools, documents, ours, pure=False)

        # Whatever the second pass's results depend on besides the file: the
        # settings, the other files, and what the store held for the cleaner.
        settings = _digest(
            self.config,
            (dedup.threshold, dedup.num_perm, dedup.shingle),
            type(self.embedder).__name__,
            getattr(self.embedder, "max_tokens", None),
            keys,
            sorted(known),
            sorted((outlet, sorted(counts.items())) for outlet, counts in prior.items()),
        )
        names = [f"prepared-{k}-{settings}" for k in keys]
        results: list[list[PreparedDocument]] = self._map_files(
            "Cleaning and embedding", "cleaned", names, clean
        )
        batch = CleanedBatch()
        for found, prepared in zip(facts, results, strict=True):
            new = [(h, e) for h, e in found.documents if h not in known]
            for (content_hash, learned), (result, vector) in zip(new, prepared, strict=True):
                batch.add(content_hash, learned.group_key, result, report, vector)
        return batch

    def _map_files(
        self, stage: str, done: str, names: list[str], submit: Callable[[int], Any]
    ) -> list[Any]:
        """One result per file, in the files' order: the checkpoint's record
        ``names[i]`` where there is one, else the result of the future
        ``submit(i)``, recorded as it comes."""
        from distributed import as_completed

        results = [self.checkpoint.get(name) if self.checkpoint else None for name in names]
        advance = self.progress.stage(stage, len(names))
        resumed = sum(1 for r in results if r is not None)
        advance(resumed)
        if resumed and self.notify and self.checkpoint:
            self.notify(
                f"Resumed from {self.checkpoint.folder}: {resumed} of {len(names)} files {done} "
                "before."
            )
        pending = {submit(i): i for i, r in enumerate(results) if r is None}
        for future in as_completed(list(pending)):
            index = pending.pop(future)
            results[index] = future.result()
            if self.checkpoint:
                self.checkpoint.put(names[index], results[index])
            advance(1)
        return results
