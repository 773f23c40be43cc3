"""Progress bars on the terminal, one per stage, for every long command.

:class:`StageBars` is the rich implementation of the pipeline's
``ProgressReporter`` and of the evaluation harness's progress callback, so
``newsdesk run`` and ``newsdesk eval`` draw the same bars.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class StageBars:
    """A bar per stage on ``console`` (use as a context manager).

    ``transient`` bars vanish when done; ``disable`` draws nothing.
    """

    def __init__(self, console: Console, transient: bool = False, disable: bool = False) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=transient,
            disable=disable,
        )

    def __enter__(self) -> StageBars:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        """Start a bar of ``total`` steps; the returned callable advances it.

        A stage with no work draws no bar: a full bar would claim work done.
        """
        if total == 0:
            return lambda steps: None
        task = self._progress.add_task(name, total=total)
        return lambda steps: self._progress.advance(task, steps)
