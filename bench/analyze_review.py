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
import time
from pathlib import Path

from newsdesk.analyze import StoryAnalyzer, find_differences
from newsdesk.embed import Embedder
from newsdesk.eval.baselines import cluster_articles
from newsdesk.eval.mds import load
from newsdesk.summarize.brief import candidate_sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SAMPLE = 100  # quotes read per data set, drawn with a fixed seed
SETS = {"duc2004": DATA / "duc2004", "multinews": DATA / "multi_news_sample50"}


def _context(text: str, quote: str) -> str:
    """The article text around the quotation, for judging its speaker."""
    at = text.find(quote)
    return " ".join(text[max(0, at - 700) : at + len(quote) + 300].split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsdesk-review"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    encoder = Embedder()
    for name, path in SETS.items():
        if not path.exists():
            raise SystemExit(f"missing {path}: this script reads shared/data beside the project")
        data = load(name, path)
        quotes_out, diffs_out = [], []
        not_verbatim = 0
        started = time.perf_counter()
        for cluster in data.clusters:
            articles = cluster_articles(cluster)
            by_id = {a.id: a for a in articles}
            candidates = candidate_sentences(articles)
            analysis = StoryAnalyzer().analyze(articles, candidates)
            for quote in analysis.quotes:
                article = by_id[quote.article_id]
                if quote.text not in article.text:
                    not_verbatim += 1
                quotes_out.append(
                    f"[{cluster.id} {article.path}] SPEAKER: {quote.speaker} | VIA: {quote.via}\n"
                    f"    QUOTE: {quote.text}\n"
                    f"    CONTEXT: {_context(article.text, quote.text)}"
                )
            for difference in find_differences(analysis.statements, encoder):
                sides = [
                    f"    {label}: ({side.speaker} / {side.outlet} / via {side.via}) {side.text}"
                    for label, side in (("A", difference.first), ("B", difference.second))
                ]
                diffs_out.append(
                    f"[{cluster.id}] {difference.kind}: {difference.detail}\n" + "\n".join(sides)
                )
        seconds = time.perf_counter() - started
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
            f"({not_verbatim} not verbatim), {len(diffs_out)} differences, {seconds:.1f} s"
        )


if __name__ == "__main__":
    main()
