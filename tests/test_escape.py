"""Source text in every output stays text: no Markdown or HTML from it comes
alive in digest.md, and no bidi control from it reorders a page, feed or index."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser
from itertools import count
from pathlib import Path
from xml.etree import ElementTree as ET

from markdown_it import MarkdownIt
from markupsafe import Markup
from starlette.testclient import TestClient

from conftest import WordHashEncoder
from newsdesk.model import (
    Brief,
    BriefSentence,
    Claim,
    Difference,
    Quote,
    SourceRef,
    TimelineEntry,
)
from newsdesk.pipeline import Pipeline
from newsdesk.publish import Digest, publish
from newsdesk.publish.atom import render_atom
from newsdesk.publish.html import SiteRenderer
from newsdesk.publish.markdown import render_markdown
from newsdesk.search import ResultsPage, SearchResult, Syntax
from newsdesk.serve import create_app
from newsdesk.store import Store
from newsdesk.text.bidi import BIDI_CONTROLS, strip_bidi_controls

NOW = datetime(2026, 2, 3, 8, tzinfo=UTC)
# What a line may open with that Markdown reads as a block of its own.
_LEADS = ("# ", "> ", "- ", "1. ", "+ ", "* ", "=== ", "    ", "| a | b |\n|---|---|\n", "2) ")
_numbers = count()


def _hostile(label: str) -> str:
    """``label`` wrapped in every kind of Markdown and HTML a source could carry."""
    lead = _LEADS[next(_numbers) % len(_LEADS)]
    return (
        f"{lead}{label} `code` <script>alert(1)</script> <img src=x onerror=alert(1)>"
        " [x](javascript:alert(1)) ![i](https://e.example/i.png) <https://auto.example>"
        " *em* _u_ ~~del~~ **b** &lt;script&gt; &amp; &#60;b&#62; a | b \\*"
        f"\n# heading\n> quote\n- item\n1. one\n---\n<div onclick=x>{label}</div> #"
    )


def _hostile_digest() -> Digest:
    outlet, other, via = _hostile("Outlet"), _hostile("Other outlet"), _hostile("Via outlet")
    sources = (
        SourceRef(
            "a1", outlet, _hostile("Title"), 'https://e.example/a b<c>\\d"e`f', NOW, "a.html"
        ),
        SourceRef("a2", other, _hostile("Linkless title"), "javascript:alert(1)", NOW, "b.json"),
        SourceRef("a3", "Coast Daily", "Reprint", None, None, "c.txt", reprint_of=other),
    )
    brief = Brief(
        story_id="st-hostile",
        headline=_hostile("Headline"),
        sentences=(
            BriefSentence(_hostile("Sentence"), "a1", (outlet, other)),
            BriefSentence(_hostile("Credited sentence"), "a2", (other,), via),
        ),
        sources=sources,
        updated=NOW,
        written=NOW,
        independent_sources=2,
        new_since=NOW,
        new_sentences=(BriefSentence(_hostile("New sentence"), "a2", (other,)),),
        timeline=(TimelineEntry(NOW, outlet, "a1", _hostile("Timeline text")),),
        quotes=(Quote(_hostile("Quote"), _hostile("Speaker"), "a1", outlet, via),),
        differences=(
            Difference(
                "denial",
                _hostile("Detail"),
                Claim(_hostile("Claim"), "a1", outlet, _hostile("Claimant"), via),
                Claim(_hostile("Quoted claim"), "a2", other, None, None, quoted=True),
            ),
        ),
    )
    single = SourceRef("a9", _hostile("Single outlet"), _hostile("Single title"), None, NOW, "d")
    closed = Brief("st-closed", _hostile("Closed headline"), (), (), NOW, NOW, closed=NOW)
    return Digest(generated=NOW, briefs=(brief,), single_source=(single,), archive=(closed,))


def _fields(digest: Digest) -> list[str]:
    """Every string of ``digest`` that came from a source."""
    found: list[str] = []
    for brief in (*digest.briefs, *digest.archive):
        found.append(brief.headline)
        for sentence in (*brief.sentences, *brief.new_sentences):
            found += [sentence.text, *sentence.outlets, *filter(None, [sentence.via])]
        found += [t.text for t in brief.timeline] + [t.outlet for t in brief.timeline]
        for quote in brief.quotes:
            found += [quote.text, quote.speaker, quote.outlet, *filter(None, [quote.via])]
        for difference in brief.differences:
            found.append(difference.detail)
            for claim in (difference.first, difference.second):
                found += [claim.text, claim.outlet]
                found += [part for part in (claim.speaker, claim.via) if part]
    for source in (*[s for b in digest.briefs for s in b.sources], *digest.single_source):
        found += [source.outlet, source.title, *filter(None, [source.reprint_of])]
    return found


class _Page(HTMLParser):
    """The tags, links and text content of a rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _rendered(markdown: str) -> tuple[_Page, list[str]]:
    """``markdown`` as CommonMark with raw HTML allowed, plus tables and strikethrough."""
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = renderer.parse(markdown)
    kinds = [t.type for t in tokens] + [c.type for t in tokens for c in t.children or ()]
    page = _Page()
    page.feed(renderer.render(markdown))
    return page, kinds


def test_markdown_keeps_every_source_field_literal_under_a_commonmark_renderer() -> None:
    digest = _hostile_digest()
    page, kinds = _rendered(render_markdown(digest))
    assert "html_inline" not in kinds and "html_block" not in kinds
    assert page.tags <= {"h1", "h2", "p", "ul", "li", "em", "strong", "a"}
    assert page.hrefs == ["https://e.example/a%20b%3Cc%3E%5Cd%22e%60f"]  # the one safe link
    text = " ".join("".join(page.text).split())
    for field in _fields(digest):
        assert " ".join(field.split()) in text, field


def test_markdown_headings_are_only_the_digest_s_own() -> None:
    markdown = render_markdown(_hostile_digest())
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert len(headings) == 4  # the title, the brief, single-source reports, closed stories
    assert all(not line.rstrip().endswith(" #") for line in headings)


SWAPPED = (
    "Mayor \u202eresigns\u202c over \u2066port\u2069 deal \u200f\u200e\u061c\u202a\u202b\u202d"
)


def _bidi_digest() -> Digest:
    source = SourceRef("b1", f"Tide {SWAPPED}", f"Port {SWAPPED}", None, NOW, "b.html")
    brief = Brief(
        story_id="st-bidi",
        headline=f"Headline {SWAPPED}",
        sentences=(BriefSentence(f"Sentence {SWAPPED}.", "b1", (source.outlet,)),),
        sources=(source,),
        updated=NOW,
        written=NOW,
        independent_sources=1,
        quotes=(Quote(f"Quote {SWAPPED}", f"Speaker {SWAPPED}", "b1", source.outlet),),
    )
    return Digest(generated=NOW, briefs=(brief,), single_source=(source,))


def _has_bidi(text: str) -> bool:
    return any(mark in text for mark in BIDI_CONTROLS)


def test_strip_bidi_controls_removes_every_control_and_nothing_else() -> None:
    assert strip_bidi_controls(SWAPPED) == "Mayor resigns over port deal "
    assert strip_bidi_controls("שלום and سلام") == "שלום and سلام"
    assert len(BIDI_CONTROLS) == 12


def test_markdown_and_atom_carry_no_bidi_controls() -> None:
    digest = _bidi_digest()
    markdown = render_markdown(digest)
    assert not _has_bidi(markdown) and "Headline Mayor resigns over port deal" in markdown
    atom = render_atom(digest)
    assert not _has_bidi(atom)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = ET.fromstring(atom).find("a:entry", ns)
    assert entry is not None and entry.findtext("a:title", namespaces=ns) == strip_bidi_controls(
        digest.briefs[0].headline
    )


def test_site_pages_search_index_and_json_carry_no_bidi_controls(tmp_path: Path) -> None:
    digest = _bidi_digest()
    publish(digest, tmp_path)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert not _has_bidi(path.read_text(encoding="utf-8")), path.name
    index = (tmp_path / "search-index.js").read_text(encoding="utf-8")
    payload = json.loads(index.removeprefix("window.NEWSDESK_INDEX = ").rstrip().rstrip(";"))
    assert not any(_has_bidi(json.dumps(entry, ensure_ascii=False)) for entry in payload)
    assert payload[0]["headline"] == "Headline Mayor resigns over port deal "


def test_served_results_page_carries_no_bidi_controls() -> None:
    result = SearchResult(
        article_id="b1",
        title=f"Port {SWAPPED}",
        title_html=Markup("<mark>Port</mark> {}").format(SWAPPED),
        snippet=Markup("the <mark>port</mark> {}").format(SWAPPED),
        outlet=f"Tide {SWAPPED}",
        published=NOW,
        url=None,
        story_id="st-bidi",
        story_headline=f"Headline {SWAPPED}",
    )
    query = f"port {SWAPPED}"
    found = ResultsPage(query, Syntax.PLAIN, total=1, limit=20, offset=0, results=(result,))
    page = SiteRenderer(_bidi_digest()).results(query, "plain", found, None)
    assert not _has_bidi(page)
    for shown in ("port Mayor resigns", "Tide Mayor resigns", "Headline Mayor resigns"):
        assert shown in page
    refused = SiteRenderer(_bidi_digest()).results(query, "plain", None, f"bad {SWAPPED}")
    assert not _has_bidi(refused) and "bad Mayor resigns" in refused


def test_markup_built_in_code_keeps_its_tags_and_loses_bidi_controls() -> None:
    template = SiteRenderer(_bidi_digest()).env.from_string("<p>{{ snippet }} {{ plain }}</p>")
    snippet = Markup("<mark>{}</mark>").format(f"port {SWAPPED} <b>")
    page = template.render(snippet=snippet, plain=f"<i>{SWAPPED}")
    assert page == (
        "<p><mark>port Mayor resigns over port deal  &lt;b&gt;</mark>"
        " &lt;i&gt;Mayor resigns over port deal </p>"
    )


def test_the_served_api_carries_no_bidi_controls(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bodies = {
        f"Tide {SWAPPED}": "The Holm ferry resumed sailing on Monday after repairs to its ramp, "
        f"{SWAPPED}, and the harbour master said the first crossing carried forty passengers.",
        "Bay Radio": f"Forty passengers rode the first Holm ferry crossing on Monday {SWAPPED}, "
        "the harbour master said, after three weeks of repairs to the loading ramp.",
    }
    for n, (outlet, body) in enumerate(bodies.items()):
        record = {
            "title": f"Ferry back {SWAPPED}",
            "outlet": outlet,
            "text": body,
            "url": f"https://e.example/{n}/{SWAPPED}",
        }
        (folder / f"{n}.json").write_text(json.dumps(record), encoding="utf-8")
    db = tmp_path / "bidi.db"
    with Store(db) as store:
        Pipeline(store, embedder=WordHashEncoder()).run([folder])
    with TestClient(create_app(db, hosts=["testserver"])) as client:
        (story,) = client.get("/api/stories").json()["items"]
        answers = [
            client.get("/api/stories"),
            client.get(f"/api/stories/{story['story_id']}"),
            client.get("/api/search", params={"q": "ferry"}),
            client.get("/api/search", params={"q": f'"{SWAPPED}', "syntax": "fts5"}),
            client.get(f"/api/nothing{SWAPPED}"),
        ]
    assert [a.status_code for a in answers] == [200, 200, 200, 400, 404]
    for answer in answers:
        assert not _has_bidi(answer.text), answer.url
    hits = answers[2].json()["items"]
    assert len(hits) == 2 and "Tide Mayor resigns over port deal " in {h["outlet"] for h in hits}
