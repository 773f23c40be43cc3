"""Clustering metrics on hand-worked cases."""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import WordHashEncoder
from newsdesk.cluster import StoryClusterer
from newsdesk.eval.ecb import detokenize, evaluate_clustering
from newsdesk.eval.metrics import (
    _expected_mutual_information,
    adjusted_mutual_information,
    bcubed,
    pairwise,
)


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


def test_ami_is_one_for_equal_clusterings_whatever_the_names() -> None:
    assert adjusted_mutual_information([0, 0, 1, 1], ["x", "x", "y", "y"]) == pytest.approx(1.0)


def test_ami_expected_information_matches_brute_force() -> None:
    # E[MI] over all 720 relabellings of the gold side, computed by hand in a loop.
    predicted, gold = [0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]

    def mutual(p: list[int], g: tuple[int, ...]) -> float:
        n, rows, cols = len(p), Counter(p), Counter(g)
        joint = Counter(zip(p, g, strict=True))
        return sum(c / n * math.log(n * c / (rows[a] * cols[b])) for (a, b), c in joint.items())

    perms = list(itertools.permutations(gold))
    expected = sum(mutual(predicted, q) for q in perms) / len(perms)
    assert _expected_mutual_information([3, 3], [2, 2, 2], 6) == pytest.approx(expected)
    # This pairing shares no more information than chance does: AMI below zero.
    assert adjusted_mutual_information(predicted, gold) < 0


def _ecb_record(doc_id: str, topic: int, subtopic: str, text: str) -> str:
    return json.dumps(
        {"doc_id": doc_id, "topic": topic, "subtopic": subtopic, "text_tokenized": text}
    )


def test_clustering_eval_scores_two_events_and_reports_each_stage(tmp_path: Path) -> None:
    ferry = "The Holm ferry ran aground on Tuesday near Tarnby harbour , the coastguard said ."
    award = "The Tarnby lifeboat crew won a bravery award on Friday for a winter rescue ."
    lines = [_ecb_record(f"1_{n}ecb", 1, "1_ecb", ferry) for n in range(3)]
    lines += [_ecb_record(f"2_{n}ecb", 2, "2_ecb", award) for n in range(3)]
    path = tmp_path / "ecb.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    steps: dict[str, list[int]] = {}

    def progress(name: str, total: int) -> Callable[[int], None]:
        steps[name] = [total, 0]
        return lambda done: steps[name].__setitem__(1, steps[name][1] + done)

    report = evaluate_clustering(path, WordHashEncoder(), StoryClusterer(), (0, 1), progress)

    assert report.runs[0].bcubed.f1 == 1.0 and report.runs[0].clusters == 2
    assert steps == {
        "Embedding documents": [6, 6],
        "Clustering streams": [2, 2],
        "TF-IDF baseline": [1, 1],
    }


def test_an_empty_document_is_a_story_of_its_own_for_every_system(tmp_path: Path) -> None:
    ferry = "The Holm ferry ran aground on Tuesday near Tarnby harbour , the coastguard said ."
    lines = [_ecb_record(f"1_{n}ecb", 1, "1_ecb", ferry) for n in range(3)]
    lines.append(_ecb_record("2_1ecb", 2, "2_ecb", ""))
    path = tmp_path / "ecb.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = evaluate_clustering(path, WordHashEncoder(), StoryClusterer(), (0,))

    assert report.runs[0].clusters == 2 and report.runs[0].bcubed.f1 == 1.0
    assert report.baseline.clusters == 2 and report.baseline.bcubed.f1 == 1.0
