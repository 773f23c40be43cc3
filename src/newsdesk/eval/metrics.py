"""Clustering metrics: B-cubed and pairwise precision/recall/F1.

B-cubed (Bagga & Baldwin 1998) scores every item: precision is the share of
its predicted cluster that shares its gold label, recall the share of its
gold cluster that shares its predicted cluster; both are averaged over items.
Unlike purity it punishes both splitting and merging events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _check(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted labels for {len(gold)} gold labels")
    if not gold:
        raise ValueError("no items to score")


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    _check(predicted, gold)
    joint = Counter(zip(predicted, gold, strict=True))
    predicted_sizes = Counter(predicted)
    gold_sizes = Counter(gold)
    precision = sum(n * n / predicted_sizes[p] for (p, _), n in joint.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (_, g), n in joint.items()) / len(gold)
    return PRF(precision, recall)


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """Precision and recall over the pairs of items put in one cluster."""
    _check(predicted, gold)

    def pairs(counts: Counter[Hashable]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(zip(predicted, gold, strict=True)))
    in_predicted, in_gold = pairs(Counter(predicted)), pairs(Counter(gold))
    return PRF(both / in_predicted if in_predicted else 1.0, both / in_gold if in_gold else 1.0)
