"""RSS and Atom feed files: each entry is a report.

The entry's full content (``content:encoded``, Atom ``content``) is used when
the feed carries it, else its summary. The outlet is the feed's own title.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsdesk.errors import InputError
from newsdesk.ingest.html import fragment_to_text
from newsdesk.model import Document, InputProblem

_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(data: bytes) -> bool:
    """True when an XML file's root element is an RSS, Atom or RDF feed."""
    head = data[:2048].lower()
    return any(root in head for root in _FEED_ROOTS)


def read_feed(path: str, data: bytes, folder: str) -> Iterator[Document | InputProblem]:
    """One document per feed entry that has text."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", "unknown error")
        raise InputError(path, f"malformed feed XML ({reason})")
    if not parsed.entries:
        raise InputError(path, "feed has no entries")
    outlet = (parsed.feed.get("title") or "").strip() or None
    for index, entry in enumerate(parsed.entries):
        text = fragment_to_text(_entry_body(entry))
        if not text:
            yield InputProblem(path, f"entry {index + 1} has no text")
            continue
        yield Document(
            path=path,
            index=index,
            text=text,
            folder=folder,
            title=(entry.get("title") or "").strip() or None,
            url=entry.get("link") or None,
            outlet=outlet,
            published=_entry_date(entry),
            author=(entry.get("author") or "").strip() or None,
        )


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None
