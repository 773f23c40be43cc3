"""Shared fixtures: paths, one embedder per session, and one demo run."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsdesk.clean import article_id
from newsdesk.embed import Embedder
from newsdesk.model import Article, OutletOrigin
from newsdesk.pipeline import Pipeline, RunReport
from newsdesk.publish import build_digest, publish
from newsdesk.store import Store
from newsdesk.text.words import content_words

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
DEMO_EVENTS = ROOT / "examples" / "demo-events.json"
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures"
GENERATED = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)

# Every table a run fills, with the columns that hold no wall-clock time.
RUN_TABLES = {
    "stories": "*",
    "articles": "*",
    "briefs": "*",
    "documents": "*",
    "outlet_lines": "*",
    "problems": "*",
    "runs": "id, inputs, config, counts",
}


def run_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """What runs stored in ``db``, table by table, in a fixed order: two stores
    that ran alike compare equal."""
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f"SELECT {columns} FROM {table} ORDER BY 1").fetchall()
            for table, columns in RUN_TABLES.items()
        }


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a published site, by its path in the site."""
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def shared_dataset(name: str) -> Path:
    """A folder of ../shared/data, or skip the test saying why."""
    path = SHARED_DATA / name
    if not path.is_dir():
        pytest.skip(f"evaluation data {path} is absent (it lives beside the repository)")
    return path


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder()


@dataclass
class DemoRun:
    db: Path
    site: Path
    report: RunReport
    manifest: dict[str, object]


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[DemoRun]:
    """The demo corpus run once through the whole pipeline and published."""
    work = tmp_path_factory.mktemp("demo")
    db, site = work / "demo.db", work / "site"
    with Store(db) as store:
        report = Pipeline(store, embedder=embedder).run([DEMO])
        publish(build_digest(store, GENERATED), site)
    yield DemoRun(db, site, report, json.loads(DEMO_EVENTS.read_text(encoding="utf-8")))


class WordHashEncoder:
    """A fast, deterministic stand-in for the embedding model in unit tests.

    Texts that share content words get similar vectors, which is all the
    summarizer's and clusterer's logic needs to be tested without the model.
    """

    dimensions = 512

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_words(text):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "big") % self.dimensions] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


def make_article(outlet: str, paragraphs: Sequence[str], **fields: Any) -> Article:
    """An article as the clean stage would make it; ``fields`` override the rest."""
    values: dict[str, Any] = {
        "id": article_id(outlet, paragraphs),
        "path": f"{outlet}.txt",
        "index": 0,
        "outlet": outlet,
        "outlet_origin": OutletOrigin.METADATA,
        "title": f"{outlet} report",
        "paragraphs": tuple(paragraphs),
        **fields,
    }
    return Article(**values)
