"""What the dedup stage is worth to a brief, and to the peers given the same help.

Why this exists: ``newsdesk run`` marks near copies (a wire write-through, one
report filed twice) before it summarizes, so a copy adds no sentences and no
second source. DUC 2004's clusters hold many such copies. This bench counts
them on every set, scores newsdesk with and without the dedup stage, and
scores each sumy method on all of a cluster's documents and on the originals
only (the documents dedup keeps), so that the part of newsdesk's lead that
comes from dedup is on record. KL-Sum is left out: at about 7 s a cluster it
would double the bench's time.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from statistics import mean

from report import machine, write_section
from summarize_ablation import SETS, load_sets

from newsdesk.eval.baselines import (
    SUMY_METHODS,
    cluster_articles,
    summary_of,
    sumy_summarizer,
)
from newsdesk.eval.mds import Cluster, MdsData
from newsdesk.eval.rouge import Rouge
from newsdesk.eval.stats import compare
from newsdesk.summarize import ConceptSummarizer
from newsdesk.summarize.candidates import story_sentences

PEERS = [method for method in SUMY_METHODS if method != "KL-Sum"]


def originals(cluster: Cluster) -> Cluster:
    """The cluster without the documents dedup marks as copies."""
    copies = {int(a.path.rsplit("/", 1)[1]) for a in cluster_articles(cluster) if a.duplicate_of}
    kept = tuple(d for n, d in enumerate(cluster.documents) if n not in copies)
    return replace(cluster, documents=kept)


def copies_found(data: MdsData) -> tuple[int, int, int]:
    """(clusters with a copy, documents marked as copies, documents)."""
    marked = [sum(a.duplicate_of is not None for a in cluster_articles(c)) for c in data.clusters]
    return sum(m > 0 for m in marked), sum(marked), sum(len(c.documents) for c in data.clusters)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    datasets = load_sets()
    if datasets is None:
        return 1
    sets = list(zip(datasets, (heading for _, _, heading in SETS), strict=True))
    lines = [
        "## Summarizer: the dedup stage",
        "",
        "Reproduce: `.venv/bin/python bench/summarize_dedup.py --write`",
        "",
        f"Machine: {machine()}.",
        "",
        "Near copies that the dedup stage marks (defaults: MinHash of word 3-grams, "
        "estimated Jaccard similarity 0.5 or more):",
        "",
        "| set | clusters with a copy | documents marked | documents |",
        "|---|---|---|---|",
    ]
    for data, heading in sets:
        with_copy, marked, documents = copies_found(data)
        lines.append(
            f"| {heading} | {with_copy:,} of {len(data.clusters):,} | {marked:,} | {documents:,} |"
        )
        print(lines[-1], flush=True)

    duc = next(data for data, heading in sets if heading == "DUC 2004")
    rouge = Rouge(duc.settings)

    def recall(text: str, cluster: Cluster) -> tuple[float, float]:
        scores = rouge.score(text, cluster.references)["recall"]
        return scores["rouge1"], scores["rouge2"]

    summarizer = ConceptSummarizer()
    ours = {
        mark: [
            recall(summary_of(summarizer, story_sentences(cluster_articles(c, mark)), duc.words), c)
            for c in duc.clusters
        ]
        for mark in (False, True)
    }
    test = compare([r1 for r1, _ in ours[True]], [r1 for r1, _ in ours[False]])
    lines += [
        "",
        f"DUC 2004, {len(duc.clusters)} clusters, ROUGE recall at {duc.words} words as "
        "`newsdesk eval summarize` scores it (R-1 / R-2). newsdesk runs its own path; each "
        "sumy method is given all the cluster's documents, then the originals only:",
        "",
        "| system | all documents | originals only (dedup) |",
        "|---|---|---|",
        "| newsdesk | "
        + " | ".join(
            f"{mean(r1 for r1, _ in ours[m]):.2f} / {mean(r2 for _, r2 in ours[m]):.2f}"
            for m in (False, True)
        )
        + " |",
    ]
    print(lines[-1], flush=True)
    kept = [originals(c) for c in duc.clusters]
    for method in PEERS:
        summarize = sumy_summarizer(method)
        cells = []
        for clusters in (duc.clusters, kept):
            scores = [recall(summarize(c, duc.words), c) for c in clusters]
            cells.append(f"{mean(r1 for r1, _ in scores):.2f} / {mean(r2 for _, r2 in scores):.2f}")
        lines.append(f"| sumy {method} | {' | '.join(cells)} |")
        print(lines[-1], flush=True)
    lines += [
        "",
        f"newsdesk with dedup against without, R-1 per cluster: {test.mean_difference:+.2f}, "
        f"won {test.wins}, lost {test.losses}, tied {test.ties}; bootstrap p "
        f"{test.bootstrap_p:.3f}, sign p {test.sign_p:.3f}.",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section("summarize_dedup", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
