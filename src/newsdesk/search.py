"""The served full-text search: what people type, made into an FTS5 query of bounded cost.

By default a query is plain words, as in the static search: each word the
user typed (split at spaces) becomes one quoted FTS5 phrase of the index's
own terms, and the phrases are AND'ed. So "Okafor-Lund" finds the name as
written (the phrase "okafor lund"), "3.25%" finds "3.25%", and "rate cut?"
needs no escaping. A word's last term of three letters or more also matches
longer words ("vote" finds "voters"), as in the static search; a shorter one
would match too many. With ``syntax=fts5`` the query is SQLite's FTS5
syntax as it is.

Every query is bounded: at most 500 characters and 32 terms, no FTS5 prefix
shorter than three characters (``a*`` alone expands to most of the index),
and a time limit enforced inside SQLite (see :meth:`Store.search`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from markupsafe import Markup, escape

from newsdesk.publish.links import safe_url
from newsdesk.store import Store
from newsdesk.store.shelf import ArticleMatch, Marks, SearchError

__all__ = [
    "MAX_QUERY_CHARACTERS",
    "MAX_TERMS",
    "MIN_PREFIX",
    "QueryRefused",
    "ResultsPage",
    "SearchResult",
    "Syntax",
    "marked",
    "run_search",
    "to_fts5",
]

MAX_QUERY_CHARACTERS = 500
MAX_TERMS = 32
MIN_PREFIX = 3
# A prefix in FTS5 syntax: the word before a "*", past a closing quote ('"port ke"*').
_FTS5_PREFIX = re.compile(r'([^\W_]*)"?\s*\*')


class Syntax(StrEnum):
    """How a query is read: plain words (the default) or SQLite's FTS5 syntax."""

    PLAIN = "plain"
    FTS5 = "fts5"


class QueryRefused(SearchError):
    """A query newsdesk will not run (too long, too many terms, too short a prefix)."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One matching report, ready to show: ``title_html`` and ``snippet`` are escaped
    HTML with the matched words in ``<mark>``."""

    article_id: str
    title: str
    title_html: Markup
    snippet: Markup
    outlet: str
    published: datetime | None
    url: str | None
    story_id: str
    story_headline: str | None  # None when the story has no brief, hence no page


@dataclass(frozen=True, slots=True)
class ResultsPage:
    """``results`` are the reports ``offset`` to ``offset + len(results)`` of ``total``."""

    query: str
    syntax: Syntax
    total: int
    limit: int
    offset: int
    results: tuple[SearchResult, ...]

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.results) < self.total


def to_fts5(store: Store, query: str, syntax: Syntax) -> str:
    """``query`` as an FTS5 expression; empty when it holds no word to look for.

    Raises :class:`QueryRefused` for a query whose cost is not bounded.
    """
    if len(query) > MAX_QUERY_CHARACTERS:
        raise QueryRefused(
            f"the query has {len(query):,} characters; at most {MAX_QUERY_CHARACTERS} are allowed"
        )
    words = query.split()
    terms = store.index_terms(words if syntax is Syntax.PLAIN else [query])
    count = sum(map(len, terms))
    if count > MAX_TERMS:
        raise QueryRefused(f"the query has {count} words; at most {MAX_TERMS} are allowed")
    if syntax is Syntax.FTS5:
        for prefix in _FTS5_PREFIX.findall(query):
            if len(prefix) < MIN_PREFIX:
                raise QueryRefused(
                    f"the prefix {prefix + '*'!r} is too short: a prefix needs at least "
                    f"{MIN_PREFIX} characters before the *"
                )
        return query
    return " AND ".join(_phrase(word_terms) for word_terms in terms if word_terms)


def _phrase(terms: list[str]) -> str:
    quoted = '"' + " ".join(terms).replace('"', '""') + '"'
    return quoted + "*" if len(terms[-1]) >= MIN_PREFIX else quoted


def marked(text: str, marks: Marks) -> Markup:
    """``text`` escaped, with each span between ``marks`` as a ``<mark>`` element.

    The marks are taken as they come, and a mark left open is closed, so
    the elements always nest and close.
    """
    parts: list[str] = []
    inside = False
    splitter = f"({re.escape(marks.start)}|{re.escape(marks.end)})"
    for piece in re.split(splitter, text):
        if piece in (marks.start, marks.end):
            opens = piece == marks.start
            if opens != inside:
                parts.append("<mark>" if opens else "</mark>")
                inside = opens
        else:
            parts.append(str(escape(piece)))
    if inside:
        parts.append("</mark>")
    return Markup("".join(parts))


def run_search(
    store: Store, query: str, syntax: Syntax, limit: int, offset: int, seconds: float
) -> ResultsPage:
    """One page of the reports matching ``query``, best first, each with its story."""
    match = to_fts5(store, query, syntax)
    total, matches = store.search(match, limit, offset, seconds) if match else (0, [])
    return ResultsPage(
        query, syntax, total, limit, offset, tuple(_result(store, m) for m in matches)
    )


def _result(store: Store, match: ArticleMatch) -> SearchResult:
    story_id = store.current_id(match.story_id) or match.story_id
    brief = store.brief(story_id)
    return SearchResult(
        article_id=match.article_id,
        title=match.title,
        title_html=marked(match.marked_title, match.marks),
        snippet=marked(match.snippet, match.marks),
        outlet=match.outlet,
        published=match.published,
        url=safe_url(match.url),
        story_id=story_id,
        story_headline=brief.headline if brief else None,
    )
