"""What each part of the concept summarizer is worth: one part off at a time.

Why this exists: the summarizer has a handful of parameters, and each should
earn its place on every data set, not on one. Each row turns one part off (or
to its neutral value) and scores the result exactly as ``newsdesk eval
summarize`` scores newsdesk (same cleaning, candidates, lengths and ROUGE
settings), on DUC 2004, Multi-News and NeuS from ``../shared/data``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from statistics import mean
from typing import Any

from report import machine, write_section

from newsdesk.eval.baselines import newsdesk_summarizer
from newsdesk.eval.mds import MdsData, load
from newsdesk.eval.rouge import Rouge
from newsdesk.summarize import ConceptSummarizer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = {
    "duc2004": DATA / "duc2004",
    "multinews": DATA / "multi_news_sample50",
    "neus": DATA / "neus_allsides" / "lrc_roundup_probe" / "val.source",
}
VARIANTS: dict[str, dict[str, Any]] = {
    "newsdesk (defaults)": {},
    "concepts from one source count too (min_sources=1)": {"min_sources": 1},
    "no single content words (unigram_weight=0)": {"unigram_weight": 0.0},
    "no first-mention boost (first_mention=0)": {"first_mention": 0.0},
    "no relevance term (relevance=0)": {"relevance": 0.0},
    "no early-position bonus (lead=0)": {"lead": 0.0},
    "gain per word (length_exponent=1)": {"length_exponent": 1.0},
    "no new-source bonus (new_source=0)": {"new_source": 0.0},
}


def score(data: MdsData, summarizer: ConceptSummarizer) -> tuple[float, float]:
    rouge = Rouge(data.settings)
    summarize = newsdesk_summarizer(summarizer)
    r1, r2 = [], []
    for cluster in data.clusters:
        scores = rouge.score(summarize(cluster, data.words), cluster.references)
        r1.append(scores[data.settings.measure]["rouge1"])
        r2.append(scores[data.settings.measure]["rouge2"])
    return mean(r1), mean(r2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    missing = [str(p) for p in SETS.values() if not p.exists()]
    if missing:
        print(f"missing data: {', '.join(missing)}", file=sys.stderr)
        return 1
    datasets = {name: load(name, path) for name, path in SETS.items()}
    lines = [
        "## Summarizer ablation",
        "",
        "Reproduce: `.venv/bin/python bench/summarize_ablation.py --write`",
        "",
        f"Machine: {machine()}.",
        "",
        "R-1 / R-2 as `newsdesk eval summarize` scores newsdesk: DUC 2004 recall at 100 "
        "words (25 clusters), Multi-News F1 at 300 words (50), NeuS val F1 at 75 words (307).",
        "",
        "| variant | DUC 2004 | Multi-News | NeuS |",
        "|---|---|---|---|",
    ]
    for variant, overrides in VARIANTS.items():
        cells = []
        for data in datasets.values():
            r1, r2 = score(data, ConceptSummarizer(**overrides))
            cells.append(f"{r1:.2f} / {r2:.2f}")
        lines.append(f"| {variant} | {' | '.join(cells)} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section("summarize_ablation", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
