"""The pipeline: ingest -> clean -> dedup -> cluster -> summarize, over the store.

Cheap work runs for every article (cleaning, hashing, MinHash, one
embedding); sentence embeddings run only for the brief's same-content checks
(attribution and "new since"), on sentences that share enough words.
Articles, stories and briefs are written in one transaction per run, so a run
that is killed leaves the store as it was, and a re-run of the same input
finds every article already stored and changes nothing.

Stories live across runs: a later run's articles join the open stories they
continue, a brief that grew says what is new since the previous one, and a
story with no report for ``close_after_days`` on the news clock (the newest
report seen, never later than the run's date) is closed and archived.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import numpy as np

from newsdesk.clean import Cleaner, Evidence
from newsdesk.clean.outlets import OutletNamer
from newsdesk.cluster import StoryClusterer, signal_of
from newsdesk.dedup import Deduplicator
from newsdesk.embed import Embedder, TextEncoder
from newsdesk.errors import ConfigError
from newsdesk.ingest import read_files
from newsdesk.ingest.fetch import FeedFetcher, FetchResult
from newsdesk.model import Article, Brief, Document, OutletOrigin
from newsdesk.parallel import InProcessExecutor, chunks, ordered_map
from newsdesk.run_inputs import Inputs
from newsdesk.run_report import RunReport
from newsdesk.store import Store
from newsdesk.summarize import BriefWriter
from newsdesk.work_units import (
    CLEAN_CHUNK,
    BriefUnit,
    CleanedBatch,
    embed,
    prepare,
    vector_text,
    write_brief,
)

__all__ = ["Pipeline", "PipelineConfig", "ProgressReporter", "RunReport"]


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a time without a zone is taken to be UTC already."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


class ProgressReporter(Protocol):
    """Told how far each long stage has got (the CLI draws progress bars)."""

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        """Start a stage of ``total`` steps; the returned callable advances it."""
        ...


class _Silent:
    def stage(self, name: str, total: int) -> Callable[[int], None]:
        return lambda steps: None


@dataclass(frozen=True)
class PipelineConfig:
    """Every tunable of a run, saved with the run in the store.

    A value outside its range is refused when the config is made, naming it.
    """

    min_repeats: int = 2
    min_body_words: int = 25
    duplicate_threshold: float = 0.5
    cluster_threshold: float = 0.8
    name_weight: float = 0.6
    lead_weight: float = 0.3
    title_weight: float = 0.2
    time_weight: float = 0.05
    window_days: float = 7.0
    merge_threshold: float = 1.0
    close_after_days: float = 7.0
    brief_sentences: int = 5
    brief_words: int = 150
    min_sources: int = 2
    embed_batch: int = 8

    def __post_init__(self) -> None:
        positive = ("window_days", "close_after_days", "brief_sentences", "brief_words")
        for name in positive:
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ConfigError(f"{name} must be a positive finite number, got {value}")


class Pipeline:
    """Runs the stages over input paths and writes the results to ``store``.

    Per-document work (reading and extracting a file; cleaning and MinHash
    once the batch has taught the cleaner; embedding) and per-story work
    (writing a brief) runs on ``executor`` (:mod:`newsdesk.work_units`), in
    this process by default (``newsdesk run`` gives it a process pool of
    every core); the rest needs the whole batch and runs here. The results
    are the same whatever the executor (see :mod:`newsdesk.parallel`).
    """

    def __init__(
        self,
        store: Store,
        config: PipelineConfig | None = None,
        embedder: TextEncoder | None = None,
        progress: ProgressReporter | None = None,
        fetcher: FeedFetcher | None = None,
        notify: Callable[[str], None] | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.store = store
        self.executor = executor or InProcessExecutor()
        self.notify = notify
        self.fetcher = fetcher or FeedFetcher()
        self.config = config or PipelineConfig()
        # On a pool the workers are the parallelism: a model that also spread
        # each pass over every core would have the workers fight for them.
        threads = None if isinstance(self.executor, InProcessExecutor) else 1
        self.embedder = embedder or Embedder(batch_size=self.config.embed_batch, threads=threads)
        self.progress: ProgressReporter = progress or _Silent()
        # Units in flight at once (None: twice the executor's workers).
        self.window: int | None = None

    def run(
        self,
        paths: Sequence[str | Path] | Inputs,
        as_of: datetime | None = None,
        feeds: Sequence[str] = (),
    ) -> RunReport:
        """Read ``paths`` (or the :class:`Inputs` found in them) and fetch
        ``feeds`` (feed and page URLs) into the store as of ``as_of``
        (default: now). A path that does not exist is an input problem here;
        the command line refuses it before calling.

        The run holds the store's run lock from start to end: a second run
        on the same database waits for it (telling ``notify``) or stops
        with :class:`~newsdesk.store.StoreBusyError`.
        """
        # Fetching comes first and outside the lock: network time holds up no other run.
        inputs = paths if isinstance(paths, Inputs) else Inputs.find(paths)
        fetched = self._fetch(feeds) if feeds else FetchResult()
        with self.store.exclusive(self.notify):
            return self._run(inputs, as_of, feeds, fetched)

    def _fetch(self, feeds: Sequence[str]) -> FetchResult:
        advance = self.progress.stage("Fetching", len(feeds))
        fetched = self.fetcher.fetch(
            feeds, self.store.fetch_validators(feeds), self.store.stored_urls
        )
        advance(len(feeds))
        return fetched

    def _run(
        self,
        inputs: Inputs,
        as_of: datetime | None,
        feeds: Sequence[str],
        fetched: FetchResult,
    ) -> RunReport:
        config = self.config
        now = _utc(as_of or datetime.now(UTC))
        run_id = self.store.start_run(
            [*inputs.paths, *feeds], dataclasses.asdict(config), as_of=now
        )
        report = RunReport(run_id=run_id)
        dedup = Deduplicator(config.duplicate_threshold)
        batch = self._prepare(inputs, fetched, dedup, report)
        new = self._new_articles(list(batch.articles.values()), report)
        report.unnamed_outlets = Counter(
            str(Path(a.path).parent) for a in new if a.outlet_origin is OutletOrigin.FOLDER
        )
        marked, signatures = dedup.run(
            new, known=self.store.dedup_index(), signatures=batch.signatures
        )
        report.near_copies = sum(1 for a in marked if a.duplicate_of)
        vectors = self._embed(marked, batch.vectors)
        clusterer = StoryClusterer(
            threshold=config.cluster_threshold,
            name_weight=config.name_weight,
            lead_weight=config.lead_weight,
            title_weight=config.title_weight,
            time_weight=config.time_weight,
            window_days=config.window_days,
            merge_threshold=config.merge_threshold,
        )
        open_stories = self.store.open_stories()
        earlier = {s.id: set(s.article_ids) for s in open_stories}
        # A story is updated if it held reports before this run (its own, or
        # those of a story it absorbed), and created otherwise.
        outcome = clusterer.assign([signal_of(a, vectors[a.id]) for a in marked], open_stories)
        since = self._previous_briefs([s.id for s in outcome.stories], outcome.merged)
        for absorbed, survivor in outcome.merged.items():
            earlier.setdefault(survivor, set()).update(earlier.pop(absorbed, set()))
        with self.store.transaction():
            self.store.save_stories(outcome.stories, now)
            self.store.save_articles(run_id, marked, outcome.story_of, signatures, vectors)
            self.store.merge_stories(outcome.merged, outcome.story_of)
            self.store.save_documents({h: a.id for h, a in batch.articles.items()})
            self.store.save_lines(
                (outlet, line, document)
                for outlet, document, lines in batch.line_groups
                for line in lines
            )
            self.store.add_problems(run_id, report.problems)
            # With the documents, or a killed run would lose a feed's entries to a 304.
            self.store.save_validators(fetched.validators, now)
            report.briefs_written = self._write_briefs(
                [s.id for s in outcome.stories], earlier, since, run_id, now
            )
            report.stories_closed = len(self._close_quiet_stories(now))
        report.stories_updated = sum(1 for s in outcome.stories if earlier.get(s.id))
        report.stories_created = len(outcome.stories) - report.stories_updated
        self.store.finish_run(run_id, report.counts)
        return report

    def _prepare(
        self, inputs: Inputs, fetched: FetchResult, dedup: Deduplicator, report: RunReport
    ) -> CleanedBatch:
        """The per-document work: read, clean, sign. The documents (texts with
        their chrome) are dropped once cleaned."""
        return self._clean(self._ingest(inputs, fetched, report), dedup, report)

    def _ingest(self, inputs: Inputs, fetched: FetchResult, report: RunReport) -> list[Document]:
        """Documents read from ``inputs`` or fetched that no earlier run has
        turned into articles."""
        report.skipped = list(inputs.skipped)
        advance = self.progress.stage("Reading", len(inputs.files))
        ingested = read_files(inputs.files, lambda _: advance(1), self.executor, self.window)
        report.problems.extend([*inputs.problems, *ingested.problems, *fetched.problems])
        report.unchanged_feeds = len(fetched.unchanged)
        documents = ingested.documents + fetched.documents
        known = self._known_documents([d.content_hash for d in documents], report)
        return [d for d in documents if d.content_hash not in known]

    def _known_documents(self, hashes: list[str], report: RunReport) -> set[str]:
        """Which of the documents read (by content hash) an earlier run turned into
        articles; the report counts the documents read and those, each copy read."""
        known = self.store.known_documents(hashes)
        report.documents = len(hashes)
        report.known_articles = sum(1 for h in hashes if h in known)
        return known

    def _fitted_cleaner(self, evidence: list[Evidence]) -> tuple[Cleaner, dict[str, Counter[str]]]:
        """A cleaner taught by this batch's documents and by the lines stored for
        their outlets, and those stored counts."""
        prior = self.store.line_counts({e.group_key for e in evidence})
        cleaner = Cleaner(self.config.min_repeats, self.config.min_body_words)
        return cleaner.fit_evidence(evidence, prior), prior

    def _clean(
        self, documents: list[Document], dedup: Deduplicator, report: RunReport
    ) -> CleanedBatch:
        """Each document cleaned and signed.

        The cleaner learns here, from the whole batch and from the repeated
        lines of every document stored before, so one new page of a known
        outlet is cleaned as well as a whole batch of them; the cleaning
        itself is per-document work on the executor, and each document is
        let go once cleaned (``documents`` is emptied): the texts with their
        chrome and the articles are never all held at once. The batch holds the
        repeatable lines of this run's documents as a group per document
        rather than a tuple per line (peak memory at N=5,000 with 2 workers: 345
        MiB against 359).
        """
        learner = Cleaner(self.config.min_repeats, self.config.min_body_words)
        cleaner, _ = self._fitted_cleaner([learner.evidence(d) for d in documents])
        batch = CleanedBatch()
        parts: list[Sequence[Document]] = chunks(documents, CLEAN_CHUNK)
        documents.clear()  # taken over: each chunk is let go once cleaned
        work = functools.partial(prepare, cleaner, dedup)
        for n, prepared in enumerate(ordered_map(self.executor, work, parts, self.window)):
            chunk, parts[n] = parts[n], ()
            for document, result in zip(chunk, prepared, strict=True):
                batch.add(document.content_hash, OutletNamer.group_key(document), result, report)
        return batch

    def _new_articles(self, articles: list[Article], report: RunReport) -> list[Article]:
        """Articles not stored yet, each id once (the same report may come twice)."""
        unique = list({a.id: a for a in reversed(articles)}.values())[::-1]
        report.repeats += len(articles) - len(unique)
        known = self.store.known_ids(a.id for a in unique)
        report.known_articles += len(known)
        new = [a for a in unique if a.id not in known]
        report.new_articles = len(new)
        return new

    def _embed(
        self, articles: list[Article], ready: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        """Each article's vector: from ``ready``, or embedded here (a vector
        does not depend on the texts embedded with it)."""
        vectors = {a.id: ready[a.id] for a in articles if a.id in ready}
        missing = [a for a in articles if a.id not in ready]
        if not missing:
            return vectors
        advance = self.progress.stage("Embedding", len(missing))
        # A chunk of articles is one work unit: big enough that a worker's
        # forward passes are full batches, small enough to spread the work.
        parts = chunks(missing, max(1, self.config.embed_batch * 8))
        texts = ([vector_text(a) for a in chunk] for chunk in parts)
        work = functools.partial(embed, self.embedder)
        for chunk, encoded in zip(
            parts, ordered_map(self.executor, work, texts, self.window), strict=True
        ):
            vectors.update(zip((a.id for a in chunk), encoded, strict=True))
            advance(len(chunk))
        return vectors

    def _close_quiet_stories(self, now: datetime) -> list[str]:
        """Close the stories quiet for ``close_after_days``.

        Whether a story is quiet depends only on the stored reports and the
        run's date, never on what this run changed, so running again on the
        same input changes nothing (a story that took only old reports from
        a replayed archive closes in the run that stored them).
        """
        newest = self.store.latest_report()
        news_clock = min(newest, now) if newest else now
        quiet = timedelta(days=self.config.close_after_days)
        return self.store.close_stories(news_clock - quiet, now - quiet, now)

    def _previous_briefs(self, story_ids: list[str], merged: dict[str, str]) -> dict[str, datetime]:
        """When each story's previous brief was written (not its newest report:
        "new since" counts from the brief the reader saw); a story that absorbed
        others takes the earliest of their briefs, so that what their
        articles reported is not announced as new."""
        since: dict[str, datetime] = {}
        for story_id in [*story_ids, *merged]:
            brief = self.store.brief(story_id)
            if brief is not None:
                survivor = merged.get(story_id, story_id)
                if survivor not in since or brief.written < since[survivor]:
                    since[survivor] = brief.written
        return since

    def _stamped(self, brief: Brief, now: datetime) -> Brief:
        """``brief`` with its two times: ``written`` now, and ``updated`` the time of
        the story's newest report, so a page, a feed entry or the JSON changes its
        date only when the news does. A report without a date counts from when a
        run first stored it (that run's date). Like the news clock, ``updated``
        is never later than the run's date: a report dated after the run is
        taken to have a wrong clock, and no brief shows news newer than itself."""
        times = [_utc(s.published) for s in brief.sources if s.published]
        undated = [s.article_id for s in brief.sources if s.published is None]
        times += [_utc(t) for t in self.store.arrivals(undated).values()]
        newest = min(max(times, default=now), now)
        return dataclasses.replace(brief, updated=newest, written=now)

    def _write_briefs(
        self,
        story_ids: list[str],
        earlier: dict[str, set[str]],
        since: dict[str, datetime],
        run_id: int,
        now: datetime,
    ) -> int:
        writer = BriefWriter(
            self.embedder,
            max_sentences=self.config.brief_sentences,
            max_words=self.config.brief_words,
            min_sources=self.config.min_sources,
        )
        advance = self.progress.stage("Writing briefs", len(story_ids))
        units: Iterator[BriefUnit] = (
            (
                story_id,
                self.store.articles_of(story_id),
                earlier.get(story_id, set()),
                since.get(story_id),
            )
            for story_id in story_ids
        )
        written = 0
        work = functools.partial(write_brief, writer, now)
        for brief in ordered_map(self.executor, work, units, self.window):
            if brief is not None:
                self.store.save_brief(run_id, self._stamped(brief, now))
                written += 1
            advance(1)
        return written
