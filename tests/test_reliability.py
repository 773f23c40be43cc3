"""Nothing lost to crashes or concurrent runs.

The runs here go through the real pipeline in separate processes, with the
word-hash encoder standing in for the model (the store's behaviour is under
test, not the embeddings), over a corpus of 2,000 generated articles.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import WordHashEncoder
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store, StoreBusyError

TESTS = Path(__file__).parent
AS_OF = "2026-03-10T12:00:00+00:00"
RUNNER = f"""
import sys
from datetime import datetime
sys.path.insert(0, {str(TESTS)!r})
from conftest import WordHashEncoder
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store
with Store(sys.argv[1], busy_timeout=float(sys.argv[3])) as store:
    report = Pipeline(store, embedder=WordHashEncoder()).run(
        [sys.argv[2]], datetime.fromisoformat({AS_OF!r})
    )
print(report.new_articles)
"""
SYLLABLES = [a + b for a in "kmnrstvbdl" for b in "aeiou"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def _corpus(folder: Path, articles: int = 2000) -> Path:
    """``articles`` reports on made-up events, five outlets each, in 20 JSONL files.

    Each event has its own place, person and words, so the reports of one
    event cluster together and events stay apart, as in real news.
    """
    rng = random.Random(7)
    common = [_word(rng, 2) for _ in range(300)]
    folder.mkdir()
    records = []
    for event in range(articles // 5):
        place = _word(rng, 3).capitalize()
        person = f"{_word(rng, 2).capitalize()} {_word(rng, 3).capitalize()}"
        topic = [_word(rng, 3) for _ in range(6)]
        for outlet in range(5):
            filler = " ".join(rng.choice(common) for _ in range(25))
            records.append(
                {
                    "title": f"{place} {topic[0]} {topic[1]}",
                    "text": f"In {place}, the {topic[0]} of the {topic[1]} went on, {person} "
                    f"said, as the {topic[2]} and the {topic[3]} {topic[4]} {topic[5]}. {filler}.",
                    "outlet": f"Outlet {outlet}",
                    "published": f"2026-03-{1 + event % 9:02d}T08:00:00+00:00",
                }
            )
    for part in range(20):
        lines = [json.dumps(r) for r in records[part * 100 : (part + 1) * 100]]
        (folder / f"part{part:02d}.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def _start(db: Path, corpus: Path, wait: float = 30.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(db), str(corpus), str(wait)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything a run leaves, without the run ids and run times that differ by design."""
    queries = {
        "articles": "SELECT id, story_id, path, idx, outlet, title, body, duplicate_of, minhash,"
        " vector FROM articles ORDER BY id",
        "stories": "SELECT id, created, updated, status, merged_into, latest, vector_sum, names,"
        " title_words, closed FROM stories ORDER BY id",
        "briefs": "SELECT story_id, updated, data FROM briefs ORDER BY story_id",
        "documents": "SELECT hash, article_id FROM documents ORDER BY hash",
        "outlet_lines": "SELECT outlet, line, document FROM outlet_lines ORDER BY 1, 2, 3",
        "search": "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH 'harbour' ORDER BY a.id",
    }
    with sqlite3.connect(db) as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in queries.items()}


def _wait_for_run_row(db: Path, process: subprocess.Popen[str]) -> None:
    """Until the run has recorded its start (its first commit), or it ended."""
    while process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=0.1) as connection:
                    if connection.execute("SELECT count(*) FROM runs").fetchone()[0]:
                        return
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("reliability") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The database of one uninterrupted run, and how long that run took."""
    db = tmp_path_factory.mktemp("reference") / "reference.db"
    started = time.monotonic()
    process = _start(db, corpus)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert int(out) == 2000
    return db, time.monotonic() - started


def test_kill_9_mid_run_then_rerun_ends_as_an_uninterrupted_run(
    corpus: Path, reference: tuple[Path, float], tmp_path: Path
) -> None:
    reference_db, seconds = reference
    db = tmp_path / "killed.db"
    kills = 0
    finished = False
    for share in (0.2, 0.5, 0.8):  # reading and cleaning, embedding, clustering and writing
        process = _start(db, corpus)
        _wait_for_run_row(db, process)
        time.sleep(share * seconds)
        if process.poll() is not None:  # it ended before the kill: that is the rerun
            process.communicate()
            finished = process.returncode == 0
            break
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
        kills += 1
    assert kills >= 2  # at least two runs died part-way
    if not finished:
        process = _start(db, corpus)
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    assert _contents(db) == _contents(reference_db)


def test_two_runs_at_once_one_waits_and_nothing_is_corrupted(
    corpus: Path, reference: tuple[Path, float], tmp_path: Path
) -> None:
    db = tmp_path / "both.db"
    first, second = _start(db, corpus), _start(db, corpus)
    results = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    assert sorted(int(out) for out, _ in results) == [0, 2000]  # the second found all stored
    assert _contents(db) == _contents(reference[0])
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_run_that_cannot_wait_stops_with_a_clear_message(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    with Store(db) as holder, holder.exclusive():  # a run of this process holds the database
        second = _start(db, corpus, wait=0.5)
        _, err = second.communicate(timeout=120)
    assert second.returncode != 0
    assert f"is in use by another newsdesk run (pid {os.getpid()})" in err


def test_a_waiting_run_is_told_and_goes_on_when_the_lock_is_freed(tmp_path: Path) -> None:
    db = tmp_path / "wait.db"
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with Store(db) as store, store.exclusive():
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    messages: list[str] = []
    threading.Timer(0.5, release.set).start()
    with Store(db, busy_timeout=10) as store:
        report = Pipeline(store, embedder=WordHashEncoder(), notify=messages.append).run([])
    holder.join()
    assert report.documents == 0
    assert len(messages) == 1 and "waiting for another newsdesk run" in messages[0]


def test_the_lock_wait_has_a_limit(tmp_path: Path) -> None:
    db = tmp_path / "limit.db"
    with (
        Store(db) as holder,
        holder.exclusive(),
        Store(db, busy_timeout=0.3) as store,
        pytest.raises(StoreBusyError, match=f"pid {os.getpid()}"),
    ):
        Pipeline(store, embedder=WordHashEncoder()).run([])
