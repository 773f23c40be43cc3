"""WARC archives (plain or gzipped): each archived HTML page is a report.

Only ``response`` records with an HTML payload and a 2xx status are read.
Records are numbered from 1 in file order, and every message names its
record and URL. A record that fails is reported and the rest of the archive
is kept; after a record that leaves the archive unreadable, what was read
before it is kept.

An archive is read as a stream, a record at a time: Common Crawl's news
archives are about a gigabyte each, past the size limit of other files, and
only one page need be in memory at once (up to ``MAX_PAGE_BYTES``).

A record is whole or it is refused: one cut short (the file ends before its
``Content-Length``, as in a truncated download or a length past the end) or
one that does not end where its length says is reported, not read as a
partial page. warcio prints its warnings to stderr, with the record's bytes
in them (megabytes, for a wrong length); they are captured here, and what
they mean is said in one line per record instead.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from newsdesk.errors import InputError
from newsdesk.ingest.files import MAX_PAGE_BYTES, one_line
from newsdesk.ingest.html import extract_page
from newsdesk.model import Document, InputProblem

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16
# warcio's warning when a record is not followed by the blank lines that end it;
# the archive iterator counts these in ``err_count``.
_LENGTH_WARNING = "WARNING: Record not followed by newline"
# What warcio raises on a broken archive, with a message worth passing on.
_ARCHIVE_ERRORS = (ArchiveLoadFailed, ValueError, EOFError, OSError)
# What it raises when a header trips its parser (found by fuzzing: a header line
# without a value, a record that opens with no header at all). Their messages
# speak of Python's objects, not of the file, so they are not passed on.
_PARSER_TRIPS = (AttributeError, TypeError, KeyError, IndexError)


class _Warnings(io.TextIOBase):
    """A stand-in for stderr that keeps the first line of each warning written to it."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        if len(self.lines) < 100:
            self.lines.append(one_line(text))
        return len(text)


def read_warc(path: str, data: bytes, folder: str) -> list[Document | InputProblem]:
    """One document per archived HTML page, and one problem per bad record."""
    return _read_archive(path, io.BytesIO(data), folder)


def read_warc_file(path: Path, folder: str) -> list[Document | InputProblem]:
    """:func:`read_warc` of the archive at ``path``, read as a stream. A ``.gz``
    archive may be gzipped record by record, as crawlers write them, or whole."""
    with contextlib.ExitStack() as closing:
        try:
            stream: io.BufferedIOBase = closing.enter_context(path.open("rb"))
        except OSError as error:
            problem = f"cannot be read ({error.strerror or error})"
            raise InputError(str(path), problem) from error
        if path.suffix.lower() == ".gz":
            stream = closing.enter_context(gzip.GzipFile(fileobj=stream))
            try:
                first = stream.read(1)
            except (OSError, EOFError, zlib.error) as error:
                raise InputError(str(path), f"is not a valid gzip file ({error})") from error
        else:
            first = stream.read(1)
        if not first:
            raise InputError(str(path), "file is empty")
        stream.seek(0)
        return _read_archive(str(path), stream, folder)


def _read_archive(
    path: str, stream: io.BufferedIOBase, folder: str
) -> list[Document | InputProblem]:
    warnings = _Warnings()
    with contextlib.redirect_stderr(warnings):
        items = list(_records(path, stream, folder))
    other = [line for line in warnings.lines if line and not line.startswith(_LENGTH_WARNING)]
    items += [InputProblem(path, f"archive reader: {line}") for line in other[:1]]
    if not items:
        raise InputError(path, "WARC archive holds no HTML responses")
    return items


def _records(
    path: str, stream: io.BufferedIOBase, folder: str
) -> Iterator[Document | InputProblem]:
    """The item of each record, held back until the next record shows it ended right."""
    archive = ArchiveIterator(stream)
    number = 0
    index = 0
    warned = 0
    held: Document | InputProblem | None = None
    where = ""

    def settle() -> Iterator[Document | InputProblem]:
        # warcio finds a record's bad end only while it looks for the next record.
        nonlocal warned, held
        if archive.err_count > warned:
            warned = archive.err_count
            held = InputProblem(
                path,
                f"{where}: does not end where its Content-Length says "
                "(the length is wrong or the record damaged); not read",
            )
        if held is not None:
            yield held
        held = None

    try:
        for record in archive:
            yield from settle()
            number += 1
            if record.format != "warc":
                # warcio also reads the older ARC format, and takes most lines of text for it.
                yield InputProblem(
                    path, f"malformed WARC archive at record {number} (no WARC header)"
                )
                return
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"record {number} ({url})" if url else f"record {number}"
            held = _read_record(path, record, folder, index, where)
            index += isinstance(held, Document)
        yield from settle()
    except OverflowError:
        yield from settle()
        yield InputProblem(path, f"record {number + 1}: its Content-Length is out of range")
    except (*_ARCHIVE_ERRORS, *_PARSER_TRIPS) as error:
        yield from settle()
        if isinstance(error, _PARSER_TRIPS):
            detail = "a header the archive reader cannot parse"
        else:
            detail = one_line(error) or type(error).__name__
        yield InputProblem(path, f"malformed WARC archive at record {number + 1} ({detail})")


def _read_record(
    path: str, record: Any, folder: str, index: int, where: str
) -> Document | InputProblem | None:
    """The document of one record, a problem, or None for a record that is no page."""
    headers = record.http_headers
    url = record.rec_headers.get_header("WARC-Target-URI")
    body: bytes | None = None
    if record.rec_type == "response" and headers is not None:
        status = headers.get_statuscode() or ""
        content_type = (headers.get_header("Content-Type") or "").lower()
        if status.startswith("2") and content_type.startswith(_HTML_TYPES):
            # One byte past the limit is enough for the page to be refused as too large.
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    missing = _missing_bytes(record)
    if missing:
        return InputProblem(
            path,
            f"{where}: cut short, the file ends {missing:,} bytes before the "
            f"{record.length:,} bytes its Content-Length says; not read",
        )
    if body is None:
        return None
    try:
        return extract_page(path, body, folder, index, url, place=where)
    except InputError as error:
        return InputProblem(path, f"{where}: {error.problem}")


def _missing_bytes(record: Any) -> int:
    """How many of the bytes a record's Content-Length promises the file lacks."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return stream.limit if isinstance(stream, LimitReader) else 0
