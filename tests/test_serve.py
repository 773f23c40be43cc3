"""newsdesk serve: pages, search, JSON API, runs, and hostile text kept inert."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import DemoRun, WordHashEncoder
from newsdesk.embed import Embedder
from newsdesk.pipeline import Pipeline
from newsdesk.serve import create_app
from newsdesk.store import Store

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)"> <a href="javascript:alert(2)">'


@pytest.fixture(scope="module")
def client(demo_run: DemoRun) -> Iterator[TestClient]:
    with TestClient(create_app(demo_run.db, hosts=["testserver"])) as test_client:
        yield test_client


def _digest(demo_run: DemoRun) -> dict:  # type: ignore[type-arg]
    return json.loads((demo_run.site / "digest.json").read_text(encoding="utf-8"))


def test_the_site_pages_are_served_with_a_strict_policy(
    client: TestClient, demo_run: DemoRun
) -> None:
    story_id = _digest(demo_run)["stories"][0]["story_id"]
    for path in ("/", "/archive.html", f"/stories/{story_id}.html", "/runs.html"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    search = client.get("/search.html")
    assert "script-src 'self'" in search.headers["content-security-policy"]
    assert client.get("/style.css").headers["content-type"].startswith("text/css")
    assert client.get("/stories/st-000000000000.html").status_code == 404


def test_full_text_search_finds_stories_by_their_articles(client: TestClient) -> None:
    page = client.get("/search", params={"q": "ransomware"})
    assert page.status_code == 200 and "stories/st-" in page.text
    hits = client.get("/api/search", params={"q": "ransomware"}).json()
    assert hits and all(hit["story_id"].startswith("st-") for hit in hits)
    assert any("Ransomware" in hit["title"] for hit in hits)
    assert client.get("/api/search", params={"q": '"unclosed'}).status_code == 400


def test_the_json_api_matches_the_digest_and_is_described(
    client: TestClient, demo_run: DemoRun
) -> None:
    stories = client.get("/api/stories").json()
    digest = _digest(demo_run)
    assert [s["story_id"] for s in stories] == [
        s["story_id"] for s in digest["stories"] + digest["archive"]
    ]
    one = client.get(f"/api/stories/{stories[0]['story_id']}").json()
    assert one["headline"] == stories[0]["headline"] and "sentences" in one and "section" in one
    assert client.get("/api/stories/st-nothing").status_code == 404
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and set(spec["paths"]) == {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/runs",
    }
    runs = client.get("/api/runs").json()
    assert runs[-1]["counts"]["new_articles"] == 47  # the first run; later ones added nothing


def test_a_hostile_article_runs_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bodies = {
        "Holm Herald": f"The Holm ferry resumed sailing on Monday after repairs to its ramp "
        f"{HOSTILE}, and the harbour master said the first crossing carried forty passengers.",
        "Bay Radio": f"Forty passengers rode the first Holm ferry crossing on Monday {HOSTILE}, "
        "the harbour master said, after three weeks of repairs to the loading ramp.",
    }
    for n, (outlet, body) in enumerate(bodies.items()):
        record = {"title": f"Ferry back {HOSTILE}", "outlet": outlet, "text": body}
        (folder / f"{n}.json").write_text(json.dumps(record))
    (folder / "bad.json").write_text("{")
    db = tmp_path / "hostile.db"
    with Store(db) as store:
        Pipeline(store, embedder=WordHashEncoder()).run([folder])
    with TestClient(create_app(db, hosts=["testserver"])) as client:
        (story,) = client.get("/api/stories").json()
        for path in ("/", f"/stories/{story['story_id']}.html", "/archive.html", "/runs.html"):
            html = client.get(path).text
            # The markup arrives as text: escaped, never as a tag or a link.
            assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
            assert "&lt;script&gt;" in html or path == "/runs.html"
        runs = client.get("/runs.html").text
        assert "bad.json" in runs  # the input problem is shown


def test_feeds_are_served_and_other_hosts_are_refused(
    client: TestClient, demo_run: DemoRun
) -> None:
    assert client.get("/feed.atom").headers["content-type"].startswith("application/atom+xml")
    assert "<entry>" in client.get("/feeds/sport.atom").text
    assert client.get("/feeds/no-such-section.atom").status_code == 404
    # A DNS-rebinding page reaches the server under its own host name.
    with TestClient(create_app(demo_run.db), base_url="http://attacker.example") as other:
        assert other.get("/api/runs").status_code == 400
    response = client.get("/search-index.js")
    assert response.headers["cross-origin-resource-policy"] == "same-origin"


def test_reading_does_not_wait_for_a_run_that_is_writing(demo_run: DemoRun, tmp_path: Path) -> None:
    copy = tmp_path / "busy.db"
    with sqlite3.connect(demo_run.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    writer = sqlite3.connect(copy, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("BEGIN IMMEDIATE")  # a run holds the write lock
    try:
        with TestClient(create_app(copy, hosts=["testserver"])) as busy:
            started = time.monotonic()
            assert busy.get("/").status_code == 200
            assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_the_served_digest_follows_a_new_run(
    demo_run: DemoRun, tmp_path: Path, embedder: Embedder
) -> None:
    copy = tmp_path / "live.db"
    with sqlite3.connect(demo_run.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    folder = tmp_path / "new"
    folder.mkdir()
    reports = {
        "Holm Herald": "The Holm lighthouse will be restored with a grant of two million crowns, "
        "the heritage board said on Monday, after years of storm damage to its lantern room.",
        "Bay Radio": "A two-million-crown grant will pay to restore the storm-damaged Holm "
        "lighthouse and its lantern room, the heritage board announced on Monday, and work on "
        "the tower is due to begin in the spring once the weather allows.",
    }
    for n, (outlet, text) in enumerate(reports.items()):
        record = {"title": "Holm lighthouse to be restored", "outlet": outlet, "text": text}
        (folder / f"{n}.json").write_text(json.dumps(record))
    with TestClient(create_app(copy, hosts=["testserver"])) as live:
        before = len(live.get("/api/stories").json())
        assert len(live.get("/api/stories").json()) == before  # served again from the cache
        with Store(copy) as store:
            Pipeline(store, embedder=embedder).run([folder])
        after = live.get("/api/stories").json()
        assert len(after) == before + 1
        assert any(s["headline"] == "Holm lighthouse to be restored" for s in after)
