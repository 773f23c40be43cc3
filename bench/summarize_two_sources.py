"""Two-source stories no setting was chosen on: NeuS train with one source left out.

Why this exists: in a story of at most two sources the summarizer discounts a
sentence's gain by its position (``two_source_lead``), because agreement
between two reports tells little. Multi-News, where that was seen, has only
18 such clusters. NeuS train has 2,452 stories of three reports (left,
centre, right); leaving one of them out of each story that has all three
after cleaning gives a two-source story, scored against the same neutral
roundup. Each column leaves out a different
one (by sorted source key), and the discount is compared, story by story,
with the same summarizer without it.
"""

from __future__ import annotations

import argparse
import sys
from statistics import mean

from report import machine, write_section
from summarize_ablation import NEUS

from newsdesk.eval.baselines import cluster_articles, summary_of
from newsdesk.eval.mds import load
from newsdesk.eval.rouge import Rouge
from newsdesk.eval.stats import compare
from newsdesk.summarize import ConceptSummarizer
from newsdesk.summarize.candidates import StorySentences, story_sentences


def _without(sentences: StorySentences, source: str) -> StorySentences:
    return StorySentences(*([s for s in part if s.source != source] for part in sentences))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    path = NEUS / "train.source"
    if not path.exists():
        print(f"missing data: {path}", file=sys.stderr)
        return 1
    data = load("neus", path)
    rouge = Rouge(data.settings)
    stories = [(c, story_sentences(cluster_articles(c))) for c in data.clusters]
    stories = [(c, s) for c, s in stories if len({x.source for x in s.candidates}) == 3]
    systems = {
        "with the discount": ConceptSummarizer(),
        "without": ConceptSummarizer(two_source_lead=0),
    }
    lines = [
        "## Summarizer: two-source stories",
        "",
        "Reproduce: `.venv/bin/python bench/summarize_two_sources.py --write`",
        "",
        f"Machine: {machine()}.",
        "",
        f"NeuS train, the {len(stories):,} stories with three sources, each scored with one "
        "source left out (ROUGE F1 at 75 words against the neutral roundup). R-2 with and "
        "without the position discount of two-source stories (`two_source_lead`), and the "
        "paired tests over stories.",
        "",
        "| source left out | with the discount | without | difference | won / lost | "
        "bootstrap p | sign p |",
        "|---|---|---|---|---|---|---|",
    ]
    for left_out in range(3):
        scores: dict[str, list[float]] = {name: [] for name in systems}
        for cluster, sentences in stories:
            gone = sorted({x.source for x in sentences.candidates})[left_out]
            story = _without(sentences, gone)
            for name, summarizer in systems.items():
                text = summary_of(summarizer, story, data.words)
                scores[name].append(rouge.score(text, cluster.references)["f1"]["rouge2"])
        with_, without = scores.values()
        test = compare(with_, without)
        lines.append(
            f"| {('first', 'second', 'third')[left_out]} | {mean(with_):.2f} | "
            f"{mean(without):.2f} | {test.mean_difference:+.2f} | {test.wins} / {test.losses} | "
            f"{test.bootstrap_p:.3f} | {test.sign_p:.3f} |"
        )
        print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section("summarize_two_sources", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
