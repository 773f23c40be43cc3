"""The store's log of runs: when each ran, what it read and counted, what failed,
and what servers said about the URLs it fetched (for conditional GET).

A mixin of :class:`~newsdesk.store.Store`, kept apart so the store's main
module holds the articles and stories.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsdesk.model import InputProblem, Validators
from newsdesk.store.codec import from_iso, iso


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run as the store remembers it: when, what it read, what it counted, what failed."""

    id: int
    started: datetime
    finished: datetime | None
    inputs: tuple[str, ...]
    counts: dict[str, int]
    problems: tuple[InputProblem, ...]


class RunLog:
    """Runs, their problems and the fetch validators (mixed into the Store)."""

    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError  # the Store provides it

    def _existing(self, query: str, keys: Iterable[str]) -> set[str]:
        raise NotImplementedError  # the Store provides it

    # runs and problems
    def start_run(
        self, inputs: Sequence[str], config: Mapping[str, Any], as_of: datetime | None = None
    ) -> int:
        """Record a run's start; ``as_of``, the run's date (``--as-of``, or now), is
        kept with its config, so that a report with no date of its own can be
        dated by the run that stored it, replayed days included (see :meth:`arrivals`)."""
        settings = {**config, "as_of": iso(as_of)} if as_of else dict(config)
        with self.transaction():
            cursor = self._db.execute(
                "INSERT INTO runs (started, inputs, config) VALUES (?, ?, ?)",
                (iso(datetime.now(UTC)), json.dumps(list(inputs)), json.dumps(settings)),
            )
        return int(cursor.lastrowid or 0)

    def arrivals(self, article_ids: Iterable[str]) -> dict[str, datetime]:
        """When each stored article of ``article_ids`` was first stored: the date of
        the run that stored it, or, for a run that kept none, when it started."""
        wanted = list(article_ids)
        run_of: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id, run_id FROM articles WHERE id IN ({marks})", chunk)
            run_of.update((article_id, run_id) for article_id, run_id in rows)
        dates: dict[int, datetime] = {}
        for run_id in set(run_of.values()):  # a run's many articles share one date
            started, config = self._db.execute(
                "SELECT started, config FROM runs WHERE id = ?", (run_id,)
            ).fetchone()
            dates[run_id] = datetime.fromisoformat(json.loads(config).get("as_of") or started)
        return {article_id: dates[run_id] for article_id, run_id in run_of.items()}

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
                (iso(datetime.now(UTC)), json.dumps(dict(counts)), run_id),
            )

    def run_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM runs").fetchone()[0])

    def recent_runs(self, limit: int = 20, offset: int = 0) -> list[RunRecord]:
        """``limit`` runs from the ``offset``-th newest, newest first, with their inputs,
        counts and problems."""
        runs = self._db.execute(
            "SELECT * FROM runs ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)
        ).fetchall()
        return [
            RunRecord(
                id=row["id"],
                started=datetime.fromisoformat(row["started"]),
                finished=from_iso(row["finished"]),
                inputs=tuple(json.loads(row["inputs"])),
                counts=json.loads(row["counts"]) if row["counts"] else {},
                problems=tuple(
                    InputProblem(p["path"], p["problem"])
                    for p in self._db.execute(
                        "SELECT path, problem FROM problems WHERE run_id = ?", (row["id"],)
                    )
                ),
            )
            for row in runs
        ]

    def add_problems(self, run_id: int, problems: Iterable[InputProblem]) -> None:
        self._db.executemany(
            "INSERT INTO problems VALUES (?, ?, ?)", [(run_id, p.path, p.problem) for p in problems]
        )

    # what servers said about the URLs fetched, for conditional GET
    def fetch_validators(self, urls: Iterable[str]) -> dict[str, Validators]:
        found = {}
        for url in set(urls):
            row = self._db.execute(
                "SELECT etag, last_modified FROM fetches WHERE url = ?", (url,)
            ).fetchone()
            if row is not None:
                found[url] = Validators(row["etag"], row["last_modified"])
        return found

    def stored_urls(self, urls: Iterable[str]) -> set[str]:
        """The ``urls`` that stored articles came from (a feed entry's page, once fetched)."""
        return self._existing("SELECT url FROM articles WHERE url IN ({marks})", urls)

    def save_validators(self, validators: Mapping[str, Validators], now: datetime) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO fetches VALUES (?, ?, ?, ?)",
            [(url, v.etag, v.last_modified, iso(now)) for url, v in validators.items()],
        )
