"""RSS and Atom feed files: each entry is a report.

The entry's full content (``content:encoded``, Atom ``content``) is used when
the feed carries it, else its summary. The outlet is the feed's own title.
A feed that is not well-formed XML (cut short, say) is reported once; the
entries that could still be read from it are kept.
"""

from __future__ import annotations

import calendar
import re
import xml.sax
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from newsdesk.errors import InputError
from newsdesk.ingest.files import oversize
from newsdesk.ingest.html import fragment_to_text
from newsdesk.model import Document, InputProblem

_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
FEED_ROOTS = frozenset(["rss", "feed", "rdf"])
# What may stand before the root element: declarations, comments, a doctype.
_PROLOG_ITEM = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype(?:[^\[>]|\[.*?\])*>)", re.DOTALL | re.IGNORECASE
)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w:.-]*)")
_PROLOG_BYTES = 65536


def looks_like_feed(data: bytes) -> bool:
    """True when an XML file's root element is an RSS, Atom or RDF feed."""
    head = data[:2048].lower()
    return any(root in head for root in _FEED_ROOTS)


def root_element(data: bytes) -> str | None:
    """The local name of an XML file's root element, lower-cased, or None if none is found."""
    head = data[:_PROLOG_BYTES].removeprefix(b"\xef\xbb\xbf")
    position = 0
    while item := _PROLOG_ITEM.match(head, position):
        position = item.end()
    root = _ROOT.match(head, position)
    if root is None:
        return None
    return root.group(1).decode("ascii").rsplit(":", 1)[-1].lower()


def read_feed(path: str, data: bytes, folder: str) -> Iterator[Document | InputProblem]:
    """One document per feed entry that has text."""
    parsed = feedparser.parse(data)
    error = _xml_error(parsed)
    if not parsed.entries:
        root = root_element(data)
        if not error and root is not None and root not in FEED_ROOTS:
            raise InputError(path, f"not a feed: its root element is <{root}>")
        raise InputError(path, f"malformed feed XML ({error})" if error else "feed has no entries")
    outlet = (parsed.feed.get("title") or "").strip() or None
    documents: list[Document] = []
    refused: list[InputProblem] = []
    for index, entry in enumerate(parsed.entries):
        text = _entry_text(entry)
        too_long = oversize(text)
        if not text or too_long:
            why = f": {too_long}" if too_long else " has no text"
            refused.append(InputProblem(path, f"entry {index + 1}{why}"))
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
                place=f"entry {index + 1}",
            )
        )
    if error:
        # One line for the file: the entries lost to the error are counted in it.
        total = len(parsed.entries)
        yield InputProblem(
            path, f"malformed feed XML ({error}); read {len(documents)} of {total} entries"
        )
    else:
        yield from refused
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
