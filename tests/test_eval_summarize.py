"""The summarization harness on tiny hand-made cases with known answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli import main
from newsdesk.eval.baselines import (
    SplitterTokenizer,
    cluster_articles,
    lead,
    newsdesk_summarizer,
    sumy_summarizer,
)
from newsdesk.eval.mds import Cluster, MdsData, load
from newsdesk.eval.rouge import Rouge, RougeSettings, truncate
from newsdesk.eval.stats import compare
from newsdesk.eval.summarize import NEWSDESK, evaluate_summaries

DOCS = (
    "The Tarnby council voted on Monday to close the old ferry terminal. Repairs to the pier "
    "would cost more than four million dollars, the council leader said. Residents of Holm "
    "island said they would be cut off from the mainland.",
    "Holm islanders protested on Tuesday against the closure of the Tarnby ferry terminal. "
    "About two hundred people marched to the town hall. The council said a private boat "
    "could serve the island from the marina.",
    "A private operator has offered to run a small boat between Tarnby marina and Holm. "
    "The operator said fares would be higher than the old ferry. The council will decide "
    "next month.",
)
REFERENCE = "Tarnby council voted to close the ferry terminal; Holm islanders protested."


def test_rouge_identical_text_scores_100_and_truncation_cuts_words() -> None:
    rouge = Rouge(RougeSettings("f1", stem=True))
    scores = rouge.score(REFERENCE, [REFERENCE])
    assert all(v == pytest.approx(100.0) for v in scores["f1"].values())
    assert truncate("one two three four", 2) == "one two"
    short = Rouge(RougeSettings("recall", stem=True, truncate_words=3)).score(
        "ferry terminal closed yesterday morning", ["ferry terminal closed"]
    )
    assert short["recall"]["rouge1"] == pytest.approx(100.0)
    assert short["precision"]["rouge1"] == pytest.approx(100.0)  # the cut leaves 3 words


def test_the_word_limit_cuts_references_too_as_rouge_155_does() -> None:
    # ROUGE-1.5.5 -l reads model summaries up to the limit as well: words past
    # it in a reference are not counted against any system's recall.
    rouge = Rouge(RougeSettings("recall", stem=False, truncate_words=3))
    scores = rouge.score("ferry terminal closed", ["ferry terminal closed after the storm"])
    assert scores["recall"]["rouge1"] == pytest.approx(100.0)
    uncut = Rouge(RougeSettings("recall", stem=False)).score(
        "ferry terminal closed", ["ferry terminal closed after the storm"]
    )
    assert uncut["recall"]["rouge1"] == pytest.approx(50.0)


def test_rouge_averages_over_references_rather_than_taking_the_best() -> None:
    rouge = Rouge(RougeSettings("recall", stem=False))
    scores = rouge.score("a b", ["a b", "c d"])
    assert scores["recall"]["rouge1"] == pytest.approx(50.0)


def test_rouge_l_and_lsum_differ_on_multi_sentence_text() -> None:
    # Whole-text LCS keeps one of the two sentences (4 of 8 reference words);
    # the summary-level LCS unites both (7 of 8).
    rouge = Rouge(RougeSettings("recall", stem=False))
    scores = rouge.score(
        "Dogs bark loudly. Cats sleep all day.", ["Cats sleep all day and dogs bark loudly."]
    )
    assert scores["recall"]["rougeL"] == pytest.approx(50.0)
    assert scores["recall"]["rougeLsum"] == pytest.approx(87.5)


def test_unknown_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="measure"):
        RougeSettings("accuracy")


def test_paired_tests_on_known_cases() -> None:
    better = compare([2, 3, 4, 5, 6], [1, 1, 1, 1, 1])
    assert (better.wins, better.losses, better.ties) == (5, 0, 0)
    assert better.sign_p == pytest.approx(2 * 0.5**5)
    assert better.bootstrap_p == 0.0 and better.mean_difference == pytest.approx(3.0)
    mixed = compare([1, 2, 3, 3], [2, 1, 3, 3])
    assert (mixed.wins, mixed.losses, mixed.ties) == (1, 1, 2)
    assert mixed.sign_p == pytest.approx(1.0)
    with pytest.raises(ValueError):
        compare([1.0], [1.0, 2.0])


def test_sumy_runs_on_newsdesk_sentences_at_the_length_asked() -> None:
    cluster = Cluster("c1", DOCS, (REFERENCE,))
    tokenizer = SplitterTokenizer()
    assert tokenizer.to_words("Holm's pier cost $4m.") == ("Holm's", "pier", "cost", "4m")
    for method in ("LexRank", "TextRank", "LSA", "Luhn", "KL-Sum", "SumBasic"):
        summary = sumy_summarizer(method)(cluster, 20)
        assert len(summary.split()) == 20
        assert summary.split()[0] in " ".join(DOCS).split()
    assert lead(cluster, 5) == "The Tarnby council voted on"


def test_a_write_through_of_a_report_changes_nothing_in_newsdesks_summary() -> None:
    """A wire write-through (the same report filed again with a line added) is
    marked as a copy, as the dedup stage of a run marks it: it adds no
    sentences and does not count as a second source of what it repeats."""
    write_through = DOCS[1] + " The march ended peacefully in the late afternoon."
    with_copy = Cluster("c2", (*DOCS, write_through), (REFERENCE,))
    articles = cluster_articles(with_copy)
    assert articles[3].duplicate_of == articles[1].id
    assert [a.duplicate_of for a in articles[:3]] == [None, None, None]
    summarize = newsdesk_summarizer()
    assert summarize(with_copy, 30) == summarize(Cluster("c1", DOCS, (REFERENCE,)), 30)


def test_lsa_baseline_does_not_depend_on_the_hash_seed() -> None:
    script = (
        "from newsdesk.eval.baselines import sumy_summarizer\n"
        "from newsdesk.eval.mds import Cluster\n"
        f"print(sumy_summarizer('LSA')(Cluster('c', {DOCS!r}, ('x',)), 25))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def _write_duc(folder: Path) -> None:
    record = {
        "cluster_id": "d1",
        "documents": [{"name": f"D{i}.txt", "text": t} for i, t in enumerate(DOCS)],
        "references": [
            {"annotator": "A", "text": REFERENCE},
            {"annotator": "B", "text": REFERENCE},
        ],
    }
    (folder / "duc2004_task2.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    systems = {"cluster_id": "d1", "systems": {"Peer": DOCS[0]}}
    (folder / "sumrepo_system_summaries.jsonl").write_text(json.dumps(systems) + "\n")


def test_loaders_read_each_format(tmp_path: Path) -> None:
    _write_duc(tmp_path)
    duc = load("duc2004", tmp_path)
    assert duc.settings.truncate_words == 100 and duc.settings.measure == "recall"
    assert duc.clusters[0].references == (REFERENCE, REFERENCE)
    assert duc.outputs == {"Peer": {"d1": DOCS[0]}}
    news = tmp_path / "mn"
    (news / "system_outputs").mkdir(parents=True)
    row = {"row_id": 7, "documents": list(DOCS), "summary": "– " + REFERENCE}
    (news / "sample.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (news / "system_outputs" / "lexrank_sample.jsonl").write_text(
        json.dumps({"row_id": 7, "generated_summary": "x"}) + "\n"
    )
    multinews = load("multinews", news)
    assert multinews.clusters[0].references == (REFERENCE,)
    assert multinews.outputs == {"lexrank": {"7": "x"}}
    (tmp_path / "val.source").write_text(
        "TITLE=> Ferry. ARTICLE=> The ferry closes. [SEP] TITLE=> Boat. ARTICLE=> A boat.\n"
    )
    (tmp_path / "val.target").write_text("TITLE=> Ferry closes. ARTICLE=> It closes.\n")
    neus = load("neus", tmp_path)
    assert len(neus.clusters[0].documents) == 2
    assert neus.clusters[0].references == ("Ferry closes. It closes.",)


def test_harness_scores_every_system_and_compares_them_with_newsdesk(tmp_path: Path) -> None:
    _write_duc(tmp_path)
    data = load("duc2004", tmp_path)
    data = MdsData(data.name, data.clusters * 2, data.settings, 20, data.outputs)
    report = evaluate_summaries(data)
    names = {s.name for s in report.systems}
    assert {NEWSDESK, "Lead (first document)", "sumy LexRank", "Peer"} <= names
    assert set(report.comparisons) == names - {NEWSDESK}
    assert "| newsdesk |" in report.table()
    figures = json.loads(json.dumps(report.to_json()))
    assert figures["systems"]["Peer"]["kind"] == "shipped"
    assert set(figures["systems"][NEWSDESK]["per_cluster"]) == {"d1"}


def test_eval_command_prints_a_table_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_duc(tmp_path)
    assert main(["eval", "summarize", "--dataset", "duc2004", "--data", str(tmp_path)]) == 0
    assert "| newsdesk | newsdesk |" in capsys.readouterr().out
    args = ["eval", "summarize", "--dataset", "duc2004", "--data", str(tmp_path), "--json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["dataset"] == "duc2004"
    assert "| system |" in captured.err
    missing = ["eval", "cluster", "--dataset", "ecb", "--data", str(tmp_path / "none.jsonl")]
    assert main(missing) == 2
    assert "is not a file" in capsys.readouterr().err
