"""Hostile and odd input: one bad file costs that file alone, in one clear line.

Every outlet, person and place in these inputs is invented.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.clean import Cleaner
from newsdesk.cli import EXIT_INPUT_PROBLEMS, main
from newsdesk.embed import Embedder
from newsdesk.ingest import files, html, read_file, read_paths
from newsdesk.model import Document, InputProblem
from newsdesk.store import Store

REPORT = (
    "The Velm harbour ferry returned to service on Monday after three weeks of repairs to its "
    "loading ramp, the port authority said. The first crossing carried 140 passengers, and the "
    "summer timetable returns next week, a spokeswoman for the operator said on the quay."
)
HUGE_NUMBER = "9" * 5000
# A WARC record whose Content-Length fits no index: warcio raised OverflowError.
HUGE_LENGTH_WARC = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://velm.example/ferry\r\n"
    b"Content-Length: 18446744073709551617\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Ferry</p></body></html>"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def problems(items: list[Document | InputProblem]) -> list[str]:
    return [item.problem for item in items if isinstance(item, InputProblem)]


# --- 1. no exception from one file aborts the batch ----------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "huge-number.json",
            f'{{"text": "{REPORT}", "comments": {HUGE_NUMBER}}}',
            "a number in it is over 4,300 digits long",
        ),
        ("huge-length.warc", HUGE_LENGTH_WARC, "record 1: its Content-Length is out of range"),
    ],
)
def test_a_run_with_a_hostile_file_stores_the_good_article_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: str | bytes, expected: str
) -> None:
    batch = tmp_path / "batch"
    good = write(batch / "good.txt", f"Ferry returns\n\n{REPORT}\n")
    bad = write(batch / name, data)
    db = tmp_path / "n.db"

    code = main(["run", str(batch), "--db", str(db), "--out", str(tmp_path / "site"), "--quiet"])

    assert code == EXIT_INPUT_PROBLEMS
    named = [line for line in capsys.readouterr().err.splitlines() if str(bad) in line]
    assert len(named) == 1 and expected in named[0]
    with Store(db) as store:
        stored = {a.path for story in store.story_ids() for a in store.articles_of(story)}
    assert stored == {str(good)}


def test_jsonl_line_with_a_huge_number_is_named_and_the_other_lines_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": REPORT}),
        f'{{"text": "Second report.", "id": {HUGE_NUMBER}}}',
        json.dumps({"text": "Third report."}),
    ]
    items = read_file(write(tmp_path / "wire.jsonl", "\n".join(lines)))
    assert problems(items) == ["line 2: a number in it is over 4,300 digits long"]
    assert [d.text for d in items if isinstance(d, Document)] == [REPORT, "Third report."]


def test_an_exception_no_reader_expected_becomes_the_files_one_line_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_library(*args: Any, **kwargs: Any) -> None:
        raise ZeroDivisionError("division by zero\nwith a second line of library detail")

    monkeypatch.setattr(html.trafilatura, "bare_extraction", broken_library)
    page = write(tmp_path / "page.html", f"<html><body><p>{REPORT}</p></body></html>")
    good = write(tmp_path / "good.txt", REPORT)
    result = read_paths([tmp_path])
    assert [str(p) for p in result.problems] == [
        f"{page}: could not be read (ZeroDivisionError: division by zero)"
    ]
    assert [d.path for d in result.documents] == [str(good)]


# --- 2. size limits ------------------------------------------------------------------------


def test_text_past_the_limit_is_refused_and_one_at_the_limit_read(tmp_path: Path) -> None:
    line = ("ferry " * (files.MAX_TEXT_CHARS // 6 + 1))[: files.MAX_TEXT_CHARS]
    at_limit = write(tmp_path / "at-limit.txt", line)
    past = write(tmp_path / "past.txt", line + "x")
    [document] = read_file(at_limit)
    assert isinstance(document, Document) and len(document.text) == files.MAX_TEXT_CHARS
    assert read_file(past) == [
        InputProblem(
            str(past), "text is 1,000,001 characters, over the 1,000,000 limit for one report"
        )
    ]


def test_gzipped_text_past_the_limit_is_refused(tmp_path: Path) -> None:
    past = write(tmp_path / "past.txt.gz", gzip.compress(b"a" * (files.MAX_TEXT_CHARS + 1)))
    assert problems(read_file(past)) == [
        "text is 1,000,001 characters, over the 1,000,000 limit for one report"
    ]


def test_json_record_or_feed_entry_past_the_limit_is_refused_and_the_others_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_TEXT_CHARS", 100)
    records = [{"text": "A short report."}, {"text": "word " * 30}, {"text": "Another report."}]
    items = read_file(write(tmp_path / "wire.json", json.dumps(records)))
    assert problems(items) == [
        "record 2: text is 149 characters, over the 100 limit for one report"
    ]
    assert len(items) == 3
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Velm Post</title>'
        f"<item><title>Long</title><description>{'word ' * 30}</description></item>"
        "<item><title>Short</title><description>A short entry.</description></item>"
        "</channel></rss>"
    )
    items = read_file(write(tmp_path / "velm.rss", feed))
    assert problems(items) == ["entry 1: text is 149 characters, over the 100 limit for one report"]
    assert [d.title for d in items if isinstance(d, Document)] == ["Short"]


def test_html_page_past_the_page_limit_is_refused_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_PAGE_BYTES", 1000)
    page = write(tmp_path / "big.html", f"<html><body><p>{REPORT * 10}</p></body></html>")
    [problem] = problems(read_file(page))
    assert problem.startswith("page is ") and "over the 1,000 limit for one page" in problem


def test_the_embedder_tokenizes_a_bounded_prefix_of_a_huge_text(embedder: Embedder) -> None:
    huge = "Ferry services resume across the harbour. " * 120_000  # 5 MB
    seen: list[int] = []
    embedder.encode(["warm up"])
    tokenize = embedder._tokenizer.encode_batch

    def spy(texts: list[str]) -> Any:
        seen.extend(len(t) for t in texts)
        return tokenize(texts)

    embedder._tokenizer = _Spy(embedder._tokenizer, spy)
    try:
        [vector] = embedder.encode([huge])
    finally:
        embedder._tokenizer = embedder._tokenizer.wrapped
    assert max(seen) <= 10_000
    [whole_prefix] = embedder.encode([huge[:20_000]])
    assert abs(float(vector @ whole_prefix) - 1.0) < 1e-5


class _Spy:
    """A tokenizer whose encode_batch is watched; everything else is the real one's."""

    def __init__(self, wrapped: Any, encode_batch: Any) -> None:
        self.wrapped = wrapped
        self.encode_batch = encode_batch


# --- 15. places, feeds and stated texts -----------------------------------------------------


def test_jsonl_problems_name_1_based_file_lines_throughout(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Ferry returns", "text": REPORT}),
        "",
        json.dumps({"text": "Share this article"}),
        '{"text": "unfinished',
        # A JSON string may hold U+2028, which str.splitlines takes for a line break.
        json.dumps({"text": "Ferry\u2028returns. " + REPORT}, ensure_ascii=False),
        json.dumps({"title": "No text here"}),
    ]
    path = write(tmp_path / "wire.jsonl", "\n".join(lines))
    ingested = read_paths([path])
    articles, cleaning = Cleaner().run(ingested.documents)
    assert len(articles) == 2
    assert [p.problem for p in ingested.problems + cleaning] == [
        "line 4: malformed JSON: Unterminated string starting at: column 10",
        "line 6: no text (looked for a non-empty text/content/body/document/article string)",
        "line 3: no article text after removing site chrome",
    ]
    assert all(p.path == str(path) for p in cleaning)


def test_plain_xml_that_is_no_feed_is_called_that(tmp_path: Path) -> None:
    catalog = write(
        tmp_path / "catalog.xml",
        '<?xml version="1.0"?>\n<!-- exported -->\n<catalog><book><title>Tides</title>'
        f"<summary>{REPORT}</summary></book></catalog>",
    )
    assert problems(read_file(catalog)) == [
        "not a feed: its root element is <catalog>, not <rss>, <feed> or <rdf>"
    ]


def test_a_json_wire_flash_of_20_words_is_kept_but_a_scraped_page_of_20_words_is_not(
    tmp_path: Path,
) -> None:
    flash = (
        "Velm harbour ferry resumes service after three weeks of ramp repairs, port authority "
        "says; the first crossing carried 140 passengers."
    )
    assert len(flash.split()) == 20
    write(tmp_path / "wire.json", json.dumps({"title": "Ferry resumes", "text": flash}))
    scraped = write(tmp_path / "page.txt", f"Ferry resumes\n\n{flash}\n")
    articles, cleaning = Cleaner().run(read_paths([tmp_path]).documents)
    assert [a.paragraphs for a in articles] == [(flash,)]
    assert [str(p) for p in cleaning] == [
        f"{scraped}: fewer than 25 words of article text after removing site chrome"
    ]
