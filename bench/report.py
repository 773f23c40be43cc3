"""Writing benchmark figures into docs/benchmarks.md, one marked section per script.

Each script owns the text between ``<!-- bench:NAME -->`` and
``<!-- /bench:NAME -->``; rerunning it replaces only that section, so the
file keeps every benchmark's latest figures with the command that made them.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
_HEADER = (
    "# Benchmarks\n\nEvery section below is written by a script in `bench/`; the command "
    "that reproduces it is given in the section. Figures are measured, never edited by hand.\n"
)


def machine() -> str:
    """One line naming the machine and the date of the measurement."""
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {today}"


def write_section(name: str, text: str, path: Path = BENCHMARKS) -> None:
    """Replace (or append) the section ``name`` of the benchmarks file."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{text.strip()}\n{end}"
    current = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    updated = (
        pattern.sub(lambda _: block, current)
        if pattern.search(current)
        else f"{current.rstrip()}\n\n{block}\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")
