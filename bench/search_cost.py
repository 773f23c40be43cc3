"""The served search's worst queries, timed through the app on a synthetic store.

Builds a store of ``--articles`` reports (250 words each, drawn with Zipf
weights from about 11,000 made-up words) and times, through ``newsdesk
serve``'s app, the queries that cost most: the longest and widest plain
queries allowed, FTS5 queries of short prefixes at the term limit, and the
probe's hostile queries (5,000 OR'd ``a*``, 100 KB of text). The last row
runs an FTS5 query the app refuses (200 OR'd ``ka*``) on the store directly,
with a 30 s limit, for what the limits save.

    .venv/bin/python bench/search_cost.py --articles 20000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from newsdesk.serve import create_app
from newsdesk.store import Store
from newsdesk.store.shelf import SearchTimeout

SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "lu",
    "sa",
    "te",
    "no",
    "vi",
    "da",
    "pe",
    "zu",
    "ho",
    "ri",
    "ma",
    "go",
    "la",
]


def build(path: Path, articles: int) -> list[str]:
    """A store of ``articles`` synthetic reports; returns its vocabulary, commonest first."""
    rng = random.Random(1)
    words = {"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(30_000)}
    vocabulary = sorted(words, key=lambda w: (len(w), w))
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    Store(path).close()  # the schema
    db = sqlite3.connect(path)
    db.execute("INSERT INTO stories VALUES ('st-0', '', '', 'open', NULL, NULL, x'', '', '', NULL)")
    rows = []
    for n in range(articles):
        body = " ".join(rng.choices(vocabulary, weights, k=250))
        rows.append((f"a{n}", body[:60], body, f"h{n}"))
    db.executemany(
        "INSERT INTO articles (id, story_id, path, idx, outlet, outlet_origin, title, paragraphs, "
        "body, body_hash, minhash, vector, run_id) "
        "VALUES (?1, 'st-0', 'bench', 0, 'Bench', 'metadata', ?2, '[]', ?3, ?4, x'', x'', 1)",
        rows,
    )
    db.commit()
    db.close()
    return vocabulary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.monotonic()
        vocabulary = build(path, args.articles)
        print(f"store of {args.articles:,} reports built in {time.monotonic() - started:.1f} s")
        # The three-letter beginnings of the commonest words: the widest prefixes allowed.
        short = list(dict.fromkeys(w[:3] for w in vocabulary if len(w) > 3))[:32]
        pairs = [w for w in vocabulary if len(w) == 2]
        queries = {
            "plain: 32 commonest three-letter beginnings": (" ".join(short), "plain"),
            "plain: 32 two-letter words (no prefixes)": (" ".join((pairs * 2)[:32]), "plain"),
            "fts5: 16 three-letter prefixes OR'd": (
                " OR ".join(f"{w}*" for w in short[:16]),
                "fts5",
            ),
            "fts5: NEAR of 16 three-letter prefixes": (
                "NEAR(" + " ".join(f"{w}*" for w in short[:16]) + ", 100)",
                "fts5",
            ),
            "fts5: 5,000 OR'd a* (refused)": (" OR ".join(["a*"] * 5000), "fts5"),
            "plain: 60,000 characters (refused)": ("kessrow " * 7500, "plain"),
        }
        print("| query | status | seconds |\n|---|---|---|")
        with TestClient(create_app(path, hosts=["testserver"])) as client:
            for name, (query, syntax) in queries.items():
                started = time.monotonic()
                response = client.get("/api/search", params={"q": query, "syntax": syntax})
                print(f"| {name} | {response.status_code} | {time.monotonic() - started:.3f} |")
        with Store(path, read_only=True) as store:
            started = time.monotonic()
            try:
                store.search(" OR ".join(["ka*"] * 200), 20, 0, seconds=30)
                outcome = "answered"
            except SearchTimeout:
                outcome = "stopped at 30 s"
            seconds = time.monotonic() - started
            print(f"| store, 30 s limit: 200 OR'd ka* | {outcome} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
