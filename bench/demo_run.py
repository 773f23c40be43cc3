"""Wall time and peak memory of the demo run, as a user runs it.

Why this exists: the README promises that `make demo` finishes in well under
a minute once set up. Each repetition runs `newsdesk run examples/demo` in a
fresh process on a fresh database (so model loading and every stage count),
then once more on the same database, which must find nothing new.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
NEWSDESK = Path(sys.executable).with_name("newsdesk")


def timed_run(db: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak resident MiB of one `newsdesk run` over the demo."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [
            str(NEWSDESK),
            "run",
            str(ROOT / "examples" / "demo"),
            "--db",
            str(db),
            "--out",
            str(out),
            "--quiet",
        ],
        check=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    cold: list[float] = []
    rerun: list[float] = []
    peak = 0.0
    for _ in range(args.repeat):
        work = Path(tempfile.mkdtemp())
        try:
            seconds, mib = timed_run(work / "demo.db", work / "site")
            cold.append(seconds)
            peak = max(peak, mib)
            rerun.append(timed_run(work / "demo.db", work / "site")[0])
        finally:
            shutil.rmtree(work)
    files = sum(1 for p in (ROOT / "examples" / "demo").rglob("*") if p.is_file())
    table = "\n".join(
        [
            "| run | median s | min s | max s |",
            "|---|---|---|---|",
            f"| fresh database | {statistics.median(cold):.1f} | {min(cold):.1f} | "
            f"{max(cold):.1f} |",
            f"| same input again (adds nothing) | {statistics.median(rerun):.1f} | "
            f"{min(rerun):.1f} | {max(rerun):.1f} |",
            "",
            f"Demo corpus: 47 reports in {files} files. Peak resident memory of a run: "
            f"{peak:.0f} MiB. {args.repeat} repetitions, each a new process.",
        ]
    )
    print(table)
    if args.write:
        write_section(
            "demo_run",
            "## Demo run, end to end\n\nReproduce: `make demo` once (set-up), then "
            f"`.venv/bin/python bench/demo_run.py --write`\n\nMachine: {machine()}.\n\n{table}\n",
        )


if __name__ == "__main__":
    main()
