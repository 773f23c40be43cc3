"""The run's work units: what :class:`~newsdesk.pipeline.Pipeline` hands its executor.

Each is a top-level function of its arguments alone, so that a process pool
or a Dask cluster can run it (see :mod:`newsdesk.parallel`): reading a file
is :func:`newsdesk.ingest.read_file`; the three below clean a chunk of
documents, embed a chunk of articles and write a story's brief, and
:class:`CleanedBatch` gathers what the per-document units give. Their
arguments carry what they need and no more: the cleaner once fitted on the
whole batch, a story's articles read from the store.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from newsdesk.clean import Cleaner
from newsdesk.dedup import Deduplicator
from newsdesk.embed import TextEncoder, Vectors
from newsdesk.model import Article, Brief, Document, InputProblem
from newsdesk.run_report import RunReport
from newsdesk.summarize import BriefWriter

__all__ = [
    "CLEAN_CHUNK",
    "BriefUnit",
    "CleanedBatch",
    "Prepared",
    "embed",
    "prepare",
    "vector_text",
    "write_brief",
]

# Documents per cleaning unit: the fitted cleaner travels with each unit, so a
# unit is large enough that shipping it costs little beside the cleaning.
CLEAN_CHUNK = 256

# A document as cleaning leaves it: a problem, or its article, the lines the
# cleaner may learn from it, and the article's MinHash signature.
Prepared = InputProblem | tuple[Article, set[str], np.ndarray]

# A story's brief to write: its id, its articles, the ids it had at its previous
# brief, and when that was written.
BriefUnit = tuple[str, list[Article], Collection[str], datetime | None]


# A document's repeatable lines, to remember: its outlet key, its content hash, the lines.
LineGroup = tuple[str, str, set[str]]


@dataclass
class CleanedBatch:
    """The per-document work of a run, gathered for the whole-batch steps:
    articles by the content hash of their document, the lines to remember, and
    each article's MinHash signature and (where the work unit took it) vector,
    by article id."""

    articles: dict[str, Article] = field(default_factory=dict)
    line_groups: list[LineGroup] = field(default_factory=list)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)

    def add(
        self,
        content_hash: str,
        group_key: str,
        prepared: Prepared,
        report: RunReport,
        vector: np.ndarray | None = None,
    ) -> None:
        """Take one document's result, in the batch's order: the same input read
        twice counts as a repeat, and a document that cleaning refused as a problem."""
        if content_hash in self.articles:
            report.repeats += 1
        elif isinstance(prepared, InputProblem):
            report.problems.append(prepared)
            report.unreadable += 1
        else:
            article, lines, signature = prepared
            self.articles[content_hash] = article
            self.signatures[article.id] = signature
            if vector is not None:  # the first report of an id, as the run keeps it
                self.vectors.setdefault(article.id, vector)
            self.line_groups.append((group_key, content_hash, lines))


def prepare(cleaner: Cleaner, dedup: Deduplicator, documents: list[Document]) -> list[Prepared]:
    """Each document cleaned, with its repeatable lines and its article's MinHash
    signature: the per-document work after the batch has taught the cleaner."""
    prepared: list[Prepared] = []
    for document in documents:
        result = cleaner.clean(document)
        if isinstance(result, InputProblem):
            prepared.append(result)
        else:
            signature = dedup.signature(result).hashvalues
            prepared.append((result, cleaner.line_signatures(document), signature))
    return prepared


def vector_text(article: Article) -> str:
    """What an article's vector is taken of: its title, then its text."""
    return f"{article.title}.\n{article.text}"


def embed(encoder: TextEncoder, texts: list[str]) -> Vectors:
    """The vectors of one chunk of texts, in order."""
    return encoder.encode(texts)


def write_brief(writer: BriefWriter, now: datetime, unit: BriefUnit) -> Brief | None:
    """The brief of one story as of ``now``, or None (see :meth:`BriefWriter.write`)."""
    story_id, articles, earlier, since = unit
    return writer.write(story_id, articles, now, earlier=earlier, since=since)
