"""SQLite store: articles, stories, briefs, runs and input problems.

WAL mode lets a reader (the publisher, a web server) work while a run
writes. A run writes all its results (documents, articles, stories,
briefs, problems) in one transaction, after a small row that records its
start, so a killed run leaves nothing half-written, and a re-run of the
same input finds every document already stored and adds nothing. FTS5
indexes article titles and bodies for :meth:`Store.search`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsdesk.cluster import StoryState
from newsdesk.dedup import SIGNATURE_DTYPE, KnownArticle, body_hash
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article
from newsdesk.store.codec import article_from_row, from_iso, iso
from newsdesk.store.lock import StoreBusyError, run_lock
from newsdesk.store.runlog import RunLog
from newsdesk.store.schema import SCHEMA, SCHEMA_VERSION
from newsdesk.store.shelf import BriefShelf


class Store(RunLog, BriefShelf):
    """The newsdesk database at ``path`` (created when missing).

    ``busy_timeout`` is how long (seconds) a run waits for another run's
    write to finish before stopping with :class:`StoreBusyError`.
    """

    def __init__(
        self, path: str | Path, busy_timeout: float = 30.0, read_only: bool = False
    ) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        try:
            if read_only:
                # A reader takes no write lock, so it never waits for a run that is writing.
                uri = f"{Path(self.path).absolute().as_uri()}?mode=ro"
                self._db = sqlite3.connect(
                    uri, uri=True, timeout=busy_timeout, check_same_thread=False
                )
            else:
                self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        except sqlite3.OperationalError as error:
            raise NewsdeskError(f"cannot open the database {self.path}: {error}") from error
        self._db.row_factory = sqlite3.Row
        if read_only:
            try:
                with self._guard():
                    self._check_version()
            except BaseException:
                self._db.close()
                raise
            return
        try:
            with self._guard():
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._db.executescript(SCHEMA)
                self._db.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
                self._check_schema()
        except BaseException:
            self._db.close()
            raise

    def _check_schema(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row[0] == "1":  # version 2 added stories.closed; nothing else changed
            self._db.execute("ALTER TABLE stories ADD COLUMN closed TEXT")
            self._db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
            return
        self._check_version()

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or row[0] != str(SCHEMA_VERSION):
            found = row[0] if row else "none"
            raise NewsdeskError(
                f"{self.path} was written by another newsdesk version (schema {found}, "
                f"this version reads schema {SCHEMA_VERSION}); use a new --db"
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise StoreBusyError(
                    f"{self.path} is in use by another newsdesk run; try again when it ends"
                ) from error
            raise NewsdeskError(f"database {self.path}: {error}") from error

    def exclusive(
        self, on_wait: Callable[[str], None] | None = None
    ) -> AbstractContextManager[None]:
        """The run lock: one run at a time per database (see :mod:`newsdesk.store.lock`).

        A second run waits up to ``busy_timeout`` seconds, telling ``on_wait``.
        """
        return run_lock(self.path, self.busy_timeout, on_wait)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # documents as read, and the lines outlets repeat
    def _existing(self, query: str, keys: Iterable[str]) -> set[str]:
        """The ``keys`` that ``query`` (``... WHERE key IN ({marks})``) finds."""
        wanted = list(keys)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._db.execute(query.format(marks=",".join("?" * len(chunk))), chunk)
            found.update(row[0] for row in rows)
        return found

    def known_documents(self, hashes: Iterable[str]) -> set[str]:
        """Which input documents (by content hash) earlier runs already turned into articles."""
        return self._existing("SELECT hash FROM documents WHERE hash IN ({marks})", hashes)

    def save_documents(self, article_of: Mapping[str, str]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO documents VALUES (?, ?)", list(article_of.items())
        )

    def line_counts(self, outlets: Iterable[str]) -> dict[str, Counter[str]]:
        """Per outlet key, in how many stored documents each repeatable line occurs."""
        counts: dict[str, Counter[str]] = {}
        for outlet in set(outlets):
            rows = self._db.execute(
                "SELECT line, COUNT(*) FROM outlet_lines WHERE outlet = ? GROUP BY line", (outlet,)
            )
            counts[outlet] = Counter({line: n for line, n in rows})
        return counts

    def save_lines(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Store ``(outlet key, line signature, document hash)`` rows."""
        self._db.executemany("INSERT OR IGNORE INTO outlet_lines VALUES (?, ?, ?)", rows)

    # articles
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        return self._existing("SELECT id FROM articles WHERE id IN ({marks})", ids)

    def dedup_index(self) -> list[KnownArticle]:
        rows = self._db.execute(
            "SELECT id, body_hash, minhash, duplicate_of FROM articles ORDER BY rowid"
        )
        return [
            KnownArticle(
                row["id"],
                row["body_hash"],
                np.frombuffer(row["minhash"], SIGNATURE_DTYPE),
                row["duplicate_of"],
            )
            for row in rows
        ]

    def save_articles(
        self,
        run_id: int,
        articles: Iterable[Article],
        stories: Mapping[str, str],
        signatures: Mapping[str, np.ndarray],
        vectors: Mapping[str, np.ndarray],
    ) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO articles VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            # Rows made one at a time: a list of them all would hold a second
            # copy of every text of the batch at once.
            (
                (
                    a.id,
                    stories[a.id],
                    a.path,
                    a.index,
                    a.outlet,
                    a.outlet_origin.value,
                    a.title,
                    json.dumps(a.paragraphs),
                    a.text,
                    a.url,
                    iso(a.published),
                    a.author,
                    a.duplicate_of,
                    body_hash(a),
                    signatures[a.id].astype(SIGNATURE_DTYPE).tobytes(),
                    vectors[a.id].astype(np.float32).tobytes(),
                    run_id,
                    a.bundle,
                )
                for a in articles
            ),
        )

    def articles_of(self, story_id: str) -> list[Article]:
        rows = self._db.execute(
            "SELECT * FROM articles WHERE story_id = ? ORDER BY rowid", (story_id,)
        )
        return [article_from_row(row) for row in rows]

    def story_ids(self, status: str | None = None) -> list[str]:
        """Ids of the stories that stand on their own (not merged into another),
        oldest first; only those of ``status`` ("open", "closed") when given."""
        rows = self._db.execute(
            "SELECT id FROM stories WHERE merged_into IS NULL AND status = COALESCE(?, status) "
            "ORDER BY created, id",
            (status,),
        )
        return [row[0] for row in rows]

    # stories
    def open_stories(self) -> list[StoryState]:
        """The open stories, oldest first: by the run that created them, then by
        their first report, so that a merge keeps the story that began first."""
        members: dict[str, list[str]] = {}
        first: dict[str, datetime] = {}
        for story_id, article_id, published in self._db.execute(
            "SELECT story_id, id, published FROM articles WHERE story_id IN "
            "(SELECT id FROM stories WHERE status = 'open') ORDER BY rowid"
        ):
            members.setdefault(story_id, []).append(article_id)
            moment = from_iso(published)
            if moment and (story_id not in first or moment < first[story_id]):
                first[story_id] = moment
        rows = self._db.execute("SELECT * FROM stories WHERE status = 'open'").fetchall()
        never = datetime.max.replace(tzinfo=UTC)
        rows.sort(key=lambda r: (r["created"], first.get(r["id"], never), r["id"]))
        return [
            StoryState(
                id=row["id"],
                vector_sum=np.frombuffer(row["vector_sum"], np.float32).copy(),
                names=Counter(json.loads(row["names"])),
                title_words=Counter(json.loads(row["title_words"])),
                article_ids=members.get(row["id"], []),
                latest=from_iso(row["latest"]),
            )
            for row in rows
        ]

    def save_stories(self, states: Iterable[StoryState], now: datetime) -> None:
        self._db.executemany(
            "INSERT INTO stories (id, created, updated, latest, vector_sum, names, title_words) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated = excluded.updated,"
            " latest = excluded.latest, vector_sum = excluded.vector_sum,"
            " names = excluded.names, title_words = excluded.title_words",
            [
                (
                    s.id,
                    iso(now),
                    iso(now),
                    iso(s.latest),
                    s.vector_sum.astype(np.float32).tobytes(),
                    json.dumps(dict(s.names), sort_keys=True),
                    json.dumps(dict(s.title_words), sort_keys=True),
                )
                for s in states
            ],
        )

    def merge_stories(self, merged: Mapping[str, str], story_of: Mapping[str, str]) -> None:
        """Record stories absorbed into others: their articles move, their briefs go.

        An absorbed story stays as a row with ``merged_into`` set, so that
        its id (and any link to it) can be redirected to the survivor.
        """
        if not merged:
            return
        self._db.executemany(
            "UPDATE articles SET story_id = ? WHERE id = ?",
            [(story, article) for article, story in story_of.items()],
        )
        self._db.executemany(
            "UPDATE stories SET status = 'merged', merged_into = ? WHERE id = ?",
            [(into, old) for old, into in merged.items()],
        )
        self._db.executemany("DELETE FROM briefs WHERE story_id = ?", [(o,) for o in merged])

    def current_id(self, story_id: str) -> str | None:
        """The id a story lives under now, following merges; None if unknown."""
        seen: set[str] = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self._db.execute(
                "SELECT merged_into FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if row is None:
                return None
            if row[0] is None:
                return story_id
            story_id = row[0]
        return None

    def redirects(self) -> dict[str, str]:
        """Each story merged into another, mapped to the id it lives under now."""
        rows = self._db.execute("SELECT id FROM stories WHERE merged_into IS NOT NULL")
        found = {row[0]: self.current_id(row[0]) for row in rows}
        return {old: new for old, new in found.items() if new is not None}

    def latest_report(self) -> datetime | None:
        """The publication time of the newest stored report: the news clock."""
        times = (from_iso(row[0]) for row in self._db.execute("SELECT latest FROM stories"))
        return max((t for t in times if t is not None), default=None)

    def close_stories(
        self, quiet_since: datetime, idle_since: datetime, now: datetime
    ) -> list[str]:
        """Close the open stories that went quiet; return their ids.

        A story with dated reports is quiet when its latest report is older
        than ``quiet_since`` (on the news clock); one without is quiet when
        no run has changed it since ``idle_since`` (on the run clock). A
        closed story keeps its articles and brief (the archive) but takes no
        new reports.
        """
        rows = self._db.execute(
            "SELECT id, latest, updated FROM stories WHERE status = 'open'"
        ).fetchall()
        quiet = [
            row["id"]
            for row in rows
            if ((latest := from_iso(row["latest"])) is not None and latest < quiet_since)
            or (latest is None and datetime.fromisoformat(row["updated"]) < idle_since)
        ]
        self._db.executemany(
            "UPDATE stories SET status = 'closed', closed = ? WHERE id = ?",
            [(iso(now), story_id) for story_id in quiet],
        )
        return quiet

    def counts(self) -> dict[str, int]:
        return {
            table: int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "stories", "briefs", "runs", "problems")
        }
