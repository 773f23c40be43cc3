"""The digest as one Markdown file."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote

from newsdesk.model import Brief, BriefSentence, Claim, SourceRef, credit_line
from newsdesk.publish.digest import Digest
from newsdesk.publish.links import safe_url
from newsdesk.publish.times import moment_text
from newsdesk.text.bidi import strip_bidi_controls

# Characters that open code, emphasis, strikethrough, links, autolinks, raw
# HTML, entities, headings or table cells anywhere in a line.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]<>&#|])")
# What opens a list item or a setext underline only at the start of a field
# ("- ", "+ ", "=", "1. ", "2) "); escaped there alone, so "Okafor-Lund" stays plain.
_BLOCK_LEAD = re.compile(r"^(\d*(?=[.)])|(?=[-+=]))")
# What a link destination may hold as it is: RFC 3986's reserved characters and
# "%"; the rest (spaces, "<", ">", "\\", quotes, controls, non-ASCII) is percent-encoded.
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"


def _escape(text: str) -> str:
    """A source's text as one line of literal Markdown: no emphasis, links, raw
    HTML or new block from it, whatever it holds (line breaks become spaces)."""
    line = " ".join(strip_bidi_controls(text).split())
    return _BLOCK_LEAD.sub(r"\1\\", _MARKDOWN_SPECIAL.sub(r"\\\1", line), count=1)


def _source_line(source: SourceRef) -> str:
    title = _escape(source.title)
    url = safe_url(source.url)
    label = f"[{title}](<{quote(strip_bidi_controls(url), safe=_URL_SAFE)}>)" if url else title
    reprint = f" (reprint of {_escape(source.reprint_of)})" if source.reprint_of else ""
    return f"- {_escape(source.outlet)}, {_day(source.published)}: {label}{reprint}"


def _sentence_lines(sentences: tuple[BriefSentence, ...]) -> list[str]:
    return [f"- {_escape(s.text)} ({_escape(s.attribution)})" for s in sentences]


def _credit(outlet: str, via: str | None) -> str:
    return _escape(credit_line(outlet, via))


def _claim(side: Claim) -> str:
    text = f"“{_escape(side.text)}”" if side.quoted else _escape(side.text)
    speaker = f"**{_escape(side.speaker)}**: " if side.speaker else ""
    return f"{speaker}{text} ({_credit(side.outlet, side.via)})"


def _analysis_lines(brief: Brief) -> list[str]:
    lines: list[str] = []
    if brief.differences:
        lines += ["", "Where sources differ (as each source has it):", ""]
        for difference in brief.differences:
            lines.append(f"- {_escape(difference.detail)}:")
            lines += [f"  - {_claim(side)}" for side in (difference.first, difference.second)]
    if brief.quotes:
        lines += ["", "Who said what:", ""]
        lines += [
            f"- **{_escape(q.speaker)}**: “{_escape(q.text)}” ({_credit(q.outlet, q.via)})"
            for q in brief.quotes
        ]
    return lines


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "undated"


def _brief(brief: Brief) -> list[str]:
    lines = [f"## {_escape(brief.headline)}", ""]
    outlets = ", ".join(_escape(outlet) for outlet in brief.outlets)
    lines.append(f"*{brief.independent_sources} independent sources: {outlets}*")
    lines.append("")
    lines += _sentence_lines(brief.sentences)
    if brief.new_sentences and brief.new_since:
        lines += ["", f"New since the brief of {moment_text(brief.new_since)}:", ""]
        lines += _sentence_lines(brief.new_sentences)
    lines += _analysis_lines(brief)
    lines += ["", "Timeline:", ""]
    lines += [
        f"- {_day(t.published)}, {_escape(t.outlet)}: {_escape(t.text)}" for t in brief.timeline
    ]
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
    if digest.archive:
        lines += ["## Closed stories", ""]
        lines += [f"- {_escape(b.headline)} (closed {_day(b.closed)})" for b in digest.archive]
        lines.append("")
    return "\n".join(lines)
