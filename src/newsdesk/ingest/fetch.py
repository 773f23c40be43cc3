"""Live ingestion: a list of feed and page URLs in, documents out.

A feed list is an OPML file (``xmlUrl`` and ``htmlUrl`` of its outlines) or
a plain text file with one URL per line (``#`` starts a comment). Each URL
is fetched once per run through :class:`~newsdesk.ingest.net.HttpGetter`:

- a feed gives one document per entry, exactly as a feed file does; an
  entry that carries only a summary gets the text of the article page it
  links to, when robots.txt allows fetching that page;
- a web page gives one document, when robots.txt allows it; a list URL
  whose path does not name a feed (``rss``, ``atom``, ``feed``, ``.xml``)
  is taken for a page and checked against robots.txt before it is fetched;
- a feed that has not changed since the last run (HTTP 304) gives nothing.

Every failure becomes an :class:`~newsdesk.model.InputProblem` naming the
URL, and the other URLs go on. A feed's ETag is kept only when all of it
was read: after a failure that may pass (a timeout, a 5xx) the next run
fetches the feed in full again and retries what failed.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Collection, Mapping, Sequence
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
from newsdesk.ingest.net import (
    AddressRefused,
    FetchError,
    FetchPolicy,
    HttpGetter,
    Response,
    checked_transport,
)
from newsdesk.model import Document, InputProblem, Validators

__all__ = ["FeedFetcher", "FetchResult", "read_feed_list"]

_HTML_TYPES = frozenset(["text/html", "application/xhtml+xml"])
_FEED_PATH = re.compile(r"rss|atom|feed|\.xml$|\.rdf$", re.IGNORECASE)


def _http_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != -1
    except ValueError:  # "http://[::1/feed", a port out of range
        return False


def read_feed_list(path: str | Path) -> tuple[list[str], list[InputProblem]]:
    """The URLs of a feed list (OPML or one URL per line), and its bad entries."""
    name = str(path)
    try:
        data = read_bytes(Path(path))
        if data.lstrip()[:5].lower() == b"<?xml" or b"<opml" in data[:512].lower():
            entries = _opml_entries(name, data)
        else:
            text = decode_text(data, name)
            entries = [
                (f"{name}:{number}", line.split("#", 1)[0].strip())
                for number, line in enumerate(text.splitlines(), start=1)
            ]
    except InputError as error:
        return [], [InputProblem(name, error.problem)]
    urls: list[str] = []
    problems: list[InputProblem] = []
    for where, entry in entries:
        if not entry:
            continue
        if _http_url(entry):
            urls.append(entry)
        else:
            problems.append(InputProblem(where, f"not an http(s) URL: {entry[:80]}"))
    return list(dict.fromkeys(urls)), problems


def _opml_entries(name: str, data: bytes) -> list[tuple[str, str]]:
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data.upper():
        raise InputError(name, "OPML with a DOCTYPE or entities is refused")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise InputError(name, f"malformed OPML ({error})") from error
    entries = [
        (name, outline.get("xmlUrl") or outline.get("htmlUrl") or "")
        for outline in root.iter("outline")
    ]
    if not any(url for _, url in entries):
        raise InputError(name, "OPML lists no xmlUrl or htmlUrl")
    return entries


@dataclass
class FetchResult:
    """What fetching gave.

    ``validators`` are the ETag and Last-Modified to store for each feed
    read in full; they must be saved with the documents, in the same
    transaction, or a killed run would lose a feed's entries to a 304.
    """

    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)

    def add(self, other: FetchResult) -> None:
        self.documents += other.documents
        self.problems += other.problems
        self.validators.update(other.validators)
        self.unchanged += other.unchanged


class FeedFetcher:
    """Fetches a feed list's URLs under a :class:`FetchPolicy`.

    ``transport`` replaces the network, and with it the address filter, which
    lives in the connection (the default is the real network, filtered by
    :func:`~newsdesk.ingest.net.checked_transport`).
    """

    def __init__(
        self, policy: FetchPolicy | None = None, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.transport = transport

    def fetch(
        self,
        urls: Sequence[str],
        known: Mapping[str, Validators],
        stored: Callable[[Collection[str]], Collection[str]] = lambda links: (),
    ) -> FetchResult:
        """Fetch ``urls``. ``known`` holds the validators stored by earlier runs;
        ``stored`` says which of some links are already articles: those feed
        entries are skipped, so their pages are not fetched again."""
        return asyncio.run(self._fetch_all(urls, known, stored))

    async def _fetch_all(
        self,
        urls: Sequence[str],
        known: Mapping[str, Validators],
        stored: Callable[[Collection[str]], Collection[str]],
    ) -> FetchResult:
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            transport=self.transport or checked_transport(self.policy),
        ) as client:
            getter = HttpGetter(client, self.policy)
            robots = _Robots(getter, self.policy.user_agent)
            parts = await asyncio.gather(
                *(_UrlFetch(self.policy, getter, robots, stored).run(u, known.get(u)) for u in urls)
            )
        result = FetchResult()
        for part in parts:
            result.add(part)
        return result


@dataclass
class _UrlFetch:
    """Fetching one list URL, with what it needs from the run."""

    policy: FetchPolicy
    getter: HttpGetter
    robots: _Robots
    stored: Callable[[Collection[str]], Collection[str]]
    # Set when part of the URL failed in a way that may pass by the next run.
    incomplete: bool = False

    async def run(self, url: str, validators: Validators | None) -> FetchResult:
        result = FetchResult()
        try:
            allow = None if _FEED_PATH.search(urlsplit(url).path) else self.robots.allowed
            response = await self.getter.get(url, validators, allow)
            if response.unchanged:
                result.unchanged.append(url)
                return result
            await self._read(response, result)
            has_validators = response.validators.etag or response.validators.last_modified
            if has_validators and not self.incomplete:
                result.validators[url] = response.validators
        except FetchError as error:
            result.problems.append(InputProblem(url, str(error)))
        except InputError as error:
            result.problems.append(InputProblem(url, error.problem))
        return result

    async def _read(self, response: Response, result: FetchResult) -> None:
        folder = urlsplit(response.url).hostname or "web"
        if looks_like_feed(response.body):
            items = await asyncio.to_thread(
                lambda: list(read_feed(response.url, response.body, folder))
            )
            feed_problems = [i for i in items if isinstance(i, InputProblem)]
            result.problems += feed_problems
            self.incomplete |= bool(feed_problems)  # a feed cut short may be whole next time
            entries = [i for i in items if isinstance(i, Document)]
            known = self.stored([e.url for e in entries if e.url])
            entries = [e for e in entries if e.url not in known]
            for entry in await asyncio.gather(*(self._full_text(e, result) for e in entries)):
                if entry is not None:
                    result.documents.append(entry)
            return
        if response.content_type in _HTML_TYPES or response.body.lstrip()[:1] == b"<":
            if not await self.robots.allowed(response.url):
                raise FetchError("robots.txt disallows fetching this page", lasting=True)
            page = await asyncio.to_thread(
                extract_page, response.url, response.body, folder, url=response.url
            )
            result.documents.append(page)
            return
        kind = response.content_type or "unknown"
        raise FetchError(f"neither a feed nor a web page (content type {kind})", lasting=True)

    async def _full_text(self, entry: Document, result: FetchResult) -> Document | None:
        """The entry with its article page's text when the feed gave only a summary.

        A page that will not come (a 4xx, robots.txt) leaves the summary; one
        that may come next time (a timeout, a 5xx) holds the entry back, so
        the next run stores it whole rather than storing the summary now.
        """
        if len(entry.text.split()) >= self.policy.summary_words or not entry.url:
            return entry
        try:
            page = await self.getter.get(entry.url, allow=self.robots.allowed)
            article = await asyncio.to_thread(
                extract_page, entry.url, page.body, entry.folder, url=entry.url
            )
        except (FetchError, InputError) as error:
            reason = error.problem if isinstance(error, InputError) else str(error)
            result.problems.append(InputProblem(entry.url, f"article page: {reason}"))
            if isinstance(error, FetchError) and not error.lasting:
                self.incomplete = True
                return None
            return entry
        if len(article.text.split()) <= len(entry.text.split()):
            return entry
        return replace(entry, text=article.text)


class _Robots:
    """robots.txt per site, fetched once per run.

    A missing robots.txt (4xx) allows everything; one that cannot be read
    (timeout, 5xx) allows nothing this run, the cautious reading. A site
    whose address is refused is reported as that, not as a robots.txt ban.
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
        except AddressRefused:
            raise
        except FetchError as error:
            missing = error.status is not None and 400 <= error.status < 500
            rules.parse([] if missing else ["User-agent: *", "Disallow: /"])
        return rules
