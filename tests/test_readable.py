"""The editor's pass: every brief sentence reads on its own, no fact is told
twice, and reports of unknown outlet are shown as such."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from conftest import WordHashEncoder, make_article
from newsdesk.analyze import StoryAnalyzer
from newsdesk.cli import main
from newsdesk.model import UNNAMED_SOURCE, Article, BriefSentence, Edit, OutletOrigin
from newsdesk.summarize import BriefWriter, Candidate
from newsdesk.summarize.candidates import story_sentences
from newsdesk.summarize.readable import Editor
from newsdesk.summarize.referents import Shown, StoryText, points_back, without_connective
from newsdesk.summarize.repeats import SameReport, repeats

NOW = datetime(2026, 3, 4, tzinfo=UTC)

HARBOUR = make_article(
    "Tarnby Gazette",
    [
        "The Tarnby harbour board closed the north pier on Friday after divers found "
        "cracks in two of its concrete piles.",
        "Ilse Varga, the board's chief engineer, said repairs would take at least six weeks.",
        "She said the fishing fleet would moor at the south quay until the work was done.",
        "But the board gave few details of what the repairs would cost the town.",
    ],
    published=NOW,
)
COAST = make_article(
    "Holm Coast Radio",
    [
        "Fishing boats were moved to the south quay in Tarnby on Friday when the north "
        "pier was shut for repairs.",
        "Skippers said the move would add an hour to every landing of the catch.",
    ],
    published=NOW,
)


class _Preferring:
    """A summarizer that takes the sentences in a fixed order of preference,
    skipping those not offered, so the editor can ask it again."""

    def __init__(self, *openings: str) -> None:
        self.openings = openings

    def select(
        self,
        candidates: Sequence[Candidate],
        max_sentences: int,
        max_words: int,
        overflow: bool = False,
        context: Sequence[Candidate] = (),
    ) -> list[int]:
        ranked = [
            i
            for opening in self.openings
            for i, c in enumerate(candidates)
            if c.text.startswith(opening)
        ]
        return ranked[:max_sentences]


def _compose(
    articles: list[Article], *openings: str, max_sentences: int = 5, lead: bool = False
) -> list[str]:
    candidates, _ = story_sentences(articles)
    people = StoryAnalyzer().analyze(articles, candidates).people
    story = StoryText(articles, candidates, people)
    editor = Editor(_Preferring(*openings))
    return [s.text for s in editor.compose(candidates, story, max_sentences, 200, lead=lead)]


def test_a_but_sentence_loses_its_connective_and_keeps_its_source_span() -> None:
    brief = BriefWriter(WordHashEncoder(), _Preferring("Fishing boats", "But the board")).write(
        "st-1", [HARBOUR, COAST], NOW
    )
    assert brief is not None
    mended = brief.sentences[1]
    assert mended.text == "The board gave few details of what the repairs would cost the town."
    assert mended.edits == (Edit(0, "But ", ""),)
    source = HARBOUR.paragraphs[3]
    assert mended.source_text().casefold() == source.casefold()


def test_a_she_sentence_names_her_in_brackets_when_the_brief_has_not() -> None:
    brief = BriefWriter(WordHashEncoder(), _Preferring("Fishing boats", "She said")).write(
        "st-1", [HARBOUR, COAST], NOW
    )
    assert brief is not None
    mended = brief.sentences[1]
    assert mended.text.startswith("[Ilse Varga] said the fishing fleet")
    assert mended.edits == (Edit(0, "She", "[Ilse Varga]"),)
    assert mended.source_text() == HARBOUR.paragraphs[2]


def test_a_connective_and_a_pronoun_mended_together_rebuild_the_source() -> None:
    varga = make_article(
        "Tarnby Gazette",
        [
            "Divers will inspect the other piles next week.",
            "Ilse Varga, the board's chief engineer, said repairs would take at least six weeks.",
            "But she said the south quay would stay open to the fleet through the winter.",
        ],
        published=NOW,
    )
    brief = BriefWriter(WordHashEncoder(), _Preferring("Fishing boats", "But she")).write(
        "st-1", [varga, COAST], NOW
    )
    assert brief is not None
    mended = brief.sentences[1]
    assert (
        mended.text
        == "[Ilse Varga] said the south quay would stay open to the fleet through the winter."
    )
    assert mended.edits == (Edit(0, "But ", ""), Edit(4, "she", "[Ilse Varga]"))
    assert mended.source_text() == varga.paragraphs[2]


def test_a_she_sentence_right_after_its_own_source_sentence_stays_verbatim() -> None:
    texts = _compose([HARBOUR, COAST], "Ilse Varga", "She said")
    assert texts[1] == HARBOUR.paragraphs[2]


def test_a_pronoun_that_stands_for_nobody_named_is_left_out() -> None:
    lone = make_article(
        "Holm Coast Radio",
        [
            "He said the pier had been unsafe for years and that the board had known it.",
            "Fishing boats were moved to the south quay in Tarnby on Friday.",
        ],
        published=NOW,
    )
    texts = _compose([HARBOUR, lone], "He said", "Fishing boats")
    assert texts == ["Fishing boats were moved to the south quay in Tarnby on Friday."]


def test_a_share_of_something_the_sentence_does_not_name_points_back() -> None:
    assert points_back("River police said none of it had spilled.")
    assert points_back("Most of them were back at sea by Sunday.")
    assert points_back("Many are sleeping in the harbour master's office.")
    assert not points_back("Many skippers are sleeping in the harbour master's office.")
    assert not points_back("The barge carried grain, and police said none of it had spilled.")
    assert not points_back("“None of it is our fault,” the skipper said.")
    assert not points_back("The board said all of its divers were safe.")


def test_a_self_contained_telling_stands_in_for_one_that_says_none_of_it() -> None:
    cargo = make_article(
        "Holm Coast Radio",
        [
            "A barge carrying 900 tonnes of grain struck the north pier in Tarnby on Friday.",
            "Harbour police said none of it had spilled.",
        ],
        published=NOW,
    )
    ledger = make_article(
        "Tarnby Gazette",
        ["Harbour police said none of the barge's grain had spilled into the harbour."],
        published=NOW,
    )
    texts = _compose([cargo, ledger], "Harbour police said none of it", "Harbour police")
    assert texts == [ledger.paragraphs[0]]


def test_the_lead_is_the_main_development_not_a_side_opening() -> None:
    """Three reports open on the pier's closing; a fourth opens on the divers'
    pay. When the summarizer picks that fourth opening and, of the others,
    only a later sentence telling the closing, the closing still leads."""
    openings = [
        "The Tarnby harbour board shut the north pier on Friday after divers found cracks.",
        "Tarnby's north pier was shut by the harbour board on Friday over cracked piles.",
        "Divers found cracks in the north pier at Tarnby, and the harbour board shut it on Friday.",
    ]
    reports = [
        make_article(outlet, [opening, f"Skippers told {outlet} the south quay was crowded."])
        for outlet, opening in zip(
            ("Tarnby Gazette", "Holm Coast Radio", "Brenna Post"), openings, strict=True
        )
    ]
    closing = make_article(
        "Harbour Weekly",
        [
            "The union of commercial divers in Tarnby wants danger pay for inspection work.",
            "The harbour board shut the north pier in Tarnby on Friday after divers found cracks.",
        ],
    )
    texts = _compose(
        [*reports, closing],
        "The union of commercial",
        "The harbour board shut",
        max_sentences=2,
        lead=True,
    )
    assert texts == [closing.paragraphs[1], closing.paragraphs[0]]
    # An opening that tells the news in other words still leads.
    reworded = make_article(
        "Harbour Weekly",
        [
            "The north pier at Tarnby was shut on Friday, the harbour board said, over cracks.",
            closing.paragraphs[1],
        ],
    )
    texts = _compose(
        [*reports, reworded],
        "The north pier at",
        "The harbour board shut",
        max_sentences=2,
        lead=True,
    )
    assert texts[0] == reworded.paragraphs[0]


def test_a_repeated_figure_is_told_once() -> None:
    assert repeats(
        "The bank cut its policy rate to 3.25% on Wednesday, its second cut this year.",
        "Borrowers will pay less after the central bank lowered its rate to 3.25 percent.",
    )
    assert not repeats(
        "About 3,200 people were evacuated from Dunmore overnight.",
        "The fire has burned 3,200 hectares of forest since Tuesday.",
    )
    bank = make_article(
        "Bayside Journal",
        ["The central bank lowered its benchmark rate by a quarter point to 3.25 percent."],
        published=NOW,
    )
    wire = make_article(
        "Northgate Wire",
        [
            "The Reserve Bank cut its policy rate to 3.25% on Wednesday.",
            "Mortgage lenders said they would pass the cut on from December.",
        ],
        published=NOW,
    )
    texts = _compose([bank, wire], "The central bank", "The Reserve Bank", "Mortgage")
    assert texts == [bank.paragraphs[0], wire.paragraphs[1]]


def test_reports_known_by_folder_alone_are_one_unnamed_source() -> None:
    roundups = [
        make_article(
            "Roundups",
            [f"Fishing boats were moved to the south quay in Tarnby on Friday, report {n} said."],
            outlet_origin=OutletOrigin.FOLDER,
            published=NOW,
        )
        for n in (1, 2)
    ]
    brief = BriefWriter(WordHashEncoder()).write("st-1", [HARBOUR, *roundups], NOW)
    assert brief is not None
    assert brief.outlets == ("Tarnby Gazette", f"{UNNAMED_SOURCE}, 2 reports")
    assert brief.independent_sources == len(brief.outlets) == 2
    shown = {o for s in brief.sentences for o in s.outlets} | {s.outlet for s in brief.sources}
    assert "Roundups" not in shown


def test_the_run_warns_once_per_folder_of_unknown_outlet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "clippings"
    folder.mkdir()
    for n, article in enumerate([HARBOUR, COAST]):
        (folder / f"{n}.txt").write_text(f"Pier shut\n\n{article.text}\n", encoding="utf-8")
    db, site = str(tmp_path / "n.db"), str(tmp_path / "site")
    assert main(["run", str(folder), "--db", db, "--out", site, "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("Outlet unknown") == 1
    assert f"Outlet unknown for 2 reports in {folder}" in out


def test_source_text_refuses_an_edit_that_does_not_match() -> None:
    sentence = BriefSentence("The board said so.", "a1", ("X",), edits=(Edit(0, "She", "[Y]"),))
    with pytest.raises(ValueError):
        sentence.source_text()


def test_an_apostrophe_or_a_quotation_does_not_hide_a_word_that_points_back() -> None:
    assert points_back("It’s the first time the pier has been shut since 1998.")
    assert points_back("That's more than the board spent in a decade.")
    assert points_back("“He’s worried about the winter,” a skipper said.")
    assert not points_back("This week the board will meet the skippers.")


def test_a_pronoun_after_a_name_in_its_own_sentence_stays_as_it_is() -> None:
    quay = make_article(
        "Holm Coast Radio",
        [
            "Fishing boats were moved to the south quay in Tarnby on Friday.",
            "Skipper Jonas Aalto said he would land his catch at Brenna instead.",
        ],
        published=NOW,
    )
    texts = _compose([HARBOUR, quay], "Fishing boats", "Skipper Jonas")
    assert texts == list(quay.paragraphs)


def test_a_he_the_sentence_gives_to_someone_else_or_nobody_sure_is_left_out() -> None:
    later = make_article(
        "Holm Coast Radio",
        [
            "Fishing boats were moved to the south quay in Tarnby on Friday.",
            "Harbour master Pieter Holm closed the north pier at dawn.",
            "He had seen the cracks the night before, Holm said.",
            "Skipper Jonas Aalto came forward and told the board, Ilse Varga said.",
            "He was given a week to report on the piles.",
        ],
        published=NOW,
    )
    texts = _compose([later], "Fishing boats", "He had seen", "He was given")
    assert texts == [later.paragraphs[0]]


def test_of_two_tellings_of_one_fact_the_fuller_stays() -> None:
    short = make_article(
        "Northgate Wire", ["More than 4.4 million tonnes of grain left Tarnby last year."]
    )
    full = make_article(
        "Bayside Journal",
        [
            "Another 4.4 million tonnes of grain were shipped from Tarnby in the year, "
            "a record for the port, the harbour board said."
        ],
    )
    assert repeats(short.paragraphs[0], full.paragraphs[0])
    assert _compose([short, full], "More than", "Another") == [full.paragraphs[0]]


class _Meaning:
    """An encoder that knows which sentences mean the same: one vector per meaning."""

    def __init__(self, *groups: tuple[str, ...]) -> None:
        self.groups = groups

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), len(self.groups) + 1), dtype=np.float32)
        for row, text in enumerate(texts):
            found = [n for n, group in enumerate(self.groups) if text in group]
            vectors[row, found[0] if found else len(self.groups)] = 1.0
        return vectors


def test_a_fact_told_again_in_other_words_is_told_once() -> None:
    first = "The court let the Orrin transit ban take effect again on Thursday."
    again = "An appeals panel allowed Orrin to enforce its transit ban on buses once more."
    other = "Bus drivers in Orrin said the ban would cost them their jobs."
    alike = SameReport(_Meaning((first, again)))
    assert not repeats(first, again)  # too few words in common for the word test
    assert alike(first, again) and not alike(first, other)
    strike = "Drivers at two depots voted to strike."
    # By default the embedding alone decides; shared_words asks for common words as well.
    assert SameReport(_Meaning((first, strike)))(first, strike)
    assert not SameReport(_Meaning((first, strike)), shared_words=0.3)(first, strike)
    wire = make_article("Northgate Wire", [first, other], published=NOW)
    journal = make_article("Bayside Journal", [again], published=NOW)
    candidates, _ = story_sentences([wire, journal])
    story = StoryText([wire, journal], candidates, None)
    editor = Editor(_Preferring("The court", "An appeals", "Bus drivers"))
    shown = editor.compose(candidates, story, 3, 200, lead=False, alike=alike)
    assert [s.text for s in shown] == [again, other]  # the fuller telling


def test_the_brief_tells_a_fact_in_other_words_once_and_credits_both() -> None:
    first = "The court let the Orrin transit ban take effect again on Thursday."
    again = "An appeals panel allowed Orrin to enforce its transit ban on buses once more."
    wire = make_article("Northgate Wire", [first], published=NOW)
    journal = make_article("Bayside Journal", [again], published=NOW)
    preferring = _Preferring("The court", "An appeals")
    plain = BriefWriter(_Meaning((first, again)), preferring, same_meaning=None)
    asked = BriefWriter(_Meaning((first, again)), preferring)
    told_twice = plain.write("st-1", [wire, journal], NOW)
    told_once = asked.write("st-1", [wire, journal], NOW)
    assert told_twice is not None and len(told_twice.sentences) == 2
    assert told_once is not None and [s.text for s in told_once.sentences] == [again]
    assert told_once.sentences[0].outlets == ("Bayside Journal", "Northgate Wire")


def test_one_event_told_twice_on_the_same_day_is_told_once() -> None:
    lead = (
        "The north pier will stay shut for a month after a barge struck one of its "
        "supporting piles late on Wednesday, the harbour board said."
    )
    again = "The pier, which serves Tarnby's ferries, was shut late Wednesday after a barge hit it."
    later = (
        "The pier, which serves the Tarnby ferries, was shut late Friday after a barge hit a pile."
    )
    after = "Divers will inspect the damaged piles of the north pier on Wednesday."
    assert repeats(lead, again)
    assert not repeats(lead, later)  # another day: another event
    assert not repeats(lead, after)  # the same day, but too little of the same telling


def test_numbers_that_tell_a_fact_apart_from_names_and_dates() -> None:
    assert repeats(
        "In July, 4,400 people crossed the Tarnby bridge.",
        "The count of people crossing the new bridge reached 4,400.",
    )
    assert repeats(
        "Ferry operators lost $60bn last year, the board said.",
        "The board put the industry's losses at $60 billion.",
    )
    assert not repeats(
        "The Kessel 400 rally starts on Friday.",
        "Some 400 drivers will take the coast road.",
    )


def test_her_before_a_stop_or_comma_is_the_object() -> None:
    thanked = make_article(
        "Tarnby Gazette",
        [
            "Ilse Varga, the board's chief engineer, inspected the piles on Friday.",
            "The harbour board's chairman said the whole town owed a great deal to her, "
            "and to the divers.",
        ],
        published=NOW,
    )
    texts = _compose([thanked, COAST], "Fishing boats", "The harbour board")
    assert texts[1] == (
        "The harbour board's chairman said the whole town owed a great deal to "
        "[Ilse Varga], and to the divers."
    )


def test_but_for_is_no_connective_to_drop() -> None:
    assert without_connective(Shown(0, "But for the rain, the quay would have opened.")) is None
    dropped = without_connective(Shown(0, "But the quay stayed shut."))
    assert dropped is not None and dropped.text == "The quay stayed shut."


def test_a_pronoun_after_a_surname_two_people_share_stays_as_it_is() -> None:
    """ "Barker" may be Tomas or Lene Barker; a reader still takes the "she"
    after it for a Barker, so the sentence needs no one before it."""
    report = make_article(
        "Lindqvist Courier",
        [
            "A girl of one was found in a parked van in Lindqvist on Tuesday evening.",
            "Police named her parents as Tomas Barker and Lene Barker.",
            "Lene Barker, a nurse, found the girl in the van.",
            "Barker told officers she had called an ambulance at once.",
        ],
        published=NOW,
    )
    texts = _compose([report], "A girl", "Barker told")
    assert texts == [report.paragraphs[0], report.paragraphs[3]]


def test_of_two_tellings_the_one_in_the_reports_own_words_stays() -> None:
    """The longer telling is no better when its words are its own: the one
    whose words the other reports use stays."""
    plain = "Fire crews moved 3,200 people out of Lindqvist on Sunday as the fire spread."
    ornate = (
        "Some 3,200 people, many of them elderly, were bussed out of the hill town "
        "of Lindqvist in the smoke before dawn."
    )
    wire = make_article("Northgate Wire", [plain], published=NOW)
    journal = make_article("Bayside Journal", [ornate], published=NOW)
    radio = make_article(
        "Holm Coast Radio",
        ["Fire crews in Lindqvist said the fire spread on Sunday and people were moved."],
        published=NOW,
    )
    post = make_article(
        "Brenna Post",
        ["Crews moved people out of Lindqvist on Sunday, fire officials said."],
        published=NOW,
    )
    assert repeats(plain, ornate)
    assert len(ornate.split()) > len(plain.split())
    reports = [wire, journal, radio, post]
    assert _compose(reports, "Some 3,200", "Fire crews moved") == [plain]


def test_of_two_tellings_of_a_days_event_the_one_that_tells_what_came_next_stays() -> None:
    """Both tell Monday's collapse; the one that names Tuesday too says what came of it."""
    collapse = (
        "The central span of the Millrace footbridge fell into the Lenn on Monday "
        "morning, leaving the old crossing in two pieces."
    )
    cause = (
        "Engineers investigating Monday's collapse of the Millrace footbridge said on "
        "Tuesday that corroded cables had snapped under the central span."
    )
    assert repeats(collapse, cause)
    council = make_article("Tarrow Council News", [collapse], published=NOW)
    radio = make_article(
        "Northline Radio",
        [cause, "The Millrace footbridge central span fell in the Lenn, engineers said."],
        published=NOW,
    )
    assert _compose([council, radio], "The central span", "Engineers investigating") == [cause]


def test_when_no_report_opening_is_picked_the_best_one_leads() -> None:
    """A summarizer may value a reaction or a later turn above every opening;
    the brief still leads on the opening the reports agree with, and drops
    its last pick to stay in budget."""
    reaction = "Skippers called the closure a disaster for the winter catch."
    gazette = make_article(
        "Tarnby Gazette",
        [
            "The Tarnby harbour board shut the north pier on Friday after divers found cracks.",
            reaction,
        ],
        published=NOW,
    )
    radio = make_article(
        "Holm Coast Radio",
        [
            "Divers found cracks in the north pier at Tarnby, and the board shut it on Friday.",
            "The south quay took in forty boats by nightfall.",
        ],
        published=NOW,
    )
    texts = _compose(
        [gazette, radio], "Skippers called", "The south quay", max_sentences=2, lead=True
    )
    assert texts[0] in (gazette.paragraphs[0], radio.paragraphs[0])
    assert texts[1:] == [reaction]
    # With overflow (the harness's way) the last may run past the words, not the count.
    candidates, _ = story_sentences([gazette, radio])
    story = StoryText([gazette, radio], candidates, None)
    editor = Editor(_Preferring("Skippers called", "The south quay"))
    assert len(editor.compose(candidates, story, 2, 200, overflow=True)) == 2


def test_a_timeline_entry_is_a_reports_first_sentence_that_reads_alone() -> None:
    leaning = make_article(
        "Holm Coast Radio",
        [
            "It was the third time this year that the pier had been shut.",
            "The Tarnby harbour board closed the north pier on Friday over cracked piles.",
        ],
        published=NOW,
    )
    brief = BriefWriter(WordHashEncoder()).write("st-1", [HARBOUR, leaning], NOW)
    assert brief is not None
    entries = {entry.outlet: entry.text for entry in brief.timeline}
    assert entries["Holm Coast Radio"] == leaning.paragraphs[1]
    assert entries["Tarnby Gazette"] == HARBOUR.paragraphs[0]
