"""Clustering metrics on hand-worked cases."""

from __future__ import annotations

import pytest

from newsdesk.eval.ecb import detokenize
from newsdesk.eval.metrics import bcubed, pairwise


def test_bcubed_perfect_and_all_in_one() -> None:
    gold = ["a", "a", "b", "b"]
    assert bcubed(["x", "x", "y", "y"], gold).f1 == 1.0
    merged = bcubed(["x"] * 4, gold)
    assert merged.precision == pytest.approx(0.5) and merged.recall == 1.0


def test_bcubed_worked_example() -> None:
    # Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
    # Precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15.
    score = bcubed(["p", "p", "q", "q", "q"], ["a", "a", "a", "b", "b"])
    assert score.precision == pytest.approx(11 / 15)
    assert score.recall == pytest.approx(11 / 15)


def test_pairwise_counts_pairs() -> None:
    # Predicted pairs: (1,2), (3,4), (3,5), (4,5); gold pairs: (1,2), (1,3), (2,3), (4,5).
    score = pairwise(["p", "p", "q", "q", "q"], ["a", "a", "a", "b", "b"])
    assert score.precision == pytest.approx(2 / 4)
    assert score.recall == pytest.approx(2 / 4)


def test_metrics_refuse_mismatched_input() -> None:
    with pytest.raises(ValueError, match="3 predicted labels for 2"):
        bcubed(["a", "b", "c"], ["a", "b"])


def test_detokenize_rejoins_punctuation() -> None:
    assert (
        detokenize("`` We are ready , '' he said ( again ) .") == '"We are ready," he said (again).'
    )
