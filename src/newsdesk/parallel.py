"""The one seam for parallel work: pure work units behind a ``concurrent.futures.Executor``.

A run hands two kinds of work to an executor: per-document units (reading
and extracting a file; cleaning a chunk of documents and taking their MinHash
signatures; embedding a chunk of articles) and per-story units (writing a
brief); :mod:`newsdesk.work_units` has them. Each unit is a picklable, top-level function of
its arguments alone, so any ``Executor`` can run it: the in-process one for
``--workers 1`` and tests, a process pool by default, or Dask's
``Client.get_executor()`` on a cluster. Steps that need the whole batch
(repeated lines, dedup against the store, clustering, the store writes)
stay in the calling process.

Results never depend on the number of workers: units are cut the same way
whatever runs them (an embedding chunk is the same texts in the same
order), and :func:`ordered_map` gives results in the order of the input.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["InProcessExecutor", "chunks", "default_workers", "make_executor", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")


class InProcessExecutor(Executor):
    """Runs each unit at once, in this process: the executor of ``--workers 1``.

    Nothing is pickled and nothing starts, so tests and a debugger see the
    same code path as a pool without its cost. A unit's exception is raised
    at once by ``submit``, before any later unit runs.
    """

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` cut into consecutive runs of ``size`` (the last may be shorter):
    the same cut whatever executor then takes them."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def default_workers() -> int:
    """As many workers as the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to the main process, which stops the pool: a worker
    that took it too would die with a traceback of its own and break the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Pool(ProcessPoolExecutor):
    """A process pool that drops the units not yet started when the run fails,
    rather than finishing them before the error can reach the user."""

    def __exit__(self, kind: object, *rest: object) -> None:
        self.shutdown(wait=True, cancel_futures=kind is not None)


def make_executor(workers: int | None = None) -> Executor:
    """An in-process executor for one worker, else a process pool of ``workers``
    (default: every core).

    The pool starts its workers with ``forkserver`` where the system has it
    (``spawn`` elsewhere): the parent may already run onnxruntime's threads,
    which a plain ``fork`` would copy mid-flight.
    """
    count = default_workers() if workers is None else workers
    if count < 1:
        raise ValueError(f"workers must be 1 or more, got {count}")
    if count == 1:
        return InProcessExecutor()
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    return _Pool(count, mp_context=context, initializer=_ignore_interrupts)


def ordered_map(
    executor: Executor, fn: Callable[[T], R], items: Iterable[T], window: int | None = None
) -> Iterator[R]:
    """``fn`` of each item, in the items' order, with at most ``window`` units in flight
    (default: twice the executor's workers, where it says how many it has).

    Unlike ``Executor.map``, which submits every item before the first result
    is read, this reads ``items`` lazily: a run's memory holds a window of
    units, not the whole batch's texts. Units still pending when the caller
    stops (an error, or an interrupt) are cancelled.
    """
    limit = window or 2 * getattr(executor, "_max_workers", 4)
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
