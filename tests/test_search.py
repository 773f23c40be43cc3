"""The served full-text search: plain words, FTS5 on request, bounded cost, readable results."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from conftest import WordHashEncoder
from newsdesk.pipeline import Pipeline
from newsdesk.serve import create_app
from newsdesk.store import Store
from newsdesk.store.shelf import SearchTimeout

# Three events. The strike and the rate cut have two outlets each, so they get a brief and
# a page; the hospital has one, so its story has none. The hospital report names Okafor and
# Lund apart, so a search for "Okafor-Lund" must not find it. It also carries markup and the
# private-use characters the snippet markers are made of.
REPORTS = [
    (
        "Holm Herald",
        "Kessrow dockers strike",
        "2025-03-03T08:00:00Z",
        "Dock workers in Kessrow walked out on Monday in a strike over pay, and the union leader "
        "Amara Okafor-Lund said the port would stay shut until the owners met their demands.",
    ),
    (
        "Bay Radio",
        "Port of Kessrow shut by strike",
        "2025-03-03T10:30:00Z",
        "The port of Kessrow was shut on Monday as dock workers began a strike over pay; union "
        "leader Amara Okafor-Lund told reporters the walkout would last until the owners gave way.",
    ),
    (
        "Holm Herald",
        "Central bank cuts rate to 3.25%",
        "2025-03-04T09:00:00Z",
        "The central bank cut its main rate to 3.25% on Tuesday, a rate cut the markets had "
        "expected after weak figures, and said the U.S. slowdown weighed on its outlook for trade.",
    ),
    (
        "Bay Radio",
        "Bank lowers main rate to 3.25%",
        "2025-03-04T11:00:00Z",
        "Markets had expected the rate cut: the central bank lowered its main rate to 3.25% on "
        "Tuesday, pointing to weak figures at home and a U.S. slowdown that weighs on trade.",
    ),
    (
        "Harbour Notes",
        "New ward at St. Aldric's",
        "2025-03-05T07:00:00Z",
        "St. Aldric's hospital opened a new children's ward on Wednesday; the sign over its "
        "door reads <b>welcome</b> \ue001 \ue000, and Mira Okafor, who travelled from Lund, "
        "cut the ribbon.",
    ),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search-in")
    for n, (outlet, title, published, text) in enumerate(REPORTS):
        record = {"outlet": outlet, "title": title, "published": published, "text": text}
        (folder / f"{n}.json").write_text(json.dumps(record), encoding="utf-8")
    db = folder.parent / "search.db"
    with Store(db) as store:
        Pipeline(store, embedder=WordHashEncoder()).run([folder])
    return db


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path, hosts=["testserver"])) as test_client:
        yield test_client


def _titles(client: TestClient, **params: str) -> list[str]:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return [hit["title"] for hit in response.json()["items"]]


SQLITE_WORDS = re.compile(r"no such column|syntax error|fts5:|unterminated string|unknown special")


# 9. Ordinary words and punctuation just work; FTS5 syntax on request; our own messages.


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("U.S.", "Central bank cuts rate to 3.25%"),
        ("St. Aldric's", "New ward at St. Aldric's"),
        ("Okafor-Lund", "Kessrow dockers strike"),
        ("3.25%", "Bank lowers main rate to 3.25%"),
        ("rate cut?", "Central bank cuts rate to 3.25%"),
        ("Kessrow, strike", "Port of Kessrow shut by strike"),
    ],
)
def test_what_people_type_finds_the_reports_that_say_it(
    client: TestClient, query: str, finds: str
) -> None:
    assert finds in _titles(client, q=query)
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200 and "found" in page.text


def test_a_hyphenated_name_is_found_as_written_not_as_two_loose_words(client: TestClient) -> None:
    titles = _titles(client, q="Okafor-Lund")
    assert sorted(titles) == ["Kessrow dockers strike", "Port of Kessrow shut by strike"]
    assert "New ward at St. Aldric's" in _titles(client, q="okafor lund")  # two words: both
    assert _titles(client, q="?!") == []  # no words at all: nothing to find, no error


def test_fts5_syntax_is_kept_for_those_who_ask_for_it(client: TestClient) -> None:
    either = _titles(client, q="ward OR kessrow", syntax="fts5")
    assert "New ward at St. Aldric's" in either and "Kessrow dockers strike" in either
    assert _titles(client, q="ward OR kessrow") == []  # as plain words, OR is a word
    assert _titles(client, q="title:ward", syntax="fts5") == ["New ward at St. Aldric's"]


@pytest.mark.parametrize("query", ['"unclosed', "Okafor-Lund", "strike AND", "(port"])
def test_a_bad_advanced_query_gets_a_message_of_our_own(client: TestClient, query: str) -> None:
    api = client.get("/api/search", params={"q": query, "syntax": "fts5"})
    assert api.status_code == 400
    message = api.json()["error"]
    assert message and not SQLITE_WORDS.search(message), message
    page = client.get("/search", params={"q": query, "syntax": "fts5"})
    assert page.status_code == 400 and "<h1>Search</h1>" in page.text
    assert message in unescape(page.text) and not SQLITE_WORDS.search(page.text)


def test_an_unknown_syntax_is_refused_by_name(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "strike", "syntax": "regex"})
    assert response.status_code == 400 and "syntax" in response.json()["error"]
    assert response.json()["parameter"] == "syntax"


# 10. No query costs more than about a second.


@pytest.mark.parametrize(
    ("query", "syntax", "says"),
    [
        (" OR ".join(["a*"] * 5000), "fts5", "characters"),
        ("kessrow " * 7_000, "plain", "characters"),
        (" ".join(f"word{n}" for n in range(40)), "plain", "words"),
        (" OR ".join(f"term{n}" for n in range(40)), "fts5", "words"),
        ("st* OR kessrow", "fts5", "prefix"),
        ('"port ke"*', "fts5", "prefix"),
    ],
)
def test_a_costly_query_is_refused_at_once_with_our_message(
    client: TestClient, query: str, syntax: str, says: str
) -> None:
    started = time.monotonic()
    response = client.get("/api/search", params={"q": query, "syntax": syntax})
    assert time.monotonic() - started < 2
    assert response.status_code == 400 and says in response.json()["error"]
    assert response.json()["parameter"] == "q"


@pytest.fixture(scope="module")
def crowded_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose index holds 4,000 texts, each the word "harbour" and 60 of 5,820 terms
    that start with "a"."""
    db = tmp_path_factory.mktemp("crowded") / "crowded.db"
    with Store(db) as store:
        store._db.executemany(
            "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
            [(n, "harbour", " ".join(f"a{n % 97}{k}" for k in range(60))) for n in range(4000)],
        )
    return db


def test_a_query_past_the_time_limit_is_stopped_inside_sqlite(crowded_path: Path) -> None:
    # 300 OR'd "a*" (refused by the served search, not by the store) run for over a minute
    # unchecked on this index; the progress handler stops them at the limit.
    with Store(crowded_path, read_only=True) as store:
        started = time.monotonic()
        with pytest.raises(SearchTimeout, match="second"):
            store.search(" OR ".join(["a*"] * 300), limit=20, offset=0, seconds=0.5)
        assert time.monotonic() - started < 2


def test_the_server_answers_a_stopped_search_clearly(crowded_path: Path) -> None:
    # With no time at all to spend, the handler stops the query at its first look at the clock.
    app = create_app(crowded_path, hosts=["testserver"], search_seconds=0)
    fts5 = " OR ".join(f"a{n}*" for n in range(10, 26))  # 31 words
    with TestClient(app) as hurried:
        api = hurried.get("/api/search", params={"q": fts5, "syntax": "fts5"})
        page = hurried.get("/search", params={"q": "harbour"})
    assert api.status_code == 503 and "second" in api.json()["error"]
    assert page.status_code == 503 and "stopped" in page.text


# 11. Results worth reading.


def _result_items(html: str) -> list[str]:
    return re.findall(r'<li class="story-card result">(.*?)</li>', html, flags=re.DOTALL)


def test_each_result_shows_title_marked_snippet_outlet_date_and_story(client: TestClient) -> None:
    html = client.get("/search", params={"q": "strike"}).text
    items = _result_items(html)
    assert len(items) == 2
    for item in items:
        assert re.search(r"<mark>strike</mark>", item, re.IGNORECASE)
        assert "Holm Herald" in item or "Bay Radio" in item
        assert "3 March 2025" in item
        assert re.search(r'<a href="stories/st-[0-9a-f]+\.html">[^<]*Kessrow', item)


def test_a_story_without_a_page_is_named_and_the_text_stays_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": "ward"}).text
    (item,) = _result_items(html)
    assert "stories/" not in item  # one source: no brief, no page to link
    assert "Harbour Notes" in item and "5 March 2025" in item
    assert "&lt;b&gt;welcome&lt;/b&gt;" in item and "<b>" not in item
    # The article's own private-use characters open and close no mark: the marks are
    # exactly the matched words, in the title and in the snippet.
    assert re.findall(r"<mark>(.*?)</mark>", item) == ["ward", "ward"]


def test_the_results_page_pages(client: TestClient) -> None:
    first = client.get("/search", params={"q": "rate", "limit": "1"}).text
    assert len(_result_items(first)) == 1 and "2 reports found" in first
    (next_href,) = re.findall(r'<a rel="next" href="([^"]+)"', first)
    second = client.get("/" + next_href.replace("&amp;", "&")).text
    assert len(_result_items(second)) == 1 and 'rel="prev"' in second
    assert _result_items(first) != _result_items(second)
    assert 'rel="next"' not in second


def test_the_api_gives_the_same_results_with_marks_and_paging(client: TestClient) -> None:
    body: dict[str, Any] = client.get("/api/search", params={"q": "strike", "limit": "1"}).json()
    assert body["total"] == 2 and len(body["items"]) == 1 and body["next"]
    hit = body["items"][0]
    assert "<mark>" in hit["snippet_html"] and hit["outlet"] in ("Holm Herald", "Bay Radio")
    assert hit["published"].startswith("2025-03-03") and hit["story_headline"]
    rest = client.get(body["next"]).json()
    assert rest["next"] is None and len(rest["items"]) == 1
    assert rest["items"][0]["article_id"] != hit["article_id"]
