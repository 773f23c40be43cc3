"""List the quotes whose speaker changes between a git revision and the working tree.

Why this exists: speaker rules are judged by reading. A sample of quotes
measures a version; to measure a change, every quote whose speaker differs
must be read against its source, and nothing else. This script runs the
story analyzer of both versions over every cluster of DUC 2004 and
Multi-News (``../shared/data``) and writes each changed quote with the text
before it, for a reader to mark better, worse, or wrong both times.

    .venv/bin/python bench/speaker_changes.py 15779d1 --out /tmp/changes.md
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from analyze_review import SETS, quote_context

ROOT = Path(__file__).resolve().parents[1]


def dump() -> None:
    """Print one JSON line per quote, with the newsdesk found on ``sys.path``.

    A quote is keyed by its article and text; its context is taken around
    the first place the article has that text."""
    from newsdesk.analyze import StoryAnalyzer
    from newsdesk.eval.baselines import cluster_articles
    from newsdesk.eval.mds import load
    from newsdesk.summarize.candidates import candidate_sentences

    for name, path in SETS.items():
        for number, cluster in enumerate(load(name, path).clusters):
            articles = cluster_articles(cluster)
            texts = {a.id: a.text for a in articles}
            analysis = StoryAnalyzer().analyze(articles, candidate_sentences(articles))
            for quote in analysis.quotes:
                key = f"{name} {number} {quote.article_id} {quote.text}"
                around = quote_context(texts[quote.article_id], quote.text)
                print(json.dumps({"key": key, "speaker": quote.speaker, "around": around}))


def quotes(source: Path) -> dict[str, dict[str, str]]:
    """Every quote's speaker and context, by the analyzer under ``source``."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    run = subprocess.run(
        [sys.executable, __file__, "--dump"], env=env, capture_output=True, text=True
    )
    if run.returncode:
        sys.exit(f"the analyzer under {source} failed:\n{run.stderr}")
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    return {row["key"]: row for row in rows}


def changes(revision: str) -> str:
    """A Markdown list of the quotes whose speaker differs from ``revision``'s."""
    git = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True)
    if git.returncode:
        sys.exit(f"git archive {revision} failed: {git.stderr.decode().strip()}")
    archive = git.stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        old = quotes(Path(folder) / "src")
    new = quotes(ROOT / "src")
    lines = [f"# Speakers changed since {revision}", ""]
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key, {}).get("speaker"), new.get(key, {}).get("speaker")
        if before == after:
            continue
        dataset, cluster, article, text = key.split(" ", 3)
        context = (new.get(key) or old[key])["around"]
        lines += [
            f"## {dataset} {cluster}, article {article}: “{text[:60]}”",
            f"- before: {before}",
            f"- now: {after}",
            f"- text around it: …{context}…",
            "",
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("revision", nargs="?", help="the git revision to compare with")
    parser.add_argument("--out", type=Path, help="write the list here instead of printing it")
    parser.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump()
        return 0
    if not args.revision:
        parser.error("give a revision, such as 15779d1")
    missing = [str(p) for p in SETS.values() if not p.exists()]
    if missing:
        print(f"missing data: {', '.join(missing)}", file=sys.stderr)
        return 1
    report = changes(args.revision)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    else:
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
