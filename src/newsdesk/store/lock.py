"""One run at a time per database.

SQLite keeps each transaction whole, but two runs on one database would
both read the open stories, cluster against the same snapshot and then
write one after the other: the second would re-add articles the first just
stored, or split a story the first extended. So a run holds an advisory
lock on ``<database>.lock`` from start to end; a second run waits for it,
saying so, and stops with a clear message when the wait runs out. Readers
(publishing, search, a web server) take no lock: WAL lets them read while a
run writes.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsdesk.errors import NewsdeskError


class StoreBusyError(NewsdeskError):
    """Another run holds the database."""


@contextmanager
def run_lock(
    database: str, wait: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the run lock of ``database`` for the block, waiting up to ``wait`` seconds.

    An in-memory database (``:memory:``) belongs to one process and needs none.
    """
    if database == ":memory:":
        yield
        return
    path = Path(f"{database}.lock")
    with path.open("a+") as handle:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(path)
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"{database} is in use by another newsdesk run ({holder}); "
                        f"waited {wait:.0f} s; try again when it ends"
                    ) from None
                if on_wait is not None and not told:
                    on_wait(f"waiting for another newsdesk run on {database} ({holder})")
                    told = True
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "pid unknown"
    except OSError:
        return "pid unknown"
