"""JSON and JSON Lines records, one report each (or several, Multi-News style).

A record needs a text field; title, url, outlet, published and author are
optional. A text that joins several documents with ``|||||`` (the Multi-News
convention) becomes one document per part, sharing the record's metadata
except its title, which names the bundle: each part is left to find its own
title in its text.
A bad line of a JSON Lines file is reported by its number (1-based, counting
every line as an editor does) and the other lines are kept.
A record states its text, so it is not held to the minimum length meant for
scraped pages (:attr:`~newsdesk.model.Document.stated_text`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest.dates import parse_date
from newsdesk.ingest.files import decode_text, is_number_too_long, number_too_long, oversize
from newsdesk.model import Document, InputProblem

DOCUMENT_SEPARATOR = "|||||"
_FIELDS = {
    "text": ("text", "content", "body", "document", "article"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher"),
    "published": ("published", "date", "published_at", "pubdate"),
    "author": ("author", "byline"),
}


def read_json(path: str, data: bytes, folder: str) -> Iterator[Document | InputProblem]:
    """A JSON object or an array of objects."""
    try:
        value = json.loads(decode_text(data, path))
    except json.JSONDecodeError as error:
        # Python's own form, "<what>: line L column C (char N)": some of its
        # messages end in "at" and read right only with the position after them.
        raise InputError(path, f"malformed JSON: {error}") from error
    except ValueError as error:
        if is_number_too_long(error):
            raise InputError(path, number_too_long()) from error
        raise
    records = value if isinstance(value, list) else [value]
    if not records:
        raise InputError(path, "JSON array has no records")
    return _documents(path, folder, ((f"record {n + 1}", r) for n, r in enumerate(records)))


def read_jsonl(path: str, data: bytes, folder: str) -> Iterator[Document | InputProblem]:
    """One JSON object per line; blank lines are ignored.

    Lines end at ``\\n`` only: a JSON string may hold U+2028 and the other
    breaks that ``str.splitlines`` would split at.
    """
    lines = decode_text(data, path).split("\n")

    def records() -> Iterator[tuple[str, Any]]:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"line {number}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as error:
                problem = f"malformed JSON: {error.msg}: column {error.colno}"
                yield where, InputError(path, f"{where}: {problem}")
            except ValueError as error:
                if not is_number_too_long(error):
                    raise
                yield where, InputError(path, f"{where}: {number_too_long()}")

    return _documents(path, folder, records())


def _documents(
    path: str, folder: str, records: Iterator[tuple[str, Any]]
) -> Iterator[Document | InputProblem]:
    index = 0
    for where, record in records:
        if isinstance(record, InputError):
            yield InputProblem(path, record.problem)
            continue
        if not isinstance(record, dict):
            yield InputProblem(
                path, f"{where}: expected a JSON object, got {type(record).__name__}"
            )
            continue
        text = _field(record, "text") or ""
        parts = [p.strip() for p in text.split(DOCUMENT_SEPARATOR) if p.strip()]
        if not parts:
            names = "/".join(_FIELDS["text"])
            yield InputProblem(path, f"{where}: no text (looked for a non-empty {names} string)")
            continue
        for number, part in enumerate(parts, start=1):
            place = f"{where}, part {number}" if len(parts) > 1 else where
            too_long = oversize(part)
            if too_long:
                yield InputProblem(path, f"{place}: {too_long}")
                continue
            yield Document(
                path=path,
                index=index,
                text=part,
                folder=folder,
                # A record's title names the whole bundle, not each of its parts.
                title=_field(record, "title") if len(parts) == 1 else None,
                bundle=f"{path}#{where}" if len(parts) > 1 else None,
                url=_field(record, "url"),
                outlet=_field(record, "outlet"),
                published=parse_date(_field(record, "published")),
                author=_field(record, "author"),
                place=place,
                stated_text=True,
            )
            index += 1


def _field(record: dict[str, Any], name: str) -> str | None:
    for key in _FIELDS[name]:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
