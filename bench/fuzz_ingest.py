"""A fuzzing campaign through the real run path, for docs/reliability.md.

Inputs go through ``Pipeline.run`` in batches: each batch is a folder of its
own, with a fresh database, holding

- good files, one report each, in every format in turn (TXT, HTML, JSON,
  JSONL, RSS, Atom, feed XML, WARC), each an article no other file carries;
- mutated files of every format: random bytes, a valid sample with random
  damage (cut short, bytes flipped, junk spliced in), or that damage gzipped;
- in the first batches, the hostile files of issue 22, one each: a JSON
  number of 5,000 digits, a JSON Lines line with one, a WARC record whose
  Content-Length is 2**64 + 1, a truncated WARC, a WARC record whose length
  is a megabyte short, a 50 MB single-line text, a text just under the size
  limit and one just over it, a gzip bomb, deep JSON nesting and an XML file
  that is no feed.

A run must never raise; every good file's article must be stored; every
problem must be one line naming a file that is not good; and nothing may be
printed on stderr (warcio printed its warnings there, record bytes and all).
The samples are the test suite's (tests/test_fuzz.py), so both exercise the
same formats.

    .venv/bin/python bench/fuzz_ingest.py --inputs 2400 --write
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from report import machine, write_section
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from newsdesk.embed import Embedder
from newsdesk.ingest.files import MAX_FILE_BYTES, MAX_TEXT_CHARS
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store
from test_fuzz import SAMPLES

RELIABILITY = Path(__file__).resolve().parents[1] / "docs" / "reliability.md"
FORMATS = sorted(SAMPLES)
_PLACES = ["Velm", "Oss", "Tarnby", "Kestrel Bay", "Holm", "Emberford", "Saltmarsh", "Lantern"]
_BODIES = ["council", "port authority", "school board", "water company", "ferry operator"]
_ACTS = ["voted to close", "agreed to repair", "opened", "delayed work on", "sold"]
_THINGS = ["the old swimming baths", "its loading ramp", "a new library", "the north quay"]


@dataclass
class Tally:
    """What the campaign saw, over every batch."""

    inputs: Counter[str] = field(default_factory=Counter)
    good: int = 0
    good_lost: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    bad_problems: list[str] = field(default_factory=list)
    problems: int = 0
    stderr_bytes: int = 0
    hostile: int = 0
    gzipped: int = 0


# --- good files --------------------------------------------------------------------------


def _report(rng: random.Random, serial: int) -> tuple[str, str]:
    """A headline and a body no other report of the campaign has."""
    place = rng.choice(_PLACES)
    body, act, thing = rng.choice(_BODIES), rng.choice(_ACTS), rng.choice(_THINGS)
    title = f"{place} {body} {act} {thing} (notice {serial})"
    sentences = [
        f"The {body} of {place} {act} {thing} on Monday, under notice number {serial}.",
        f"Councillor Ines Valtonen said the decision on notice {serial} followed "
        f"{rng.randint(3, 40)} weeks of talks with residents.",
        f"About {rng.randint(100, 9000)} people use {thing} each month, a spokeswoman said, "
        f"and work under notice {serial} should end in {rng.randint(2, 11)} months.",
    ]
    return title, " ".join(sentences)


def _warc(url: str, page: bytes) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(page), length=len(page), http_headers=headers
    )
    writer.write_record(record)
    return out.getvalue()


def _good_file(suffix: str, title: str, body: str, serial: int) -> bytes:
    url = f"https://outlet{serial}.example/news/{serial}"
    page = (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode()
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet {serial}</title>'
        f"<item><title>{title}</title><link>{url}</link><description>{body}</description>"
        "</item></channel></rss>"
    ).encode()
    record = json.dumps({"title": title, "text": body, "url": url})
    files: dict[str, Callable[[], bytes]] = {
        ".txt": lambda: f"{title}\n\n{body}\n".encode(),
        ".html": lambda: page,
        ".json": lambda: record.encode(),
        ".jsonl": lambda: (record + "\n").encode(),
        ".rss": lambda: rss,
        ".xml": lambda: rss,
        ".atom": lambda: (
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Outlet {serial}</title><entry><title>{title}</title><id>{url}</id>"
            f"<link href='{url}'/><updated>2026-03-02T08:00:00Z</updated>"
            f"<content type='text'>{body}</content></entry></feed>"
        ).encode(),
        ".warc": lambda: _warc(url, page),
    }
    return files[suffix]()


# --- mutated and hostile files -----------------------------------------------------------


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


def _mutated(rng: random.Random, suffix: str) -> tuple[str, bytes]:
    kind = rng.choice(["random", "damaged", "gzipped"])
    if kind == "random":
        return suffix, rng.randbytes(rng.randint(0, 4000))
    damaged = _damage(rng, SAMPLES[suffix])
    return (f"{suffix}.gz", gzip.compress(damaged)) if kind == "gzipped" else (suffix, damaged)


def _raw_warc_record(url: str, page: bytes, length: int) -> bytes:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    head = f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
    return f"{head}Content-Length: {length}\r\n\r\n".encode() + block + b"\r\n\r\n"


def _hostile() -> Iterator[tuple[str, Callable[[], bytes]]]:
    """The inputs that broke or bloated runs before issue 22, as (name, maker)."""
    page = SAMPLES[".html"]
    block = len(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page)
    line = b"word " * (MAX_TEXT_CHARS // 5)
    junk = b"x" * 1_000_000
    yield "number.json", lambda: b'{"text": "Ferry", "n": ' + b"9" * 5000 + b"}"
    yield "number.jsonl", lambda: SAMPLES[".jsonl"] + b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n"
    yield "overflow.warc", lambda: _raw_warc_record("https://h.example/1", page, 2**64 + 1)
    yield "truncated.warc", lambda: SAMPLES[".warc"][:-200]
    yield (
        "short-length.warc",
        lambda: _raw_warc_record("https://h.example/2", page + junk, block) + SAMPLES[".warc"],
    )
    yield "single-line-50mb.txt", lambda: b"Ferry returns\n\n" + b"word " * 10_000_000
    yield "at-limit.txt", lambda: line[: MAX_TEXT_CHARS - 1]
    yield "past-limit.txt", lambda: line + b"word"
    yield "bomb.txt.gz", lambda: gzip.compress(b"a" * (MAX_FILE_BYTES + 1), compresslevel=9)
    yield "nested.json", lambda: b"[" * 100_000 + b"]" * 100_000
    yield "catalog.xml", lambda: b"<?xml version='1.0'?><catalog><book>Tides</book></catalog>"


# --- the campaign --------------------------------------------------------------------------


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Send file descriptor 2 to ``path``, to count what libraries print."""
    sys.stderr.flush()
    saved = os.dup(2)
    with path.open("wb") as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _batch(
    folder: Path, files: dict[str, bytes], good: set[str], embedder: Embedder, tally: Tally
) -> None:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    try:
        with Store(folder / "run.db") as store:
            report = Pipeline(store, embedder=embedder).run([folder])
            stored = {a.path for story in store.story_ids() for a in store.articles_of(story)}
    except Exception as error:  # a crash is what this campaign looks for
        tally.crashes.append(f"{folder.name}: {type(error).__name__}: {error}")
        tally.good_lost += sorted(good)
        return
    tally.good_lost += sorted(str(folder / name) for name in good - {Path(p).name for p in stored})
    tally.problems += len(report.problems)
    for problem in report.problems:
        names_good = Path(problem.path.split("#")[0]).name in good
        if names_good or "\n" in str(problem) or "Traceback" in str(problem):
            tally.bad_problems.append(str(problem)[:300])


def campaign(args: argparse.Namespace) -> tuple[Tally, float, int]:
    rng = random.Random(args.seed)
    tally = Tally()
    embedder = Embedder()
    hostile = list(_hostile())
    serial = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as root:
        with _stderr_to(Path(root) / "stderr"):
            for number in range(-(-args.inputs // args.batch)):
                files: dict[str, bytes] = {}
                good: set[str] = set()
                for _ in range(args.good):
                    suffix = FORMATS[serial % len(FORMATS)]
                    name = f"good-{serial}{suffix}"
                    files[name] = _good_file(suffix, *_report(rng, serial), serial)
                    good.add(name)
                    serial += 1
                for n in range(min(args.batch, args.inputs - number * args.batch)):
                    suffix, data = _mutated(rng, FORMATS[(number * args.batch + n) % len(FORMATS)])
                    files[f"bad-{n}{suffix}"] = data
                    tally.inputs[suffix.removesuffix(".gz")] += 1
                    tally.gzipped += suffix.endswith(".gz")
                if hostile:
                    name, make = hostile.pop(0)
                    files[f"hostile-{name}"] = make()
                    tally.hostile += 1
                tally.good += len(good)
                _batch(Path(root) / f"batch-{number:04d}", files, good, embedder, tally)
        tally.stderr_bytes = (Path(root) / "stderr").stat().st_size
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return tally, seconds, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2400, help="mutated inputs in all")
    parser.add_argument("--batch", type=int, default=24, help="mutated inputs per run")
    parser.add_argument("--good", type=int, default=4, help="good files per run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="write docs/reliability.md")
    args = parser.parse_args()
    tally, seconds, peak_mb = campaign(args)
    for line in tally.crashes + tally.good_lost + tally.bad_problems:
        print(line, file=sys.stderr)
    text = _section(tally, args, seconds, peak_mb)
    print(text)
    if args.write:
        write_section("fuzz", text, RELIABILITY)


def _section(tally: Tally, args: argparse.Namespace, seconds: float, peak_mb: int) -> str:
    runs = -(-args.inputs // args.batch)
    formats = ", ".join(f"{suffix} {count}" for suffix, count in sorted(tally.inputs.items()))
    return "\n".join(
        [
            "### Fuzzing every input format, through whole runs",
            "",
            f"Machine: {machine()}. Command: `.venv/bin/python bench/fuzz_ingest.py --inputs "
            f"{args.inputs} --batch {args.batch} --good {args.good} --seed {args.seed} --write`.",
            "",
            f"- {sum(tally.inputs.values())} mutated inputs ({formats}; {tally.gzipped} of "
            f"them gzipped), {tally.hostile} hostile files and {tally.good} good files, in "
            f"{runs} runs of `Pipeline.run` over one folder each.",
            f"- Crashes (a run that raised): {len(tally.crashes)}.",
            f"- Good articles lost (a good file whose article was not stored): "
            f"{len(tally.good_lost)} of {tally.good}.",
            f"- Problems reported: {tally.problems}; of them naming a good file, more than "
            f"one line or a traceback: {len(tally.bad_problems)}.",
            f"- Bytes printed on stderr: {tally.stderr_bytes:,}.",
            f"- Peak memory (maximum resident set of the whole campaign, model included): "
            f"{peak_mb:,} MB. Time: {seconds:.0f} s.",
        ]
    )


if __name__ == "__main__":
    main()
