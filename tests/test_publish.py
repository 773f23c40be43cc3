"""Publish: every format written, hostile text escaped, links safe."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from newsdesk.model import Brief, BriefSentence, Claim, Difference, Quote, SourceRef
from newsdesk.publish import Digest, publish
from newsdesk.publish.markdown import render_markdown

NOW = datetime(2026, 2, 3, 8, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def _digest() -> Digest:
    sources = (
        SourceRef(
            "a1", "Ember Gazette", f"Mill fire {HOSTILE}", "javascript:alert(1)", NOW, "a.html"
        ),
        SourceRef("a2", "Kell FM", "Mill fire [live]", "https://kell.example/fire", NOW, "b.json"),
        SourceRef("a3", "Coast Daily", "Mill fire", None, None, "c.txt", reprint_of="Kell FM"),
    )
    brief = Brief(
        story_id="st-abc",
        headline=f"Fire at the old mill {HOSTILE}",
        sentences=(
            BriefSentence(
                f"Flames rose from the mill roof at dawn {HOSTILE}.", "a1", ("Ember Gazette",)
            ),
            BriefSentence(
                "Nobody was hurt, the fire service said.", "a2", ("Kell FM", "Ember Gazette")
            ),
            BriefSentence(
                "The mill was empty, Harbour Radio reported.", "a2", ("Kell FM",), "Harbour Radio"
            ),
        ),
        sources=sources,
        updated=NOW,
        written=NOW,
        independent_sources=2,
        quotes=(
            Quote(f"We got everyone out {HOSTILE}", "Ida Moor, mill owner", "a1", "Ember Gazette"),
        ),
        differences=(
            Difference(
                "denial",
                "one account denies the other",
                Claim(
                    "The alarm sounded at five, the owner said.", "a1", "Ember Gazette", "Ida Moor"
                ),
                Claim(f"There was no alarm {HOSTILE}", "a2", "Kell FM", "Fire chief", quoted=True),
            ),
        ),
    )
    single = SourceRef("a9", "Kell FM", "Choir wins prize", "https://kell.example/choir", NOW, "d")
    return Digest(generated=NOW, briefs=(brief,), single_source=(single,))


def test_every_format_is_written(tmp_path: Path) -> None:
    written = {p.relative_to(tmp_path).as_posix() for p in publish(_digest(), tmp_path)}
    sections = {f"feeds/{slug}.atom" for slug in ("world", "politics", "business", "security")}
    sections |= {"feeds/science-and-technology.atom", "feeds/sport.atom"}
    assert written == {
        "index.html",
        "archive.html",
        "search.html",
        "search.js",
        "search-index.js",
        "style.css",
        "stories/st-abc.html",
        "digest.md",
        "digest.json",
        "feed.atom",
        *sections,
    }


def test_html_escapes_article_text_and_drops_script_links(tmp_path: Path) -> None:
    publish(_digest(), tmp_path)
    for page in ("index.html", "stories/st-abc.html"):
        html = (tmp_path / page).read_text(encoding="utf-8")
        assert "<script>" not in html and "<img" not in html
        assert "&lt;script&gt;" in html
        assert "javascript:" not in html
        assert "Content-Security-Policy" in html
        assert "http://" not in html.replace("https://kell.example", "")
    story = (tmp_path / "stories/st-abc.html").read_text(encoding="utf-8")
    assert 'href="https://kell.example/fire"' in story
    assert 'href="#source-a1"' in story  # the unsafe link became a link to the source row
    assert "reprint of Kell FM" in story


def test_json_digest_follows_the_documented_shape(tmp_path: Path) -> None:
    publish(_digest(), tmp_path)
    data = json.loads((tmp_path / "digest.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == "3"
    story = data["stories"][0]
    assert set(story) == {
        "story_id",
        "headline",
        "updated",
        "written",
        "independent_sources",
        "outlets",
        "sentences",
        "sources",
        "closed",
        "new_since",
        "new_sentences",
        "timeline",
        "quotes",
        "differences",
        "section",
    }
    assert story["section"] == "World"  # a mill fire
    assert story["sentences"][1]["outlets"] == ["Kell FM", "Ember Gazette"]
    assert story["sentences"][2]["via"] == "Harbour Radio"
    assert story["quotes"][0]["speaker"] == "Ida Moor, mill owner"
    difference = story["differences"][0]
    assert difference["kind"] == "denial"
    assert [side["speaker"] for side in difference["sides"]] == ["Ida Moor", "Fire chief"]
    assert difference["sides"][1]["quoted"] is True
    assert story["sources"][2]["reprint_of"] == "Kell FM"
    assert data["single_source"][0]["title"] == "Choir wins prize"


def test_atom_feed_is_valid_xml_with_one_entry_per_brief(tmp_path: Path) -> None:
    publish(_digest(), tmp_path)
    root = ET.parse(tmp_path / "feed.atom").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].findtext("a:id", namespaces=ns) == "urn:newsdesk:story:st-abc"
    assert HOSTILE in (entries[0].findtext("a:title", namespaces=ns) or "")


def test_story_page_shows_who_said_what_and_where_sources_differ(tmp_path: Path) -> None:
    publish(_digest(), tmp_path)
    story = (tmp_path / "stories/st-abc.html").read_text(encoding="utf-8")
    assert "<h2>Where sources differ</h2>" in story and "<h2>Who said what</h2>" in story
    differ = story[story.index("Where sources differ") : story.index("Who said what")]
    assert differ.count('class="side"') == 2
    assert "Ida Moor" in differ and "Fire chief" in differ
    assert "“There was no alarm &lt;script&gt;" in differ  # a quotation side is shown in marks
    assert "according to Harbour Radio, as reported by" in story


def test_markdown_names_outlets_and_keeps_article_text_literal() -> None:
    text = render_markdown(_digest())
    assert "(Kell FM; Ember Gazette)" in text
    assert "(according to Harbour Radio, as reported by Kell FM)" in text
    assert (
        "Where sources differ (as each source has it):" in text
        and "**Fire chief**: “There was no alarm" in text
    )
    assert "**Ida Moor, mill owner**: “We got everyone out" in text
    assert "Mill fire \\[live\\]" in text
    # Every "<" from article text is escaped, so no renderer sees a tag.
    assert text.count("<img") == text.count("\\<img") > 0
    assert "<script>" not in text and "\\<script\\>" in text
    assert "javascript:" not in text
    assert "(<https://kell.example/fire>)" in text


def test_a_merged_story_page_redirects_to_the_survivor(tmp_path: Path) -> None:
    digest = replace(_digest(), redirects=(("st-old", "st-abc"),))
    written = {p.relative_to(tmp_path).as_posix() for p in publish(digest, tmp_path)}
    assert "stories/st-old.html" in written
    page = (tmp_path / "stories/st-old.html").read_text(encoding="utf-8")
    assert 'content="0; url=st-abc.html"' in page and 'href="st-abc.html"' in page
