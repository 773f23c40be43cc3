"""The records that flow between pipeline stages.

Every stage takes and returns these small, frozen records, so a stage can run
in one process, in a worker, or in a test with nothing but plain data.
Embeddings and MinHash signatures are not part of the records: they are
derived, large, and live in the store keyed by article id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

#: How a brief names the outlet of a report known only by its folder.
UNNAMED_SOURCE = "unnamed source"


class OutletOrigin(StrEnum):
    """Where an article's outlet name came from, strongest first."""

    METADATA = "metadata"
    URL = "url"
    TEXT = "text"
    FOLDER = "folder"


@dataclass(frozen=True, slots=True)
class Document:
    """One report as read from the input, site chrome and all.

    ``text`` keeps the input's line structure: one line per paragraph or
    page element, blank lines between blocks. ``index`` is the position of
    the report inside its file (records, feed entries, ``|||||`` parts).
    ``bundle`` names the record when its maker joined several reports in it
    (Multi-News style): they were grouped as one event on purpose.
    ``place`` says where in its file the report lies, as messages name it
    ("line 3", "entry 2"), counted from 1. ``stated_text`` is true when the
    input gives the report's text as such (a JSON record's text field)
    rather than as a page to scrape, so no minimum length applies to it.
    """

    path: str
    index: int
    text: str
    folder: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    author: str | None = None
    bundle: str | None = None
    place: str | None = None
    stated_text: bool = False

    @property
    def key(self) -> str:
        """A readable locator: ``path`` or ``path#index``."""
        return self.path if self.index == 0 else f"{self.path}#{self.index}"

    @property
    def content_hash(self) -> str:
        """A hash of everything read from the input, to recognise it when read again."""
        published = self.published.isoformat() if self.published else ""
        fields = (self.text, self.title or "", self.url or "", self.outlet or "", published)
        return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned report: body paragraphs without chrome, and its metadata.

    ``id`` is a hash of the outlet and the normalised body, so the same
    report read twice (or from two files) is one article.
    ``duplicate_of`` names the original when this article is an exact or
    near copy (a wire reprint): it stays linked to its story but does not
    count as an independent source. ``bundle`` is the input record it shared
    with other reports, if any (see :class:`Document`).
    """

    id: str
    path: str
    index: int
    outlet: str
    outlet_origin: OutletOrigin
    title: str
    paragraphs: tuple[str, ...]
    url: str | None = None
    published: datetime | None = None
    author: str | None = None
    duplicate_of: str | None = None
    bundle: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def source_key(self) -> str:
        """The key that counts as one independent source.

        Outlets named by metadata, URL or text are compared by name. An
        outlet known only from its folder may be a folder of mixed sites,
        so each such article counts as its own source.
        """
        if self.outlet_origin is OutletOrigin.FOLDER:
            return f"{self.outlet}::{self.id}"
        return self.outlet.casefold()


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about the version of a URL it sent (ETag,
    Last-Modified), to ask next time whether it has changed."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read: the file, and what is wrong with it."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def credit_line(outlets: str, via: str | None) -> str:
    """How a brief names where a text comes from: "Bloomberg", or "according to
    CNN, as reported by Bloomberg" when the source credits another outlet."""
    return f"according to {via}, as reported by {outlets}" if via else outlets


@dataclass(frozen=True, slots=True)
class Edit:
    """One visible change an editor made to a source sentence so that it reads
    on its own: at ``start`` (a character offset in the source sentence) the
    source text ``removed`` gave way to ``inserted``. A dropped connective
    ("But ") inserts nothing; a resolved pronoun ("she") inserts the name in
    square brackets ("[Maren Lund]"), the editor's mark for an insert.
    """

    start: int
    removed: str
    inserted: str


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """A sentence of a brief, from ``article_id``: verbatim, or with ``edits``.

    ``outlets`` names the outlet it was taken from first, then the other
    outlets whose articles carry a sentence of the same content. ``via``
    is the outlet the sentence itself credits ("..., CNN reports"): the
    brief then says "according to CNN, as reported by" its first outlet.
    ``edits`` list, in order, what was dropped or inserted to make the
    sentence read on its own; when a connective is dropped, the first letter
    left is upper-cased. :meth:`source_text` undoes them.
    """

    text: str
    article_id: str
    outlets: tuple[str, ...]
    via: str | None = None
    edits: tuple[Edit, ...] = ()

    def source_text(self) -> str:
        """The sentence as its source has it, rebuilt from ``text`` and ``edits``
        (except the case of the first letter, which a dropped connective changes).
        Once the edits before it are undone, the text before an edit is the
        source's, so each edit's ``start`` is where its insert stands."""
        text = self.text
        for edit in self.edits:
            end = edit.start + len(edit.inserted)
            if text[edit.start : end].casefold() != edit.inserted.casefold():
                raise ValueError(f"edit {edit} does not match {self.text!r}")
            text = text[: edit.start] + edit.removed + text[end:]
        return text

    @property
    def attribution(self) -> str:
        """ "Bloomberg; Reuters", or "according to CNN, as reported by the Monitor; Bloomberg"."""
        names = "; ".join(self.outlets)
        return f"according to {self.via}, as reported by {names}" if self.via else names


@dataclass(frozen=True, slots=True)
class Quote:
    """Words a speaker said, verbatim from ``article_id``.

    ``text`` is exactly what stands between the quotation marks in the
    source; ``speaker`` is the fullest name and role the story gives them;
    ``via`` the outlet the source credits with the quote, if any.
    """

    text: str
    speaker: str
    article_id: str
    outlet: str
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a disagreement: a source sentence or quotation, who says it, and where.

    ``quoted`` is set when ``text`` is the words between quotation marks.
    """

    text: str
    article_id: str
    outlet: str
    speaker: str | None = None
    via: str | None = None
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Difference:
    """Two claims about the same matter that disagree.

    ``kind`` is "denial" (``second`` denies what ``first`` states) or
    "figures" (they give different numbers for the same thing); ``detail``
    says how.
    """

    kind: str
    detail: str
    first: Claim
    second: Claim


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One entry of a brief's source list."""

    article_id: str
    outlet: str
    title: str
    url: str | None
    published: datetime | None
    path: str
    reprint_of: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One report in a story's timeline: when, who, and its opening sentence."""

    published: datetime | None
    outlet: str
    article_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Brief:
    """What a reader sees of a story: headline, attributed sentences, sources.

    ``new_sentences`` are what the reports added since ``new_since`` (the
    previous brief of the story) bring that earlier reports did not;
    ``timeline`` lists the original reports in time order; ``closed`` is set
    once the story has had no new report for the configured number of days.
    ``quotes`` say who said what; ``differences`` where the sources disagree.

    ``updated`` is the time of the story's newest report, the news a reader
    sees; ``written`` is when the brief itself was written, which "new since"
    counts from.
    """

    story_id: str
    headline: str
    sentences: tuple[BriefSentence, ...]
    sources: tuple[SourceRef, ...]
    updated: datetime
    written: datetime
    independent_sources: int = 0
    new_since: datetime | None = None
    new_sentences: tuple[BriefSentence, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    closed: datetime | None = None
    quotes: tuple[Quote, ...] = ()
    differences: tuple[Difference, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets of the original reports (see :func:`shown_outlets`)."""
        return shown_outlets(self.sources)


def shown_outlets(sources: Sequence[SourceRef]) -> tuple[str, ...]:
    """The outlets of the original reports among ``sources``, in source order
    (reprints left out); reports of unknown outlet as one "unnamed source, 3
    reports". A brief's ``independent_sources`` counts these."""
    seen = Counter(s.outlet for s in sources if s.reprint_of is None)
    return tuple(
        f"{name}, {count} reports" if name == UNNAMED_SOURCE and count > 1 else name
        for name, count in seen.items()
    )
