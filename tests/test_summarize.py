"""Summarize: candidate sentences, selection under a budget, checked attribution."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from conftest import WordHashEncoder, make_article
from newsdesk.model import Article
from newsdesk.summarize import BriefWriter, Candidate, ConceptSummarizer
from newsdesk.summarize.candidates import (
    candidate_sentences,
    is_candidate_sentence,
    story_sentences,
)
from newsdesk.summarize.referents import opening_word, points_back
from newsdesk.summarize.sources import headline
from newsdesk.text.sentences import strip_dateline

NOW = datetime(2026, 6, 2, tzinfo=UTC)


def _article(outlet: str, paragraphs: list[str], duplicate_of: str | None = None) -> Article:
    return make_article(outlet, paragraphs, published=NOW, duplicate_of=duplicate_of)


DAM_A = [
    "ORRA (RCA) — Engineers opened all four spillway gates of the Orra dam on Monday after "
    "three days of heavy rain raised the reservoir to a record level.",
    "Downstream villages along the Sella river were told to move livestock to higher ground.",
    '"The dam is safe, and opening the gates is how we keep it safe," said Petra Lind, the '
    "chief engineer of the regional water board.",
]
DAM_B = [
    "The regional water board opened every spillway gate at the Orra dam on Monday as the "
    "reservoir reached a record level after heavy rain.",
    "Farmers in the Sella valley spent the night moving cattle and machinery away from the "
    "river banks, fearing the higher flow would flood their fields.",
    "Board officials said the dam had been inspected in the spring and showed no damage.",
]


def test_datelines_are_cut_and_the_rest_is_a_verbatim_span() -> None:
    sentence = DAM_A[0]
    stripped = strip_dateline(sentence)
    assert stripped.startswith("Engineers opened") and stripped in sentence
    assert (
        strip_dateline("WASHINGTON, D.C. -- Talks resumed on Friday.") == "Talks resumed on Friday."
    )
    assert strip_dateline("Meanwhile — talks resumed.") == "Meanwhile — talks resumed."
    assert strip_dateline("(NWA) — The council voted.") == "The council voted."
    assert strip_dateline("NATO-led forces moved.") == "NATO-led forces moved."
    assert strip_dateline("TARNBY-based firms moved.") == "TARNBY-based firms moved."
    # A report's opening may also carry a dash touching the word after it, or a colon.
    for dateline in ("TARNBY—", "TARNBY: ", "KESTREL BAY (NWA)—"):
        sentence = f"{dateline}The council voted."
        assert strip_dateline(sentence, opening=True) == "The council voted."
        assert strip_dateline(sentence) == sentence
    # Inside a report these are the sentence's own words, and at its opening some still are.
    for own in ("NATO—Russia talks resumed.", "NASA: The agency said so.", "UK—EU talks resumed."):
        assert strip_dateline(own) == own
    assert strip_dateline("US–China talks resumed.", opening=True) == "US–China talks resumed."
    assert strip_dateline("EU: talks resumed.", opening=True) == "EU: talks resumed."
    article = _article(
        "Tarnby Gazette",
        [
            "TARNBY—The harbour council voted on Monday to close the north pier for repairs.",
            "NATO—Russia talks on the shipping lanes resumed in Tarnby on the same day.",
        ],
    )
    assert [c.text for c in candidate_sentences([article])] == [
        article.paragraphs[0].removeprefix("TARNBY—"),
        article.paragraphs[1],
    ]


def test_candidate_sentences_exclude_fragments_and_headings() -> None:
    assert is_candidate_sentence("The council voted to close the terminal by the end of March.")
    assert not is_candidate_sentence("Consultations with allies")
    assert not is_candidate_sentence("He left.")
    assert not is_candidate_sentence("and then the council voted to close the terminal today.")


def test_a_sentence_pointing_at_a_web_address_is_no_candidate() -> None:
    assert not is_candidate_sentence(
        "With clips from the mayor's speech to the harbour board on Monday night "
        "https://video.bayherald.example/watch?v=q2..."
    )
    assert not is_candidate_sentence(
        "The full winter timetable is posted at www.kestrelferries.example."
    )
    assert is_candidate_sentence("The ferry company posted the full timetable on its website.")
    assert is_candidate_sentence(
        "With clips from the mayor's speech to the harbour board on Monday night."
    )


def test_brief_cites_both_outlets_and_corroborating_outlets() -> None:
    articles = [_article("Reka Courier", DAM_A), _article("Valley Times", DAM_B)]
    brief = BriefWriter(WordHashEncoder(), corroboration=0.5).write("st-1", articles, NOW)
    assert brief is not None
    assert brief.independent_sources == 2
    assert {s.outlets[0] for s in brief.sentences} == {"Reka Courier", "Valley Times"}
    by_id = {a.id: a for a in articles}
    for sentence in brief.sentences:
        source = by_id[sentence.article_id]
        assert sentence.outlets[0] == source.outlet
        assert any(sentence.text in p for p in source.paragraphs)
    assert any(len(s.outlets) == 2 for s in brief.sentences)


def test_story_with_one_independent_source_gets_no_brief() -> None:
    wire = _article("Reka Courier", DAM_A)
    reprint = _article("Valley Times", DAM_A, duplicate_of=wire.id)
    assert BriefWriter(WordHashEncoder()).write("st-1", [wire, reprint], NOW) is None


def test_reprints_are_listed_as_sources_but_give_no_sentences() -> None:
    wire = _article("Reka Courier", DAM_A)
    reprint = _article("Coast Daily", DAM_A, duplicate_of=wire.id)
    other = _article("Valley Times", DAM_B)
    brief = BriefWriter(WordHashEncoder()).write("st-1", [reprint, wire, other], NOW)
    assert brief is not None and brief.independent_sources == 2
    assert all(s.article_id != reprint.id for s in brief.sentences)
    assert brief.sources[-1].reprint_of == "Reka Courier"


def test_selection_respects_both_budgets() -> None:
    candidates = candidate_sentences(
        [_article("Reka Courier", DAM_A), _article("Valley Times", DAM_B)]
    )
    summarizer = ConceptSummarizer()
    assert len(summarizer.select(candidates, max_sentences=2, max_words=500)) == 2
    chosen = summarizer.select(candidates, max_sentences=6, max_words=45)
    assert chosen and sum(candidates[i].words for i in chosen) <= 45
    assert summarizer.select(candidates, max_sentences=0, max_words=100) == []
    assert summarizer.select([], max_sentences=3, max_words=100) == []


def test_overflow_adds_one_sentence_past_the_word_budget() -> None:
    candidates = candidate_sentences(
        [_article("Reka Courier", DAM_A), _article("Valley Times", DAM_B)]
    )
    summarizer = ConceptSummarizer()
    within = summarizer.select(candidates, 10, 45)
    over = summarizer.select(candidates, 10, 45, overflow=True)
    assert over[: len(within)] == within and len(over) == len(within) + 1
    assert sum(candidates[i].words for i in over) > 45


def _candidate(text: str, source: str, position: int = 0) -> Candidate:
    return Candidate(text, f"{source}-article", source, source, position)


def test_concepts_count_only_when_two_sources_share_them() -> None:
    candidates = [
        _candidate("Storm floods the harbour road in Kessrow overnight.", "a"),
        _candidate("Harbour road closed by floods, Kessrow council says.", "b"),
        _candidate("A local bakery opened a second shop on Main Street.", "c"),
    ]
    summarizer = ConceptSummarizer()
    found = summarizer.concepts(candidates)
    weighted = {int(i) for i in found.sentence[found.weight[found.concept] > 0]}
    assert weighted == {0, 1}
    # A shared word pair outweighs a shared single word.
    weight = dict(zip(found.names, found.weight, strict=True))
    assert weight["harbour road"] > weight["kessrow"] > 0
    assert weight["bakeri"] == 0


def test_in_a_two_source_story_either_source_is_enough() -> None:
    candidates = [
        _candidate("Storm floods the harbour road in Kessrow overnight.", "a"),
        _candidate("A local bakery on the harbour road lost its stock.", "b"),
    ]
    found = ConceptSummarizer().concepts(candidates)
    weight = dict(zip(found.names, found.weight, strict=True))
    assert weight["harbour road"] > weight["bakeri"] > 0


def test_covered_concepts_earn_nothing_twice() -> None:
    """After the shared fact is taken, a second wording of it loses to new facts."""
    candidates = [
        _candidate("The Orra dam spillway gates opened on Monday after heavy rain.", "a", 0),
        _candidate("The Orra dam spillway gates opened on Monday after record rain.", "b", 0),
        _candidate("Sella valley farmers moved cattle away from the Orra river banks.", "c", 1),
        _candidate("Farmers in the Sella valley moved cattle as the Orra river rose.", "a", 1),
    ]
    chosen = ConceptSummarizer().select(candidates, max_sentences=2, max_words=200)
    assert len(chosen) == 2 and len(set(chosen) & {0, 1}) == 1 and len(set(chosen) & {2, 3}) == 1


def test_first_pick_covers_what_both_outlets_report() -> None:
    candidates = candidate_sentences(
        [_article("Reka Courier", DAM_A), _article("Valley Times", DAM_B)]
    )
    first = ConceptSummarizer().select(candidates, 1, 100)[0]
    assert "spillway" in candidates[first].text and candidates[first].position == 0


def test_pieces_of_a_multi_sentence_quote_are_not_candidates() -> None:
    assert not is_candidate_sentence('"We will not negotiate with people who attack a hospital.')
    assert not is_candidate_sentence("“We will not negotiate with people who attack hospitals.")
    assert is_candidate_sentence('"We will not negotiate with them," the chief executive said.')


def test_a_sentence_closing_one_quotation_and_opening_another_is_no_candidate() -> None:
    # An even number of straight marks, yet the sentence is two pieces of quotations.
    assert not is_candidate_sentence(
        'We rebuilt it once already," Halloran said of the pier, "and we can do it again.'
    )


PIER = (
    "The storm tore away the last forty metres of the Kessrow pier on Sunday night. "
    '"We rebuilt this pier after the flood of 1998. We will rebuild it again, and this '
    'time on steel piles," Mayor Ines Halloran told reporters on Monday. '
    "Repairs are expected to cost about four million euros, the council said."
)


def test_a_quotation_over_several_sentences_is_one_candidate_kept_whole() -> None:
    candidates = candidate_sentences([_article("Kessrow Post", [PIER])])
    texts = [c.text for c in candidates]
    quotation = (
        '"We rebuilt this pier after the flood of 1998. We will rebuild it again, and this '
        'time on steel piles," Mayor Ines Halloran told reporters on Monday.'
    )
    assert quotation in texts and quotation in PIER
    assert not any(t.startswith('"We rebuilt') and t != quotation for t in texts)
    assert [c.position for c in candidates] == [0, 1, 2]


def test_a_long_quotation_gives_no_candidate_and_its_pieces_are_context() -> None:
    middle = "The fishing boats have nowhere else to land their catch this winter."
    paragraph = (
        "The harbour board met on Tuesday to discuss the damage to the old quay. "
        '"The quay has stood since 1880 and it has never been this badly damaged by one '
        f"storm. {middle} We are asking the ministry for emergency funds this week and we "
        'expect an answer before the end of the month," the board chairman, Tomas Lund, said.'
    )
    candidates, context = story_sentences([_article("Kessrow Post", [paragraph])])
    # The middle sentence has no marks of its own, yet it is the chairman's words.
    assert [c.text for c in candidates] == [
        "The harbour board met on Tuesday to discuss the damage to the old quay."
    ]
    assert middle in [c.text for c in context]
    assert all(c.position == 1 for c in context)


def test_a_quotation_reopened_in_run_together_paragraphs_does_not_swallow_the_rest() -> None:
    # Wire style: a quotation going on into the next paragraph opens again
    # there without closing first; a scraper joined the two paragraphs.
    paragraph = (
        "The union said on Saturday that its members had rejected the new offer. "
        "``We will not accept the offer as it stands. "
        "``The members voted against it by a wide margin on Friday,'' Hanne Lowe said. "
        "The ferry company said it would present a new offer to the union next week."
    )
    candidates, context = story_sentences([_article("Kessrow Post", [paragraph])])
    assert [c.text for c in candidates] == [
        "The union said on Saturday that its members had rejected the new offer.",
        "``The members voted against it by a wide margin on Friday,'' Hanne Lowe said.",
        "The ferry company said it would present a new offer to the union next week.",
    ]
    assert [c.text for c in context] == ["``We will not accept the offer as it stands."]


def test_the_sentences_of_a_quotation_left_open_are_no_candidates() -> None:
    # The quotation goes on in the next paragraph: its unmarked second
    # sentence is the chairman's words, not the outlet's.
    paragraph = (
        "The chairman spoke after the vote in the town hall on Tuesday evening. "
        "\u201cWe have waited ten years for the council to make this decision. "
        "Work on the new harbour wall can finally begin this spring."
    )
    candidates, context = story_sentences([_article("Kessrow Post", [paragraph])])
    assert [c.text for c in candidates] == [
        "The chairman spoke after the vote in the town hall on Tuesday evening."
    ]
    assert len(context) == 2


@pytest.mark.parametrize(
    ("paragraph", "whole"),
    [
        (  # curly marks
            "KESSROW (CPA) \u2014 \u201cThe pier is gone. We will rebuild it on steel piles,"
            "\u201d Mayor Ines Halloran said on Monday.",
            "\u201cThe pier is gone. We will rebuild it on steel piles,\u201d Mayor Ines "
            "Halloran said on Monday.",
        ),
        (  # the old wire style, after a dateline
            "KESSROW (CPA) -- ``The pier is gone. We will rebuild it on steel piles,'' "
            "Mayor Ines Halloran said on Monday.",
            "``The pier is gone. We will rebuild it on steel piles,'' Mayor Ines Halloran "
            "said on Monday.",
        ),
        (  # straight marks, no space after the comma
            'Mayor Ines Halloran said,"The pier is gone. We will rebuild it on steel piles."',
            'Mayor Ines Halloran said,"The pier is gone. We will rebuild it on steel piles."',
        ),
    ],
)
def test_quotations_in_every_style_are_joined(paragraph: str, whole: str) -> None:
    assert [c.text for c in candidate_sentences([_article("Kessrow Post", [paragraph])])] == [whole]


def test_overflow_never_picks_context() -> None:
    shown = [_candidate("The Orra dam spillway gates opened on Monday after heavy rain.", "a")]
    context = [
        _candidate("Farmers moved cattle away from the river.", source, 1) for source in "bcd"
    ]
    summarizer = ConceptSummarizer()
    assert summarizer.select(shown, 5, 500, overflow=True, context=context) == [0]


def test_context_counts_toward_agreement_but_is_never_chosen() -> None:
    shown = [
        _candidate("The Orra dam spillway gates opened on Monday after heavy rain.", "a", 0),
        _candidate("Sella valley farmers moved cattle away from the river banks.", "b", 0),
        _candidate("The Orra dam spillway gates opened after a night of heavy rain.", "c", 0),
    ]
    # What three more reports say, in sentences too short to show.
    context = [
        _candidate("Farmers moved cattle away from the river.", source, 1)
        for source in ("a", "c", "d")
    ]
    summarizer = ConceptSummarizer()
    assert summarizer.select(shown, 1, 200)[0] in (0, 2)
    assert summarizer.select(shown, 1, 200, context=context) == [1]
    chosen = summarizer.select(shown, max_sentences=5, max_words=500, context=context)
    assert sorted(chosen) == [0, 1, 2]


def test_in_a_two_source_story_position_weighs_more() -> None:
    candidates = [
        _candidate("Water board officials met in Kessrow to discuss the forecast.", "a", 0),
        _candidate(
            "The Orra dam spillway gates opened on Monday after heavy rain in the hills.", "a", 30
        ),
        _candidate(
            "Engineers at the water board said the Orra dam spillway gates opened on Monday.",
            "b",
            0,
        ),
        _candidate("Heavy rain in the hills filled the reservoir overnight.", "b", 1),
    ]
    # Undiscounted, the late sentence covers most of what both sources say;
    # discounted, it loses to the other source's lead.
    assert ConceptSummarizer(two_source_lead=0).select(candidates, 1, 200) == [1]
    assert ConceptSummarizer().select(candidates, 1, 200) == [2]
    # With a third source, agreement speaks: no discount (with one, the last
    # two picks would swap).
    third = [*candidates, _candidate("Heavy rain in the hills filled the Orra reservoir.", "c")]
    flat = ConceptSummarizer(two_source_lead=0).select(third, 5, 500)
    assert ConceptSummarizer().select(third, 5, 500) == flat


def test_headline_is_the_title_that_states_what_all_reports_share() -> None:
    articles = [
        make_article(
            "Reka Courier", DAM_A, title="Orra dam spillway gates opened after record rain"
        ),
        make_article("Valley Times", DAM_B, title="Sella valley farmers count the cost"),
    ]
    assert headline(articles) == "Orra dam spillway gates opened after record rain"


def test_a_title_made_of_the_leads_own_words_heads_the_brief() -> None:
    opening = strip_dateline(DAM_A[0])
    untitled = make_article("Reka Courier", DAM_A, title=" ".join(opening.split()[:12]) + "…")
    titled = make_article("Valley Times", DAM_B, title="Sella valley farmers count the cost")
    lead, later = story_sentences([untitled])[0][:2]
    assert headline([untitled, titled], lead) == untitled.title
    assert headline([untitled, titled], later) == headline([untitled, titled])


def test_sentences_that_lean_on_the_one_before_are_recognised() -> None:
    assert points_back("It was called over the plan to install cranes.")
    assert points_back('"But we will not sign," the union said.')
    assert not points_back("The union called the strike over the crane plan.")
    assert not points_back("Italy joined the talks on Monday.")
    assert not points_back("This week the union called the strike.")


class _LeaningFirst:
    """A summarizer that ranks a sentence leaning on context first."""

    def select(
        self,
        candidates: list[Candidate],
        max_sentences: int,
        max_words: int,
        overflow: bool = False,
        context: Sequence[Candidate] = (),
    ) -> list[int]:
        order = sorted(range(len(candidates)), key=lambda i: not points_back(candidates[i].text))
        return order[:max_sentences]


def test_a_brief_opens_with_a_sentence_that_stands_on_its_own() -> None:
    leaning = "It was called over the water board's plan to raise the Orra dam by two metres."
    articles = [_article("Reka Courier", [*DAM_A, leaning]), _article("Valley Times", DAM_B)]
    brief = BriefWriter(WordHashEncoder(), _LeaningFirst()).write("st-1", articles, NOW)
    assert brief is not None
    assert leaning in [s.text for s in brief.sentences]
    first = brief.sentences[0].text
    assert not points_back(first) and opening_word(first) not in ("he", "she", "his", "her")
