"""Extraction metrics on hand-worked cases, and the data formats they read.

Letters stand for tokens: "a b c d e" has the 4-token shingles abcd and bcde.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.eval.extract import (
    PageCounts,
    evaluate_extraction,
    parse_shipped,
    shingle_counts,
    shingle_scores,
    shingles,
    snippet_counts,
    snippet_scores,
)


def test_shingles_are_a_multiset_of_word_tokens() -> None:
    assert shingles("a, b; c d!") == {("a", "b", "c", "d"): 1}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    # Fewer than 4 tokens: one shorter shingle, as the benchmark's scorer has it.
    assert shingles("Hello world") == {("Hello", "world"): 1}
    assert shingles(" .,; ") == {}


def test_perfect_output() -> None:
    page = shingle_counts("a b c d e", "a, b c d e.")
    assert page == PageCounts(1.0, 0.0, 0.0, exact=True)
    scores = shingle_scores([page])
    assert (scores.precision, scores.recall, scores.f1, scores.accuracy) == (1, 1, 1, 1)


def test_half_overlap() -> None:
    # Gold abcd bcde, output bcde cdef: 1 matched, 1 extra, 1 missing, each 1/3.
    page = shingle_counts("a b c d e", "b c d e f")
    assert (page.tp, page.fp, page.fn, page.exact) == pytest.approx((1 / 3, 1 / 3, 1 / 3, 0))
    scores = shingle_scores([page])
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(0.5)


def test_repeated_shingles_count_each_time() -> None:
    # Gold "a b c d a b c d": abcd x2, bcda, cdab, dabc = 5 shingles.
    # Output "a b c d": abcd x1 -> 1 matched, 4 missing (a set would say 1 of 4).
    short = shingle_counts("a b c d a b c d", "a b c d")
    assert (short.tp, short.fp, short.fn) == pytest.approx((0.2, 0.0, 0.8))
    # Output three times "a b c d": abcd x3, bcda x2, cdab x2, dabc x2 = 9 shingles;
    # 5 matched, 4 extra, none missing.
    long = shingle_counts("a b c d a b c d", "a b c d a b c d a b c d")
    assert (long.tp, long.fp, long.fn) == pytest.approx((5 / 9, 4 / 9, 0.0))
    scores = shingle_scores([long])
    assert scores.precision == pytest.approx(5 / 9)
    assert scores.recall == pytest.approx(1.0)


def test_empty_output_is_left_out_of_precision_but_not_recall() -> None:
    perfect = shingle_counts("a b c d e", "a b c d e")
    empty = shingle_counts("a b c d e", "")
    assert empty == PageCounts(0.0, 0.0, 1.0)
    # P = mean over the one page with output = 1; R = (1 + 0) / 2; F1 = 2 * 0.5 / 1.5.
    scores = shingle_scores([perfect, empty])
    assert scores.precision == pytest.approx(1.0)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(2 / 3)
    assert scores.accuracy == pytest.approx(0.5)
    assert scores.pages == 2
    alone = shingle_scores([empty])
    assert (alone.precision, alone.recall, alone.f1) == (0.0, 0.0, 0.0)


def test_page_without_gold_shingles_is_left_out_of_recall() -> None:
    half = shingle_counts("a b c d e", "b c d e f")
    nothing = shingle_counts("", "")  # no shingles on either side: in neither mean
    assert nothing == PageCounts(0.0, 0.0, 0.0, exact=True)
    extra = shingle_counts("", "x y z w")  # output only: precision 0, no recall
    assert extra == PageCounts(0.0, 1.0, 0.0)
    scores = shingle_scores([half, nothing, extra])
    assert scores.precision == pytest.approx((0.5 + 0.0) / 2)
    assert scores.recall == pytest.approx(0.5)
    assert scores.accuracy == pytest.approx(1 / 3)


def test_snippet_scoring() -> None:
    page = snippet_counts(
        "The mayor said the bridge\nwill  close. Impressum",
        must_include=["the bridge will close", "the budget"],
        must_exclude=["Impressum", "Log in"],
    )
    assert page == PageCounts(tp=1, fp=1, fn=1, tn=1)
    empty = snippet_counts("", must_include=["x"], must_exclude=["y"])
    assert empty == PageCounts(tp=0, fp=0, fn=1, tn=1)
    # Summed: tp 1, fp 1, fn 2, tn 2. P = 1/2, R = 1/3, F1 = (1/3) / (5/6), acc = 3/6.
    scores = snippet_scores([page, empty])
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)
    assert scores.accuracy == pytest.approx(0.5)


def test_bootstrap_deviation() -> None:
    same = [shingle_counts("a b c d e", "b c d e f")] * 5
    assert shingle_scores(same).std == pytest.approx(0.0)
    assert shingle_scores(same, resamples=0).std is None
    mixed = [shingle_counts("a b c d e", "a b c d e"), shingle_counts("a b c d e", "")] * 3
    assert shingle_scores(mixed).std == shingle_scores(mixed).std > 0  # seeded
    with pytest.raises(ValueError, match="no pages"):
        snippet_scores([])


def test_both_shipped_output_formats() -> None:
    plain = {"p1": {"articleBody": "Text one."}, "p2": {"articleBody": None}, "p3": {}}
    assert parse_shipped(plain) == (None, {"p1": "Text one.", "p2": "", "p3": ""})
    versioned = {"version": "2.0.0", "output": {"p1": {"articleBody": "Text one."}}}
    assert parse_shipped(versioned) == ("2.0.0", {"p1": "Text one."})
    with pytest.raises(TypeError):
        parse_shipped(["p1"])


_BODY = (
    "The harbour board voted on Tuesday to close the old ferry pier for repairs. "
    "Engineers found cracks in three of its pylons during an inspection last month, "
    "and the board said the pier would reopen in the spring if the work goes to plan."
)
_PAGE = f"""<html><head><meta charset="utf-8"><title>Ferry pier to close</title></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Ferry pier to close</h1><p>{_BODY}</p></article></body></html>"""


def test_zyte_format_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "output").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(_PAGE.encode()))
    truth = {"p1": {"articleBody": _BODY, "url": "https://example.org/p1"}, "p2": {}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    shipped = {"version": "1", "output": {"p1": {"articleBody": _BODY}}}
    (tmp_path / "output" / "copy.json").write_text(json.dumps(shipped))
    advanced: dict[str, int] = {}

    def progress(name: str, total: int) -> Callable[[int], None]:
        advanced[name] = 0
        return lambda steps: advanced.__setitem__(name, advanced[name] + steps)

    report = evaluate_extraction("zyte", tmp_path, progress)
    assert report.without_html == 1
    rows = {row.system.split()[0]: row for row in report.rows}
    assert sorted(rows) == ["copy", "newsdesk", "trafilatura"]
    assert rows["copy"].scores.f1 == rows["newsdesk"].scores.f1 == 1.0
    f1s = [row.scores.f1 for row in report.rows]
    assert f1s == sorted(f1s, reverse=True)
    assert list(advanced.values()) == [1, 1]
    assert rows["newsdesk"].pages_per_second and rows["copy"].pages_per_second is None
    assert "| copy 1 | shipped | 1.000 |" in report.table()
    figures = json.loads(json.dumps(report.to_json()))
    copy = next(s for s in figures["systems"] if s["system"] == "copy 1")
    assert copy["per_page"] == {"p1": {"tp": 1.0, "fp": 0.0, "fn": 0.0, "tn": 0.0, "exact": True}}


def test_missing_or_malformed_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(NewsdeskError, match="does not exist"):
        evaluate_extraction("zyte", tmp_path / "absent")
    with pytest.raises(NewsdeskError, match="unknown data set"):
        evaluate_extraction("cleaneval", tmp_path)
    with pytest.raises(NewsdeskError, match="not in the zyte format"):
        evaluate_extraction("zyte", tmp_path)  # no ground-truth.json
    with pytest.raises(NewsdeskError, match="no evaldata"):
        evaluate_extraction("trafilatura", tmp_path)
    (tmp_path / "evaldata.json").write_text(json.dumps({"u": {"file": "a.html", "with": "x"}}))
    with pytest.raises(NewsdeskError, match="no annotated page has its HTML"):
        evaluate_extraction("trafilatura", tmp_path)
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html").write_text(_PAGE)
    with pytest.raises(NewsdeskError, match="not in the trafilatura format"):
        evaluate_extraction("trafilatura", tmp_path)
