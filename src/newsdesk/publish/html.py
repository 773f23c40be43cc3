"""The digest as a static site: an index and one page per story.

Every string from an article is escaped by Jinja2's autoescape; the pages
load nothing from another host and declare a Content-Security-Policy that
forbids scripts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.model import Brief, BriefSentence
from newsdesk.publish.digest import Digest
from newsdesk.publish.links import safe_url


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


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("newsdesk.publish", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


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


def _with_safe_links(brief: Brief) -> Brief:
    sources = tuple(replace(s, url=safe_url(s.url)) for s in brief.sources)
    return replace(brief, sources=sources)


def write_site(digest: Digest, out_dir: Path) -> list[Path]:
    """Write ``index.html``, ``style.css`` and ``stories/<id>.html``; return the paths.

    A story merged into another keeps its page as a redirect to the survivor,
    so links to the old id still lead to the story.
    """
    env = _environment()
    stories_dir = out_dir / "stories"
    stories_dir.mkdir(parents=True, exist_ok=True)
    briefs = [_with_safe_links(b) for b in digest.briefs]
    archive = [_with_safe_links(b) for b in digest.archive]
    singles = [replace(s, url=safe_url(s.url)) for s in digest.single_source]
    common = {
        "generated": digest.generated,
        "source_total": sum(len(b.sources) for b in briefs) + len(singles),
    }
    written = []
    index = out_dir / "index.html"
    index.write_text(
        env.get_template("index.html.j2").render(
            root="", briefs=briefs, single_source=singles, archive=archive, **common
        ),
        encoding="utf-8",
    )
    written.append(index)
    story_template = env.get_template("story.html.j2")
    for brief in briefs + archive:
        page = stories_dir / f"{brief.story_id}.html"
        page.write_text(
            story_template.render(
                root="../",
                brief=brief,
                sentences=_sentence_views(brief, brief.sentences),
                new_sentences=_sentence_views(brief, brief.new_sentences),
                **common,
            ),
            encoding="utf-8",
        )
        written.append(page)
    redirect_template = env.get_template("redirect.html.j2")
    for old, current in digest.redirects:
        page = stories_dir / f"{old}.html"
        page.write_text(redirect_template.render(target=f"{current}.html"), encoding="utf-8")
        written.append(page)
    css = out_dir / "style.css"
    css.write_text(env.loader.get_source(env, "style.css")[0], encoding="utf-8")  # type: ignore[union-attr]
    written.append(css)
    return written
