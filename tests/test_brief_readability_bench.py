"""The pure checks of bench/brief_readability.py (bench/readability_checks.py), on
small hand-written briefs."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return importlib.import_module("readability_checks")
    finally:
        sys.path.pop(0)


def sentence(text: str, article: str = "a1", edits: list[Any] | None = None) -> dict[str, Any]:
    return {"text": text, "article_id": article, "outlets": ["Gazette"], "edits": edits or []}


BODY = (
    "KESSROW, Aldermark (CPA) — Dockworkers walked out on Monday. "
    "But the port said ships were still moving.\n\n"
    "It expects the strike to end on Thursday."
)


def test_source_text_undoes_the_edits_in_order(bench: ModuleType) -> None:
    edits = [
        {"start": 0, "removed": "But ", "inserted": ""},
        {"start": 8, "removed": "she", "inserted": "[Maren Lund]"},
    ]
    shown = sentence("Yet [Maren Lund] said no.", edits=edits)
    assert bench.source_text(shown) == "But Yet she said no."


def test_an_opener_is_a_problem_unless_its_source_sentence_follows_the_previous_one(
    bench: ModuleType,
) -> None:
    bodies = {"a1": BODY}
    first = sentence("Dockworkers walked out on Monday.")
    but = sentence("But the port said ships were still moving.")
    it = sentence("It expects the strike to end on Thursday.")
    check = bench.opens_on_missing_referent
    assert check(but, first, bodies) is False  # right after it, in the same article
    assert check(it, but, bodies) is False  # across a paragraph break
    assert check(it, first, bodies) is True  # a sentence was skipped
    assert check(but, None, bodies) is True  # first of its sequence
    assert check(sentence("“They are still moving,” it said."), None, bodies) is True
    assert check(sentence("[Maren Lund] said so.", edits=[]), None, bodies) is False
    assert check(sentence("Thesis defended."), None, bodies) is False  # a word, not a prefix
    assert check(sentence("It's not clear what he meant."), None, bodies) is False
    assert check(sentence("It is no secret that ships wait."), None, bodies) is False
    assert check(sentence("It’s not clear if they will."), None, bodies) is False
    assert check(sentence("It is a plan to cut jobs."), None, bodies) is True
    # A dropped connective: the shown text no longer opens on it.
    dropped = sentence("The port said.", edits=[{"start": 0, "removed": "But ", "inserted": ""}])
    assert check(dropped, None, bodies) is False


def test_a_share_of_something_unnamed_needs_the_sentence_before_it(bench: ModuleType) -> None:
    check = bench.opens_on_missing_referent
    assert check(sentence("River police said none of it had spilled."), None, {}) is True
    assert check(sentence("“None of it matters,” the mayor said."), None, {}) is False
    named = sentence("The barge carried grain, and police said none of it had spilled.")
    assert check(named, None, {}) is False
    assert check(sentence("Many are sleeping at the hall."), None, {}) is True
    assert check(sentence("Many skippers are sleeping at the hall."), None, {}) is False


def test_he_or_she_needs_a_name_before_it(bench: ModuleType) -> None:
    flagged = bench.unnamed_pronouns
    assert flagged(["She said the talks would go on."]) == [0]
    assert flagged(["The minister spoke.", "He said no."]) == [1]
    assert flagged(["Port chief Maren Lund spoke.", "She said no."]) == []
    assert flagged(["Maren Lund said her port was open."]) == []  # a name at the start counts
    assert flagged(["The Port spoke.", "His plan failed."]) == [1]  # "The" is not a name
    assert flagged(["[Maren Lund] said her port was open."]) == []  # an editor's insert
    assert flagged(["Mr. Lund said his port was open."]) == []
    assert flagged(["In a speech, Lund said he would stay."]) == []  # a speaker's surname
    assert flagged(["He said his port was open."]) == [0]
    assert flagged(["His ship, said Maren Lund, was late."]) == [0]  # the name comes after
    # Inside quotation marks he/she belongs to the speaker's words.
    assert flagged(["“He is wrong,” the union said."]) == []
    assert flagged(['"She is wrong," the union said.']) == []
    assert flagged(["he is wrong,” the union said."]) == []  # a quote closed from before
    assert flagged(["is wrong,” she added."]) == [0]
    assert flagged(["“We will stay out, the union said he told them."]) == []  # left open


def test_figures_are_normalised(bench: ModuleType) -> None:
    assert bench.figures("about 3,200 people") == {"3200"}
    assert bench.figures("3.25% and 3.25 percent") == {"3.25%"}
    assert bench.figures("$214 million, 214 million dollars") == {"$214 million"}
    assert bench.figures("in 1998, 12 homes, at 11:20 p.m., on 4.10.") == {"4.1"}
    assert bench.figures("the 2-1 win") == set()
    assert bench.figures("the Act of 1890 and 1,890 people") == {"1890"}  # the year aside
    assert bench.figures("The S&P 500 fell 5.8%.") == {"5.8%"}


def test_repeated_facts_by_figure_or_shared_words(bench: ModuleType) -> None:
    brief = [
        "About 3,200 residents fled the fire on Tuesday.",
        "The Greymoor hall now houses roughly 3200 people.",
        "Engineers found cracks in the concrete base of the damaged pier.",
    ]
    new = ["Cracks were found by engineers in the damaged pier's concrete base."]
    pairs = bench.repeated_pairs(brief, new)
    assert [(x[:5], y[:5], why) for x, y, why in pairs] == [
        ("About", "The G", "figure 3200"),
        ("Engin", "Crack", "words 7/7"),
    ]
    assert bench.repeated("The fire burned on.", "The fire burned on.") is None  # too short


def test_a_report_restated_in_other_words_unless_its_figures_differ(bench: ModuleType) -> None:
    # Vectors chosen by hand: the two appeals-court sentences embed alike, the
    # two claims counts too, but these give different figures.
    shown = {
        "An appeals court let the law be enforced again.": [1.0, 0.0, 0.0],
        "The law is back in effect after the appeals court ruled.": [0.8, 0.6, 0.0],
        "Some 6.6 million people filed claims.": [0.0, 0.0, 1.0],
        "Claims reached nearly 17 million since March.": [0.0, 0.6, 0.8],
    }
    texts = list(shown)

    class ByHand:
        def encode(self, batch: Sequence[str]) -> np.ndarray:
            return np.array([shown[t] for t in batch])

    pairs = bench.restated_pairs(texts[:1], texts[1:], ByHand())
    assert [(x[:6], y[:6], round(c, 2)) for x, y, c in pairs] == [("An app", "The la", 0.8)]
    assert bench.restated_pairs(texts[2:], [], ByHand()) == []  # 0.8, but 6.6m is not 17m


def test_source_count_must_match_the_outlets_shown(bench: ModuleType) -> None:
    story = {"independent_sources": 3, "outlets": ["Gazette", "Herald", "Herald"]}
    assert bench.count_mismatch(story) is True
    assert bench.count_mismatch({**story, "independent_sources": 2}) is False


def test_lead_is_the_start_of_the_first_paragraph_a_dateline_aside(bench: ModuleType) -> None:
    paragraphs = BODY.split("\n\n")
    assert bench.is_lead("Dockworkers walked out on Monday.", paragraphs) is True
    assert bench.is_lead("But the port said ships were still moving.", paragraphs) is False
    assert bench.is_lead("It expects the strike to end on Thursday.", paragraphs) is False
    assert bench.is_lead("Dockworkers walked out on Monday.", []) is False


def test_path_leaks_look_at_every_site_file_but_the_json(bench: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "st-1.html").write_text("<p>from /in/feeds/a.jsonl</p>")
    (tmp_path / "digest.json").write_text('{"path": "/in/feeds/a.jsonl"}')
    (tmp_path / "feed.atom").write_text("<feed>a.jsonl</feed>")
    leaks = bench.path_leaks(tmp_path, ["/in/feeds/a.jsonl", "a.jsonl", "", "nd-in-x"])
    assert leaks == [
        ("feed.atom", "a.jsonl"),
        ("stories/st-1.html", "/in/feeds/a.jsonl"),
        ("stories/st-1.html", "a.jsonl"),
    ]
