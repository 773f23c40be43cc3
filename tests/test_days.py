"""Stories across days, on a small corpus of our own (tests/fixtures/days/).

Day 1 (2 March 2026): a footbridge collapse, a mayoral recount, and two
stories in Orrin that are really one (a blackout and a tram shutdown).
Day 2: the bridge's cause is found (new facts), a museum theft begins, and
two reports show the blackout stopped the trams. Day 8: the stolen ring is
recovered; everything else has been quiet for more than four days.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import FIXTURES, WordHashEncoder, make_article
from newsdesk.embed import Embedder
from newsdesk.model import Brief
from newsdesk.pipeline import Pipeline, PipelineConfig
from newsdesk.publish import Digest, build_digest, publish
from newsdesk.store import Store

DAYS = FIXTURES / "days"
RUN_TIMES = {
    1: datetime(2026, 3, 2, 21, tzinfo=UTC),
    2: datetime(2026, 3, 3, 20, tzinfo=UTC),
    3: datetime(2026, 3, 8, 20, tzinfo=UTC),
}


@dataclass
class Day:
    digest: Digest
    story_of_title: dict[str, str]  # article title -> current story id


@dataclass
class Days:
    store: Store
    site: Path
    after: dict[int, Day]


def _snapshot(store: Store, generated: datetime) -> Day:
    titles = {a.title: sid for sid in store.story_ids() for a in store.articles_of(sid)}
    return Day(build_digest(store, generated), titles)


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Days]:
    folder = tmp_path_factory.mktemp("days")
    site = folder / "site"
    config = PipelineConfig(close_after_days=4)
    with Store(folder / "days.db") as store:
        after = {}
        for day, when in RUN_TIMES.items():
            report = Pipeline(store, config, embedder).run([DAYS / f"day{day}.jsonl"], when)
            assert not report.problems
            after[day] = _snapshot(store, when)
            publish(after[day].digest, site)
        yield Days(store, site, after)


def _brief_with(digest_briefs: tuple[Brief, ...], story_id: str) -> Brief:
    return next(b for b in digest_briefs if b.story_id == story_id)


BRIDGE = "Footbridge over the Lenn collapses in Tarrow"
BRIDGE_CAUSE = "Corroded cables blamed for Tarrow footbridge collapse"
RECOUNT = "Velmar council orders recount after 14-vote margin"
BLACKOUT = "Power cut leaves 40,000 homes in Orrin without electricity"
TRAMS = "Trams stop across Orrin, stranding evening commuters"
THEFT = "Medieval ring stolen from Kessel town museum"
RECOVERY = "Harrow Ring recovered after Kessel museum theft"


def test_a_later_report_continues_its_story_under_the_same_id(days: Days) -> None:
    first, second = days.after[1].story_of_title, days.after[2].story_of_title
    assert second[BRIDGE_CAUSE] == first[BRIDGE] == second[BRIDGE]
    assert days.after[3].story_of_title[RECOVERY] == second[THEFT]


def test_a_new_event_opens_a_new_story(days: Days) -> None:
    theft = days.after[2].story_of_title[THEFT]
    assert theft not in set(days.after[1].story_of_title.values())
    assert days.after[2].story_of_title[RECOUNT] != theft


def test_a_grown_story_says_what_is_new_since_its_last_brief(days: Days) -> None:
    story = days.after[2].story_of_title[BRIDGE]
    brief = _brief_with(days.after[2].digest.briefs, story)
    assert brief.new_since == RUN_TIMES[1]
    # The day-2 cause is told, in the brief (which has room for it once the
    # two day-1 tellings of the collapse are told once) or as new.
    told = " ".join(s.text for s in (*brief.sentences, *brief.new_sentences))
    assert "corroded suspension cables" in told
    # Only what the day-2 report adds: nothing from the day-1 reports.
    day_one = {a.id for a in days.store.articles_of(story) if a.title != BRIDGE_CAUSE}
    assert brief.new_sentences
    assert all(s.article_id not in day_one for s in brief.new_sentences)
    # The recount story did not grow, so its brief has nothing new.
    recount = _brief_with(days.after[2].digest.briefs, days.after[2].story_of_title[RECOUNT])
    assert recount.new_since is None and not recount.new_sentences


def test_two_stories_that_turn_out_to_be_one_merge_into_the_older(days: Days) -> None:
    before, after = days.after[1].story_of_title, days.after[2].story_of_title
    assert before[BLACKOUT] != before[TRAMS]
    assert after[BLACKOUT] == after[TRAMS] == before[BLACKOUT]  # the blackout began first
    assert days.store.current_id(before[TRAMS]) == before[BLACKOUT]
    shown = [b.story_id for b in days.after[2].digest.briefs]
    assert before[TRAMS] not in shown and shown.count(before[BLACKOUT]) == 1
    assert (before[TRAMS], before[BLACKOUT]) in days.after[2].digest.redirects
    # What either day-1 story reported is not announced as new.
    merged = _brief_with(days.after[2].digest.briefs, before[BLACKOUT])
    assert merged.new_since == RUN_TIMES[1] and merged.new_sentences
    articles = days.store.articles_of(before[BLACKOUT])
    day_one = {a.id for a in articles if a.published and a.published.day == 2}
    assert len(day_one) == 4
    assert all(s.article_id not in day_one for s in merged.new_sentences)
    redirect = (days.site / "stories" / f"{before[TRAMS]}.html").read_text(encoding="utf-8")
    assert f"{before[BLACKOUT]}.html" in redirect


def test_quiet_stories_close_into_the_archive_and_keep_their_pages(days: Days) -> None:
    digest = days.after[3].digest
    open_ids = {b.story_id for b in digest.briefs}
    closed_ids = {b.story_id for b in digest.archive}
    ids = days.after[3].story_of_title
    assert open_ids == {ids[THEFT]}
    assert closed_ids == {ids[BRIDGE], ids[RECOUNT], ids[BLACKOUT]}
    assert all(b.closed == RUN_TIMES[3] for b in digest.archive)
    for story in closed_ids:
        assert days.store.articles_of(story)  # archived, not deleted
        assert (days.site / "stories" / f"{story}.html").exists()
    index = (days.site / "index.html").read_text(encoding="utf-8")
    assert "Closed stories" in index


def test_each_story_has_a_dated_timeline_of_its_reports(days: Days) -> None:
    story = days.after[2].story_of_title[BRIDGE]
    brief = _brief_with(days.after[2].digest.briefs, story)
    dates = [entry.published for entry in brief.timeline]
    assert len(dates) == 3 and all(dates) and dates == sorted(dates)  # type: ignore[type-var]
    assert brief.timeline[-1].text.startswith("Engineers investigating Monday's collapse")
    page = (days.site / "stories" / f"{story}.html").read_text(encoding="utf-8")
    assert "Timeline" in page
    # "New since" names the day-1 brief's writing, as a moment a reader can place.
    assert (
        'New since the brief of <time datetime="2026-03-02T21:00:00+00:00">'
        "2 March 2026, 21:00 UTC</time>" in page
    )


def test_running_a_day_again_changes_nothing(days: Days, embedder: Embedder) -> None:
    before = days.store.counts()
    config = PipelineConfig(close_after_days=4)
    report = Pipeline(days.store, config, embedder).run([DAYS / "day3.jsonl"], RUN_TIMES[3])
    assert report.new_articles == 0 and report.stories_closed == 0
    assert days.store.counts() == {**before, "runs": before["runs"] + 1}


def test_quiet_depends_on_report_dates_and_rerunning_changes_nothing(
    tmp_path: Path,
) -> None:
    """A report that arrives today but is dated long before the newest report
    does not keep its story open; a second run over the same input closes
    nothing more."""
    old = make_article(
        "Ashby Post",
        ["The Tarnby lighthouse keeper retired after forty years on the rock, the council said."],
        published=datetime(2026, 3, 1, 8, tzinfo=UTC),
    )
    new = make_article(
        "Kell FM",
        ["Ferry fares between Tarnby and Holm will rise in April, the operator announced."],
        published=datetime(2026, 3, 20, 8, tzinfo=UTC),
    )
    folder = tmp_path / "in"
    folder.mkdir()
    for n, article in enumerate((old, new)):
        record = {
            "title": article.title,
            "text": article.text,
            "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
        }
        (folder / f"{n}.json").write_text(json.dumps(record))
    as_of = datetime(2026, 3, 21, tzinfo=UTC)
    config = PipelineConfig(close_after_days=7, min_body_words=5)
    with Store(tmp_path / "q.db") as store:
        first = Pipeline(store, config, embedder=WordHashEncoder()).run([folder], as_of)
        second = Pipeline(store, config, embedder=WordHashEncoder()).run([folder], as_of)
        assert first.stories_closed == 1 and second.stories_closed == 0
        assert len(store.story_ids("open")) == 1 and len(store.story_ids("closed")) == 1
