"""Publish: the digest as a static site, Markdown, JSON and an Atom feed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsdesk.publish.atom import render_atom
from newsdesk.publish.digest import Digest, build_digest
from newsdesk.publish.files import write_if_changed
from newsdesk.publish.html import write_site
from newsdesk.publish.jsondigest import render_json
from newsdesk.publish.markdown import render_markdown
from newsdesk.publish.sections import Sections

__all__ = ["Digest", "Sections", "build_digest", "publish"]


def publish(digest: Digest, out_dir: str | Path, sections: Sections | None = None) -> list[Path]:
    """Write every format of ``digest`` into ``out_dir``; return the digest's files.

    Besides the site: ``digest.md``, ``digest.json``, ``feed.atom`` and one
    Atom feed per section under ``feeds/``. A file is written only when its
    bytes change, so a run that adds nothing leaves every file as it was
    (a feed reader sees no update without news).
    """
    sections = sections or Sections.load()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = write_site(digest, out, sections)
    outputs = [
        ("digest.md", render_markdown(digest)),
        ("digest.json", render_json(digest, sections)),
        ("feed.atom", render_atom(digest)),
    ]
    for section, briefs in sections.group(digest.briefs):
        only = replace(digest, briefs=tuple(briefs))
        title = f"newsdesk: {section.name}"
        feed = render_atom(only, title, root="../", feed_id=f"section:{section.slug}")
        outputs.append((f"feeds/{section.slug}.atom", feed))
    (out / "feeds").mkdir(exist_ok=True)
    for name, text in outputs:
        path = out / name
        write_if_changed(path, text)
        written.append(path)
    return written
