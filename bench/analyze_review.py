"""Quotes and disagreements over every DUC 2004 and Multi-News cluster, for reading.

Runs the analyze stage as ``newsdesk run`` does (clean, candidate sentences,
quotes, speakers, differences) and writes what it found to a review file
outside the repository (the data's text must not enter it), one numbered
item per quote and per disagreement, and a fixed random sample of 100
quotes per data set for reading. A reader marks each item right or
wrong; ``docs/analysis.md`` reports the counts. It also checks, for every
quote, that its text occurs verbatim in its source article.

    .venv/bin/python bench/analyze_review.py --out /tmp/newsdesk-review
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from report import machine, write_section

from newsdesk.analyze import StoryAnalyzer, find_differences
from newsdesk.embed import Embedder
from newsdesk.eval.baselines import cluster_articles
from newsdesk.eval.mds import load
from newsdesk.summarize import ConceptSummarizer
from newsdesk.summarize.candidates import story_sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SAMPLE = 100  # quotes read per data set, drawn with a fixed seed
SETS = {"duc2004": DATA / "duc2004", "multinews": DATA / "multi_news_sample50"}


def quote_context(text: str, quote: str) -> str:
    """The article text around the quotation, for judging its speaker."""
    at = text.find(quote)
    return " ".join(text[max(0, at - 700) : at + len(quote) + 300].split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsdesk-review"))
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    encoder = Embedder()
    encoder.encode(["warm up"])
    rows = []
    for name, path in SETS.items():
        if not path.exists():
            raise SystemExit(f"missing {path}: this script reads shared/data beside the project")
        data = load(name, path)
        quotes_out, diffs_out = [], []
        not_verbatim = 0
        timings: dict[str, list[float]] = {"select": [], "quotes": [], "differences": []}
        for cluster in data.clusters:
            articles = cluster_articles(cluster)
            by_id = {a.id: a for a in articles}
            candidates, context = story_sentences(articles)
            started = time.perf_counter()
            ConceptSummarizer().select(candidates, 5, 150, context=context)
            timings["select"].append(time.perf_counter() - started)
            started = time.perf_counter()
            analysis = StoryAnalyzer().analyze(articles, candidates)
            timings["quotes"].append(time.perf_counter() - started)
            started = time.perf_counter()
            differences = find_differences(analysis.statements, encoder)
            timings["differences"].append(time.perf_counter() - started)
            for quote in analysis.quotes:
                article = by_id[quote.article_id]
                if quote.text not in article.text:
                    not_verbatim += 1
                quotes_out.append(
                    f"[{cluster.id} {article.path}] SPEAKER: {quote.speaker} | VIA: {quote.via}\n"
                    f"    QUOTE: {quote.text}\n"
                    f"    CONTEXT: {quote_context(article.text, quote.text)}"
                )
            for difference in differences:
                sides = [
                    f"    {label}: ({side.speaker} / {side.outlet} / via {side.via}) {side.text}"
                    for label, side in (("A", difference.first), ("B", difference.second))
                ]
                diffs_out.append(
                    f"[{cluster.id}] {difference.kind}: {difference.detail}\n" + "\n".join(sides)
                )
        median = {stage: statistics.median(t) * 1000 for stage, t in timings.items()}
        rows.append((name, len(data.clusters), len(quotes_out), len(diffs_out), median))
        sample = random.Random(0).sample(range(len(quotes_out)), min(SAMPLE, len(quotes_out)))
        sampled = [quotes_out[n] for n in sorted(sample)]
        for kind, items in (
            ("quotes", quotes_out),
            ("quotes-sample", sampled),
            ("differences", diffs_out),
        ):
            numbered = [f"#{n + 1} {item}" for n, item in enumerate(items)]
            (args.out / f"{name}-{kind}.txt").write_text("\n\n".join(numbered) + "\n")
        print(
            f"{name}: {len(data.clusters)} clusters, {len(quotes_out)} quotes "
            f"({not_verbatim} not verbatim), {len(diffs_out)} differences; median ms per "
            f"cluster: selection {median['select']:.1f}, quotes and speakers "
            f"{median['quotes']:.1f}, differences {median['differences']:.1f}"
        )
    if args.write:
        write_section("analyze", _table(rows))


def _table(rows: list[tuple[str, int, int, int, dict[str, float]]]) -> str:
    lines = [
        "## Quotes, speakers and disagreements: cost",
        "",
        f"Machine: {machine()}. Command: `.venv/bin/python bench/analyze_review.py --write`.",
        "Median milliseconds per cluster for each step, beside the brief's sentence selection",
        "(ConceptSummarizer) on the same candidates; the ratio is analysis time over selection",
        "time. Precision, read by hand from the review files, is in docs/analysis.md.",
        "",
        "| data set | clusters | quotes | differences | selection ms | quotes and speakers ms "
        "| differences ms | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, clusters, quotes, differences, ms in rows:
        ratio = (ms["quotes"] + ms["differences"]) / ms["select"]
        lines.append(
            f"| {name} | {clusters} | {quotes} | {differences} | {ms['select']:.1f} "
            f"| {ms['quotes']:.1f} | {ms['differences']:.1f} | {ratio:.1f}× |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
