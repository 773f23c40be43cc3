"""Articles per second end to end, per stage, and peak memory, on real pages at scale.

Why this exists: the demo corpus is 47 reports, so it says nothing about a
day's wire of thousands. This script builds N reports at bench time from the
real HTML pages under ../shared/data (never copied into the repo), each page
replicated with perturbations so that dedup does not collapse the copies, and
runs the pipeline on them in a child process: ingest to published digest,
timed per stage with the pipeline's ProgressReporter, peak resident memory
from the child. In the same run it times bare ``trafilatura.extract`` on the
same files, the peer that ingest wraps, and reports the ratio.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import html as lxml_html
from report import machine, write_section

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
COLLECTIONS = ("article_extraction_benchmark_zyte", "trafilatura_eval")
OUTLETS, COPIES = 40, 4
DROP, SWAP = 0.3, 0.4
KICKERS = ("", "Update: ", "Analysis: ", "Live: ", "Explainer: ", "Report: ", "Latest: ")
STAGES = ("ingest", "clean + dedup", "embed", "cluster + store", "briefs", "commit", "publish")
CORPUS_NOTE = (
    "Input: N HTML reports written to a temporary folder at bench time from the real pages "
    "of `../shared/data/article_extraction_benchmark_zyte/html` and "
    "`../shared/data/trafilatura_eval/html` (the {pages} of 525 that are UTF-8). Pages are "
    f"taken in a seeded random order and each is written {COPIES} times (more once N exceeds "
    f"{COPIES} x {{pages}}), every copy as another outlet's report of the same event: copy c of "
    f"page p goes to folder `outlet-NN`, NN = (p + c) mod {OUTLETS}, with that outlet's "
    "`og:site_name` and canonical URL; JSON-LD and the page's own site name, URL, date and "
    f"charset tags are removed. In each copy every body paragraph after the first is dropped "
    f"with probability {DROP}, the rest are shuffled after the lead; each kept paragraph has, "
    f"with probability {SWAP}, one sentence replaced by a sentence of a random page of the "
    "same collection; every number in body and title gets new random digits; the title gets "
    "one of 7 kickers (none, Update:, Analysis:, ...); `article:published_time` is random "
    "within the 7 days before the run. The duplicates column is what dedup still finds."
)
COLUMNS_NOTE = (
    "newsdesk runs `Pipeline.run` and `publish(build_digest(...))`, as `newsdesk run --workers "
    "W` does, in a child process on an empty database, once per N and W (W = 1 only at the "
    "smallest N). With W = 1 everything runs in that process and onnxruntime spreads each pass "
    "over both cores; with W = 2 a process pool reads, cleans, embeds and writes briefs, one "
    "onnxruntime thread per worker, and the child keeps the whole-batch steps (repeated lines, "
    "dedup against the store, clustering, store writes). *newsdesk s* and *articles/s* (N / "
    "newsdesk s) cover ingest to published digest; *start-up s* (imports, and with W = 1 the "
    "model load) is before and not in them; a pool's workers load the model inside the run. "
    "*peak MiB*: the maximum resident set of the child, of its largest pool worker, and of all "
    "its processes added up (an upper bound: their peaks need not coincide). *trafilatura "
    "pages/s*: bare `trafilatura.extract(bytes)`, defaults, one core, over the same N files "
    "read from disk, after the children ended; *ratio* = articles/s / trafilatura pages/s. "
    "Stages are timed with the pipeline's ProgressReporter (no hook in src/): *ingest* ends at "
    "the last file read; *clean + dedup* at the start of embedding (with the store look-ups of "
    "known documents); *embed* is one MiniLM vector per article; *cluster + store* is "
    "`StoryClusterer.assign` and the store writes, up to the first brief; *briefs* embeds the "
    "candidate sentences of each story with 2+ sources and writes its brief; *commit* ends the "
    "transaction and the run; *publish* writes the site."
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")
_DIGITS = re.compile(r"\d+")
_UTF8 = lxml_html.HTMLParser(encoding="utf-8")
_DROPPED = (
    "//script[@type='application/ld+json'] | //link[@rel='canonical'] | //meta[@charset] | "
    "//meta[@property='og:site_name' or @property='og:url' or @property='og:title' or "
    "@property='article:published_time' or @http-equiv='Content-Type' or "
    "@http-equiv='content-type' or @itemprop='datePublished' or @name='twitter:title']"
)

Page = tuple[lxml_html.HtmlElement, list[str]]  # parsed page, its body sentences


def load_pages() -> list[list[Page]]:
    """Every UTF-8 page of each collection, parsed, with its paragraph sentences."""
    collections: list[list[Page]] = []
    for name in COLLECTIONS:
        pages: list[Page] = []
        for path in sorted((DATA / name / "html").glob("*.html.gz")):
            data = gzip.decompress(path.read_bytes())
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                continue  # 3 pages are not UTF-8; a guessed charset would garble them
            root = lxml_html.document_fromstring(data, parser=_UTF8)
            texts = [" ".join(p.text_content().split()) for p in root.iter("p")]
            pages.append((root, [s for t in texts for s in _SENTENCE.split(t) if len(s) > 40]))
        collections.append(pages)
    return collections


def _renumber(text: str, rng: random.Random) -> str:
    return _DIGITS.sub(lambda m: "".join(rng.choices("0123456789", k=len(m[0]))), text)


def perturb(page: Page, donors: list[Page], rng: random.Random, outlet: int, when: datetime) -> str:
    """One replica of ``page`` as another outlet's report of the same event."""
    root = copy.deepcopy(page[0])
    for element in root.xpath(_DROPPED):
        element.drop_tree()
    paragraphs = [p for p in root.iter("p") if len(p.text_content().split()) >= 8]
    kept = []
    for i, paragraph in enumerate(paragraphs):
        if i and rng.random() < DROP:
            paragraph.drop_tree()
        else:
            kept.append(paragraph)
    texts = []
    for paragraph in kept:
        sentences = _SENTENCE.split(" ".join(paragraph.text_content().split()))
        donor = rng.choice(donors)[1]
        if donor and rng.random() < SWAP:
            sentences[rng.randrange(len(sentences))] = rng.choice(donor)
        texts.append(_renumber(" ".join(sentences), rng))
    body = texts[1:]
    rng.shuffle(body)
    for paragraph, text in zip(kept, texts[:1] + body, strict=True):
        paragraph.clear(keep_tail=True)
        paragraph.text = text
    titles = [e for e in (root.find(".//title"), root.find(".//h1")) if e is not None]
    old = next((" ".join(t.text_content().split()) for t in titles if t.text_content()), "")
    new_title = rng.choice(KICKERS) + _renumber(old, rng)
    for element in titles:
        element.clear(keep_tail=True)
        element.text = new_title
    head = root.find("head")
    if head is None:
        head = lxml_html.Element("head")
        root.insert(0, head)
    site = f"https://outlet-{outlet:02d}.example/{rng.randrange(10**9)}"
    for tag, attributes in (
        ("meta", {"charset": "utf-8"}),
        ("meta", {"property": "og:site_name", "content": f"Outlet {outlet:02d}"}),
        ("meta", {"property": "og:title", "content": new_title}),
        ("meta", {"property": "article:published_time", "content": when.isoformat()}),
        ("link", {"rel": "canonical", "href": site}),
    )[::-1]:
        head.insert(0, lxml_html.Element(tag, attributes))
    return "<!DOCTYPE html>\n" + str(lxml_html.tostring(root, encoding="unicode"))


def corpus_reports(
    collections: list[list[Page]], n: int, seed: int = 0
) -> Iterator[tuple[str, str, str]]:
    """``n`` reports as (outlet folder, file name, HTML), COPIES per page (more
    once every page is used).

    Pages are taken in a seeded random order across both collections; copy
    ``c`` of page ``p`` goes to outlet ``(p + c) % OUTLETS``, so an event's
    reports come from different outlets, dated over the 7 days before now.
    """
    rng = random.Random(seed)
    pages = [(page, pool) for pool in collections for page in pool]
    rng.shuffle(pages)
    used = min(len(pages), -(-n // COPIES))
    now = datetime.now(UTC).replace(microsecond=0)
    for i in range(n):
        index, copy_number = i % used, i // used
        page, pool = pages[index]
        outlet = (index + copy_number) % OUTLETS
        when = now - timedelta(seconds=rng.randrange(7 * 86400))
        html = perturb(page, pool, rng, outlet, when)
        yield f"outlet-{outlet:02d}", f"p{index:03d}-c{copy_number:03d}.html", html


def build_corpus(collections: list[list[Page]], n: int, folder: Path, seed: int = 0) -> None:
    """Write the ``n`` reports of :func:`corpus_reports`, one folder per outlet."""
    for outlet, name, html in corpus_reports(collections, n, seed):
        target = folder / outlet / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


class StageClock:
    """A ProgressReporter that notes when each stage starts and takes its last step."""

    def __init__(self) -> None:
        self.marks: dict[str, list[float]] = {}

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        marks = self.marks[name] = [time.perf_counter()] * 2

        def advance(steps: int) -> None:
            marks[1] = time.perf_counter()

        return advance


def _descendant_peaks_mib() -> list[float]:
    """The peak resident set (VmHWM) of every process below this one, from /proc.

    A pool's workers are children of its forkserver, not of this process, so
    ``RUSAGE_CHILDREN`` (which counts only children waited for) cannot see them.
    """
    peaks: list[float] = []
    pending = [str(os.getpid())]
    while pending:
        pid = pending.pop()
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            pending += task.read_text().split()
        if pid != str(os.getpid()):
            status = Path(f"/proc/{pid}/status").read_text()
            kib = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
            peaks.append(int(kib[1]) / 1024 if kib else 0.0)
    return peaks


def child(corpus: Path, work: Path, workers: int) -> None:
    """Run the pipeline and publish, as ``newsdesk run --workers`` does; print figures as JSON."""
    started = time.perf_counter()
    from newsdesk.parallel import make_executor
    from newsdesk.pipeline import Pipeline
    from newsdesk.publish import build_digest, publish
    from newsdesk.store import Store

    clock = StageClock()
    with Store(work / "bench.db") as store, make_executor(workers) as executor:
        pipeline = Pipeline(store, progress=clock, executor=executor)
        if workers == 1:  # the model loads on first use; a pool's workers load it in the run
            pipeline.embedder.encode(["warm-up"])
        t0 = time.perf_counter()
        report = pipeline.run([corpus])
        t_run = time.perf_counter()
        publish(build_digest(store, datetime.now(UTC)), work / "site")
        t_pub = time.perf_counter()
        workers_peak = _descendant_peaks_mib()  # before the pool's workers end
    read, embed, briefs = (clock.marks[s] for s in ("Reading", "Embedding", "Writing briefs"))
    bounds = [t0, read[1], embed[0], embed[1], briefs[0], briefs[1], t_run, t_pub]
    figures = {
        "startup": t0 - started,
        "stages": [b - a for a, b in itertools.pairwise(bounds)],
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # The pool's processes (none when run in-process): the largest, and all together.
        "worker_peak_mib": max(workers_peak, default=0.0),
        "all_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        + sum(workers_peak),
        "counts": report.counts,
    }
    print(json.dumps(figures))


def trafilatura_seconds(files: list[Path]) -> tuple[float, int]:
    """Seconds for bare ``trafilatura.extract`` (defaults) over ``files``, and pages with text."""
    import trafilatura

    started, found = time.perf_counter(), 0
    for path in files:
        found += bool(trafilatura.extract(path.read_bytes()))
    return time.perf_counter() - started, found


@dataclass(frozen=True)
class Row:
    """The figures of one N."""

    n: int
    workers: int
    startup: float
    stages: list[float]
    peak_mib: float
    worker_peak_mib: float
    all_peak_mib: float
    counts: dict[str, int]
    trafilatura_s: float
    trafilatura_found: int

    @property
    def seconds(self) -> float:
        return sum(self.stages)


def measure(collections: list[list[Page]], n: int, workers: list[int]) -> list[Row]:
    """Build the corpus, run newsdesk on it in a child process once per number of
    ``workers`` (each on an empty database), then trafilatura."""
    figures = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-throughput-") as tmp:
        corpus = Path(tmp) / "corpus"
        build_corpus(collections, n, corpus)
        for count in workers:
            work = Path(tmp) / f"work-{count}"
            work.mkdir()
            command = [sys.executable, __file__, "--child", str(corpus), str(work), str(count)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            figures.append((count, json.loads(out.splitlines()[-1])))
        seconds, found = trafilatura_seconds(sorted(corpus.rglob("*.html")))
    return [
        Row(n=n, workers=count, trafilatura_s=seconds, trafilatura_found=found, **figure)
        for count, figure in figures
    ]


def _first(rows: list[Row], n: int) -> Row:
    return next(r for r in rows if r.n == n)


def render(rows: list[Row]) -> str:
    """The main table (a row per N) and the per-stage table (a column pair per N)."""
    lines = [
        "| N reports | workers | newsdesk s | articles/s | peak MiB: main, largest worker, all "
        "| trafilatura pages/s | ratio "
        "| start-up s | new articles | duplicates | stories | briefs | problems |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        rate, peer, counts = row.n / row.seconds, row.n / row.trafilatura_s, row.counts
        lines.append(
            f"| {row.n:,} | {row.workers} | {row.seconds:.1f} | **{rate:.2f}** | "
            f"{row.peak_mib:.0f}, {row.worker_peak_mib:.0f}, {row.all_peak_mib:.0f} | "
            f"{peer:.1f} | **{rate / peer:.3f}** | {row.startup:.1f} | "
            f"{counts['new_articles']:,} | {counts['duplicates']:,} | "
            f"{counts['stories_touched']:,} | {counts['briefs_written']:,} | "
            f"{counts['problems']:,} |"
        )
    found = ", ".join(f"{r.trafilatura_found:,} of {r.n:,}" for r in rows if r is _first(rows, r.n))
    ingest = ", ".join(
        f"{r.n / r.stages[0]:.1f} pages/s ({r.trafilatura_s / r.stages[0]:.2f} x trafilatura's "
        f"rate) at N={r.n:,} with {r.workers} {'worker' if r.workers == 1 else 'workers'}"
        for r in rows
    )
    lines += [
        f"\ntrafilatura returned text for {found} pages. The ingest stage alone "
        f"(trafilatura with metadata, plus newsdesk's own checks) ran at {ingest}.\n",
        "| stage | " + " | ".join(f"N={r.n:,}, {r.workers}w s | share" for r in rows) + " |",
        "|---|" + "---|---|" * len(rows),
    ]
    for i, name in enumerate(STAGES):
        cells = [f"{r.stages[i]:.1f} | {r.stages[i] / r.seconds:.0%}" for r in rows]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, nargs="+", default=[500], help="reports per run")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[2, 1],
        help="worker counts to run at each N (1 only at the smallest N)",
    )
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return
    if not all(1 <= n <= 100_000 for n in args.n):
        parser.error("--n must be between 1 and 100000")
    if not all(count >= 1 for count in args.workers):
        parser.error("--workers must be 1 or more")
    collections = load_pages()
    # The in-process row (1 worker) runs at the smallest N only: it shows what the
    # pool gives, and at every N it would double the bench's time.
    smallest = min(args.n)
    if len(set(args.n)) > 1 and not any(w > 1 for w in args.workers):
        parser.error("with --workers 1 alone, give one --n (1 worker runs at the smallest N)")
    rows = [
        row
        for n in sorted(args.n)
        for row in measure(
            collections, n, args.workers if n == smallest else [w for w in args.workers if w > 1]
        )
    ]
    table = render(rows)
    print(table)
    if args.write:
        ns = " ".join(str(n) for n in sorted(args.n))
        ns += " --workers " + " ".join(map(str, args.workers))
        note = CORPUS_NOTE.format(pages=sum(map(len, collections)))
        write_section(
            "throughput",
            "## Throughput and peak memory at scale\n\n"
            f"Reproduce: `make demo` once (set-up), then `.venv/bin/python bench/throughput.py "
            f"--n {ns} --write`\n\nMachine: {machine()}.\n\n{note}\n\n{table}\n\n"
            f"{COLUMNS_NOTE}\n",
        )


if __name__ == "__main__":
    main()
