"""The store's briefs, and full-text search over the stored articles.

A mixin of :class:`~newsdesk.store.Store`, kept apart so the store's main
module holds the articles and stories.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsdesk.errors import NewsdeskError
from newsdesk.model import Brief
from newsdesk.store.codec import brief_from_dict, brief_to_dict, from_iso, iso

_SNIPPET_WORDS = 32
_PROGRESS_STEPS = 1000  # SQLite virtual machine steps between two looks at the clock


class SearchError(NewsdeskError):
    """A search query that cannot be run; the message says why, for the person searching."""


class SearchTimeout(SearchError):
    """A search that ran past its time limit and was stopped."""


@dataclass(frozen=True, slots=True)
class Marks:
    """What snippet() and highlight() put before and after each matched word.

    Each search makes its own: private-use characters around a random nonce, so
    the caller can escape the text and then turn the marks into markup, and no
    article can forge them (an article may well hold private-use characters).
    """

    start: str
    end: str

    @classmethod
    def fresh(cls) -> Marks:
        nonce = secrets.token_hex(8)
        return cls(f"\ue000{nonce}\ue001", f"\ue001{nonce}\ue000")


@dataclass(frozen=True, slots=True)
class ArticleMatch:
    """One article a search found. ``marked_title`` and ``snippet`` (from its body)
    carry ``marks`` around the matched words, and are otherwise raw text."""

    article_id: str
    story_id: str
    title: str
    marked_title: str
    snippet: str
    outlet: str
    published: datetime | None
    url: str | None
    marks: Marks


# SQLite's FTS5 messages, and what they mean to someone who typed the query.
_SQLITE_MESSAGES = [
    (
        re.compile(r"no such column: (.*)"),
        "{0!r} is read as a column name (the columns are title and body); "
        'put a word with a hyphen or a colon in double quotes ("Okafor-Lund")',
    ),
    (re.compile(r"unterminated string"), "a quoted phrase is not closed"),
    (
        re.compile(r'syntax error near ""'),
        "the query ends too soon: an operator, a bracket or a column name lacks its words",
    ),
    (re.compile(r'syntax error near "(.*)"'), "the query cannot be read at {0!r}"),
]


class BriefShelf:
    """Briefs and search (mixed into the Store)."""

    _db: sqlite3.Connection

    # briefs
    def save_brief(self, run_id: int, brief: Brief) -> None:
        self._db.execute(
            "INSERT INTO briefs VALUES (?, ?, ?, ?) ON CONFLICT(story_id) DO UPDATE SET "
            "run_id = excluded.run_id, updated = excluded.updated, data = excluded.data",
            (brief.story_id, run_id, iso(brief.updated), json.dumps(brief_to_dict(brief))),
        )

    def briefs(self) -> list[Brief]:
        """Every story's brief, closed stories' included (with ``closed`` set)."""
        rows = self._db.execute(
            "SELECT briefs.data, stories.closed FROM briefs JOIN stories "
            "ON stories.id = briefs.story_id ORDER BY briefs.updated DESC, briefs.story_id"
        )
        return [
            replace(brief_from_dict(json.loads(row[0])), closed=from_iso(row[1])) for row in rows
        ]

    def brief(self, story_id: str) -> Brief | None:
        """The story's current brief, if it has one (with ``closed`` set when it is)."""
        row = self._db.execute(
            "SELECT briefs.data, stories.closed FROM briefs JOIN stories "
            "ON stories.id = briefs.story_id WHERE briefs.story_id = ?",
            (story_id,),
        ).fetchone()
        return (
            replace(brief_from_dict(json.loads(row[0])), closed=from_iso(row[1])) if row else None
        )

    def search(
        self, match: str, limit: int, offset: int, seconds: float
    ) -> tuple[int, list[ArticleMatch]]:
        """How many articles match the FTS5 expression ``match``, and ``limit`` of them
        from ``offset``, best first.

        The query may run for ``seconds``: SQLite's progress handler stops it there
        (:class:`SearchTimeout`), inside SQLite, whether or not anyone still waits for
        the answer. A malformed ``match`` raises :class:`SearchError` in words of our
        own: SQLite's ("no such column: Lund") mean nothing to the person searching.
        """
        marks = Marks.fresh()
        deadline = time.monotonic() + seconds
        self._db.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_STEPS)
        try:
            total = self._db.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)
            ).fetchone()[0]
            rows = self._db.execute(
                "SELECT articles.id, articles.story_id, articles.outlet, articles.published, "
                "articles.url, articles.title, highlight(articles_fts, 0, ?1, ?2) AS marked_title, "
                "snippet(articles_fts, 1, ?1, ?2, '…', ?3) AS snippet "
                "FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ?4 ORDER BY rank LIMIT ?5 OFFSET ?6",
                (marks.start, marks.end, _SNIPPET_WORDS, match, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError as error:
            if str(error) == "interrupted":
                unit = "second" if seconds == 1 else "seconds"
                raise SearchTimeout(
                    f"the search took longer than {seconds:g} {unit} and was stopped; "
                    "use fewer words, or longer ones"
                ) from error
            raise SearchError(_our_words(str(error))) from error
        finally:
            self._db.set_progress_handler(None, 0)
        matches = [
            ArticleMatch(
                row["id"],
                row["story_id"],
                row["title"],
                row["marked_title"],
                row["snippet"] or "",
                row["outlet"],
                from_iso(row["published"]),
                row["url"],
                marks,
            )
            for row in rows
        ]
        return total, matches

    def index_terms(self, texts: Sequence[str]) -> list[list[str]]:
        """The terms the search index makes of each of ``texts``, in order.

        The texts go through the index's own tokenizer: a scratch copy of the
        ``articles_fts`` table, made from its stored definition in a database in
        memory. So a query is cut into words exactly where the stored articles
        were ("U.S." into "u" and "s", "café" folded to "cafe"), whatever the
        tokenizer, its options and its Unicode tables.
        """
        (definition,) = self._db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
        ).fetchone()
        scratch = sqlite3.connect(":memory:")
        try:
            scratch.execute(definition)
            scratch.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(articles_fts, instance)")
            scratch.executemany(
                "INSERT INTO articles_fts(rowid, title) VALUES (?, ?)",
                [(n, text) for n, text in enumerate(texts)],
            )
            found: list[list[str]] = [[] for _ in texts]
            for doc, term in scratch.execute("SELECT doc, term FROM terms ORDER BY doc, offset"):
                found[doc].append(term)
            return found
        finally:
            scratch.close()

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The story each of ``article_ids`` belongs to."""
        ids = list(set(article_ids))
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(f"SELECT id, story_id FROM articles WHERE id IN ({marks})", ids)
        return {row["id"]: row["story_id"] for row in rows}


def _our_words(sqlite_message: str) -> str:
    """SQLite's complaint about an FTS5 query, told in newsdesk's words."""
    for pattern, message in _SQLITE_MESSAGES:
        found = pattern.search(sqlite_message)
        if found:
            return "not a valid FTS5 query: " + message.format(*found.groups())
    return (
        "not a valid FTS5 query: check its quotes, brackets and operators "
        "(AND, OR, NOT, NEAR), or search without syntax=fts5"
    )
