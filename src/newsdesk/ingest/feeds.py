"""RSS and Atom feed files: each entry is a report.

The entry's full content (``content:encoded``, Atom ``content``) is used when
the feed carries it, else its summary. The outlet is the feed's own title.
A feed that is not well-formed XML (cut short, say) is reported once; the
entries that could still be read from it are kept.
"""

from __future__ import annotations

import calendar
import xml.sax
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

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
    error = _xml_error(parsed)
    if not parsed.entries:
        raise InputError(path, f"malformed feed XML ({error})" if error else "feed has no entries")
    outlet = (parsed.feed.get("title") or "").strip() or None
    documents: list[Document] = []
    empty: list[int] = []
    for index, entry in enumerate(parsed.entries):
        text = _entry_text(entry)
        if not text:
            empty.append(index)
            continue
        documents.append(
            Document(
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
        )
    if error:
        # One line for the file: the entries lost to the error are counted in it.
        total = len(parsed.entries)
        yield InputProblem(
            path, f"malformed feed XML ({error}); read {len(documents)} of {total} entries"
        )
    else:
        for index in empty:
            yield InputProblem(path, f"entry {index + 1} has no text")
    yield from documents


def _xml_error(parsed: Any) -> str | None:
    """What makes the feed ill-formed XML, or None.

    feedparser's lenient parser reads past such errors, so a truncated feed
    still gives the entries before the cut; encoding notes are not errors.
    """
    if not parsed.bozo:
        return None
    error = parsed.get("bozo_exception")
    if isinstance(error, ThingsNobodyCaresAboutButMe):
        return None
    if isinstance(error, xml.sax.SAXParseException):
        return f"line {error.getLineNumber()}: {error.getMessage()}"
    return str(error or "unknown error")


def _entry_text(entry: Any) -> str:
    """The entry's longest body as text: plain text as is, HTML flattened."""
    bodies = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    best = max(bodies, key=lambda body: len(body.get("value") or ""))
    value = best.get("value") or ""
    if best.get("type") == "text/plain":
        return str(value).strip()
    return fragment_to_text(value)


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None
