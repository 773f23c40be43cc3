"""Kills and concurrent runs over 2,000 generated articles, for docs/reliability.md.

Each trial kills a run with SIGKILL at a random moment (from its first
commit to the end of its usual time), once or several times, then lets a
run finish, and compares the database with one left by an uninterrupted
run. A run that ends before its kill is that finishing run: a second full
run would only repeat it. Then pairs of runs are started at once on a
fresh database. The harness (corpus, runner, comparison) is the test
suite's (tests/test_reliability.py).

    .venv/bin/python bench/crash_runs.py --trials 10 --pairs 5 --write
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

from report import machine, write_section

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_reliability import _contents, _corpus, _start, _wait_for_run_row

RELIABILITY = Path(__file__).resolve().parents[1] / "docs" / "reliability.md"


def _finish(db: Path, corpus: Path) -> None:
    process = _start(db, corpus)
    _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"a run failed: {err}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="write docs/reliability.md")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        corpus = _corpus(folder / "corpus")
        started = time.monotonic()
        _finish(folder / "reference.db", corpus)
        seconds = time.monotonic() - started
        expected = _contents(folder / "reference.db")
        kills = identical = 0
        for trial in range(args.trials):
            db = folder / f"trial{trial}.db"
            completed = False
            for _ in range(rng.randint(1, 3)):
                process = _start(db, corpus)
                _wait_for_run_row(db, process)
                time.sleep(rng.uniform(0, seconds))
                if process.poll() is None:
                    os.kill(process.pid, signal.SIGKILL)
                    kills += 1
                process.communicate()
                if process.returncode == 0:  # it ended before the kill: that is the rerun
                    completed = True
                    break
            if not completed:
                _finish(db, corpus)
            identical += _contents(db) == expected
            print(f"trial {trial}: {kills} kills so far, identical: {identical}/{trial + 1}")
        pairs_ok = 0
        for pair in range(args.pairs):
            db = folder / f"pair{pair}.db"
            processes = [_start(db, corpus), _start(db, corpus)]
            outcomes = [p.communicate() for p in processes]
            both_ran = all(p.returncode == 0 for p in processes)
            articles = sorted(int(out) for out, _ in outcomes) if both_ran else []
            same = _contents(db) == expected
            pairs_ok += both_ran and articles == [0, 2000] and same
            print(f"pair {pair}: {articles}, same as one run: {same}")
    if args.write:
        write_section("crash", _text(args, seconds, kills, identical, pairs_ok), RELIABILITY)


def _text(args: argparse.Namespace, seconds: float, kills: int, identical: int, pairs: int) -> str:
    return "\n".join(
        [
            "### Kills and concurrent runs",
            "",
            f"Machine: {machine()}. Command: `.venv/bin/python bench/crash_runs.py --trials "
            f"{args.trials} --pairs {args.pairs} --seed {args.seed} --write`.",
            "",
            f"- One uninterrupted run over the 2,000 generated articles took {seconds:.1f} s.",
            f"- {args.trials} trials killed runs with SIGKILL {kills} times in all, at random "
            "moments. In each trial a later run then finished.",
            f"- {identical} of {args.trials} final databases were identical to the "
            "uninterrupted run's: every article, story, brief, document, repeated line and "
            "search hit.",
            f"- In {pairs} of {args.pairs} pairs of runs started at once on one database, "
            "both runs ended well: one stored all 2,000 articles and the other, run after it "
            "under the lock, added nothing. The database was identical to the uninterrupted "
            "run's.",
        ]
    )


if __name__ == "__main__":
    main()
