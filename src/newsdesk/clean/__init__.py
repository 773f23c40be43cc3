"""Clean: documents with site chrome in, articles without it out.

A line is chrome when a generic interface cue marks it (:mod:`.cues`) or when
its outlet repeats it across documents (:mod:`.repeats`). Bylines and date
lines become metadata; kicker and section labels above the headline go.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from newsdesk.clean.cues import (
    MAX_CHROME_WORDS,
    chrome_cue,
    highlights_box,
    strong_cue,
    strong_cues_in,
)
from newsdesk.clean.outlets import OutletNamer, domain_of
from newsdesk.clean.repeats import RepeatedLines
from newsdesk.ingest.dates import find_date
from newsdesk.model import Article, Document, InputProblem
from newsdesk.text.sentences import split_sentences, strip_dateline

__all__ = ["Cleaner", "Evidence", "article_id", "paragraphs_of", "without_site_name"]

_TERMINAL = (".", "!", "?", '"', "'", "”", "’", ":", ";", ")", "。", "！", "？")
_BYLINE = re.compile(r"^by\s+(?P<name>[^/|,–—\d]{2,60}?)\s*(?:[/|,–—]\s*(?P<rest>.*))?$", re.I)
# "posted at 10:01 pm on March 2, 2016 by John Sexton", "Updated at 10:30 p.m.": a
# page's stamp names a clock time ("Updated on Monday, the list shows..." is news).
_POSTED = re.compile(
    r"^(?:last\s+)?(?:posted|published|updated)\b.*?\b\d{1,2}(?::\d{2}|\s*[ap]\.?m\b)", re.I
)
_MAX_TITLE_WORDS = 25
# "Headline - Site", "Headline | Site", "Headline – Site"
_SITE_SUFFIX = re.compile(r"^(.*\S)\s+[-–—|·:]\s+([^-–—|·:]{2,60})$")
# Section labels and kickers above a headline are shorter than the headline.
_MIN_TITLE_WORDS = 4
_HEADER_LINES = 12
# Hard-wrapped text: at least this many lines, wrapped at a width in this
# range, most of them at least this share of it.
_MIN_WRAPPED_LINES = 6
_MIN_WRAP_WIDTH = 55
_MAX_WRAP_WIDTH = 100
_FULL_LINE = 0.8


def _split_glued_chrome(line: str) -> tuple[str, list[str]]:
    """A long line without the sentences a strong cue marks, and those sentences.

    A line too long for a cue is read as a paragraph of the article, but a
    scraper may have glued a newsletter box or a gallery's captions into it.
    """
    cues = strong_cues_in(line) if len(line.split()) > MAX_CHROME_WORDS else ()
    if not cues:
        return line, []
    kept: list[str] = []
    cut: list[str] = []
    for sentence in split_sentences(line):
        (cut if strong_cue(sentence, cues) else kept).append(sentence)
    return (" ".join(kept), cut) if cut else (line, [])


def paragraphs_of(text: str) -> list[str]:
    """Text lines as paragraphs, re-joining lines that a hard wrap split.

    A line continues into the next when it does not end a sentence and the
    next line starts in lower case, as wrapped prose does. In text wrapped at
    a fixed width (wire copy, e-mail), a line that reaches close to that
    width also continues into the next, even before a capital: the wrap, not
    the writer, broke it there. A shorter line (a heading, a byline, a
    paragraph's last line) is the writer's break.
    """
    lines = [" ".join(raw.split()) for raw in text.splitlines()]
    width = _wrap_width(lines)
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        wrapped = width is not None and len(previous) >= _FULL_LINE * width
        open_sentence = previous and not previous.endswith(_TERMINAL)
        if previous and (wrapped or (open_sentence and line[0].islower())):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous = line
    return paragraphs


def _wrap_width(lines: list[str]) -> float | None:
    """The width the text is hard-wrapped at, or None when it is not wrapped.

    Wrapped text has many lines, most of them close to one width (taken as
    the 90th percentile of line lengths, so one long URL does not hide it),
    and most of those end mid-sentence; text with a paragraph per line has
    neither, and lists of short headlines are narrower than any wrap.
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    full = [line for line in lines if line and len(line) >= _FULL_LINE * width]
    mid_sentence = sum(not line.endswith(_TERMINAL) for line in full)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return None
    if len(full) < len(lengths) / 2 or mid_sentence < len(full) / 2:
        return None
    return width


def article_id(outlet: str, paragraphs: Iterable[str]) -> str:
    """A stable id from the outlet and the normalised body text."""
    body = " ".join(" ".join(paragraphs).casefold().split())
    return hashlib.sha256(f"{outlet.casefold()}\n{body}".encode()).hexdigest()[:16]


def _byline_match(line: str) -> re.Match[str] | None:
    """The byline match of ``line``, unless the line is a sentence that opens with "By".

    A byline names someone ("By Jane Roe / March 3, 2026"); "By noon, the queue
    had grown." and "By Tuesday, 40 people had left." are reporting.
    """
    match = _BYLINE.match(line)
    if match is None or not match.group("name")[:1].isupper():
        return None
    if match.group("rest") and line.rstrip().endswith((".", "!", "?")):
        return None
    return match


def _is_title_like(line: str) -> bool:
    words = _word_count(line)
    full_stop = line.endswith((".", "。"))
    return 2 <= words <= _MAX_TITLE_WORDS and not full_stop and not _byline_match(line)


@dataclass(frozen=True)
class Evidence:
    """What :meth:`Cleaner.fit` learns from one document: the key its lines are
    counted under, the signatures of its short lines, its domain and site name."""

    group_key: str
    lines: frozenset[str]
    domain: str | None
    site_name: str | None


class Cleaner:
    """Strips chrome and resolves metadata; fit on a batch, then clean each document.

    Parameters
    ----------
    min_repeats:
        In how many documents of one outlet a short line must recur to be
        taken as that site's chrome.
    min_body_words:
        A document with fewer words of body left is reported, not kept;
        the minimum is meant for scraped pages, so a document whose input
        states its text (``Document.stated_text``) needs only one word.
    """

    def __init__(self, min_repeats: int = 2, min_body_words: int = 25) -> None:
        self.min_repeats = min_repeats
        self.min_body_words = min_body_words
        self._repeats = RepeatedLines(min_documents=min_repeats)
        self._namer = OutletNamer()

    def fit(
        self,
        documents: Iterable[Document],
        prior_lines: Mapping[str, Mapping[str, int]] | None = None,
    ) -> Cleaner:
        """Learn repeated lines and outlet names from ``documents``.

        ``prior_lines`` are repeated-line counts of documents read before
        (see :meth:`newsdesk.store.Store.line_counts`).
        """
        return self.fit_evidence([self.evidence(d) for d in documents], prior_lines)

    def fit_evidence(
        self,
        evidence: Iterable[Evidence],
        prior_lines: Mapping[str, Mapping[str, int]] | None = None,
    ) -> Cleaner:
        """:meth:`fit` from what each document gives it (:meth:`evidence`), in the
        batch's order: on a cluster the workers keep the texts and send this."""
        evidence = list(evidence)
        self._repeats = RepeatedLines(min_documents=self.min_repeats).fit_signatures(
            ((e.group_key, e.lines) for e in evidence), prior_lines
        )
        self._namer = OutletNamer().fit_names((e.domain, e.site_name) for e in evidence)
        return self

    def evidence(self, document: Document) -> Evidence:
        """All that :meth:`fit` reads of ``document``: a few hashes and names."""
        return Evidence(
            OutletNamer.group_key(document),
            frozenset(self.line_signatures(document)),
            domain_of(document.url),
            document.outlet,
        )

    def line_signatures(self, document: Document) -> set[str]:
        """What :meth:`fit` counts of ``document``, for the store to keep."""
        return self._repeats.signatures(paragraphs_of(document.text))

    def chrome_reason(self, document: Document, line: str) -> str | None:
        """Why ``line`` of ``document`` is chrome, or None when it is content."""
        cue = chrome_cue(line)
        if cue:
            return cue
        if self._repeats.is_repeated(OutletNamer.group_key(document), line):
            return "repeated on the outlet's pages"
        return None

    def clean(self, document: Document) -> Article | InputProblem:
        content: list[str] = []
        chrome: list[str] = []
        glued: list[str] = []
        lines = paragraphs_of(document.text)
        box = highlights_box(lines)
        for index, line in enumerate(lines):
            if index in box or self.chrome_reason(document, line):
                chrome.append(line)
                continue
            kept, cut = _split_glued_chrome(line)
            glued.extend(cut)
            if kept:
                content.append(kept)
        author, published = _byline(lines[: _HEADER_LINES + len(chrome)])
        title, body = self._split_header(document, content)
        # A stated text (a wire flash of 20 words) needs only to be there.
        minimum = 1 if document.stated_text else self.min_body_words
        if sum(_word_count(p) for p in body) < minimum:
            what = (
                "no article text"
                if document.stated_text
                else f"fewer than {self.min_body_words} words of article text"
            )
            problem = f"{what} after removing site chrome"
            if document.place:
                return InputProblem(document.path, f"{document.place}: {problem}")
            return InputProblem(document.key, problem)
        outlet, origin = self._namer.name(document, chrome + glued, body[0] if body else "")
        title = without_site_name(title, outlet)
        return Article(
            id=article_id(outlet, body),
            path=document.path,
            index=document.index,
            outlet=outlet,
            outlet_origin=origin,
            title=title,
            paragraphs=tuple(body),
            url=document.url,
            published=document.published or published,
            author=document.author or author,
            bundle=document.bundle,
        )

    def run(self, documents: Iterable[Document]) -> tuple[list[Article], list[InputProblem]]:
        """Fit on ``documents`` and clean each of them."""
        documents = list(documents)
        self.fit(documents)
        articles: list[Article] = []
        problems: list[InputProblem] = []
        for document in documents:
            result = self.clean(document)
            if isinstance(result, InputProblem):
                problems.append(result)
            else:
                articles.append(result)
        return articles, problems

    def _split_header(self, document: Document, lines: list[str]) -> tuple[str, list[str]]:
        """The title and the body among the content lines.

        Bylines and date lines near the top are metadata, not body; when the
        document has no title, the first headline-like line before the body
        is its title, and short labels above it (kickers) are dropped.
        """
        title = document.title
        short_label: str | None = None
        body: list[str] = []
        for position, line in enumerate(lines):
            near_top = position < _HEADER_LINES
            in_header = near_top and not any(_is_sentence(b) for b in body)
            if near_top and _is_byline_or_date(line):
                continue
            if title is None and in_header and _is_title_like(line):
                if _word_count(line) < _MIN_TITLE_WORDS:
                    short_label = short_label or line
                    continue
                title, body = line, []
                continue
            if title is not None and line.casefold() == title.casefold():
                continue
            body.append(line)
        if title is None:
            title = short_label or _fallback_title(body)
        return title, body


def _is_byline_or_date(line: str) -> bool:
    words = len(line.split())
    return (words <= 12 and (_byline_match(line) is not None or bool(_POSTED.match(line)))) or (
        words <= 6 and find_date(line) is not None
    )


def _byline(lines: list[str]) -> tuple[str | None, datetime | None]:
    """Author and date from the byline or date lines at the top of a page."""
    author: str | None = None
    published: datetime | None = None
    for line in lines:
        if len(line.split()) > 12:
            continue
        match = _byline_match(line)
        if match and author is None:
            author = match.group("name").strip()
            published = published or find_date(match.group("rest") or "")
        elif len(line.split()) <= 6:
            published = published or find_date(line)
    return author, published


def _squash(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold().removeprefix("the "))


def without_site_name(title: str, outlet: str) -> str:
    """``title`` without a trailing site name ("Fares rise - Island Echo")."""
    match = _SITE_SUFFIX.match(title)
    if match and _squash(match.group(2)) in {_squash(outlet), _squash(outlet.split(".")[0])}:
        return match.group(1)
    return title


# Chinese, Japanese and Korean text has no spaces between words; each of its
# characters counts as a word, so such pages are not rejected as too short.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _word_count(text: str) -> int:
    return len(text.split()) + len(_CJK.findall(text))


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 8 and line.endswith(_TERMINAL)


def _fallback_title(body: list[str]) -> str:
    """The opening words of the body, past a wire dateline ("LAHORE: ", "TORONTO—"),
    which no headline carries."""
    first = strip_dateline(body[0], opening=True) if body else "Untitled"
    words = first.split()
    return first if len(words) <= _MAX_TITLE_WORDS else " ".join(words[:12]) + "…"
