"""The digest as a static site: the index by section, one page per story, the
archive by day and an offline search page.

Every string from an article is escaped by Jinja2's autoescape and loses its
bidi controls (so a title cannot reorder the text around it); the pages
load nothing from another host and declare a Content-Security-Policy that
forbids scripts, except the search page, which may run its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsdesk.model import Brief, BriefSentence
from newsdesk.publish.digest import Digest
from newsdesk.publish.files import write_if_changed
from newsdesk.publish.links import safe_url
from newsdesk.publish.sections import Sections
from newsdesk.publish.times import moment_text
from newsdesk.store.runlog import RunRecord
from newsdesk.text.bidi import strip_bidi_controls

if TYPE_CHECKING:
    from newsdesk.search import ResultsPage


@dataclass(frozen=True, slots=True)
class OutletLink:
    name: str
    href: str
    external: bool


@dataclass(frozen=True, slots=True)
class SentenceView:
    text: str
    outlets: tuple[OutletLink, ...]
    via: str | None = None


def _without_bidi(value: object) -> object:
    """What a template prints, without bidi controls: every ``{{ }}`` passes here,
    markup built in code (a search snippet's ``<mark>``) included."""
    if isinstance(value, Markup):
        return Markup(strip_bidi_controls(str(value)))
    return strip_bidi_controls(value) if isinstance(value, str) else value


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk.publish", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_without_bidi,
    )
    env.filters["moment"] = moment_text
    return env


def _sentence_views(brief: Brief, sentences: tuple[BriefSentence, ...]) -> list[SentenceView]:
    """``sentences`` of ``brief`` with a link per outlet: the sentence's own
    article for its outlet, the outlet's first listed source for the others."""
    by_article = {s.article_id: s for s in brief.sources}
    first_of_outlet: dict[str, str] = {}
    for source in brief.sources:
        first_of_outlet.setdefault(source.outlet, source.article_id)
    views = []
    for sentence in sentences:
        links = []
        for position, outlet in enumerate(sentence.outlets):
            article_id = sentence.article_id if position == 0 else first_of_outlet[outlet]
            url = safe_url(by_article[article_id].url) if position == 0 else None
            href = url or f"#source-{article_id}"
            links.append(OutletLink(outlet, href, external=url is not None))
        views.append(SentenceView(sentence.text, tuple(links), sentence.via))
    return views


def static_file(name: str) -> str:
    """A file shipped beside the templates as it is (style.css, search.js)."""
    return files("newsdesk.publish").joinpath("templates", name).read_text(encoding="utf-8")


def _with_safe_links(brief: Brief) -> Brief:
    sources = tuple(replace(s, url=safe_url(s.url)) for s in brief.sources)
    return replace(brief, sources=sources)


def _day(brief: Brief) -> date:
    """The day of the story's newest report (its brief's ``updated``)."""
    return brief.updated.date()


class SiteRenderer:
    """The site's pages as HTML strings, for the static site and for ``newsdesk serve``.

    Every page sits where the static site puts it (``index.html``,
    ``stories/<id>.html``, ``archive.html``, ``search.html``), so their
    relative links work the same from files and from the server.
    """

    def __init__(
        self, digest: Digest, sections: Sections | None = None, live: bool = False
    ) -> None:
        self.env = _environment()
        self.digest = digest
        self.live = live
        self.sections = sections or Sections.load()
        self.briefs = [_with_safe_links(b) for b in digest.briefs]
        self.archived = [_with_safe_links(b) for b in digest.archive]
        self.singles = [replace(s, url=safe_url(s.url)) for s in digest.single_source]
        self.common = {
            "generated": digest.generated,
            "source_total": sum(len(b.sources) for b in self.briefs) + len(self.singles),
            "sections": self.sections.sections,
        }

    def index(self) -> str:
        return self.env.get_template("index.html.j2").render(
            root="",
            grouped=self.sections.group(self.briefs),
            any_briefs=bool(self.briefs),
            single_source=self.singles,
            archive=self.archived,
            **self.common,
        )

    def story(self, brief: Brief) -> str:
        brief = _with_safe_links(brief)
        return self.env.get_template("story.html.j2").render(
            root="../",
            brief=brief,
            section=self.sections.place(brief),
            sentences=_sentence_views(brief, brief.sentences),
            new_sentences=_sentence_views(brief, brief.new_sentences),
            **self.common,
        )

    def archive(self) -> str:
        """Every brief, open or closed, by the day of its newest report, newest first."""
        days: dict[date, list[Brief]] = {}
        for brief in sorted(self.briefs + self.archived, key=lambda b: b.updated, reverse=True):
            days.setdefault(_day(brief), []).append(brief)
        return self.env.get_template("archive.html.j2").render(
            root="", days=list(days.items()), **self.common
        )

    def search(self) -> str:
        """The offline search page; served live, it also offers the full-text search."""
        return self.env.get_template("search.html.j2").render(
            root="", live=self.live, **self.common
        )

    def results(self, query: str, syntax: str, page: ResultsPage | None, error: str | None) -> str:
        """The live full-text search's results (``newsdesk serve`` only): one page of
        them, or the ``error`` that stopped the search."""
        return self.env.get_template("results.html.j2").render(
            root="", query=query, syntax=syntax, page=page, error=error, **self.common
        )

    def runs(self, runs: list[RunRecord]) -> str:
        return self.env.get_template("runs.html.j2").render(root="", runs=runs, **self.common)

    def not_found(self, root: str = "") -> str:
        return self.env.get_template("notfound.html.j2").render(root=root, **self.common)

    def search_index(self) -> str:
        """The search page's prebuilt index: a script that defines the stories' text."""
        plain = strip_bidi_controls
        entries = [
            {
                "id": b.story_id,
                "headline": plain(b.headline),
                "section": plain(self.sections.place(b)),
                "date": _day(b).isoformat(),
                "outlets": [plain(outlet) for outlet in b.outlets],
                "text": plain(
                    " ".join(
                        [b.headline, *(s.text for s in b.sentences), *(q.text for q in b.quotes)]
                    )
                ),
            }
            for b in self.briefs + self.archived
        ]
        payload = json.dumps(entries, ensure_ascii=True).replace("</", "<\\/")
        return f"window.NEWSDESK_INDEX = {payload};\n"

    def redirect(self, target: str) -> str:
        return self.env.get_template("redirect.html.j2").render(target=target)


def write_site(digest: Digest, out_dir: Path, sections: Sections | None = None) -> list[Path]:
    """Write the static site into ``out_dir``; return the paths of its files.

    A story merged into another keeps its page as a redirect to the survivor,
    so links to the old id still lead to the story. A file whose bytes would
    not change is not written, so its date says when its content last changed.
    """
    site = SiteRenderer(digest, sections)
    pages: dict[str, str] = {
        "index.html": site.index(),
        "archive.html": site.archive(),
        "search.html": site.search(),
        "search-index.js": site.search_index(),
        "search.js": static_file("search.js"),
        "style.css": static_file("style.css"),
    }
    for brief in site.briefs + site.archived:
        pages[f"stories/{brief.story_id}.html"] = site.story(brief)
    for old, current in digest.redirects:
        pages[f"stories/{old}.html"] = site.redirect(f"{current}.html")
    written = []
    for name, text in pages.items():
        path = out_dir / name
        write_if_changed(path, text)
        written.append(path)
    return written
