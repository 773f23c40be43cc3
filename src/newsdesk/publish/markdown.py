"""The digest as one Markdown file."""

from __future__ import annotations

import re

from newsdesk.model import Brief, SourceRef
from newsdesk.publish.digest import Digest
from newsdesk.publish.links import safe_url

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _escape(text: str) -> str:
    """Article text as literal Markdown: no emphasis, links or raw HTML from it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _source_line(source: SourceRef) -> str:
    title = _escape(source.title)
    url = safe_url(source.url)
    label = f"[{title}](<{url.replace('>', '%3E').replace(' ', '%20')}>)" if url else title
    date = source.published.date().isoformat() if source.published else "undated"
    reprint = f" (reprint of {source.reprint_of})" if source.reprint_of else ""
    return f"- {_escape(source.outlet)}, {date}: {label}{reprint}"


def _brief(brief: Brief) -> list[str]:
    lines = [f"## {_escape(brief.headline)}", ""]
    lines.append(f"*{brief.independent_sources} independent sources: {', '.join(brief.outlets)}*")
    lines.append("")
    for sentence in brief.sentences:
        lines.append(f"- {_escape(sentence.text)} ({'; '.join(sentence.outlets)})")
    lines += ["", "Sources:", ""]
    lines += [_source_line(s) for s in brief.sources]
    lines.append("")
    return lines


def render_markdown(digest: Digest) -> str:
    lines = [f"# News digest, {digest.generated.date().isoformat()}", ""]
    for brief in digest.briefs:
        lines += _brief(brief)
    if digest.single_source:
        lines += ["## Single-source reports", ""]
        lines += [_source_line(s) for s in digest.single_source]
        lines.append("")
    return "\n".join(lines)
