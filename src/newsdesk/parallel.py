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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["InProcessExecutor", "default_workers", "make_executor", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")


class InProcessExecutor(Executor):
    """Runs each unit at once, in this process: the executor of ``--workers 1``.

    Nothing is pickled and nothing starts, so tests and a debugger see the
    same code path as a pool without its cost.
    """

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # the caller sees it from .result(), as from a pool
            future.set_exception(error)
        return future


def default_workers() -> int:
    """As many workers as the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def make_executor(workers: int | None = None) -> Executor:
    """An in-process executor for one worker, else a process pool of ``workers``
    (default: every core).

    The pool starts its workers with ``forkserver``: the parent may already
    run onnxruntime's threads, which a plain ``fork`` would copy mid-flight.
    """
    count = default_workers() if workers is None else workers
    if count < 1:
        raise ValueError(f"workers must be 1 or more, got {count}")
    if count == 1:
        return InProcessExecutor()
    return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("forkserver"))


def ordered_map(
    executor: Executor, fn: Callable[[T], R], items: Iterable[T], window: int = 8
) -> Iterator[R]:
    """``fn`` of each item, in the items' order, with at most ``window`` units in flight.

    Unlike ``Executor.map``, which submits every item before the first result
    is read, this reads ``items`` lazily: a run's memory holds a window of
    units, not the whole batch's texts.
    """
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(executor.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
