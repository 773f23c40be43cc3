"""A larger fuzzing campaign over every ingest path, for docs/reliability.md.

For each input format, random inputs of three kinds are written to a file
and read the way a run reads them:

- random bytes;
- a valid sample with random damage (cut short, bytes flipped, junk
  spliced in);
- the damaged sample gzipped.

A read may give documents or problems, but must never raise. The samples
are the test suite's (tests/test_fuzz.py), so both exercise the same formats.

    .venv/bin/python bench/fuzz_ingest.py --per-format 2000 --write
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from report import machine, write_section

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from newsdesk.ingest import read_file
from newsdesk.model import InputProblem
from test_fuzz import SAMPLES

RELIABILITY = Path(__file__).resolve().parents[1] / "docs" / "reliability.md"


def _damage(rng: random.Random, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["cut", "flip", "splice"])
        if kind == "cut" and len(data) > 1:
            data = data[: rng.randint(1, len(data) - 1)]
        elif kind == "flip" and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == "splice":
            at = rng.randint(0, len(data))
            data[at:at] = rng.randbytes(rng.randint(1, 64))
    return bytes(data)


def _input(rng: random.Random, suffix: str) -> tuple[str, bytes]:
    kind = rng.choice(["random", "damaged", "gzipped"])
    if kind == "random":
        return f"x{suffix}", rng.randbytes(rng.randint(0, 4000))
    damaged = _damage(rng, SAMPLES[suffix])
    return (
        (f"x{suffix}.gz", gzip.compress(damaged)) if kind == "gzipped" else (f"x{suffix}", damaged)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="write docs/reliability.md")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for suffix in sorted(SAMPLES):
            counts: Counter[str] = Counter()
            for _ in range(args.per_format):
                name, data = _input(rng, suffix)
                path = Path(folder) / name
                path.write_bytes(data)
                try:
                    items = read_file(path)
                except Exception as error:  # a crash is what this campaign looks for
                    counts["crashed"] += 1
                    print(f"CRASH {suffix}: {type(error).__name__}: {error}", file=sys.stderr)
                    continue
                problems = sum(isinstance(i, InputProblem) for i in items)
                counts["with documents" if len(items) > problems else "refused"] += 1
            rows.append((suffix, counts))
            print(suffix, dict(counts))
    seconds = time.perf_counter() - started
    if args.write:
        write_section("fuzz", _table(rows, args, seconds), RELIABILITY)


def _table(rows: list[tuple[str, Counter[str]]], args: argparse.Namespace, seconds: float) -> str:
    total = sum(sum(c.values()) for _, c in rows)
    lines = [
        "### Fuzzing every input format",
        "",
        f"Machine: {machine()}. Command: `.venv/bin/python bench/fuzz_ingest.py --per-format "
        f"{args.per_format} --seed {args.seed} --write` ({seconds:.0f} s).",
        "",
        "| format | inputs | read with documents | refused with a problem | crashed |",
        "|---|---|---|---|---|",
    ]
    for suffix, counts in rows:
        lines.append(
            f"| {suffix} | {sum(counts.values())} | {counts['with documents']} "
            f"| {counts['refused']} | {counts['crashed']} |"
        )
    crashed = sum(c["crashed"] for _, c in rows)
    lines += ["", f"{total} inputs in all, {crashed} crashes."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
