"""Publish: the digest as a static site, Markdown, JSON and an Atom feed."""

from __future__ import annotations

from pathlib import Path

from newsdesk.publish.atom import render_atom
from newsdesk.publish.digest import Digest, build_digest
from newsdesk.publish.html import write_site
from newsdesk.publish.jsondigest import render_json
from newsdesk.publish.markdown import render_markdown

__all__ = ["Digest", "build_digest", "publish"]


def publish(digest: Digest, out_dir: str | Path) -> list[Path]:
    """Write every format of ``digest`` into ``out_dir``; return the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = write_site(digest, out)
    for name, text in (
        ("digest.md", render_markdown(digest)),
        ("digest.json", render_json(digest)),
        ("feed.atom", render_atom(digest)),
    ):
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
