"""The hand gold of bench/differences.py resolves against the shared data it points into."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from conftest import ROOT, shared_dataset


def _gold_spans() -> ModuleType:
    """bench/gold_spans.py, fresh (a test may point it at other gold)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return importlib.reload(importlib.import_module("gold_spans"))
    finally:
        sys.path.pop(0)


def test_every_gold_span_resolves_to_the_text_it_was_judged_on() -> None:
    for name in ("duc2004", "multi_news_sample50", "neus_allsides", "ecb_plus"):
        shared_dataset(name)
    gold = _gold_spans()
    pairs, quotes, stories = gold.load_differences(), gold.load_speakers(), gold.load_stories()
    # The minimums: 150 judged pairs, 40 stories read in full, 150 quotes.
    assert len(pairs) >= 150 and len(stories) >= 40 and len(quotes) >= 150
    assert {p.split for p in pairs} == {"dev", "heldout"}
    read = {(s.set, s.story) for s in stories}
    # Recall is counted on the stories read in full: every true disagreement is in one.
    assert all((p.set, p.story) in read for p in pairs if p.label != "none")


def test_a_span_that_no_longer_matches_its_hash_is_refused(tmp_path: Path) -> None:
    shared_dataset("duc2004")
    gold = _gold_spans()
    line = (gold.GOLD / "speakers.jsonl").read_text(encoding="utf-8").splitlines()[0]
    record = line.replace('"start": ', '"start": 1', 1)  # shift the quote's span
    gold.GOLD = tmp_path
    (tmp_path / "speakers.jsonl").write_text(record + "\n", encoding="utf-8")
    try:
        gold.load_speakers()
    except gold.GoldError as error:
        assert "does not resolve" in str(error)
    else:
        raise AssertionError("a shifted span was accepted")
