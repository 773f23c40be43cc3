"""newsdesk serve: pages, search, JSON API, runs, and hostile text kept inert."""

from __future__ import annotations

import json
import re
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
    hits = client.get("/api/search", params={"q": "ransomware"}).json()["items"]
    assert hits and all(hit["story_id"].startswith("st-") for hit in hits)
    assert any("Ransomware" in hit["title"] for hit in hits)
    assert client.get("/api/search", params={"q": '"unclosed', "syntax": "fts5"}).status_code == 400


def test_the_json_api_matches_the_digest_and_is_described(
    client: TestClient, demo_run: DemoRun
) -> None:
    stories = client.get("/api/stories").json()["items"]
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
    runs = client.get("/api/runs").json()["items"]
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
        (story,) = client.get("/api/stories").json()["items"]
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
        before = live.get("/api/stories").json()["total"]
        assert live.get("/api/stories").json()["total"] == before  # served again from the cache
        with Store(copy) as store:
            Pipeline(store, embedder=embedder).run([folder])
        after = live.get("/api/stories").json()["items"]
        assert len(after) == before + 1
        assert any(s["headline"] == "Holm lighthouse to be restored" for s in after)


# Errors and paging under /api


@pytest.mark.parametrize("path", ["/api", "/api/", "/api/nothing", "/api/stories/a/b"])
def test_an_unknown_api_route_answers_in_json(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "openapi.json" in response.json()["error"]


def test_a_wrong_method_and_a_failure_answer_in_json(demo_run: DemoRun, tmp_path: Path) -> None:
    copy = tmp_path / "gone.db"
    with sqlite3.connect(demo_run.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    app = create_app(copy, hosts=["testserver"])
    with TestClient(app, raise_server_exceptions=False) as doomed:
        refused = doomed.post("/api/stories")
        assert refused.status_code == 405 and refused.json()["error"]
        assert "GET" in refused.headers["allow"]
        copy.unlink()  # the database goes away under the server
        broken = doomed.get("/api/runs")
        assert broken.status_code == 500 and "gone.db" in broken.json()["error"]


@pytest.fixture(scope="module")
def runs_client(
    demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The demo store with two more (empty) runs recorded, so the runs make a list."""
    copy = tmp_path_factory.mktemp("runs") / "runs.db"
    with sqlite3.connect(demo_run.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with Store(copy) as store:
        for _ in range(2):
            store.finish_run(store.start_run([], {}), {})
    with TestClient(create_app(copy, hosts=["testserver"])) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "query"),
    [("/api/stories", {}), ("/api/runs", {}), ("/api/search", {"q": "said"})],
)
def test_the_lists_page_with_limit_and_offset(
    runs_client: TestClient, path: str, query: dict[str, str]
) -> None:
    everything = runs_client.get(path, params={**query, "limit": "100"}).json()
    assert everything["total"] == len(everything["items"]) >= 3
    assert everything["next"] is None
    first = runs_client.get(path, params={**query, "limit": "1"}).json()
    assert first["items"] == everything["items"][:1] and first["total"] == everything["total"]
    second = runs_client.get(first["next"]).json()
    assert second["items"] == everything["items"][1:2] and second["offset"] == 1
    beyond = runs_client.get(path, params={**query, "offset": str(everything["total"])}).json()
    assert beyond["items"] == [] and beyond["next"] is None


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"limit": "100000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "1.5"}, "offset"),
    ],
)
def test_bad_paging_values_are_refused_naming_the_parameter_and_range(
    client: TestClient, params: dict[str, str], parameter: str
) -> None:
    for path, query in (("/api/stories", {}), ("/api/runs", {}), ("/api/search", {"q": "x"})):
        response = client.get(path, params={**query, **params})
        assert response.status_code == 400, path
        body = response.json()
        assert body["parameter"] == parameter and parameter in body["error"]
        assert re.search(r"\d+ (to|and) \d+", body["error"]), body["error"]


def test_the_openapi_document_describes_paging_and_errors(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    error = spec["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"error"} and "parameter" in error["properties"]
    for path in ("/api/stories", "/api/runs", "/api/search"):
        operation = spec["paths"][path]["get"]
        names = {p["name"]: p for p in operation["parameters"]}
        assert {"limit", "offset"} <= set(names)
        assert names["limit"]["schema"]["minimum"] == 1 and "maximum" in names["limit"]["schema"]
        page = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert {"total", "next", "items"} <= set(_resolve(spec, page)["properties"])
        assert _error_ref(operation["responses"]["400"]) == "#/components/schemas/Error"
    search = spec["paths"]["/api/search"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {"q", "syntax"}
    assert _error_ref(search["responses"]["503"]) == "#/components/schemas/Error"
    story = spec["paths"]["/api/stories/{story_id}"]["get"]
    assert _error_ref(story["responses"]["404"]) == "#/components/schemas/Error"


def _resolve(spec: dict, schema: dict) -> dict:  # type: ignore[type-arg]
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _error_ref(response: dict) -> str:  # type: ignore[type-arg]
    return str(response["content"]["application/json"]["schema"]["$ref"])
