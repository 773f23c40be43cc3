"""How much better briefs could be with perfect concept weights: an oracle bound.

Why this exists: the summarizer is two parts, concept weights (what matters)
and budgeted selection (what fits). To know which part limits the scores,
this bench keeps the selection as it is and reads the weights from the
reference summaries, which no real run has:

- *masked*: newsdesk's own weights, with every concept that no reference
  uses set to zero (perfect filtering of newsdesk's judgement);
- *references*: a concept weighs the number of references that use it
  (single words at ``unigram_weight``), the best these units can be weighed.

The gap between newsdesk and these rows is what better weights could win;
what stays between them and a perfect score belongs to selection, the
sentences at hand and the abstractive references.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from summarize_ablation import run, with_overrides

from newsdesk.summarize import ConceptSummarizer
from newsdesk.summarize.base import Candidate
from newsdesk.summarize.concepts import Concepts


class ReferenceWeights(ConceptSummarizer):
    """The concept summarizer with weights read from ``references`` (an oracle).

    ``masked`` keeps newsdesk's weights for concepts some reference uses and
    zeroes the rest; otherwise a concept weighs how many references use it.
    """

    def __init__(self, references: Sequence[str], masked: bool) -> None:
        super().__init__()
        self.masked = masked
        self.uses = Counter(name for text in references for name in set(self._concept_names(text)))

    def _concept_names(self, text: str) -> tuple[str, ...]:
        return super().concepts([Candidate(text, "reference", "", "reference", 0)]).names

    def concepts(self, candidates: Sequence[Candidate]) -> Concepts:
        found = super().concepts(candidates)
        uses = np.array([self.uses[name] for name in found.names], dtype=np.float64)
        if self.masked:
            weight = found.weight * (uses > 0)
        else:
            single = np.array([" " not in name for name in found.names], dtype=bool)
            weight = uses * np.where(single, self.unigram_weight, 1.0)
        return replace(found, weight=weight)


ROWS = {
    "newsdesk (defaults)": with_overrides({}),
    "masked: own weights, concepts no reference uses zeroed (oracle)": (
        lambda cluster: ReferenceWeights(cluster.references, masked=True)
    ),
    "references: weight = references using the concept (oracle)": (
        lambda cluster: ReferenceWeights(cluster.references, masked=False)
    ),
}


def main() -> int:
    return run(
        "summarize_headroom",
        "Summarizer headroom: concept weights from the references",
        "Same candidates, selection and scoring as the ablation; only the concept weights "
        "change. The oracle rows read the references, so no real run can reach them: they "
        "bound what better weights could win. R-1 / R-2: DUC 2004 recall at 100 words, "
        "Multi-News F1 at 300 words, NeuS F1 at 75 words.",
        ROWS,
    )


if __name__ == "__main__":
    sys.exit(main())
