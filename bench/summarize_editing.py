"""What the editor's pass costs in ROUGE: selection alone against the mended brief.

Why this exists: a brief is not the summarizer's choice as it stands. The
editor (``newsdesk.summarize.readable``) chooses the lead, leaves out a
sentence that leans on one the brief does not give or repeats a fact, lets
the summarizer choose again, and mends what it can with a visible edit.
Each of those can cost the words ROUGE counts. This bench scores both paths
on the same clusters, as ``newsdesk eval summarize`` scores them, and tests
the difference with the harness's paired bootstrap: the editor's path is
``newsdesk eval summarize``'s newsdesk row, the selection alone is what that
row was before it.
"""

from __future__ import annotations

import argparse
from statistics import mean

from report import machine, write_section
from summarize_ablation import SETS, load_sets

from newsdesk.eval.baselines import cluster_articles, newsdesk_summarizer, summary_of
from newsdesk.eval.mds import Cluster, MdsData
from newsdesk.eval.rouge import Rouge
from newsdesk.eval.stats import compare
from newsdesk.summarize import ConceptSummarizer
from newsdesk.summarize.candidates import story_sentences
from newsdesk.summarize.repeats import SAME_REPORT

_SETS = ("DUC 2004", "Multi-News", "NeuS val")


def scores(data: MdsData) -> dict[str, list[tuple[float, float]]]:
    """(R-1, R-2) per cluster for the selection alone, the edited brief with
    repeats judged by figures and words only, and the edited brief as the
    default makes it (the same report told in other words also once)."""
    rouge = Rouge(data.settings)
    measure = data.settings.measure
    selector = ConceptSummarizer()
    by_words = newsdesk_summarizer(same_meaning=None)
    edited = newsdesk_summarizer()

    def score(text: str, cluster: Cluster) -> tuple[float, float]:
        found = rouge.score(text, cluster.references)[measure]
        return found["rouge1"], found["rouge2"]

    return {
        "selection alone": [
            score(summary_of(selector, story_sentences(cluster_articles(c)), data.words), c)
            for c in data.clusters
        ],
        "by words": [score(by_words(c, data.words), c) for c in data.clusters],
        "edited brief": [score(edited(c, data.words), c) for c in data.clusters],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    datasets = load_sets()
    if datasets is None:
        return 1
    lines = [
        "## Summarizer: the editor's pass",
        "",
        "Reproduce: `.venv/bin/python bench/summarize_editing.py --write`",
        "",
        f"Machine: {machine()}.",
        "",
        "R-1 / R-2 as `newsdesk eval summarize` scores newsdesk, for the summarizer's "
        "choice as it stands and for the brief the editor makes of it (lead chosen, "
        "sentences that lean on a missing one or repeat a fact left out and replaced, "
        "connectives dropped, pronouns named). p: the harness's one-sided paired "
        "bootstrap that the edited brief is below the selection alone on R-2 "
        "(10,000 resamples of clusters); the last column, that the default is below "
        "*repeats by words*. *Repeats by words* tells a fact once only where "
        "a figure or most words repeat (`BriefWriter(same_meaning=None)`); the *edited "
        "brief*, the default, also where two sentences embed at the cosine at which the "
        f"brief credits another outlet's sentence as the same report ({SAME_REPORT}), "
        "unless their specific numbers differ.",
        "",
        "| set | clusters | selection alone | repeats by words | R-2 difference | p (below) "
        "| edited brief | R-2 difference | p (below) | p (below repeats by words) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for data, (_, _, heading) in zip(datasets, SETS, strict=True):
        if heading not in _SETS:
            continue
        found = scores(data)
        r2 = {row: [second for _, second in pairs] for row, pairs in found.items()}
        tests = [compare(r2["selection alone"], r2[row]) for row in ("by words", "edited brief")]
        # One-sided, as the others: is the brief with repeats by words above the default?
        by_meaning = compare(r2["by words"], r2["edited brief"])
        cells = [
            f"{mean(r1 for r1, _ in s):.2f} / {mean(r2 for _, r2 in s):.2f}" for s in found.values()
        ]
        lines.append(
            f"| {heading} | {len(data.clusters)} | {cells[0]} | "
            + " | ".join(
                f"{cell} | {-t.mean_difference:+.2f} | {t.bootstrap_p:.3f}"
                for cell, t in zip(cells[1:], tests, strict=True)
            )
            + f" | {by_meaning.bootstrap_p:.3f} |"
        )
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    if args.write:
        write_section("Summarizer: the editor's pass", text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
