"""Live ingestion: a list of feed and page URLs in, documents out.

A feed list is an OPML file (``xmlUrl`` and ``htmlUrl`` of its outlines) or
a plain text file with one URL per line (``#`` starts a comment). Each URL
is fetched once per run through :class:`~newsdesk.ingest.net.HttpGetter`:

- a feed gives one document per entry, exactly as a feed file does; an
  entry that carries only a summary gets the text of the article page it
  links to, when robots.txt allows fetching that page;
- a web page gives one document, when robots.txt allows it;
- a feed that has not changed since the last run (HTTP 304) gives nothing
  and costs one small request.

Every failure becomes an :class:`~newsdesk.model.InputProblem` naming the
URL, and the other URLs go on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import httpx

from newsdesk.errors import InputError
from newsdesk.ingest.feeds import looks_like_feed, read_feed
from newsdesk.ingest.files import decode_text, read_bytes
from newsdesk.ingest.html import extract_page
from newsdesk.ingest.net import FetchError, FetchPolicy, HttpGetter, Response, Validators
from newsdesk.model import Document, InputProblem

__all__ = ["FeedFetcher", "FetchResult", "read_feed_list"]

_HTML_TYPES = frozenset(["text/html", "application/xhtml+xml"])


def read_feed_list(path: str | Path) -> tuple[list[str], list[InputProblem]]:
    """The URLs of a feed list (OPML or one URL per line), and its bad lines."""
    name = str(path)
    try:
        data = read_bytes(Path(path))
    except InputError as error:
        return [], [InputProblem(name, error.problem)]
    if data.lstrip()[:5].lower() == b"<?xml" or b"<opml" in data[:512].lower():
        return _opml_urls(name, data)
    urls: list[str] = []
    problems: list[InputProblem] = []
    try:
        text = decode_text(data, name)
    except InputError as error:
        return [], [InputProblem(name, error.problem)]
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if urlsplit(entry).scheme in ("http", "https") and urlsplit(entry).hostname:
            urls.append(entry)
        else:
            problems.append(InputProblem(f"{name}:{number}", f"not an http(s) URL: {entry[:80]}"))
    return list(dict.fromkeys(urls)), problems


def _opml_urls(name: str, data: bytes) -> tuple[list[str], list[InputProblem]]:
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data.upper():
        return [], [InputProblem(name, "OPML with a DOCTYPE or entities is refused")]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [], [InputProblem(name, f"malformed OPML ({error})")]
    urls = [
        url
        for outline in root.iter("outline")
        for url in (
            outline.get("xmlUrl"),
            outline.get("htmlUrl") if not outline.get("xmlUrl") else None,
        )
        if url
    ]
    if not urls:
        return [], [InputProblem(name, "OPML lists no xmlUrl or htmlUrl")]
    return list(dict.fromkeys(urls)), []


@dataclass
class FetchResult:
    """What one run's fetching gave.

    ``validators`` are the ETag and Last-Modified to store for each URL
    fetched in full; they must be saved with the documents, in the same
    transaction, or a killed run would lose a feed's entries to a 304.
    """

    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)


class FeedFetcher:
    """Fetches a feed list's URLs under a :class:`FetchPolicy`.

    ``transport`` replaces the network (tests pass an httpx mock transport;
    the default is the real network).
    """

    def __init__(
        self, policy: FetchPolicy | None = None, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.transport = transport

    def fetch(self, urls: Sequence[str], known: Mapping[str, Validators]) -> FetchResult:
        """Fetch ``urls``; ``known`` holds the validators stored by earlier runs."""
        return asyncio.run(self._fetch_all(urls, known))

    async def _fetch_all(self, urls: Sequence[str], known: Mapping[str, Validators]) -> FetchResult:
        timeout = httpx.Timeout(self.policy.timeout)
        async with httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, transport=self.transport
        ) as client:
            getter = HttpGetter(client, self.policy)
            robots = _Robots(getter, self.policy.user_agent)
            parts = await asyncio.gather(
                *(self._one(getter, robots, url, known.get(url)) for url in urls)
            )
        result = FetchResult()
        for url, part in zip(urls, parts, strict=True):
            result.documents += part.documents
            result.problems += part.problems
            result.validators.update(part.validators)
            if part.unchanged:
                result.unchanged.append(url)
        return result

    async def _one(
        self, getter: HttpGetter, robots: _Robots, url: str, validators: Validators | None
    ) -> FetchResult:
        result = FetchResult()
        try:
            response = await getter.get(url, validators)
            if response.unchanged:
                result.unchanged.append(url)
                return result
            result.documents = await self._documents(getter, robots, response, result)
        except FetchError as error:
            result.problems.append(InputProblem(url, str(error)))
            return result
        except InputError as error:
            result.problems.append(InputProblem(url, error.problem))
            return result
        if response.validators.etag or response.validators.last_modified:
            result.validators[url] = response.validators
        return result

    async def _documents(
        self, getter: HttpGetter, robots: _Robots, response: Response, result: FetchResult
    ) -> list[Document]:
        folder = urlsplit(response.url).hostname or "web"
        if looks_like_feed(response.body):
            entries = [
                d for d in read_feed(response.url, response.body, folder) if isinstance(d, Document)
            ]
            return list(
                await asyncio.gather(*(self._full_text(getter, robots, d, result) for d in entries))
            )
        if response.content_type in _HTML_TYPES or response.body.lstrip()[:1] == b"<":
            if not await robots.allowed(response.url):
                raise FetchError("robots.txt disallows fetching this page")
            return [extract_page(response.url, response.body, folder, url=response.url)]
        kind = response.content_type or "unknown"
        raise FetchError(f"neither a feed nor a web page (content type {kind})")

    async def _full_text(
        self, getter: HttpGetter, robots: _Robots, entry: Document, result: FetchResult
    ) -> Document:
        """The entry with its article page's text when the feed gave only a summary."""
        if len(entry.text.split()) >= self.policy.summary_words or not entry.url:
            return entry
        try:
            if not await robots.allowed(entry.url):
                return entry
            page = await getter.get(entry.url)
            article = extract_page(entry.url, page.body, entry.folder, url=entry.url)
        except (FetchError, InputError) as error:
            reason = error.problem if isinstance(error, InputError) else str(error)
            result.problems.append(InputProblem(entry.url, f"article page: {reason}"))
            return entry
        if len(article.text.split()) <= len(entry.text.split()):
            return entry
        return replace(entry, text=article.text)


class _Robots:
    """robots.txt per site, fetched once per run.

    A missing robots.txt (4xx) allows everything; one that cannot be read
    (timeout, 5xx) allows nothing this run, the cautious reading.
    """

    def __init__(self, getter: HttpGetter, user_agent: str) -> None:
        self.getter = getter
        self.user_agent = user_agent
        self._rules: dict[str, asyncio.Task[RobotFileParser]] = {}

    async def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            self._rules[origin] = asyncio.ensure_future(self._load(origin))
        return (await self._rules[origin]).can_fetch(self.user_agent, url)

    async def _load(self, origin: str) -> RobotFileParser:
        rules = RobotFileParser()
        try:
            response = await self.getter.get(f"{origin}/robots.txt")
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        except FetchError as error:
            rules.parse(
                []
                if error.status and 400 <= error.status < 500
                else ["User-agent: *", "Disallow: /"]
            )
        return rules
