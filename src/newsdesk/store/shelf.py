"""The store's briefs, and full-text search over the stored articles.

A mixin of :class:`~newsdesk.store.Store`, kept apart so the store's main
module holds the articles and stories.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import replace

from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, Brief
from newsdesk.store.codec import article_from_row, brief_from_dict, brief_to_dict, from_iso, iso


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

    def search(self, query: str, limit: int = 20) -> list[Article]:
        """Articles matching an FTS5 ``query`` ("port strike", "kessrow OR halvard"), best first."""
        try:
            rows = self._db.execute(
                "SELECT articles.* FROM articles_fts JOIN articles "
                "ON articles.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise NewsdeskError(f"bad search query {query!r}: {error}") from error
        return [article_from_row(row) for row in rows]

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The story each of ``article_ids`` belongs to."""
        ids = list(set(article_ids))
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(f"SELECT id, story_id FROM articles WHERE id IN ({marks})", ids)
        return {row["id"]: row["story_id"] for row in rows}
