"""Cluster: the online clusterer on controlled vectors, names and dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from newsdesk.cluster import ArticleSignal, StoryClusterer, StoryIndex, StoryState, lead_sentence
from newsdesk.errors import ConfigError

DAY0 = datetime(2026, 5, 1, 9, tzinfo=UTC)


def _unit(*values: float) -> np.ndarray:
    vector = np.zeros(8, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def _signal(name: str, vector: np.ndarray, names: set[str], day: float = 0.0) -> ArticleSignal:
    return ArticleSignal(name, vector, frozenset(names), published=DAY0 + timedelta(days=day))


def test_names_decide_between_the_same_event_and_a_similar_one() -> None:
    # b and c are equally close in meaning to a (cosine 0.75): the same kind
    # of event. Only b shares a's place and people.
    side = np.sqrt(1 - 0.75**2)
    signals = [
        _signal("a", _unit(1, 0), {"varno", "ilsa", "mira"}),
        _signal("c", _unit(0.75, -side), {"tolk", "brandt"}, 0.1),
        _signal("b", _unit(0.75, side), {"varno", "ilsa"}, 0.2),
    ]
    outcome = StoryClusterer().assign(signals)
    assert outcome.story_of["a"] == outcome.story_of["b"] != outcome.story_of["c"]


def _coach_stories() -> tuple[list[ArticleSignal], ArticleSignal]:
    """Four reports of one coach's sacking, and a report of the next coach's
    hiring. The sacking story has met the next coach's name once; the hiring
    report shares most names and reads alike, but its lead is about people
    the story's own reports do not name."""
    fired = [
        _signal(f"fired-{i}", _unit(1), {"halden", "rovers", "oskar", "lind"}) for i in range(3)
    ]
    fired.append(_signal("fired-3", _unit(1), {"halden", "rovers", "oskar", "lind", "pero"}))
    hired = ArticleSignal(
        "hired",
        _unit(0.45, np.sqrt(1 - 0.45**2)),
        frozenset({"halden", "rovers", "pero", "varga"}),
        published=DAY0 + timedelta(days=0.5),
        lead_names=frozenset({"pero", "varga", "rovers"}),
    )
    return fired, hired


def test_a_lead_naming_people_the_story_never_names_keeps_the_report_out() -> None:
    fired, hired = _coach_stories()
    story = StoryState.open(fired[0])
    for signal in fired[1:]:
        story.add(signal)
    with_lead = StoryClusterer().score(hired, story)
    without = StoryClusterer(lead_weight=0).score(hired, story)
    # Of the lead names, "rovers" is in all four reports, "pero" in one,
    # "varga" in none: the story leaves 7 of 12 mentions out.
    assert without == pytest.approx(0.45 + 0.6 * 3 / 4)
    assert without - with_lead == pytest.approx(0.3 * 7 / 12)
    assert with_lead < StoryClusterer().threshold <= without


def test_reports_of_the_next_event_gather_in_a_story_of_their_own() -> None:
    fired, hired = _coach_stories()
    second = ArticleSignal(
        "hired-2",
        hired.vector,
        hired.names,
        published=hired.published + timedelta(hours=2),
        lead_names=frozenset({"pero", "varga"}),
    )
    outcome = StoryClusterer().assign([*fired, hired, second])
    assert len({outcome.story_of[s.id] for s in fired}) == 1
    assert outcome.story_of["hired"] == outcome.story_of["hired-2"] != outcome.story_of["fired-0"]
    # Without the lead term both hiring reports join the sacking story.
    plain = StoryClusterer(lead_weight=0).assign([*fired, hired, second])
    assert len(set(plain.story_of.values())) == 1


def test_a_report_left_alone_is_judged_without_the_lead_term_at_the_merge() -> None:
    # One report is weak evidence of a separate event (see story_score): the
    # merge pass takes the lone hiring report back into the sacking story.
    fired, hired = _coach_stories()
    outcome = StoryClusterer().assign([*fired, hired])
    assert len(set(outcome.story_of.values())) == 1
    assert len(outcome.merged) == 1


def test_a_story_with_no_articles_scores_no_lead_gap() -> None:
    _, hired = _coach_stories()
    empty = StoryState("st-empty", _unit(1), article_ids=[])
    assert StoryClusterer(lead_weight=0).score(hired, empty) == StoryClusterer().score(hired, empty)


def test_lead_sentence_is_the_first_sentence_of_the_first_paragraph() -> None:
    text = "\n\nPero Varga was named coach of Halden Rovers on Monday. He replaces Lind.\nMore."
    assert lead_sentence(text) == "Pero Varga was named coach of Halden Rovers on Monday."
    assert lead_sentence("") == ""
    # A wire dateline names who sent the report, not whom it is about.
    dated = "KESSROW (CPA) — Pero Varga was named coach on Monday. More."
    assert lead_sentence(dated) == "Pero Varga was named coach on Monday."


def test_unrelated_articles_open_separate_stories() -> None:
    signals = [_signal("a", _unit(1), {"x"}), _signal("b", _unit(0, 1), {"y"})]
    outcome = StoryClusterer().assign(signals)
    assert len(outcome.stories) == 2


def test_story_outside_the_time_window_is_not_joined() -> None:
    first = _signal("a", _unit(1), {"varno"})
    late = _signal("b", _unit(1), {"varno"}, day=30)
    outcome = StoryClusterer(window_days=7).assign([first, late])
    assert outcome.story_of["a"] != outcome.story_of["b"]


def test_time_penalty_lowers_the_score_after_the_first_day() -> None:
    clusterer = StoryClusterer(time_weight=0.1)
    story = StoryState.open(_signal("a", _unit(1), {"varno"}))
    near = clusterer.score(_signal("b", _unit(1), {"varno"}, 0.5), story)
    far = clusterer.score(_signal("c", _unit(1), {"varno"}, 4), story)
    assert near == pytest.approx(far + 0.3)


def test_stored_story_keeps_its_id_when_continued() -> None:
    stored = StoryState.open(_signal("old", _unit(1, 0.1), {"varno", "ilsa"}))
    outcome = StoryClusterer().assign([_signal("new", _unit(1, 0.12), {"ilsa"}, 1)], [stored])
    assert outcome.story_of["new"] == stored.id
    assert stored.article_ids == ["old", "new"]


def test_story_ids_are_stable_for_the_same_first_article() -> None:
    a = StoryState.open(_signal("same", _unit(1), set()))
    b = StoryState.open(_signal("same", _unit(0, 1), set()))
    assert a.id == b.id and a.id.startswith("st-")


def test_two_stories_that_turn_out_to_be_one_merge_into_the_older() -> None:
    older = StoryState.open(_signal("a", _unit(1, 0.3), {"varno", "ilsa"}))
    newer = StoryState.open(_signal("b", _unit(1, 0.28), {"varno", "ilsa"}, 0.1))
    # Both stories came from earlier runs; the new article joins one of them
    # and the merge pass then finds the two are one.
    clusterer = StoryClusterer(threshold=1.5, merge_threshold=1.5)
    outcome = clusterer.assign([_signal("c", _unit(1, 0.29), {"varno"}, 0.2)], [older, newer])
    assert set(outcome.merged.values()) == {older.id} and newer.id in outcome.merged
    assert {outcome.story_of[x] for x in ("a", "b", "c")} == {older.id}


def test_negative_weight_is_refused_naming_the_parameter() -> None:
    with pytest.raises(ConfigError, match="name_weight"):
        StoryClusterer(name_weight=-1).assign([])


def test_reports_bundled_in_one_record_stay_together() -> None:
    # a and b share nothing but their record; c is unrelated and in another one.
    signals = [
        ArticleSignal("a", _unit(1), frozenset({"x"}), published=DAY0, bundle="in.jsonl#line 1"),
        ArticleSignal("b", _unit(0, 1), frozenset({"y"}), published=DAY0, bundle="in.jsonl#line 1"),
        ArticleSignal(
            "c", _unit(0, 0, 1), frozenset({"z"}), published=DAY0, bundle="in.jsonl#line 2"
        ),
    ]
    outcome = StoryClusterer().assign(signals)
    assert outcome.story_of["a"] == outcome.story_of["b"]
    assert outcome.story_of["c"] != outcome.story_of["a"]


def _noisy(rng: np.random.Generator, centre: np.ndarray, noise: float) -> np.ndarray:
    vector = centre + noise * rng.standard_normal(len(centre)).astype(np.float32)
    return vector / np.linalg.norm(vector)


def test_index_finds_stories_by_distinctive_name_or_nearby_vector() -> None:
    rng = np.random.default_rng(3)
    index = StoryIndex(dimensions=64, max_postings=2)
    centres = [_noisy(rng, np.zeros(64, np.float32), 1.0) for _ in range(3)]
    index.put("quake", centres[0], {"talvik", "police"})
    index.put("flood", centres[1], {"orra", "police"})
    index.put("strike", centres[2], {"kessrow", "police"})
    far = _noisy(rng, np.zeros(64, np.float32), 1.0)
    # "police" is in three stories, over the limit of two: the two filed last count.
    assert index.candidates(far, {"police"}) - index.candidates(far, set()) <= {"flood", "strike"}
    assert {"flood", "strike"} <= index.candidates(far, {"police"})
    assert "flood" in index.candidates(far, {"orra"})
    # A vector at cosine ~0.95 to a story shares a bucket with it.
    assert "quake" in index.candidates(_noisy(rng, centres[0], 0.04), set())
    index.remove("quake")
    assert "quake" not in index.candidates(centres[0], {"talvik"})


def test_indexed_clustering_matches_comparing_every_story() -> None:
    """On a stream of 60 events, the index changes no assignment."""
    rng = np.random.default_rng(7)
    signals = []
    for event in range(60):
        centre = _noisy(rng, np.zeros(128, np.float32), 1.0)
        names = {f"name{event}a", f"name{event}b", "police", "monday"}
        for n in range(4):
            vector = _noisy(rng, centre, 0.06)
            signals.append(_signal(f"e{event}-{n}", vector, names, day=event / 20 + n / 100))
    exhaustive = StoryClusterer().assign(signals)
    indexed = StoryClusterer(exhaustive_below=0).assign(signals)
    assert indexed.story_of == exhaustive.story_of
    assert len({s for s in exhaustive.story_of.values()}) == 60


def test_indexed_clustering_keeps_stories_whose_only_name_is_common() -> None:
    """Every article names only "Ukraine", in more stories than a name's postings
    limit: the most recently changed stories under it are still compared."""
    rng = np.random.default_rng(0)
    signals = []
    for event in range(120):
        centre = _noisy(rng, np.zeros(384, np.float32), 1.0)
        for n in range(4):
            vector = _noisy(rng, centre, 0.9 / np.sqrt(384))  # cosine ~0.6 between articles
            signals.append(_signal(f"e{event}-{n}", vector, {"ukraine"}, day=event / 50 + n / 500))
    exhaustive = StoryClusterer().assign(signals)
    indexed = StoryClusterer(exhaustive_below=0).assign(signals)
    assert indexed.story_of == exhaustive.story_of
    assert len(set(indexed.story_of.values())) >= 118
