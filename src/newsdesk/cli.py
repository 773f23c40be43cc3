"""The ``newsdesk`` command line."""

from __future__ import annotations

import argparse
import contextlib
import math
import re
import socket
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import BrokenExecutor
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from newsdesk import __version__
from newsdesk.errors import NewsdeskError
from newsdesk.eval.cli import add_eval_commands, run_eval
from newsdesk.ingest.fetch import FeedFetcher, read_feed_list
from newsdesk.ingest.net import FetchPolicy
from newsdesk.model import UNNAMED_SOURCE, InputProblem
from newsdesk.parallel import make_executor
from newsdesk.pipeline import Pipeline, PipelineConfig, RunReport
from newsdesk.progress import StageBars
from newsdesk.publish import Sections, build_digest, publish
from newsdesk.run_inputs import Inputs
from newsdesk.store import Store

EXIT_OK = 0
EXIT_INPUT_PROBLEMS = 1
EXIT_FAILURE = 2
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C
# How many skipped files the summary names without --verbose.
SKIPPED_NAMED = 5
# More worker processes than this is a typing slip, not a machine.
MAX_WORKERS = 256


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Turn raw news reports into attributed story briefs and a daily digest.",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run",
        help="read reports, update stories and briefs, publish the digest",
        description="Read every supported file under PATH (HTML, TXT, JSON/JSONL, RSS/Atom, "
        "feed XML, WARC; any of them gzipped) and fetch the feeds and pages of --feeds, "
        "store articles, stories and briefs, and publish the digest.",
    )
    run.add_argument("paths", nargs="*", metavar="PATH", help="input files and folders")
    run.add_argument(
        "--feeds",
        metavar="FEEDS",
        help="fetch the feeds and pages of this list (OPML, or one URL per line)",
    )
    run.add_argument(
        "--allow-private",
        action="store_true",
        help="let --feeds reach private, loopback and link-local addresses",
    )
    run.add_argument(
        "--sections",
        metavar="FILE",
        help="the digest's sections and their words (TOML; default: the bundled sections)",
    )
    run.add_argument(
        "--every",
        type=_interval,
        metavar="DURATION",
        help="run again every DURATION (90s, 30m, 1h, 1d) until interrupted",
    )
    run.add_argument(
        "--workers",
        type=_workers,
        default=None,
        help="processes for reading, cleaning, embedding and briefs (default: one per core; "
        "1 runs everything in this process); the results are the same",
    )
    run.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the per-file and per-story work on a Dask cluster: a scheduler's address "
        "(tcp://host:8786) or local:N for N worker processes here; needs newsdesk[dask], "
        "and every worker must read the input paths",
    )
    run.add_argument(
        "--checkpoint",
        metavar="DIR",
        help="with --dask, where finished files are recorded so that a stopped run resumes "
        "(default: the database's path + .backfill; removed once the run is stored)",
    )
    run.add_argument("--db", default="newsdesk.db", help="SQLite database (default: %(default)s)")
    run.add_argument("--out", default="site", help="digest folder (default: %(default)s)")
    chatter = run.add_mutually_exclusive_group()
    chatter.add_argument("--quiet", action="store_true", help="no progress bars or summary")
    chatter.add_argument(
        "--verbose", action="store_true", help="name every skipped file in the summary"
    )
    run.add_argument(
        "--as-of",
        type=_moment,
        metavar="DATE",
        help="the run's date, ISO 8601 (default: now); for replaying past days",
    )
    run.add_argument(
        "--close-after",
        type=_days,
        default=PipelineConfig.close_after_days,
        metavar="DAYS",
        help="close a story after this many days without a new report (default: %(default)s)",
    )
    serve = commands.add_parser(
        "serve",
        help="serve the digest, search and a JSON API from the database",
        description="Serve the digest live from the database: the site's pages, full-text "
        "search, a JSON API (OpenAPI at /api/openapi.json) and the last runs (/runs.html).",
    )
    serve.add_argument("--db", default="newsdesk.db", help="SQLite database (default: %(default)s)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default: %(default)s)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--sections", metavar="FILE", help="the digest's sections (TOML)")
    add_eval_commands(commands)
    return parser


def _check_run_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.command != "run":
        return
    if not args.paths and not args.feeds:
        parser.error("run needs a PATH or --feeds FEEDS")
    if args.every is not None and args.as_of is not None:
        parser.error("--every runs as of each run's own time; leave out --as-of")
    if args.dask:
        clashes = {"--feeds": args.feeds, "--every": args.every, "--workers": args.workers}
        for option, value in clashes.items():
            if value is not None:
                parser.error(f"--dask reads files and archives on a cluster; leave out {option}")
    elif args.checkpoint:
        parser.error("--checkpoint is for a run with --dask")


def _moment(text: str) -> datetime:
    """An ISO 8601 date or time; a time without a zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date such as 2026-11-23 or 2026-11-23T18:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _interval(text: str) -> float:
    """A duration such as 90s, 30m, 1h or 1d, in seconds."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([smhd])", text.strip().lower())
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration such as 90s, 30m, 1h or 1d")
    return float(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def _port(text: str) -> int:
    """A TCP port number, 1 to 65535."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return int(text)


def _workers(text: str) -> int:
    """A whole number of worker processes, from 1 to MAX_WORKERS."""
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_WORKERS):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of workers (1 to {MAX_WORKERS})"
        )
    return int(text)


def _days(text: str) -> float:
    """A positive, finite number of days."""
    try:
        days = float(text)
    except ValueError:
        days = math.nan
    if not (math.isfinite(days) and days > 0):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of days")
    return days


def _count(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` and the noun that agrees with it: "1 report", "2 reports"."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _named(paths: Sequence[str], verbose: bool) -> str:
    """``paths`` joined, only the first few unless ``verbose``."""
    if verbose or len(paths) <= SKIPPED_NAMED:
        return ", ".join(paths)
    return f"{', '.join(paths[:SKIPPED_NAMED])} and {len(paths) - SKIPPED_NAMED} more"


def _summary(console: Console, report: RunReport, out: str, seconds: float, verbose: bool) -> None:
    """The run in one line (the reports read add up), then the skipped files."""
    unreadable = f", {report.unreadable} unreadable" if report.unreadable else ""
    console.print(
        f"Read {_count(report.documents, 'report')}: "
        f"{_count(report.originals, 'new article')}, {_count(report.duplicates, 'duplicate')}, "
        f"{report.known_articles} already stored{unreadable}; "
        f"{_count(report.stories_created, 'story', 'stories')} created, "
        f"{_count(report.stories_updated, 'story', 'stories')} updated, "
        f"{_count(report.briefs_written, 'brief')} written, "
        f"{_count(report.stories_closed, 'story', 'stories')} closed "
        f"in {seconds:.1f} s."
    )
    if report.skipped:
        kinds = "of an unsupported type" if len(report.skipped) == 1 else "of unsupported types"
        console.print(
            f"Skipped {_count(len(report.skipped), 'file')} {kinds}: "
            f"{_named(report.skipped, verbose)}.",
            markup=False,
        )
    for folder, reports in sorted(report.unnamed_outlets.items()):
        console.print(
            f"Outlet unknown for {_count(reports, 'report')} in {folder}: shown as "
            f'"{UNNAMED_SOURCE}". Name it with an "outlet" field, a URL or the page\'s '
            "site-name metadata.",
            markup=False,
        )
    if report.unchanged_feeds:
        feeds = _count(report.unchanged_feeds, "feed")
        console.print(f"{feeds} unchanged since the last run.")
    console.print(f"Digest: {out}/index.html (also digest.md, digest.json, feed.atom)")


def _inputs(args: argparse.Namespace) -> Inputs:
    """The files of the run's paths; a path or feed list that does not exist
    stops the run before anything is written (a mistyped path is no input)."""
    inputs = Inputs.find(args.paths)
    missing = [*inputs.missing]
    if args.feeds and not Path(args.feeds).exists():
        missing.append(args.feeds)
    if missing:
        raise NewsdeskError(
            f"no such file or folder: {', '.join(missing)} (nothing was read or written)"
        )
    return inputs


def _run(args: argparse.Namespace, console: Console, errors: Console) -> int:
    """One run, or with ``--every`` one run per interval until interrupted."""
    if args.every is None:
        return _run_once(args, console, errors)
    try:
        while True:
            started = time.monotonic()
            try:
                _run_once(args, console, errors)
            except NewsdeskError as error:  # this run failed; the schedule goes on
                errors.print(f"newsdesk: {error}", markup=False)
            wait = max(0.0, args.every - (time.monotonic() - started))
            if not args.quiet:
                console.print(f"Next run in {wait:.0f} s (Ctrl-C stops).")
            time.sleep(wait)
    except KeyboardInterrupt:
        return EXIT_OK


@contextlib.contextmanager
def _pipeline(
    args: argparse.Namespace,
    store: Store,
    config: PipelineConfig,
    bars: StageBars,
    errors: Console,
) -> Iterator[Pipeline]:
    """The run's pipeline: on a Dask cluster with ``--dask``, else on a process
    pool of ``--workers`` (or in this process)."""

    def notify(message: str) -> None:
        errors.print(message, markup=False)

    if args.dask:
        from newsdesk.backfill import Backfill, connect

        checkpoint = Path(args.checkpoint or f"{args.db}.backfill")
        with connect(args.dask) as client:
            yield Backfill(
                store, config, client=client, checkpoint=checkpoint, progress=bars, notify=notify
            )
        return
    fetcher = FeedFetcher(FetchPolicy(allow_private=args.allow_private))
    with make_executor(args.workers) as executor:
        yield Pipeline(
            store, config, progress=bars, fetcher=fetcher, notify=notify, executor=executor
        )


def _run_once(args: argparse.Namespace, console: Console, errors: Console) -> int:
    started = time.perf_counter()
    as_of = args.as_of or datetime.now(UTC)
    config = PipelineConfig(close_after_days=args.close_after)
    sections = Sections.load(args.sections)  # a bad file stops the run before it starts
    inputs = _inputs(args)
    feeds: list[str] = []
    list_problems: list[InputProblem] = []
    if args.feeds:
        feeds, list_problems = read_feed_list(args.feeds)
    if not inputs.files and not feeds:  # nothing to read: leave the database and site be
        problems = [*inputs.problems, *list_problems]
        for problem in problems or [InputProblem(args.feeds, "no input found (no feed URLs)")]:
            errors.print(f"error: {problem}", markup=False)
        return EXIT_INPUT_PROBLEMS
    with Store(args.db) as store, StageBars(errors, disable=args.quiet) as bars:
        with _pipeline(args, store, config, bars, errors) as pipeline:
            try:
                report = pipeline.run(inputs, as_of, feeds=feeds)
            except BrokenExecutor as error:  # a worker killed (out of memory, say)
                raise NewsdeskError(
                    "a worker process died during the run; nothing was stored "
                    "(try again, or with fewer --workers)"
                ) from error
        try:
            publish(build_digest(store, as_of), args.out, sections)
        except OSError as error:
            raise NewsdeskError(f"cannot write the digest to {args.out}: {error}") from error
    problems = [*list_problems, *report.problems]
    for problem in problems:
        errors.print(f"error: {problem}", markup=False)
    if not args.quiet:
        _summary(console, report, args.out, time.perf_counter() - started, args.verbose)
    if problems:
        listed = _count(len(problems), "input problem")
        errors.print(f"{listed} (listed above); everything else was stored.")
        return EXIT_INPUT_PROBLEMS
    return EXIT_OK


def _serve(args: argparse.Namespace, console: Console) -> int:
    import uvicorn  # only the server needs it

    from newsdesk.serve import create_app

    # Bound to every interface, the server answers any host name (the user chose to
    # expose it); otherwise only its own, so a DNS-rebinding page is refused.
    hosts = ["*"] if args.host in ("0.0.0.0", "::") else [args.host]
    app = create_app(args.db, Sections.load(args.sections), hosts=hosts)
    try:  # a port in use is an error to report, not a traceback
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as error:
        raise NewsdeskError(
            f"cannot listen on {args.host}:{args.port}: {error.strerror}"
        ) from error
    console.print(f"Serving {args.db} on http://{args.host}:{args.port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _check_run_args(parser, args)
    # Soft wrap keeps each message on one line, whole, for grep and logs.
    console = Console(highlight=False, soft_wrap=True)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "run":
            return _run(args, console, errors)
        if args.command == "eval":
            return run_eval(args, console, errors)
        if args.command == "serve":
            return _serve(args, console)
    except NewsdeskError as error:
        errors.print(f"newsdesk: {error}", markup=False)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        again = "run it again to finish"
        if getattr(args, "dask", None):
            again = "run it again to resume from the files it finished"
        errors.print(
            f"newsdesk: interrupted; a run stores nothing until its end ({again})", markup=False
        )
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: say so in one line, exit as a failed run
        errors.print(
            f"newsdesk: unexpected {type(error).__name__}: {error} (a bug; please report it "
            "with the input that caused it)",
            markup=False,
        )
        return EXIT_FAILURE
    return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
