"""What the published digest says about time and where reports came from.

On a corpus of our own (tests/fixtures/metadata/), run through the command line:
day 1 (4 May 2026) holds two stories, a quarry flood reported by two outlets and a
ferry strike whose second report has no date; the same input is then run again
later that evening; day 2 adds one report to the quarry story. No report has a
URL, so a page that named a source by its input file would show the path.

``updated`` must be the newest report's time and ``written`` the run's; "new
since" must name the previous brief's moment in words; no page or feed may show
an input path; and a run that adds nothing must leave every file as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from conftest import FIXTURES, WordHashEncoder
from newsdesk.cli import EXIT_OK, main
from newsdesk.model import Brief, SourceRef
from newsdesk.pipeline import Pipeline, PipelineConfig
from newsdesk.store import Store
from newsdesk.store.codec import brief_from_dict, brief_to_dict

CORPUS = FIXTURES / "metadata"
DAY_1 = datetime(2026, 5, 4, 20, 0, tzinfo=UTC)
RERUN = datetime(2026, 5, 4, 23, 0, tzinfo=UTC)
DAY_2 = datetime(2026, 5, 5, 20, 0, tzinfo=UTC)
# A time long before any run, set on every file before the rerun, so that a
# rewrite shows even within the file system's timestamp resolution.
OLD_NS = 1_000_000_000 * 1_000_000_000

QUARRY_TITLE = "Floodwater fills the Hask quarry outside Brenmoor"
FERRY_TITLE = "Ostwick ferry crews walk out over rosters"
ATOM = {"a": "http://www.w3.org/2005/Atom"}

# A file of the site: its modification time (ns) and its bytes.
Snapshot = dict[str, tuple[int, bytes]]


@dataclass
class Runs:
    inputs: Path
    site: Path
    day_1: Snapshot  # after day 1, with every file's time set to OLD_NS
    rerun: Snapshot  # after running day 1's input again
    day_2: Snapshot  # after day 2

    def story_id(self, snapshot: Snapshot, title: str) -> str:
        return _story(snapshot, title)["story_id"]


def _snapshot(site: Path) -> Snapshot:
    return {
        p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _digest(snapshot: Snapshot) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(snapshot["digest.json"][1])
    return data


def _story(snapshot: Snapshot, title: str) -> dict[str, Any]:
    """The digest's story that has a source of ``title``."""
    stories = _digest(snapshot)["stories"]
    return next(s for s in stories if title in {src["title"] for src in s["sources"]})


def _text(snapshot: Snapshot, name: str) -> str:
    return snapshot[name][1].decode("utf-8")


def _article(html: str) -> str:
    """A story page's own part, without the masthead and footer all pages share."""
    return html[html.index("<article>") : html.index("</article>")]


def _readable(html: str) -> str:
    """A page's text as a reader sees it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def _run(inputs: Path, site: Path, db: Path, as_of: datetime) -> None:
    args = ["run", str(inputs), "--db", str(db), "--out", str(site), "--quiet"]
    code = main([*args, "--workers", "1", "--as-of", as_of.isoformat()])
    assert code == EXIT_OK


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    work = tmp_path_factory.mktemp("metadata")
    inputs, site, db = work / "inputs", work / "site", work / "n.db"
    shutil.copytree(CORPUS, inputs)
    _run(inputs / "day1.jsonl", site, db, DAY_1)
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD_NS, OLD_NS))
    day_1 = _snapshot(site)
    _run(inputs / "day1.jsonl", site, db, RERUN)
    rerun = _snapshot(site)
    _run(inputs / "day2.jsonl", site, db, DAY_2)
    yield Runs(inputs, site, day_1, rerun, _snapshot(site))


def test_a_rerun_that_adds_nothing_rewrites_no_file(runs: Runs) -> None:
    assert runs.rerun.keys() == runs.day_1.keys()
    assert {"index.html", "feed.atom", "digest.md", "digest.json", "search-index.js"} <= set(
        runs.rerun
    )
    for name, (mtime_ns, data) in runs.rerun.items():
        assert mtime_ns == OLD_NS, f"{name} was rewritten"
        assert data == runs.day_1[name][1], f"{name} changed"
    # The digest is dated by its data, not by the run that published it again.
    assert _digest(runs.rerun)["generated"] == DAY_1.isoformat()


def test_a_rerun_that_adds_a_report_changes_that_story_and_the_feed(runs: Runs) -> None:
    quarry = f"stories/{runs.story_id(runs.day_1, QUARRY_TITLE)}.html"
    ferry = f"stories/{runs.story_id(runs.day_1, FERRY_TITLE)}.html"
    for name in (quarry, "feed.atom", "index.html", "digest.json", "digest.md"):
        assert runs.day_2[name][1] != runs.rerun[name][1], name
        assert runs.day_2[name][0] != OLD_NS, name
    assert "Failed pump blamed for Hask quarry flood" in _text(runs.day_2, quarry)
    # The story that took no report keeps its brief; only the masthead and footer
    # every page shares (the digest's date, its count of reports) moved on.
    assert _article(_text(runs.day_2, ferry)) == _article(_text(runs.rerun, ferry))
    # The section feed that carries the quarry story changed too.
    entry_id = f"urn:newsdesk:story:{runs.story_id(runs.day_2, QUARRY_TITLE)}"
    section_feeds = [
        name
        for name in runs.day_2
        if name.startswith("feeds/") and entry_id in _text(runs.day_2, name)
    ]
    assert len(section_feeds) == 1
    assert runs.day_2[section_feeds[0]][1] != runs.rerun[section_feeds[0]][1]


def test_updated_is_the_newest_report_and_written_the_run(runs: Runs) -> None:
    quarry, ferry = _story(runs.day_1, QUARRY_TITLE), _story(runs.day_1, FERRY_TITLE)
    assert (quarry["updated"], quarry["written"]) == (
        "2026-05-04T09:15:00+00:00",
        DAY_1.isoformat(),
    )
    # The Gullhaven report has no date: it counts from the run that stored it.
    assert (ferry["updated"], ferry["written"]) == (DAY_1.isoformat(), DAY_1.isoformat())
    grown = _story(runs.day_2, QUARRY_TITLE)
    assert (grown["updated"], grown["written"]) == ("2026-05-05T08:40:00+00:00", DAY_2.isoformat())
    assert _story(runs.day_2, FERRY_TITLE) == ferry  # no new report, no new brief
    assert _digest(runs.day_2)["generated"] == DAY_2.isoformat()

    feed = ET.fromstring(runs.day_2["feed.atom"][1])
    entries = {
        e.findtext("a:id", namespaces=ATOM): e.findtext("a:updated", namespaces=ATOM)
        for e in feed.findall("a:entry", ATOM)
    }
    assert entries == {
        f"urn:newsdesk:story:{grown['story_id']}": "2026-05-05T08:40:00+00:00",
        f"urn:newsdesk:story:{ferry['story_id']}": DAY_1.isoformat(),
    }
    # The feed is as new as its newest entry, not as the run (20:00) that wrote it.
    assert feed.findtext("a:updated", namespaces=ATOM) == "2026-05-05T08:40:00+00:00"

    page = _readable(_text(runs.day_2, f"stories/{grown['story_id']}.html"))
    assert "updated 2026-05-05" in page
    assert "brief written 5 May 2026, 20:00 UTC" in page


def test_no_page_or_feed_shows_an_input_path(runs: Runs) -> None:
    files = {n: data for n, (_, data) in runs.day_2.items()}
    readable = [n for n in files if n.endswith((".html", ".atom", ".md", ".js"))]
    assert any(n.startswith("stories/") for n in readable) and "digest.md" in readable
    for name in readable:
        text = files[name].decode("utf-8")
        for path in (str(runs.inputs), "day1.jsonl", "day2.jsonl", ".jsonl"):
            assert path not in text, f"{name} shows {path}"
    # A source without a URL is named by its title alone, unlinked.
    quarry = _story(runs.day_2, QUARRY_TITLE)
    page = files[f"stories/{quarry['story_id']}.html"].decode("utf-8")
    assert f"<td>{QUARRY_TITLE}</td>" in page
    # The operator's JSON keeps the path, so the pages had it to hide.
    paths = {source["path"] for source in quarry["sources"]}
    assert paths == {str(runs.inputs / "day1.jsonl"), str(runs.inputs / "day2.jsonl")}


def test_new_since_names_the_previous_brief_in_words(runs: Runs) -> None:
    quarry = _story(runs.day_2, QUARRY_TITLE)
    assert quarry["new_since"] == DAY_1.isoformat() and quarry["new_sentences"]
    page = _readable(_text(runs.day_2, f"stories/{quarry['story_id']}.html"))
    assert "New since the brief of 4 May 2026, 20:00 UTC" in page
    assert "New since the brief of 4 May 2026, 20:00 UTC:" in _text(runs.day_2, "digest.md")


def _brief(updated: datetime) -> Brief:
    source = SourceRef("a1", "Brenmoor Echo", "Quarry", None, updated, "a.json")
    return Brief("st-1", "Quarry", (), (source,), updated=updated, written=updated)


def test_a_brief_stored_before_written_existed_was_written_when_updated() -> None:
    old = brief_to_dict(_brief(DAY_1))
    del old["written"]
    assert brief_from_dict(old).written == DAY_1
    stamped = brief_to_dict(Brief("st-1", "Quarry", (), (), updated=DAY_1, written=DAY_2))
    assert brief_from_dict(stamped).written == DAY_2


def test_a_report_dated_after_the_run_does_not_date_the_brief_later(tmp_path: Path) -> None:
    """A report dated past the run's date has a wrong clock (or a replay set too
    early): the brief's ``updated`` stops at the run, as the news clock does."""
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [json.loads(line) for line in (CORPUS / "day1.jsonl").read_text().splitlines()]
    rows[1]["published"] = "2026-05-09T12:00:00+00:00"  # five days after the run
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n")
    with Store(tmp_path / "n.db") as store:
        Pipeline(store, PipelineConfig(), WordHashEncoder()).run([folder], DAY_1)
        (brief,) = store.briefs()
    assert brief.updated == brief.written == DAY_1
