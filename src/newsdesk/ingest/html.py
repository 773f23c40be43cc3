"""HTML pages and HTML fragments to text lines.

Pages go through trafilatura, which finds the main text and the metadata
(title, date, author, site name, canonical URL). Its own deduplication is
off: dropping repeated text is the dedup stage's job, across the whole batch.
Fragments (feed entry content) are small and already the article, so they are
flattened block by block without main-text detection.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import set_date_params

from newsdesk.errors import InputError
from newsdesk.ingest.dates import parse_date
from newsdesk.ingest.files import check_page_size, check_text_size, decode_text
from newsdesk.model import Document

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "dt",
        "dd",
        "figcaption",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "ul",
        "ol",
        "table",
    ]
)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "iframe", "svg"])
# <meta charset=...>, <meta http-equiv=... content="...; charset=...">, <?xml encoding=...?>
_DECLARED_CHARSET = re.compile(rb"<meta[^>]*charset\s*=|<\?xml[^>]*encoding\s*=", re.IGNORECASE)


def read_html_page(path: str, data: bytes, folder: str) -> Iterator[Document]:
    """One document: the page's main text and metadata."""
    yield extract_page(path, data, folder)


def extract_page(
    path: str,
    data: bytes,
    folder: str,
    index: int = 0,
    url: str | None = None,
    place: str | None = None,
) -> Document:
    """The main text and metadata of one HTML page.

    ``url`` is where the page was fetched from (a WARC record says), used
    when the page names no canonical URL, and ``place`` where the page
    lies in its file, for messages. A page that declares no charset
    must be UTF-8; one that is not is reported. A page or a text past its
    size limit is refused (see :mod:`newsdesk.ingest.files`).
    """
    check_page_size(path, data)
    if b"\x00" in data[:8192]:
        raise InputError(path, "looks binary (it contains NUL bytes), not HTML")
    if not _DECLARED_CHARSET.search(data[:4096]):
        # A page that names no charset must be UTF-8: a guessed encoding garbles names.
        decode_text(data, path)
    try:
        extracted = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
            # No date guessed from the body: "since 2023" is not a publication date.
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError, etree.LxmlError) as error:
        raise InputError(path, f"HTML could not be parsed ({error})") from error
    if extracted is not None and not isinstance(extracted, dict):
        extracted = extracted.as_dict()
    if not isinstance(extracted, dict) or not _text(extracted, "text"):
        raise InputError(path, "no article text found in the HTML page")
    title = _text(extracted, "title")
    lines = (_text(extracted, "text") or "").splitlines()
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    return Document(
        path=path,
        index=index,
        text=check_text_size(path, text),
        folder=folder,
        title=title,
        url=_text(extracted, "url") or url,
        outlet=_text(extracted, "sitename"),
        published=_published_time(data) or parse_date(extracted.get("date")),
        author=_text(extracted, "author"),
        place=place,
    )


def _text(extracted: dict[str, Any], key: str) -> str | None:
    """A stripped string field of trafilatura's result, or None."""
    value = extracted.get(key)
    return value.strip() or None if isinstance(value, str) else None


_PUBLISHED_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='dc.date.issued']/@content",
    "//time[@pubdate or @itemprop='datePublished']/@datetime",
)


def _published_time(data: bytes) -> datetime | None:
    """The publication time from the page's meta tags, to the second.

    trafilatura keeps only the day; ordering a wire story before its
    same-day reprint needs the time as well.
    """
    try:
        root = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None
    for query in _PUBLISHED_META:
        for value in root.xpath(query):
            parsed = parse_date(str(value))
            if parsed is not None:
                return parsed
    return None


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one block element per paragraph."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP_TAGS:
            if element.tail:
                current.append(element.tail)
            return
        is_block = tag in _BLOCK_TAGS
        if is_block or tag == "br":
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if is_block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(root)
    flush()
    return "\n\n".join(blocks)
