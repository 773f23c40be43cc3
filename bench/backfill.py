"""A back-fill of WARC archives on Dask against the local process pool: speed, memory, same output.

Why this exists: issue 20's ``newsdesk run ARCHIVE/*.warc.gz --dask local:2``
must pay for itself on the map stages (reading and extracting each file,
then cleaning and embedding) and must not change a byte of what a run
stores and publishes. This script writes gzipped WARC archives at bench time
from the throughput bench's generated reports (real pages under
../shared/data, never copied into the repo) and runs, one after the other,
each in a child process on an empty database: the local ``Pipeline`` with a
pool of 2 workers, then ``Backfill`` on ``local:1`` and on ``local:2``. The
parent polls the memory of each child's process tree, then compares the
database rows and the site files of the Dask runs with the local run's.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import itertools
import json
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from report import machine, write_section

# Only the standard library and report.py at the top: a Dask worker or a pool's
# process re-imports this script as its main module, and should not carry the
# bench's own libraries in the memory measured here.

CONFIGS = {
    "pool:2": "(a) `Pipeline`, `make_executor(2)` (= `--workers 2`)",
    "local:1": '(b) `Backfill`, `connect("local:1")`',
    "local:2": '(c) `Backfill`, `connect("local:2")`',
}
# Every table a run fills, with the columns that hold no wall-clock time
# (as in tests/conftest.py, which a bench does not import); all runs share one ``as_of``.
TABLES = dict.fromkeys(
    ("stories", "articles", "briefs", "documents", "outlet_lines", "problems"), "*"
)
TABLES["runs"] = "id, inputs, config, counts"
# The last map stage: the back-fill's second pass, or the local pipeline's embedding.
MAP_END = ("Cleaning and embedding", "Embedding")
POLL_SECONDS = 0.2
OTHER_LOAD = 0.2  # cores used outside the bench past which a run's times are flagged
MIB = 1024 * 1024
CHANGED = "changed during the run"  # a run's code digest when its source changed under it
HTML = "text/html; charset=utf-8"
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_HWM = re.compile(r"^VmHWM:\s+(\d+) kB", re.M)


def write_archives(records: int, files: int, folder: Path) -> int:
    """Write ``records`` reports as response records into ``files`` gzipped WARC files,
    consecutive reports to the same file; return the number of real pages they come from."""
    from throughput import corpus_reports, load_pages
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    collections = load_pages()
    reports = corpus_reports(collections, records)
    folder.mkdir(parents=True)
    for number in range(files):
        count = records * (number + 1) // files - records * number // files
        with (folder / f"archive-{number:03d}.warc.gz").open("wb") as out:
            writer = WARCWriter(out, gzip=True)
            for outlet, name, html in itertools.islice(reports, count):
                found = _CANONICAL.search(html)  # the outlet's URL the generator gave the copy
                url = found[1] if found else f"https://{outlet}.example/{name}"
                body = html.encode("utf-8")
                fields = [("Content-Type", HTML), ("Content-Length", str(len(body)))]
                headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
                writer.write_record(record)
    return sum(map(len, collections))


class FirstLastClock:
    """A ProgressReporter that notes when each stage first starts and last advances."""

    def __init__(self) -> None:
        self.marks: dict[str, list[float]] = {}

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        now = time.perf_counter()
        marks = self.marks.setdefault(name, [now, now])

        def advance(steps: int) -> None:
            marks[1] = time.perf_counter()

        return advance


def code_digest() -> str:
    """A digest of the newsdesk source a process imports. The runs take hours, and
    a source file edited meanwhile would make a later run differ from an earlier
    one for no fault of the back-fill, as most likely happened to a 20,000-record
    run while the brief editor was being changed."""
    import newsdesk

    package = Path(newsdesk.__file__).parent
    digest = hashlib.sha256()
    # Templates and styles shape the site files compared too; names count as well as bytes.
    for path in sorted(
        p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def child(mode: str, archives: Path, work: Path, as_of: str) -> None:
    """One configuration, ingest to published site; print its figures as JSON."""
    started = time.perf_counter()
    code = code_digest()
    from newsdesk.pipeline import Pipeline, PipelineConfig
    from newsdesk.publish import build_digest, publish
    from newsdesk.store import Store

    paths = sorted(archives.glob("*.warc.gz"))
    when = datetime.fromisoformat(as_of)
    clock = FirstLastClock()
    with contextlib.ExitStack() as stack:
        pipeline: Pipeline
        if mode == "pool:2":
            from newsdesk.parallel import make_executor

            executor = stack.enter_context(make_executor(2))
            store = stack.enter_context(Store(work / "bench.db"))
            pipeline = Pipeline(store, PipelineConfig(), progress=clock, executor=executor)
        else:
            from newsdesk.backfill import Backfill, connect

            client = stack.enter_context(connect(mode))
            store = stack.enter_context(Store(work / "bench.db"))
            pipeline = Backfill(
                store, PipelineConfig(), client=client, progress=clock, checkpoint=None
            )
        t0 = time.perf_counter()
        report = pipeline.run(paths, when)
        t_run = time.perf_counter()
        publish(build_digest(store, when), work / "site")
        t_pub = time.perf_counter()
    figures = {
        "startup": t0 - started,
        "stages": {name: [a - t0, b - t0] for name, (a, b) in clock.marks.items()},
        "run": t_run - t0,
        "total": t_pub - t0,
        "client_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "counts": report.counts,
        # Workers import newsdesk as they start, so the source must hold still throughout.
        "code": code if code == code_digest() else CHANGED,
    }
    print(json.dumps(figures))


def _role(process: Any, client: int) -> str:
    """What a process of the child's tree is: the client, a worker, or a helper."""
    if process.pid == client:
        return "client"
    command = " ".join(process.cmdline())
    if "resource_tracker" in command:
        return "resource tracker"
    if "forkserver" in command and process.ppid() == client:
        return "forkserver"  # the pool's workers are its children, with its command line
    return "worker"


def _peak_mib(process: Any) -> float:
    """The process's peak resident set (VmHWM, exact between polls), else its current one."""
    with contextlib.suppress(OSError):
        found = _HWM.search(Path(f"/proc/{process.pid}/status").read_text())
        if found:
            return max(int(found[1]) / 1024, float(process.memory_info().rss / MIB))
    return float(process.memory_info().rss / MIB)


def _cpu_seconds() -> tuple[float, float, float]:
    """Busy CPU seconds of the machine, of this process, and of its reaped descendants."""
    import psutil

    t = psutil.cpu_times()
    idle = t.idle + sum(getattr(t, f, 0.0) for f in ("iowait", "guest", "guest_nice"))
    used = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(t) - idle, *(u.ru_utime + u.ru_stime for u in used)


def watch(command: list[str], work: Path) -> tuple[dict[str, Any], dict[int, tuple[str, float]]]:
    """Run ``command``, polling its process tree; its JSON figures and the peak of each process.

    The figures get ``other_cores``: the CPU that processes outside this bench
    (or the hypervisor) used meanwhile, in cores on average; more than a few
    tenths means the run shared the machine and its times are not clean.
    """
    import psutil

    peaks: dict[int, tuple[str, float]] = {}
    polled: dict[int, float] = {}  # CPU seconds of each process of the tree, at its last poll
    before = _cpu_seconds()
    started = time.perf_counter()
    with (
        (work / "stdout.txt").open("w") as out,
        (work / "stderr.txt").open("w") as err,
        subprocess.Popen(command, stdout=out, stderr=err) as process,
    ):
        root = psutil.Process(process.pid)
        while process.poll() is None:
            with contextlib.suppress(psutil.Error):
                for member in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        role, old = peaks.get(member.pid) or (_role(member, process.pid), 0.0)
                        peaks[member.pid] = (role, max(old, _peak_mib(member)))
                        polled[member.pid] = sum(member.cpu_times()[:2])
            time.sleep(POLL_SECONDS)
    elapsed = time.perf_counter() - started
    if process.returncode:
        tail = (work / "stderr.txt").read_text()[-4000:]
        raise SystemExit(f"{command[3]} failed (exit {process.returncode}):\n{tail}")
    busy, mine, tree = (b - a for a, b in zip(before, _cpu_seconds(), strict=True))
    # A process its parent did not reap is missing from the reaped time; its polled time is not.
    tree = max(tree, sum(polled.values()))
    figures = json.loads((work / "stdout.txt").read_text().splitlines()[-1])
    figures["other_cores"] = max(0.0, busy - mine - tree) / elapsed
    return figures, peaks


def _rows(db: Path) -> Iterator[tuple[str, list[str], list[tuple[object, ...]]]]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        for table, columns in TABLES.items():
            found = connection.execute(f"SELECT {columns} FROM {table} ORDER BY 1")
            names = [column[0] for column in found.description]
            yield table, names, found.fetchall()


def first_difference(base: Path, other: Path) -> str | None:
    """The first table or site file in which run ``other`` differs from run ``base``;
    for a table, the row's key (its first column) and the columns that differ."""
    for (table, names, mine), (_, _, theirs) in zip(
        _rows(base / "bench.db"), _rows(other / "bench.db"), strict=True
    ):
        if mine != theirs:
            at = next(
                (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), None
            )
            if at is None:
                where = "row count"
            else:
                apart = [n for n, a, b in zip(names, mine[at], theirs[at], strict=True) if a != b]
                where = f"row {at + 1}, {names[0]} {mine[at][0]}, column {', '.join(apart)}"
            return f"table `{table}` ({where}; {len(mine):,} rows against {len(theirs):,})"
    sites = [
        {str(p.relative_to(w / "site")) for p in (w / "site").rglob("*") if p.is_file()}
        for w in (base, other)
    ]
    for name in sorted(sites[0] | sites[1]):
        if name not in sites[0] & sites[1]:
            return f"site file `{name}` (in one run only)"
        if (base / "site" / name).read_bytes() != (other / "site" / name).read_bytes():
            return f"site file `{name}`"
    return None


@dataclass
class Result:
    """The figures of one configuration."""

    mode: str
    figures: dict[str, Any]
    peaks: dict[int, tuple[str, float]]
    difference: str | None = None
    workers: list[float] = field(init=False)

    def __post_init__(self) -> None:
        self.workers = sorted((p for r, p in self.peaks.values() if r == "worker"), reverse=True)

    @property
    def map_seconds(self) -> float:
        stages = self.figures["stages"]
        return float(next(stages[s][1] for s in MAP_END if s in stages))

    @property
    def client_mib(self) -> float:
        polled = [p for r, p in self.peaks.values() if r == "client"]
        return max([float(self.figures["client_mib"]), *polled])


def render(results: list[Result], records: int) -> str:
    """The table of configurations, the ratios, the identity check and the stage times."""
    lines = [
        "| configuration | records/s | end to end s | map stages s | start-up s "
        "| peak MiB: client, largest worker | every worker's peak MiB | other load, cores "
        "| new articles | duplicates | stories | briefs | problems |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c, total = r.figures["counts"], r.figures["total"]
        listed = ", ".join(f"{p:.0f}" for p in r.workers) or "none"
        lines.append(
            f"| {CONFIGS[r.mode]} | **{records / total:.2f}** | {total:.1f} | "
            f"{r.map_seconds:.1f} | {r.figures['startup']:.1f} | "
            f"{r.client_mib:.0f}, {max(r.workers, default=0.0):.0f} | {listed} | "
            f"{r.figures['other_cores']:.2f} | "
            f"{c['new_articles']:,} | {c['duplicates']:,} | {c['stories_touched']:,} | "
            f"{c['briefs_written']:,} | {c['problems']:,} |"
        )
    by = {r.mode: r for r in results}
    one, two = by["local:1"], by["local:2"]
    verdicts = [f"{CONFIGS[r.mode][:3]} {r.difference or 'identical'}" for r in results[1:]]
    end_to_end = one.figures["total"] / two.figures["total"]
    lines += [
        f"\n`local:2 / local:1`: map stages **{one.map_seconds / two.map_seconds:.2f}x** "
        f"(issue 20 asks >= 1.6x), end to end **{end_to_end:.2f}x**."
        f"\n\nSame database rows and site files as (a): {'; '.join(verdicts)}.\n",
        *(
            [f"**Not clean**: other processes took {busy:.2f} cores on average during a run.\n"]
            if (busy := max(r.figures["other_cores"] for r in results)) > OTHER_LOAD
            else []
        ),
        "| stage: first start - last step, s from run start | "
        + " | ".join(CONFIGS[r.mode][:3] for r in results)
        + " |",
        "|---|" + "---|" * len(results),
    ]
    names = dict.fromkeys(n for r in results for n in r.figures["stages"])
    for name in names:
        cells = [
            "{:.1f} - {:.1f}".format(*r.figures["stages"][name])
            if name in r.figures["stages"]
            else "-"
            for r in results
        ]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    publish = [f"{r.figures['run']:.1f} - {r.figures['total']:.1f}" for r in results]
    lines.append(f"| (publish) | {' | '.join(publish)} |")
    return "\n".join(lines)


def notes(records: int, files: int, pages: int) -> tuple[str, str]:
    """The input paragraph and the columns paragraph."""
    from throughput import COPIES, OUTLETS

    corpus = (
        f"Input: {records:,} reports from the throughput bench's generator (the {pages} UTF-8 "
        "pages of `../shared/data/article_extraction_benchmark_zyte/html` and "
        f"`../shared/data/trafilatura_eval/html`, each written {COPIES} times or more as "
        f"another of {OUTLETS} outlets' perturbed report of the same event: see *Throughput "
        f"and peak memory at scale*), written at bench time as `response` records into {files} "
        "gzipped WARC files (warcio's `WARCWriter`), consecutive reports to the same file. "
        "Each record's URL is the copy's outlet URL (`https://outlet-NN.example/...`, also its "
        "canonical link), with HTTP headers `200 OK` and `Content-Type: text/html; "
        "charset=utf-8`; the page keeps its `og:site_name`, which names the outlet as in the "
        "HTML corpus. All three runs read the same files with the same `as_of`."
    )
    columns = (
        "Each configuration runs in a child process on an empty database: `run(paths, as_of)` "
        "then `publish(build_digest(store, as_of), site)`. (a) is `newsdesk run --workers 2`: "
        "a process pool of 2 does the per-file and per-story work; (b) and (c) are "
        "`newsdesk run --dask local:N`: a Dask LocalCluster of N worker processes, one thread "
        "each, does the map passes, and the client (which also hosts the scheduler) the "
        "reduce. *records/s* and *end to end s* cover ingest to published site; *start-up s* "
        "(imports, and for Dask the cluster's start) is before and not in them. *map stages "
        "s*: from run start to the last step of `Cleaning and embedding` (for (a), of "
        "`Embedding`). *peak MiB*: the parent polls the child's process tree every "
        f"{POLL_SECONDS} s with psutil and keeps each process's peak resident set (VmHWM); "
        "*client* is the child process, *workers* its worker descendants (the pool's or "
        "Dask's; a pool's forkserver and the resource tracker are left out). *other load*: "
        "the machine's busy CPU time outside the child's process tree and this script, over "
        "the child's life, in cores (steal time included); above "
        f"{OTHER_LOAD} the run shared the machine and its times are not clean. Each run "
        "records a digest of newsdesk's package files at its start and end; a run whose "
        "source changed, or differs from (a)'s, is reported as not compared. The identity "
        "check compares every run-filled table (wall-clock columns of `runs` left out) row "
        "by row, and every published file byte by byte, with (a)'s. The stage table gives "
        "each ProgressReporter stage's first start and last step."
    )
    return corpus, columns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=20_000, help="WARC records in all")
    parser.add_argument("--files", type=int, default=20, help="WARC files to spread them over")
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    parser.add_argument(
        "--keep", type=Path, help="keep the archives, databases and sites in this new folder"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]), args.child[3])
        return
    if not 1 <= args.files <= args.records <= 100_000:
        parser.error("need 1 <= --files <= --records <= 100000")
    results: list[Result] = []
    with contextlib.ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True)
            tmp = str(args.keep)
        else:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="newsdesk-backfill-"))
        archives = Path(tmp) / "archives"
        print(f"writing {args.records:,} records into {args.files} WARC files", file=sys.stderr)
        pages = write_archives(args.records, args.files, archives)
        as_of = datetime.now(UTC).replace(microsecond=0).isoformat()
        for mode in CONFIGS:
            work = Path(tmp) / mode.replace(":", "-")
            work.mkdir()
            print(f"running {CONFIGS[mode]}", file=sys.stderr)
            command = [sys.executable, __file__, "--child", mode, str(archives), str(work), as_of]
            figures, peaks = watch(command, work)
            base = Path(tmp) / "pool-2"
            difference = None
            if results:
                codes = (results[0].figures["code"], figures["code"])
                same_code = CHANGED not in codes and codes[0] == codes[1]
                difference = (
                    first_difference(base, work)
                    if same_code
                    else "not compared: newsdesk's source changed during the bench"
                )
            results.append(Result(mode, figures, peaks, difference))
    table = render(results, args.records)
    print(table)
    if args.write:
        sizes = f" --records {args.records} --files {args.files}"
        sizes = "" if (args.records, args.files) == (20_000, 20) else sizes
        corpus, columns = notes(args.records, args.files, pages)
        write_section(
            "backfill",
            "## Archive back-fill on Dask\n\n"
            "Reproduce: `make demo` once (set-up), then `.venv/bin/python bench/backfill.py"
            f"{sizes} --write`\n\nMachine: {machine()}.\n\n{corpus}\n\n{table}\n\n{columns}\n",
        )


if __name__ == "__main__":
    main()
