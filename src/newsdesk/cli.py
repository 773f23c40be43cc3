"""The ``newsdesk`` command line."""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime

from rich.console import Console

from newsdesk import __version__
from newsdesk.errors import NewsdeskError
from newsdesk.eval.cli import add_eval_commands, run_eval
from newsdesk.pipeline import Pipeline, PipelineConfig, RunReport
from newsdesk.progress import StageBars
from newsdesk.publish import build_digest, publish
from newsdesk.store import Store

EXIT_OK = 0
EXIT_INPUT_PROBLEMS = 1
EXIT_FAILURE = 2


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
        "feed XML, WARC; any of them gzipped), store articles, stories and briefs, and "
        "publish the digest.",
    )
    run.add_argument("paths", nargs="+", metavar="PATH", help="input files and folders")
    run.add_argument("--db", default="newsdesk.db", help="SQLite database (default: %(default)s)")
    run.add_argument("--out", default="site", help="digest folder (default: %(default)s)")
    run.add_argument("--quiet", action="store_true", help="no progress bars or summary")
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
    add_eval_commands(commands)
    return parser


def _moment(text: str) -> datetime:
    """An ISO 8601 date or time; a time without a zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date such as 2026-11-23 or 2026-11-23T18:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _days(text: str) -> float:
    """A positive, finite number of days."""
    try:
        days = float(text)
    except ValueError:
        days = math.nan
    if not (math.isfinite(days) and days > 0):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of days")
    return days


def _summary(console: Console, report: RunReport, out: str, seconds: float) -> None:
    console.print(
        f"Read {report.documents} reports: {report.new_articles} new articles "
        f"({report.known_articles} already stored, {report.duplicates} duplicates), "
        f"{report.stories_touched} stories updated, {report.briefs_written} briefs written, "
        f"{report.stories_closed} stories closed "
        f"in {seconds:.1f} s."
    )
    if report.skipped:
        console.print(f"Skipped {len(report.skipped)} files of unsupported types.")
    console.print(f"Digest: {out}/index.html (also digest.md, digest.json, feed.atom)")


def _run(args: argparse.Namespace, console: Console, errors: Console) -> int:
    started = time.perf_counter()
    as_of = args.as_of or datetime.now(UTC)
    config = PipelineConfig(close_after_days=args.close_after)
    with Store(args.db) as store:
        with StageBars(errors, disable=args.quiet) as bars:
            report = Pipeline(store, config, progress=bars).run(args.paths, as_of)
        try:
            publish(build_digest(store, as_of), args.out)
        except OSError as error:
            raise NewsdeskError(f"cannot write the digest to {args.out}: {error}") from error
    for problem in report.problems:
        errors.print(f"error: {problem}", markup=False)
    if not args.quiet:
        _summary(console, report, args.out, time.perf_counter() - started)
    if report.problems:
        errors.print(
            f"{len(report.problems)} input problems (listed above); everything else was stored."
        )
        return EXIT_INPUT_PROBLEMS
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Soft wrap keeps each message on one line, whole, for grep and logs.
    console = Console(highlight=False, soft_wrap=True)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "run":
            return _run(args, console, errors)
        if args.command == "eval":
            return run_eval(args, console, errors)
    except NewsdeskError as error:
        errors.print(f"newsdesk: {error}", markup=False)
        return EXIT_FAILURE
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
