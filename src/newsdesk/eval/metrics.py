"""Clustering metrics: B-cubed and pairwise precision/recall/F1.

B-cubed (Bagga & Baldwin 1998) scores every item: precision is the share of
its predicted cluster that shares its gold label, recall the share of its
gold cluster that shares its predicted cluster; both are averaged over items.
Unlike purity it punishes both splitting and merging events.
"""

from __future__ import annotations

import math
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


def adjusted_mutual_information(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """AMI with arithmetic-mean normalisation (Vinh, Epps & Bailey 2010).

    Mutual information corrected for the agreement two random clusterings
    with the same cluster sizes would reach by chance: 1 for identical
    clusterings, about 0 for independent ones.
    """
    _check(predicted, gold)
    n = len(gold)
    rows, cols = Counter(predicted), Counter(gold)
    joint = Counter(zip(predicted, gold, strict=True))
    mutual = sum(c / n * math.log(n * c / (rows[p] * cols[g])) for (p, g), c in joint.items())
    expected = _expected_mutual_information(list(rows.values()), list(cols.values()), n)

    def entropy(counts: Counter[Hashable]) -> float:
        return -sum(c / n * math.log(c / n) for c in counts.values())

    normaliser = (entropy(rows) + entropy(cols)) / 2
    denominator = normaliser - expected
    if abs(denominator) < 1e-12:
        return 1.0 if abs(mutual - expected) < 1e-12 else 0.0
    return (mutual - expected) / denominator


def _expected_mutual_information(a: list[int], b: list[int], n: int) -> float:
    """E[MI] under the hypergeometric model of random clusterings with these sizes."""
    log_factorial = [0.0] * (n + 1)
    for i in range(2, n + 1):
        log_factorial[i] = log_factorial[i - 1] + math.log(i)
    total = 0.0
    for ai in a:
        for bj in b:
            for nij in range(max(1, ai + bj - n), min(ai, bj) + 1):
                log_p = (
                    log_factorial[ai]
                    + log_factorial[bj]
                    + log_factorial[n - ai]
                    + log_factorial[n - bj]
                    - log_factorial[n]
                    - log_factorial[nij]
                    - log_factorial[ai - nij]
                    - log_factorial[bj - nij]
                    - log_factorial[n - ai - bj + nij]
                )
                total += nij / n * math.log(n * nij / (ai * bj)) * math.exp(log_p)
    return total
