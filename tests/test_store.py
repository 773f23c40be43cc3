"""Store: idempotent writes, round trips, merges, and a busy database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from conftest import make_article
from newsdesk.cluster import ArticleSignal, StoryState
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, Brief, BriefSentence, OutletOrigin, SourceRef
from newsdesk.store import Store, StoreBusyError

NOW = datetime(2026, 4, 9, 12, tzinfo=UTC)


def _article(outlet: str, text: str) -> Article:
    return make_article(
        outlet, [text], path=f"in/{outlet}.txt", outlet_origin=OutletOrigin.FOLDER, published=NOW
    )


def _save(store: Store, articles: list[Article], story: StoryState) -> None:
    vectors = {a.id: np.ones(4, np.float32) / 2 for a in articles}
    signatures = {a.id: np.arange(8, dtype=np.uint32) for a in articles}
    with store.transaction():
        store.save_stories([story], NOW)
        store.save_articles(1, articles, {a.id: story.id for a in articles}, signatures, vectors)


def _story(first: Article) -> StoryState:
    return StoryState.open(ArticleSignal(first.id, np.ones(4, np.float32) / 2, frozenset({"x"})))


def test_saving_the_same_articles_twice_stores_them_once(tmp_path: Path) -> None:
    articles = [_article("Ashby Post", "The library reopened on Friday after a two-year refit.")]
    with Store(tmp_path / "n.db") as store:
        _save(store, articles, _story(articles[0]))
        _save(store, articles, _story(articles[0]))
        assert store.counts()["articles"] == 1 and store.counts()["stories"] == 1
        assert store.known_ids([articles[0].id, "missing"]) == {articles[0].id}
        assert store.articles_of(store.story_ids()[0]) == articles
        known = store.dedup_index()
        assert known[0].signature.tolist() == list(range(8))


def test_brief_round_trips_through_the_store(tmp_path: Path) -> None:
    article = _article("Ashby Post", "The library reopened on Friday after a two-year refit.")
    brief = Brief(
        story_id=_story(article).id,
        headline="Library reopens <after> refit",
        sentences=(BriefSentence(article.paragraphs[0], article.id, ("Ashby Post", "Kell FM")),),
        sources=(SourceRef(article.id, "Ashby Post", "Library", None, NOW, article.path),),
        updated=NOW,
        written=NOW,
        independent_sources=2,
    )
    with Store(tmp_path / "n.db") as store:
        _save(store, [article], _story(article))
        with store.transaction():
            store.save_brief(1, brief)
            store.save_brief(1, brief)
        assert store.briefs() == [brief]


def test_merged_story_redirects_to_the_survivor(tmp_path: Path) -> None:
    a = _article("Ashby Post", "The library reopened on Friday after a two-year refit.")
    b = _article("Kell FM", "Ashby's library is open again, with a new children's floor.")
    older, newer = _story(a), _story(b)
    with Store(tmp_path / "n.db") as store:
        _save(store, [a], older)
        _save(store, [b], newer)
        with store.transaction():
            store.merge_stories({newer.id: older.id}, {a.id: older.id, b.id: older.id})
        assert store.story_ids() == [older.id]
        assert store.current_id(newer.id) == older.id
        assert store.current_id("st-unknown") is None
        assert {x.id for x in store.articles_of(older.id)} == {a.id, b.id}


def test_a_second_writer_waits_then_stops_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            pytest.raises(StoreBusyError, match="in use by another newsdesk run"),
            Store(path, busy_timeout=0.2) as store,
        ):
            store.start_run(["x"], {})
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_killed_run_leaves_nothing_half_written(tmp_path: Path) -> None:
    article = _article("Ashby Post", "The library reopened on Friday after a two-year refit.")
    with Store(tmp_path / "n.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.save_stories([_story(article)], NOW)
            raise RuntimeError("killed")
        assert store.counts()["stories"] == 0


def test_a_database_of_another_schema_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(NewsdeskError, match="schema 999"):
        Store(path)


def test_full_text_search_finds_stored_articles(tmp_path: Path) -> None:
    library = _article("Ashby Post", "The library reopened on Friday after a two-year refit.")
    ferry = _article("Kell FM", "Ferry fares between Tarnby and Holm will rise in April.")
    with Store(tmp_path / "n.db") as store:
        _save(store, [library, ferry], _story(library))
        _, matches = store.search("ferry fares", limit=20, offset=0, seconds=1.0)
        assert [m.article_id for m in matches] == [ferry.id]
        total, matches = store.search("library OR ferry", limit=1, offset=0, seconds=1.0)
        assert total == 2 and len(matches) == 1
        with pytest.raises(NewsdeskError, match="a quoted phrase is not closed"):
            store.search('"unclosed', limit=20, offset=0, seconds=1.0)


def test_a_version_1_database_gains_the_closed_column(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE stories DROP COLUMN closed")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(path) as store:
        assert store.close_stories(NOW, NOW, NOW) == []
    with sqlite3.connect(path) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(stories)")}
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert "closed" in columns and version == ("2",)
