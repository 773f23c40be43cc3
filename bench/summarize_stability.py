"""How far a single score can move by chance: the summarizer under small perturbations.

Why this exists: on 25 or 50 clusters a change of a few tenths of a point can
come from which sentences happen to be in the pool, not from a better method.
Each run here leaves out a random 3 % of every story's sentences (candidates
and context alike; a different draw per run) and scores the rest exactly as
``newsdesk eval summarize`` does. The spread of those runs is the size of the
noise, and their mean is a steadier figure for comparing variants than one run.
"""

from __future__ import annotations

import argparse
import random
import sys
from statistics import mean, pstdev

from report import machine, write_section
from summarize_ablation import SETS, VARIANTS

from newsdesk.eval.baselines import cluster_articles, summary_of
from newsdesk.eval.mds import load
from newsdesk.eval.rouge import Rouge
from newsdesk.summarize import ConceptSummarizer
from newsdesk.summarize.candidates import StorySentences, story_sentences

RATE = 0.03
ROWS = ("newsdesk (defaults)", "no position discount in two-source stories (two_source_lead=0)")


def _dropped(sentences: StorySentences, rng: random.Random) -> StorySentences:
    kept = [[s for s in part if rng.random() >= RATE] for part in sentences]
    return StorySentences(*kept)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="perturbed runs per row")
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    # DUC 2004, Multi-News and NeuS val; NeuS train is too large to run 20 times over.
    sets = [
        (load(name, path), heading)
        for name, path, heading in SETS
        if path.exists() and heading != "NeuS train"
    ]
    if len(sets) < 3:
        print("missing data under ../shared/data", file=sys.stderr)
        return 1
    stories = [[story_sentences(cluster_articles(c)) for c in data.clusters] for data, _ in sets]
    lines = [
        "## Summarizer stability",
        "",
        f"Reproduce: `.venv/bin/python bench/summarize_stability.py --runs {args.runs} --write`",
        "",
        f"Machine: {machine()}.",
        "",
        f"R-2 (DUC 2004: also R-1), scored as the ablation scores: the run on the full text, "
        f"then the mean, spread (sd) and range of {args.runs} runs that each leave out a "
        f"random {RATE:.0%} of every story's sentences.",
        "",
        "| variant | set | full text | mean of perturbed runs | sd | min to max |",
        "|---|---|---|---|---|---|",
    ]
    for row in ROWS:
        summarizer = ConceptSummarizer(**VARIANTS[row])
        for (data, heading), pool in zip(sets, stories, strict=True):
            rouge = Rouge(data.settings)
            kinds = ("rouge1", "rouge2") if data.name == "duc2004" else ("rouge2",)
            runs: dict[str, list[float]] = {kind: [] for kind in kinds}
            for run in range(args.runs + 1):
                rng = random.Random(run)
                per_cluster: dict[str, list[float]] = {kind: [] for kind in kinds}
                for cluster, sentences in zip(data.clusters, pool, strict=True):
                    story = sentences if run == 0 else _dropped(sentences, rng)
                    text = summary_of(summarizer, story, data.words)
                    scores = rouge.score(text, cluster.references)[data.settings.measure]
                    for kind in kinds:
                        per_cluster[kind].append(scores[kind])
                for kind in kinds:
                    runs[kind].append(mean(per_cluster[kind]))
            for kind, values in runs.items():
                full, perturbed = values[0], values[1:]
                lines.append(
                    f"| {row} | {heading} {kind.replace('rouge', 'R-')} | {full:.2f} | "
                    f"{mean(perturbed):.2f} | {pstdev(perturbed):.2f} | "
                    f"{min(perturbed):.2f} to {max(perturbed):.2f} |"
                )
                print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section("summarize_stability", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
