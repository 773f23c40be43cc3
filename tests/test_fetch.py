"""Live ingestion against a real HTTP server on loopback.

The server serves a feed (with an ETag), an article page, a page robots.txt
forbids, and every kind of bad response: slow, huge, redirecting in a loop,
wrongly typed, failing once, failing always, missing.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import WordHashEncoder
from newsdesk.cli import main
from newsdesk.ingest.fetch import FeedFetcher, read_feed_list
from newsdesk.ingest.net import FetchPolicy
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback Ledger</title><link>http://example.test/</link>
<item><title>Harbour ferry returns after storm repairs</title><link>{base}/article/1</link>
<guid>1</guid><pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate>
<description>{long}</description></item>
<item><title>Velm council backs new tram depot</title><link>{base}/article/2</link>
<guid>2</guid><pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
<description>The council voted on the depot. Read more.</description></item>
</channel></rss>"""
LONG = " ".join(
    [
        "The harbour ferry between Velm and Oss returned to service on Monday morning after",
        "three weeks of repairs to its loading ramp, which was damaged in the October storm.",
        "The port authority said the first crossing left on time with 140 passengers aboard,",
        "and that the timetable would return to its summer frequency from next week.",
        "Crews replaced two hinges and the hydraulic arm that lifts the ramp, the authority said,",
        "and inspectors signed off the work on Friday after a day of load tests.",
    ]
)
ARTICLE = """<html><head><title>Velm council backs new tram depot</title></head><body>
<article><h1>Velm council backs new tram depot</h1>
<p>Velm city council voted on Monday to build a new depot for the city's trams on the
site of the old wool market, ending a dispute that had delayed the project for two years.</p>
<p>The depot will house twenty trams and a workshop, the council said, and work is due to
start in the spring. Residents near the market had asked for a noise wall along the site,
which the plan now includes at a cost of about 2 million crowns.</p>
<p>Councillor Ada Voss said the vote ended a long wait for the tram service, whose current
depot is too small for the new vehicles the city ordered last year.</p>
</article></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()
    headers_seen: ClassVar[dict[str, dict[str, str]]] = {}

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        path = self.path
        type(self).hits[path] += 1
        type(self).headers_seen[path] = dict(self.headers)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304, b"", "application/rss+xml", etag='"v1"')
            else:
                body = FEED.format(base=base, long=LONG).encode()
                self._send(200, body, "application/rss+xml", etag='"v1"')
        elif path.startswith("/article/") or path in ("/page.html", "/private/page.html"):
            self._send(200, ARTICLE.encode(), "text/html; charset=utf-8")
        elif path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, b"late", "text/plain")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        elif path == "/flaky":
            if type(self).hits[path] == 1:
                self._send(503, b"busy", "text/plain")
            else:
                self._send(200, ARTICLE.encode(), "text/html")
        elif path == "/broken":
            self._send(500, b"oops", "text/plain")
        elif path == "/bomb":  # 5 MB of zeros, gzipped to a few kB
            body = gzip.compress(bytes(5_000_000))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif path == "/drip":  # one byte at a time, each within the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.2)
        elif path == "/bad-location":
            self.send_response(302)
            self.send_header("Location", "http://h:99999/")
            self.end_headers()
        elif path == "/old-feed":
            self.send_response(301)
            self.send_header("Location", "/feed.xml")
            self.end_headers()
        elif path == "/flaky-feed.xml":
            body = FEED.format(base=base, long=LONG).replace("/article/2", "/flaky/2")
            self._send(200, body.encode(), "application/rss+xml", etag='"f1"')
        elif path == "/flaky/2":
            if type(self).hits[path] == 1:
                self._send(503, b"busy", "text/plain")
            else:
                self._send(200, ARTICLE.encode(), "text/html")
        else:
            self._send(404, b"no", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits = Counter()
    _Handler.headers_seen = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


POLICY = FetchPolicy(
    allow_private=True, timeout=0.5, max_bytes=100_000, retries=1, backoff=0.05, summary_words=40
)


def test_feeds_and_pages_are_fetched_and_every_bad_response_is_named(server: str) -> None:
    names = ["feed.xml", "page.html", "private/page.html", "slow", "huge", "loop", "image.png"]
    names += ["broken", "missing"]
    urls = [f"{server}/{name}" for name in names]
    result = FeedFetcher(POLICY).fetch(urls, {})
    by_url = {d.url or d.path: d for d in result.documents}
    assert len(result.documents) == 3  # two feed entries and the allowed page
    summary_entry = next(
        d for d in result.documents if d.path.endswith("feed.xml") and d.index == 1
    )
    assert "old wool market" in summary_entry.text  # the page's text replaced the summary
    assert summary_entry.outlet == "Loopback Ledger"
    assert f"{server}/page.html" in by_url
    problems = {p.path.removeprefix(server): p.problem for p in result.problems}
    assert problems == {
        "/private/page.html": "robots.txt disallows fetching this page",
        "/slow": "timed out",
        "/huge": "larger than the 100000-byte limit",
        "/loop": "more than 5 redirects",
        "/image.png": "neither a feed nor a web page (content type image/png)",
        "/broken": "HTTP 500",
        "/missing": "HTTP 404",
    }
    assert _Handler.hits["/broken"] == 2  # one retry
    assert _Handler.hits["/robots.txt"] == 1  # once per site and run
    assert _Handler.hits["/private/page.html"] == 0  # robots.txt is read before, not after
    assert set(result.validators) == {f"{server}/feed.xml"}


def test_hostile_bodies_and_locations_are_refused_and_the_rest_goes_on(server: str) -> None:
    started = time.monotonic()
    policy = FetchPolicy(allow_private=True, timeout=0.5, deadline=1.0, max_bytes=100_000)
    urls = [f"{server}/{name}" for name in ("bomb", "drip", "bad-location", "feed.xml")]
    result = FeedFetcher(replace(policy, retries=0)).fetch(urls, {})
    problems = {p.path.removeprefix(server): p.problem for p in result.problems}
    assert problems["/bomb"] == "larger than the 100000-byte limit"
    assert problems["/drip"] == "timed out"
    assert problems["/bad-location"] == "not a valid http(s) URL: http://h:99999/"
    assert len(result.documents) == 2  # the feed's two entries
    assert time.monotonic() - started < 6  # the drip was cut at its deadline


def test_a_feed_whose_article_page_fails_for_now_is_read_whole_next_run(server: str) -> None:
    fetcher = FeedFetcher(replace(POLICY, retries=0))
    url = f"{server}/flaky-feed.xml"
    first = fetcher.fetch([url], {})
    assert [p.problem for p in first.problems] == ["article page: HTTP 503"]
    assert len(first.documents) == 1 and first.validators == {}  # held back, no ETag kept
    second = fetcher.fetch([url], first.validators)
    assert second.problems == [] and len(second.documents) == 2
    assert url in second.validators


def test_a_feed_behind_a_redirect_still_answers_304(server: str) -> None:
    fetcher = FeedFetcher(POLICY)
    first = fetcher.fetch([f"{server}/old-feed"], {})
    second = fetcher.fetch([f"{server}/old-feed"], first.validators)
    assert second.unchanged == [f"{server}/old-feed"]


def test_an_unchanged_feed_costs_one_small_request(server: str) -> None:
    fetcher = FeedFetcher(POLICY)
    first = fetcher.fetch([f"{server}/feed.xml"], {})
    second = fetcher.fetch([f"{server}/feed.xml"], first.validators)
    assert second.unchanged == [f"{server}/feed.xml"] and second.documents == []
    assert _Handler.headers_seen["/feed.xml"]["If-None-Match"] == '"v1"'


def test_a_failure_that_passes_is_retried(server: str) -> None:
    result = FeedFetcher(POLICY).fetch([f"{server}/flaky"], {})
    assert result.problems == [] and len(result.documents) == 1
    assert _Handler.hits["/flaky"] == 2


def test_loopback_is_refused_unless_allowed(server: str) -> None:
    result = FeedFetcher(FetchPolicy(timeout=0.5)).fetch([f"{server}/feed.xml"], {})
    assert result.documents == []
    (problem,) = result.problems
    assert problem.problem == "127.0.0.1 is a loopback address (allow it with --allow-private)"
    assert _Handler.hits["/feed.xml"] == 0


def test_feed_lists_in_opml_and_plain_text(tmp_path: Path) -> None:
    plain = tmp_path / "feeds.txt"
    plain.write_text(
        "# morning feeds\nhttps://a.example/rss\n\nftp://b.example/x\nhttps://a.example/rss\n"
        "http://[::1/feed\nhttp://c.example:99999/\n"
    )
    urls, problems = read_feed_list(plain)
    assert urls == ["https://a.example/rss"]
    assert [p.path for p in problems] == [f"{plain}:4", f"{plain}:6", f"{plain}:7"]
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="A" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/"/>'
        '<outline text="B" htmlUrl="https://b.example/story.html"/></body></opml>'
    )
    assert read_feed_list(opml) == (["https://a.example/rss", "https://b.example/story.html"], [])
    hostile = tmp_path / "bomb.opml"
    hostile.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body>'
        '<outline xmlUrl="https://a.example/&a;"/></body></opml>'
    )
    urls, problems = read_feed_list(hostile)
    assert urls == [] and "refused" in problems[0].problem


def test_a_run_stores_fetched_reports_and_the_next_run_skips_the_unchanged_feed(
    server: str, tmp_path: Path
) -> None:
    fetcher = FeedFetcher(POLICY)
    with Store(tmp_path / "live.db") as store:
        pipeline = Pipeline(store, embedder=WordHashEncoder(), fetcher=fetcher)
        first = pipeline.run([], feeds=[f"{server}/feed.xml"])
        second = pipeline.run([], feeds=[f"{server}/feed.xml"])
        assert first.new_articles == 2 and first.problems == []
        assert second.unchanged_feeds == 1 and second.documents == 0
        assert store.fetch_validators([f"{server}/feed.xml"])[f"{server}/feed.xml"].etag == '"v1"'


def test_the_command_line_fetches_a_feed_list(server: str, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server}/feed.xml\n{server}/missing\n")
    db, out = tmp_path / "cli.db", tmp_path / "site"
    args = ["run", "--feeds", str(feeds), "--db", str(db), "--out", str(out), "--quiet"]
    assert main(args) == 1  # loopback refused: two input problems, nothing stored
    with Store(db) as store:
        assert store.counts()["articles"] == 0
    assert main([*args, "--allow-private"]) == 1  # the missing page is still a problem
    with Store(db) as store:
        assert store.counts()["articles"] == 2
    assert (out / "index.html").exists()


def test_every_runs_again_until_interrupted(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server}/feed.xml\n")
    naps: list[float] = []

    def nap(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("newsdesk.cli.time.sleep", nap)
    args = ["run", "--feeds", str(feeds), "--allow-private", "--every", "1h", "--quiet"]
    assert main([*args, "--db", str(tmp_path / "e.db"), "--out", str(tmp_path / "site")]) == 0
    assert len(naps) == 2 and all(3500 < n <= 3600 for n in naps)
    assert _Handler.hits["/feed.xml"] == 2  # the second run asked "changed?" and got 304


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run"], "run needs a PATH or --feeds FEEDS"),
        (["run", "x", "--every", "soon"], "is not a duration"),
        (["run", "x", "--every", "1h", "--as-of", "2026-01-01"], "leave out --as-of"),
    ],
)
def test_run_arguments_are_checked(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(args)
    assert message in capsys.readouterr().err
