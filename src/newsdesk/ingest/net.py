"""HTTP for ingestion: polite, bounded, and refusing the local network.

Every request goes through :class:`HttpGetter`, which

- connects only to addresses :mod:`~newsdesk.ingest.address_filter`
  allows, so a feed list cannot turn newsdesk into a probe of the network
  it runs in (below);
- follows at most ``max_redirects`` redirects; reads at most ``max_bytes``
  of a body, counted after decompression and decompressed in bounded
  steps, so neither a huge nor a small-but-explosive response costs more
  than the limit; and gives each attempt ``deadline`` seconds in all, so a
  server that drips one byte at a time cannot hold the run;
- sends the ETag and Last-Modified of the previous fetch, so an unchanged
  feed answers 304;
- retries connection failures, timeouts, 429 and 5xx with exponential
  backoff, keeping to ``per_host`` requests at a time per host;
- asks ``allow`` before each hop when given one (robots.txt for pages).

The address check lives in the connection itself (:func:`checked_transport`):
each new connection resolves its host once, judges every address the name
resolves to, and connects to one of those very addresses. A name that
answers with a public address for the check and a private one a moment
later (DNS rebinding) therefore cannot reach the private one: the second
answer is only ever used by a later connection, which is judged in turn.
Every redirect hop is a request like the first, so it is judged the same
way. TLS and the Host header still use the name, so certificates are
verified against it. Proxies from the environment are not used, since a
proxy would make the connection that the filter must see.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import socket
import zlib
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpcore
import httpx

from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.ingest.address_filter import judge_address, judge_name
from newsdesk.model import Validators

_REDIRECTS = frozenset([301, 302, 303, 307, 308])
_RETRYABLE = frozenset([429, 500, 502, 503, 504])
# zlib window bits that accept a gzip or a zlib ("deflate") stream.
_DECOMPRESS = {
    "gzip": 16 + zlib.MAX_WBITS,
    "x-gzip": 16 + zlib.MAX_WBITS,
    "deflate": 32 + zlib.MAX_WBITS,
}


@dataclass(frozen=True)
class FetchPolicy:
    """How newsdesk fetches: limits, manners and what it may reach.

    Parameters
    ----------
    timeout:
        Seconds allowed for connecting, and between two reads.
    deadline:
        Seconds one attempt at a URL may take in all, redirects included.
    max_bytes:
        The most of a body that is read (after decompression).
    max_redirects:
        Redirects followed before a URL is given up.
    per_host, concurrency:
        Requests at a time to one host, and in all.
    retries, backoff:
        Further attempts after a failure that may pass, waiting ``backoff``
        seconds, then twice that, and so on.
    allow_private:
        Allow loopback and private addresses (tests, intranets). Link-local
        and cloud metadata addresses stay refused even so: no feed is
        served there, and a feed allowed to reach them could read a cloud
        machine's credentials.
    summary_words:
        A feed entry with fewer words than this is a summary; the article
        page it links to is fetched for the full text.
    user_agent:
        How newsdesk names itself to servers and to robots.txt.
    """

    timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host: int = 2
    concurrency: int = 8
    retries: int = 2
    backoff: float = 0.5
    allow_private: bool = False
    summary_words: int = 80
    user_agent: str = "newsdesk/0.1 (news roundup engine)"

    def __post_init__(self) -> None:
        for name in ("timeout", "deadline", "max_bytes", "per_host", "concurrency"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ConfigError(f"{name} must be a positive number, got {value}")
        for name in ("max_redirects", "retries", "backoff", "summary_words"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must be 0 or more, got {getattr(self, name)}")


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


class FetchError(NewsdeskError):
    """A URL that could not be fetched; the message says why, for the run report.

    ``status`` is the HTTP status when the server answered with an error;
    ``lasting`` tells a failure that will recur (a 4xx, a refusal) from one
    that may pass by the next run (a timeout, a 5xx).
    """

    def __init__(self, reason: str, status: int | None = None, lasting: bool = False) -> None:
        super().__init__(reason)
        self.status = status
        self.lasting = lasting or (status is not None and 400 <= status < 500)


class AddressRefused(FetchError):
    """A connection the address filter refused: the message names the host and why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, lasting=True)


class _CheckedNetwork(httpcore.AsyncNetworkBackend):
    """TCP connections only to addresses the filter allows, each resolved once.

    httpcore hands this the host of the URL; TLS gets the same host as its
    server name afterwards, so pinning the address changes nothing else.
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._network = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        *others, last = await self._allowed_addresses(host, port)
        for address in others:
            with contextlib.suppress(httpcore.ConnectError, httpcore.ConnectTimeout):
                return await self._network.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
        return await self._network.connect_tcp(last, port, timeout, local_address, socket_options)

    async def _allowed_addresses(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, once all of them are judged allowed."""
        refusal = judge_name(host)
        if refusal is not None:
            raise AddressRefused(refusal.explain(host, host))
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except OSError as error:
            raise FetchError(f"cannot resolve {host}: {error}") from error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise FetchError(f"cannot resolve {host}: no address")
        for address in addresses:
            refusal = judge_address(address, self.allow_private)
            if refusal is not None:
                raise AddressRefused(refusal.explain(host, address))
        return addresses

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


def checked_transport(policy: FetchPolicy) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through the address filter."""
    transport = httpx.AsyncHTTPTransport()
    # httpx has no option for httpcore's network backend, so its pool is swapped
    # for one built the same way (httpx's default limits) on the checked network.
    # tests/test_net.py fails if a new httpx stops using it.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=_CheckedNetwork(policy.allow_private),
    )
    return transport


class HttpGetter:
    """GET with the policy's limits; one instance per run, used from one event loop."""

    def __init__(self, client: httpx.AsyncClient, policy: FetchPolicy) -> None:
        self.client = client
        self.policy = policy
        self._all = asyncio.Semaphore(policy.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(policy.per_host)
        )

    async def get(
        self,
        url: str,
        validators: Validators | None = None,
        allow: Callable[[str], Awaitable[bool]] | None = None,
    ) -> Response:
        """The response for ``url`` after redirects, or :class:`FetchError`.

        ``allow`` is asked about every URL before it is requested.
        """
        attempt = 0
        while True:
            try:
                async with asyncio.timeout(self.policy.deadline):
                    return await self._follow(url, validators, allow)
            except (TimeoutError, httpx.TransportError, _Retryable) as error:
                if attempt >= self.policy.retries:
                    raise FetchError(_reason(error)) from error
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:
                raise FetchError(f"bad response or URL ({error})", lasting=True) from error
            await asyncio.sleep(self.policy.backoff * 2**attempt)
            attempt += 1

    async def _follow(
        self,
        url: str,
        validators: Validators | None,
        allow: Callable[[str], Awaitable[bool]] | None,
    ) -> Response:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            target = httpx.URL(current)
            _check_url(target)
            if allow is not None and not await allow(current):
                raise FetchError("robots.txt disallows fetching this page", lasting=True)
            headers = {"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"}
            # Validators go to every hop: a feed behind a redirect still answers 304.
            if validators and validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators and validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
            # The host's own slot first, so requests queued for a busy host hold no
            # slot that another host could use.
            async with self._hosts[target.host], self._all:
                response = await self._request(target, headers)
            if response.status in _REDIRECTS:
                if not response.location:
                    raise FetchError(f"redirect ({response.status}) without a Location")
                current = urljoin(current, response.location)
                continue
            return response
        raise FetchError(f"more than {self.policy.max_redirects} redirects", lasting=True)

    async def _request(self, url: httpx.URL, headers: dict[str, str]) -> Response:
        async with self.client.stream("GET", url, headers=headers) as reply:
            if reply.status_code in _REDIRECTS:
                location = reply.headers.get("location", "")
                return Response(str(url), reply.status_code, location=location)
            if reply.status_code in _RETRYABLE:
                raise _Retryable(f"HTTP {reply.status_code}")
            if reply.status_code == 304:
                return Response(str(url), 304, validators=_validators(reply))
            if reply.status_code >= 400:
                raise FetchError(f"HTTP {reply.status_code}", reply.status_code)
            body = await self._read_body(reply)
            content_type = reply.headers.get("content-type", "").split(";")[0].strip().lower()
            return Response(str(url), reply.status_code, body, content_type, _validators(reply))

    async def _read_body(self, reply: httpx.Response) -> bytes:
        """The body, decompressed in bounded steps, refused past ``max_bytes``."""
        limit = self.policy.max_bytes
        too_big = FetchError(f"larger than the {limit}-byte limit", lasting=True)
        encoding = reply.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", *_DECOMPRESS):
            raise FetchError(f"unsupported content encoding {encoding!r}", lasting=True)
        inflater = zlib.decompressobj(_DECOMPRESS[encoding]) if encoding in _DECOMPRESS else None
        chunks: list[bytes] = []
        size = 0
        async for raw in reply.aiter_raw():
            pending = raw
            while pending:
                if inflater is None:
                    piece, pending = pending, b""
                else:
                    try:
                        piece = inflater.decompress(pending, limit + 1 - size)
                    except zlib.error as error:
                        raise FetchError(f"corrupt {encoding} body", lasting=True) from error
                    pending = inflater.unconsumed_tail
                size += len(piece)
                if size > limit:
                    raise too_big
                chunks.append(piece)
                if inflater is not None and not piece:
                    break
        return b"".join(chunks)


def _check_url(url: httpx.URL) -> None:
    """Refuse a URL httpx cannot request; its address is judged when it connects."""
    if url.scheme not in ("http", "https") or not url.host or not 0 < (url.port or 80) < 65536:
        raise FetchError(f"not a valid http(s) URL: {url}", lasting=True)


class _Retryable(Exception):
    """A failure that may pass: 429 or a 5xx."""


def _validators(reply: httpx.Response) -> Validators:
    return Validators(reply.headers.get("etag"), reply.headers.get("last-modified"))


def _reason(error: Exception) -> str:
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.TransportError):
        return f"connection failed ({type(error).__name__})"
    return str(error)
