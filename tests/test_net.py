"""The address filter and the pinned connection: what a feed list may make newsdesk reach.

Every IPv6 form that carries an IPv4 address is built here from the address it
wraps, so each form is tested wrapping loopback, private, link-local and
metadata addresses, and wrapping a public address that must pass.

The connection tests resolve names with a fake resolver (``socket.getaddrinfo``
patched) and record every connection the HTTP stack opens (``anyio.connect_tcp``
patched). Only loopback connections reach the test's server; any other is
recorded and fails at once, so no test touches the network.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote

import anyio
import pytest

from newsdesk.ingest.address_filter import judge_address, judge_name
from newsdesk.ingest.fetch import FeedFetcher
from newsdesk.ingest.net import FetchPolicy

PUBLIC = "93.184.216.34"
REFUSED_V4 = ["127.0.0.1", "10.0.0.1", "169.254.169.254", "192.168.1.1"]
TEREDO_SERVER = "65.54.227.120"


def _v4(address: str) -> int:
    return int(ipaddress.IPv4Address(address))


def _v6(value: int) -> str:
    return str(ipaddress.IPv6Address(value))


# Each IPv6 form, as a function of the IPv4 address it carries.
FORMS: dict[str, Callable[[str], str]] = {
    "ipv4-mapped ::ffff:0:0/96": lambda v4: f"::ffff:{v4}",
    "ipv4-translated ::ffff:0:0:0/96": lambda v4: f"::ffff:0:{v4}",
    "ipv4-compatible ::/96": lambda v4: f"::{v4}",
    "nat64 64:ff9b::/96": lambda v4: f"64:ff9b::{v4}",
    "local-use nat64 64:ff9b:1::/48, /96 layout": lambda v4: f"64:ff9b:1::{v4}",
    # RFC 6052's /48 layout: 16 bits of the IPv4 address, the zero "u" octet, 16 more.
    "local-use nat64 64:ff9b:1::/48, /48 layout": lambda v4: _v6(
        (0x0064FF9B0001 << 80) | (_v4(v4) >> 16 << 64) | ((_v4(v4) & 0xFFFF) << 40)
    ),
    "6to4 2002::/16": lambda v4: _v6((0x2002 << 112) | (_v4(v4) << 80) | 1),
    # Teredo: a public server, then the client's address with every bit flipped.
    "teredo 2001::/32": lambda v4: _v6(
        (0x20010000 << 96) | (_v4(TEREDO_SERVER) << 64) | (_v4(v4) ^ 0xFFFFFFFF)
    ),
}


@pytest.mark.parametrize("v4", REFUSED_V4)
@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_ipv6_form_of_a_refused_ipv4_address_is_refused(form: str, v4: str) -> None:
    address = FORMS[form](v4)
    refusal = judge_address(address)
    assert refusal is not None and refusal.judged == v4, address
    assert v4 in refusal.explain("feed.test", address)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_ipv6_form_of_a_public_address_passes(form: str) -> None:
    address = FORMS[form](PUBLIC)
    assert judge_address(address) is None, address
    assert judge_address(address, allow_private=True) is None, address


@pytest.mark.parametrize("form", sorted(FORMS))
def test_allow_private_lets_a_wrapped_private_address_through_but_never_metadata(
    form: str,
) -> None:
    assert judge_address(FORMS[form]("10.0.0.1"), allow_private=True) is None
    refusal = judge_address(FORMS[form]("169.254.169.254"), allow_private=True)
    assert refusal is not None and not refusal.allowable


def test_a_teredo_address_with_a_private_server_is_refused() -> None:
    address = _v6((0x20010000 << 96) | (_v4("10.0.0.1") << 64) | (_v4(PUBLIC) ^ 0xFFFFFFFF))
    refusal = judge_address(address)
    assert refusal is not None and refusal.judged == "10.0.0.1"


@pytest.mark.parametrize(
    ("address", "allowed_by_allow_private"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.0.10", True),
        ("100.64.0.1", True),  # shared address space (carrier-grade NAT)
        ("fd12:3456::1", True),  # unique local
        ("fec0::1", True),  # site-local, the deprecated forerunner of unique local
        ("169.254.1.1", False),
        ("fe80::1", False),
        ("169.254.169.254", False),
        ("fd00:ec2::254", False),  # AWS metadata over IPv6, inside the unique-local range
        ("fd20:ce::254", False),  # Google Cloud metadata over IPv6
        ("100.100.100.200", False),  # Alibaba Cloud metadata, inside the shared range
        ("168.63.129.16", False),  # Azure's WireServer, a public address
        ("0.0.0.0", False),
        ("0.1.2.3", False),
        ("::", False),
        ("224.0.0.1", False),
        ("ff02::1", False),
        ("255.255.255.255", False),
        ("192.0.2.1", False),  # documentation
        ("2001:db8::1", False),  # documentation
        ("240.0.0.1", False),
    ],
)
def test_local_and_special_ranges_are_refused_and_allow_private_opens_only_private_ones(
    address: str, allowed_by_allow_private: bool
) -> None:
    refusal = judge_address(address)
    assert refusal is not None and refusal.allowable is allowed_by_allow_private
    assert (judge_address(address, allow_private=True) is None) is allowed_by_allow_private


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2606:4700::1111", "2a00:1450::1"])
def test_public_addresses_pass(address: str) -> None:
    assert judge_address(address) is None


@pytest.mark.parametrize(
    "host", ["metadata.google.internal", "METADATA.goog.", "metadata", "instance-data"]
)
def test_cloud_metadata_names_are_refused_whatever_they_resolve_to(host: str) -> None:
    refusal = judge_name(host)
    assert refusal is not None and not refusal.allowable
    assert judge_name("news.example") is None


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Pinned Post</title><link>http://feeds.test/</link>
<item><title>Ferry timetable returns to summer frequency</title><guid>1</guid>
<link>http://feeds.test/ferry</link><pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate>
<description>The harbour ferry between Velm and Oss returned to its summer timetable on
Monday, the port authority said, after three weeks of repairs to its loading ramp that
left commuters on a replacement bus service along the coast road.</description></item>
</channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    hosts: ClassVar[list[str]] = []  # the Host header of every request served

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        type(self).hosts.append(self.headers.get("Host", ""))
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", unquote(self.path.removeprefix("/redirect?to=")))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/feed.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


def _serve(httpd: ThreadingHTTPServer) -> Iterator[int]:
    _Handler.hosts = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def port() -> Iterator[int]:
    yield from _serve(ThreadingHTTPServer(("127.0.0.1", 0), _Handler))


class FakeResolver:
    """Answers for test names, one answer per lookup, the last one repeating.

    Every other name resolves for real (the loopback and literal addresses).
    """

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []

    def __call__(self, host: Any, port: Any, family: int = 0, *args: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in self.answers:
            return self.real(host, port, family, *args)
        self.lookups.append(name)
        queue = self.answers[name]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        return [_addrinfo(address, int(port or 0)) for address in addresses]


def _addrinfo(address: str, port: int) -> tuple[Any, ...]:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))


class Connections:
    """Every host the HTTP stack connects to.

    Only loopback addresses and names under ``.test`` (which only the fake
    resolver answers) really connect; any other host fails at once.
    """

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.hosts: list[str] = []

    async def __call__(self, remote_host: Any, remote_port: int, **options: Any) -> Any:
        self.hosts.append(str(remote_host))
        if str(remote_host) not in ("127.0.0.1", "::1") and not str(remote_host).endswith(".test"):
            raise OSError(f"no network in tests ({remote_host})")
        return await self.real(remote_host, remote_port, **options)


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeResolver:
    resolver = FakeResolver(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    return resolver


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> Connections:
    recorder = Connections(anyio.connect_tcp)
    monkeypatch.setattr(anyio, "connect_tcp", recorder)
    return recorder


POLICY = FetchPolicy(timeout=2.0, deadline=5.0, retries=1, backoff=0.01, summary_words=0)


def test_a_name_that_rebinds_to_loopback_never_reaches_it(
    port: int, dns: FakeResolver, connections: Connections
) -> None:
    dns.answers["rebind.test"] = [[PUBLIC], ["127.0.0.1"]]
    result = FeedFetcher(POLICY).fetch([f"http://rebind.test:{port}/feed.xml"], {})
    assert _Handler.hosts == []  # the loopback server was never reached
    assert connections.hosts == [PUBLIC]  # the one connection went to the checked address
    (problem,) = result.problems
    # The retry resolved again, got loopback, and was refused before connecting.
    assert problem.problem == (
        "rebind.test resolves to 127.0.0.1, a loopback address (allow it with --allow-private)"
    )


def test_every_address_a_name_resolves_to_is_checked(
    port: int, dns: FakeResolver, connections: Connections
) -> None:
    dns.answers["mixed.test"] = [[PUBLIC, "127.0.0.1"]]
    result = FeedFetcher(POLICY).fetch([f"http://mixed.test:{port}/feed.xml"], {})
    assert connections.hosts == [] and _Handler.hosts == []
    assert "127.0.0.1, a loopback address" in result.problems[0].problem


def test_the_connection_goes_to_the_checked_address_with_the_original_host_header(
    port: int, dns: FakeResolver, connections: Connections
) -> None:
    dns.answers["feeds.test"] = [["127.0.0.1"], ["10.9.9.9"]]
    policy = FetchPolicy(allow_private=True, summary_words=0)
    result = FeedFetcher(policy).fetch([f"http://feeds.test:{port}/feed.xml"], {})
    assert result.problems == [] and len(result.documents) == 1
    assert connections.hosts == ["127.0.0.1"] and dns.lookups == ["feeds.test"]
    assert _Handler.hosts == [f"feeds.test:{port}"]


def test_a_proxy_from_the_environment_is_not_used(
    port: int, dns: FakeResolver, connections: Connections, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(variable, f"http://proxy.test:{port}")
    for variable in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(variable, raising=False)
    dns.answers["proxy.test"] = [["127.0.0.1"]]
    dns.answers["feeds.test"] = [["127.0.0.1"]]
    policy = FetchPolicy(allow_private=True, summary_words=0)
    result = FeedFetcher(policy).fetch([f"http://feeds.test:{port}/feed.xml"], {})
    assert result.problems == [] and connections.hosts == ["127.0.0.1"]
    assert dns.lookups == ["feeds.test"]


@pytest.mark.parametrize(
    ("target", "judged"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[fe80::1]/", "fe80::1"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254"),
        ("http://[64:ff9b::a9fe:a9fe]/", "169.254.169.254"),
        ("http://100.100.100.200/latest/meta-data/", "100.100.100.200"),
        ("http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal"),
    ],
)
def test_allow_private_never_follows_a_redirect_to_a_metadata_address(
    port: int, connections: Connections, target: str, judged: str
) -> None:
    policy = FetchPolicy(allow_private=True, timeout=2.0, retries=0, summary_words=0)
    url = f"http://127.0.0.1:{port}/redirect?to={target}"
    result = FeedFetcher(policy).fetch([url], {})
    assert set(connections.hosts) == {"127.0.0.1"}  # only the loopback feed server
    (problem,) = result.problems
    assert judged in problem.problem and "never fetched" in problem.problem


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}"),
            *("-addext", f"subjectAltName=DNS:{name}"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = _certificate(tmp_path, "feeds.test")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate only
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    yield from _serve(httpd)


def test_tls_is_verified_against_the_name_not_the_pinned_address(
    tls_port: int, dns: FakeResolver, connections: Connections
) -> None:
    dns.answers["feeds.test"] = [["127.0.0.1"]]
    dns.answers["other.test"] = [["127.0.0.1"]]
    policy = FetchPolicy(allow_private=True, timeout=2.0, retries=0, summary_words=0)
    urls = [f"https://feeds.test:{tls_port}/feed.xml", f"https://other.test:{tls_port}/feed.xml"]
    result = FeedFetcher(policy).fetch(urls, {})
    assert len(result.documents) == 1 and result.documents[0].path == urls[0]
    assert [p.path for p in result.problems] == [urls[1]]  # its certificate names feeds.test
    assert connections.hosts == ["127.0.0.1", "127.0.0.1"]
    assert _Handler.hosts == [f"feeds.test:{tls_port}"]
