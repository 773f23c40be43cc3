"""Summarize: candidate sentences, selection under a budget, checked attribution."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import WordHashEncoder, make_article
from newsdesk.model import Article
from newsdesk.summarize import BriefWriter, CentroidSummarizer
from newsdesk.summarize.brief import is_candidate_sentence, strip_dateline

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


def test_candidate_sentences_exclude_fragments_and_headings() -> None:
    assert is_candidate_sentence("The council voted to close the terminal by the end of March.")
    assert not is_candidate_sentence("Consultations with allies")
    assert not is_candidate_sentence("He left.")
    assert not is_candidate_sentence("and then the council voted to close the terminal today.")


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


def test_selection_respects_budget_and_redundancy() -> None:
    articles = [_article("Reka Courier", DAM_A), _article("Valley Times", DAM_B)]
    writer = BriefWriter(WordHashEncoder())
    candidates = writer.candidates(articles)
    summarizer = CentroidSummarizer(redundancy=0.99)
    assert len(summarizer.select(candidates, max_sentences=2, max_words=500)) == 2
    chosen = summarizer.select(candidates, max_sentences=6, max_words=45)
    # The first sentence is always kept; later ones only within the budget.
    assert len(chosen) >= 2 and sum(candidates[i].words for i in chosen) <= 45
    strict = CentroidSummarizer(redundancy=0.0).select(candidates, 6, 500)
    assert len(strict) == 1


def test_first_pick_is_the_most_central_early_sentence() -> None:
    articles = [_article("Reka Courier", DAM_A), _article("Valley Times", DAM_B)]
    writer = BriefWriter(WordHashEncoder())
    candidates = writer.candidates(articles)
    first = CentroidSummarizer().select(candidates, 1, 100)[0]
    assert candidates[first].position == 0


def test_pieces_of_a_multi_sentence_quote_are_not_candidates() -> None:
    assert not is_candidate_sentence('"We will not negotiate with people who attack a hospital.')
    assert not is_candidate_sentence("“We will not negotiate with people who attack hospitals.")
    assert is_candidate_sentence('"We will not negotiate with them," the chief executive said.')
