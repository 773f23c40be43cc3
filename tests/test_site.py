"""The static site's sections, archive, per-section feeds and search index."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import DemoRun
from newsdesk.errors import ConfigError
from newsdesk.publish import Sections
from newsdesk.store import Store
from test_end_to_end import _stories_by_event


def test_demo_stories_land_in_the_sections_they_were_written_for(demo_run: DemoRun) -> None:
    events_of_story = _stories_by_event(demo_run.db, demo_run.manifest)
    written = {e["id"]: e["section"] for e in demo_run.manifest["events"]}
    sections = Sections.load()
    with Store(demo_run.db) as store:
        briefs = store.briefs()
    assert briefs
    for brief in briefs:
        (event,) = events_of_story[brief.story_id]
        assert sections.place(brief).casefold() == written[event], brief.headline


def test_the_index_groups_stories_by_section_and_each_page_names_its_own(
    demo_run: DemoRun,
) -> None:
    index = (demo_run.site / "index.html").read_text(encoding="utf-8")
    headings = [
        name for name in ("World", "Politics", "Business", "Sport") if f">{name}</h2>" in index
    ]
    assert headings == ["World", "Politics", "Business", "Sport"]  # in the config's order
    data = json.loads((demo_run.site / "digest.json").read_text(encoding="utf-8"))
    for story in data["stories"]:
        page = (demo_run.site / "stories" / f"{story['story_id']}.html").read_text("utf-8")
        assert f"{story['section']} · " in page


def test_archive_lists_every_story_by_day(demo_run: DemoRun) -> None:
    archive = (demo_run.site / "archive.html").read_text(encoding="utf-8")
    data = json.loads((demo_run.site / "digest.json").read_text(encoding="utf-8"))
    for story in data["stories"] + data["archive"]:
        assert f'href="stories/{story["story_id"]}.html"' in archive
    assert '<time datetime="' in archive


def test_each_section_feed_holds_only_its_stories_with_links_back_to_the_site(
    demo_run: DemoRun,
) -> None:
    data = json.loads((demo_run.site / "digest.json").read_text(encoding="utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    sport = ET.parse(demo_run.site / "feeds" / "sport.atom").getroot()
    links = [e.find("a:link", ns).get("href") for e in sport.findall("a:entry", ns)]  # type: ignore[union-attr]
    expected = [s["story_id"] for s in data["stories"] if s["section"] == "Sport"]
    assert links == [f"../stories/{story_id}.html" for story_id in expected] and expected


def test_the_search_index_is_a_script_with_every_story(demo_run: DemoRun) -> None:
    script = (demo_run.site / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.NEWSDESK_INDEX = "
    assert script.startswith(prefix)
    entries = json.loads(script[len(prefix) :].rstrip().rstrip(";").replace("<\\/", "</"))
    data = json.loads((demo_run.site / "digest.json").read_text(encoding="utf-8"))
    assert {e["id"] for e in entries} == {s["story_id"] for s in data["stories"] + data["archive"]}
    search = (demo_run.site / "search.html").read_text(encoding="utf-8")
    assert "script-src 'self'" in search and 'src="search.js"' in search
    index = (demo_run.site / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index and "script-src" not in index  # only search runs a script


def test_a_sections_file_can_be_edited_and_a_bad_one_is_named(tmp_path: Path) -> None:
    custom = tmp_path / "sections.toml"
    custom.write_text(
        'default = "Other"\n[[section]]\nname = "Ferries"\nwords = "ferry ferries crossing"\n'
        '[[section]]\nname = "Other"\nwords = "anything"\n'
    )
    sections = Sections.load(custom)
    assert [s.name for s in sections.sections] == ["Ferries", "Other"]
    broken = tmp_path / "broken.toml"
    broken.write_text("[[section]\nname = 1")
    with pytest.raises(ConfigError, match=r"broken\.toml: not valid TOML"):
        Sections.load(broken)
    missing_default = tmp_path / "nodefault.toml"
    missing_default.write_text('default = "Weather"\n[[section]]\nname = "Sport"\nwords = "cup"\n')
    with pytest.raises(ConfigError, match="default section 'Weather'"):
        Sections.load(missing_default)
