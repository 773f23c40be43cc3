"""What a run is asked to read: the files under its paths, found before it starts.

Finding them first lets the command line refuse a path that does not exist,
or input that holds nothing to read, before anything is written; the run then
reads these files without walking the folders again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdesk.ingest import discover
from newsdesk.model import InputProblem

__all__ = ["Inputs"]


@dataclass(frozen=True)
class Inputs:
    """The files a run will read, and what is wrong with its paths.

    ``problems`` names the paths that do not exist (also in ``missing``),
    the files named explicitly that are of no supported type and the
    folders that hold no supported file.
    """

    paths: tuple[str, ...]
    files: tuple[Path, ...]
    skipped: tuple[str, ...]
    missing: tuple[str, ...]
    problems: tuple[InputProblem, ...]

    @classmethod
    def find(cls, paths: Sequence[str | Path]) -> Inputs:
        """The inputs of ``paths``, each walked once (see :func:`discover`)."""
        files: list[Path] = []
        skipped: list[str] = []
        missing: list[str] = []
        problems: list[InputProblem] = []
        for given in paths:
            if not Path(given).exists():
                missing.append(str(given))
            found, unsupported, refused = discover([given])  # a missing path is refused
            files += found
            skipped += unsupported
            problems += refused
            if Path(given).is_dir() and not found:
                problems.append(InputProblem(str(given), _nothing_in(len(unsupported))))
        return cls(
            tuple(map(str, paths)), tuple(files), tuple(skipped), tuple(missing), tuple(problems)
        )


def _nothing_in(unsupported: int) -> str:
    """Why a folder gave no input, so its owner knows whether files were left out."""
    if unsupported == 0:
        return "no input found (no supported files)"
    if unsupported == 1:
        return "no input found (only 1 file of an unsupported type)"
    return f"no input found (only {unsupported} files of unsupported types)"
