"""WARC archives (plain or gzipped): each archived HTML page is a report.

Only ``response`` records with an HTML payload and a 2xx status are read; a
record that fails is reported with its position and URL, and the rest of the
archive is kept.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsdesk.errors import InputError
from newsdesk.ingest.html import extract_page
from newsdesk.model import Document, InputProblem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, data: bytes, folder: str) -> Iterator[Document | InputProblem]:
    """One document per archived HTML page."""
    index = 0
    pages = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or not content_type.startswith(_HTML_TYPES):
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                yield extract_page(path, record.content_stream().read(), folder, index, url)
                index += 1
            except InputError as error:
                yield InputProblem(path, f"page {pages} ({url}): {error.problem}")
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as error:
        raise InputError(path, f"malformed WARC archive ({error})") from error
    except (AttributeError, TypeError, KeyError, IndexError) as error:
        # warcio trips over some broken headers (found by fuzzing: a record
        # header line without a value); the archive is malformed, not our data.
        raise InputError(path, f"malformed WARC archive ({type(error).__name__})") from error
    if pages == 0:
        raise InputError(path, "WARC archive holds no HTML responses")
