"""What each part of the concept summarizer is worth: one part off at a time.

Why this exists: the summarizer has a handful of parameters, and each should
earn its place on every data set, not on one. Each row turns one part off (or
to its neutral value) and scores the result exactly as ``newsdesk eval
summarize`` scores newsdesk (same cleaning, candidates, lengths and ROUGE
settings), on DUC 2004, Multi-News and NeuS from ``../shared/data``. NeuS
train is the check on generalization: no setting was chosen on it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

from report import machine, write_section

from newsdesk.eval.baselines import newsdesk_summarizer
from newsdesk.eval.mds import Cluster, MdsData, load
from newsdesk.eval.rouge import Rouge
from newsdesk.summarize import ConceptSummarizer, Summarizer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEUS = DATA / "neus_allsides" / "lrc_roundup_probe"
# data set name, path, column heading
SETS = (
    ("duc2004", DATA / "duc2004", "DUC 2004"),
    ("multinews", DATA / "multi_news_sample50", "Multi-News"),
    ("neus", NEUS / "val.source", "NeuS val"),
    ("neus", NEUS / "train.source", "NeuS train"),
)
VARIANTS: dict[str, dict[str, Any]] = {
    "newsdesk (defaults)": {},
    "concepts from one source count too (min_sources=1)": {"min_sources": 1},
    "no single content words (unigram_weight=0)": {"unigram_weight": 0.0},
    "no first-mention boost (first_mention=0)": {"first_mention": 0.0},
    "no relevance term (relevance=0)": {"relevance": 0.0},
    "no early-position bonus (lead=0)": {"lead": 0.0},
    "gain per word (length_exponent=1)": {"length_exponent": 1.0},
    "no new-source bonus (new_source=0)": {"new_source": 0.0},
    "no position discount in two-source stories (two_source_lead=0)": {"two_source_lead": 0.0},
}


def with_overrides(overrides: dict[str, Any]) -> Callable[[Cluster], Summarizer]:
    """The concept summarizer with ``overrides``, the same for every cluster."""
    return lambda _: ConceptSummarizer(**overrides)


def score(data: MdsData, summarizer_for: Callable[[Cluster], Summarizer]) -> tuple[float, float]:
    """Mean R-1 and R-2 over ``data``, each cluster summarized by ``summarizer_for(cluster)``."""
    rouge = Rouge(data.settings)
    r1, r2 = [], []
    for cluster in data.clusters:
        summarize = newsdesk_summarizer(summarizer_for(cluster))
        scores = rouge.score(summarize(cluster, data.words), cluster.references)
        r1.append(scores[data.settings.measure]["rouge1"])
        r2.append(scores[data.settings.measure]["rouge2"])
    return mean(r1), mean(r2)


def load_sets() -> list[MdsData] | None:
    """Every set of SETS, in order; None, with a message, when one is missing."""
    missing = [str(path) for _, path, _ in SETS if not path.exists()]
    if missing:
        print(f"missing data: {', '.join(missing)}", file=sys.stderr)
        return None
    return [load(name, path) for name, path, _ in SETS]


def run(
    section: str, title: str, intro: str, rows: dict[str, Callable[[Cluster], Summarizer]]
) -> int:
    """Score each row on every set, print the table and, with ``--write``,
    record it as ``section`` of docs/benchmarks.md (the script's command line)."""
    parser = argparse.ArgumentParser(description=title)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    datasets = load_sets()
    if datasets is None:
        return 1
    lines = [
        f"## {title}",
        "",
        f"Reproduce: `.venv/bin/python bench/{section}.py --write`",
        "",
        f"Machine: {machine()}.",
        "",
        intro,
        "",
        f"| variant | {' | '.join(heading for _, _, heading in SETS)} |",
        "|---" * (len(SETS) + 1) + "|",
    ]
    for row, summarizer_for in rows.items():
        cells = [f"{r1:.2f} / {r2:.2f}" for r1, r2 in (score(d, summarizer_for) for d in datasets)]
        lines.append(f"| {row} | {' | '.join(cells)} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section(section, text)
    return 0


def main() -> int:
    return run(
        "summarize_ablation",
        "Summarizer ablation",
        "R-1 / R-2 as `newsdesk eval summarize` scores newsdesk: DUC 2004 recall at 100 "
        "words (25 clusters), Multi-News F1 at 300 words (50), NeuS F1 at 75 words (val 307, "
        "train 2,452).",
        {variant: with_overrides(overrides) for variant, overrides in VARIANTS.items()},
    )


if __name__ == "__main__":
    sys.exit(main())
