"""HTTP for ingestion: polite, bounded, and refusing the local network.

Every request goes through :class:`HttpGetter`, which

- refuses addresses that are private, loopback, link-local, multicast or
  reserved (a feed list must not turn newsdesk into a probe of the network
  it runs in) unless the policy allows them, checking every redirect hop;
- follows at most ``max_redirects`` redirects, and reads at most
  ``max_bytes`` of a body, streaming, so a huge or endless response costs
  no more than the limit;
- sends the ETag and Last-Modified of the previous fetch, so an unchanged
  feed answers 304 and costs nothing;
- retries connection failures, timeouts, 429 and 5xx with exponential
  backoff, and keeps to ``per_host`` requests at a time per host.

The address check resolves the host before the request; a name that
resolves differently a moment later (DNS rebinding) is not caught. That
limit is written down in docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

_REDIRECTS = frozenset([301, 302, 303, 307, 308])
_RETRYABLE = frozenset([429, 500, 502, 503, 504])


@dataclass(frozen=True)
class FetchPolicy:
    """How newsdesk fetches: limits, manners and what it may reach.

    Parameters
    ----------
    timeout:
        Seconds for connecting, and between bytes read.
    max_bytes:
        The most of a body that is read; a longer one is refused.
    max_redirects:
        Redirects followed before a URL is given up.
    per_host, concurrency:
        Requests at a time to one host, and in all.
    retries, backoff:
        Further attempts after a failure that may pass, waiting ``backoff``
        seconds, then twice that, and so on.
    allow_private:
        Allow private, loopback and link-local addresses (tests, intranets).
    summary_words:
        A feed entry with fewer words than this is a summary; the article
        page it links to is fetched for the full text.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host: int = 2
    concurrency: int = 8
    retries: int = 2
    backoff: float = 0.5
    allow_private: bool = False
    summary_words: int = 80
    user_agent: str = "newsdesk/0.1 (news roundup engine)"


@dataclass(frozen=True)
class Validators:
    """What a server said about a version of a URL, to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Response:
    """A fetched body, or ``unchanged`` when the server answered 304."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    validators: Validators = field(default_factory=Validators)
    location: str = ""

    @property
    def unchanged(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A URL that could not be fetched; the message says why, for the run report.

    ``status`` is the HTTP status when the server answered with an error.
    """

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


def refused_address(address: str) -> bool:
    """Whether an IP address is one a public feed has no business pointing at."""
    ip = ipaddress.ip_address(address)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


class HttpGetter:
    """GET with the policy's limits; one instance per run, used from one event loop."""

    def __init__(self, client: httpx.AsyncClient, policy: FetchPolicy) -> None:
        self.client = client
        self.policy = policy
        self._all = asyncio.Semaphore(policy.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(policy.per_host)
        )

    async def get(self, url: str, validators: Validators | None = None) -> Response:
        """The response for ``url`` after redirects, or :class:`FetchError`."""
        for attempt in range(self.policy.retries + 1):
            try:
                response = await self._follow(url, validators)
            except (httpx.TransportError, _Retryable) as error:
                if attempt == self.policy.retries:
                    raise FetchError(_reason(error)) from error
                await asyncio.sleep(self.policy.backoff * 2**attempt)
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def _follow(self, url: str, validators: Validators | None) -> Response:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            await self._check_address(current)
            headers = {"User-Agent": self.policy.user_agent}
            if validators and current == url:
                if validators.etag:
                    headers["If-None-Match"] = validators.etag
                if validators.last_modified:
                    headers["If-Modified-Since"] = validators.last_modified
            host = urlsplit(current).hostname or ""
            async with self._all, self._hosts[host]:
                response = await self._request(current, headers)
            if response.status in _REDIRECTS:
                if not response.location:
                    raise FetchError(f"redirect ({response.status}) without a Location")
                current = urljoin(current, response.location)
                continue
            return response
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    async def _request(self, url: str, headers: dict[str, str]) -> Response:
        async with self.client.stream("GET", url, headers=headers) as reply:
            if reply.status_code in _REDIRECTS:
                return Response(url, reply.status_code, location=reply.headers.get("location", ""))
            if reply.status_code in _RETRYABLE:
                raise _Retryable(f"HTTP {reply.status_code}")
            if reply.status_code == 304:
                return Response(url, 304, validators=_validators(reply))
            if reply.status_code >= 400:
                raise FetchError(f"HTTP {reply.status_code}", reply.status_code)
            declared = reply.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(f"larger than the {self.policy.max_bytes}-byte limit")
            chunks: list[bytes] = []
            size = 0
            async for chunk in reply.aiter_bytes():
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(f"larger than the {self.policy.max_bytes}-byte limit")
                chunks.append(chunk)
            content_type = reply.headers.get("content-type", "").split(";")[0].strip().lower()
            return Response(
                url, reply.status_code, b"".join(chunks), content_type, _validators(reply)
            )

    async def _check_address(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url}")
        if self.policy.allow_private:
            return
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                parts.hostname,
                parts.port or (443 if parts.scheme == "https" else 80),
                type=socket.SOCK_STREAM,
            )
        except OSError as error:
            raise FetchError(f"cannot resolve {parts.hostname}: {error}") from error
        for info in infos:
            address = str(info[4][0])
            if refused_address(address):
                raise FetchError(
                    f"{parts.hostname} resolves to {address}, a private or local address "
                    "(allow it with --allow-private)"
                )


class _Retryable(Exception):
    """A failure that may pass: 429 or a 5xx."""


def _validators(reply: httpx.Response) -> Validators:
    return Validators(reply.headers.get("etag"), reply.headers.get("last-modified"))


def _reason(error: Exception) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.TransportError):
        return f"connection failed ({type(error).__name__})"
    return str(error)
