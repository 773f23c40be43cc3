"""WARC archives: archived HTML pages become reports; bad records are named."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.ingest import files, read_file
from newsdesk.model import Document, InputProblem

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Tarnby ferry makes its last crossing</title>
<meta property="og:site_name" content="Island Echo"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article>
<h1>Tarnby ferry makes its last crossing</h1>
<p>The Tarnby ferry made its final crossing to Holm island on Sunday, ending a service that
began in 1911 and carried about 90,000 passengers last year.</p>
<p>Dozens of residents lined the quay to wave it off, and several said they feared being cut
off from the mainland now that the nearest crossing is 40 kilometres away.</p>
<p>The council has said a private operator could run a smaller boat from the marina.</p>
</article></body></html>"""


def _warc(records: list[tuple[str, str, bytes, str]], gzip_records: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    for url, content_type, payload, status in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),  # known length: warcio needs no spool file
                http_headers=headers,
            )
        )
    return out.getvalue()


def test_warc_html_responses_become_documents_and_others_are_skipped(tmp_path: Path) -> None:
    archive = _warc(
        [
            (
                "https://islandecho.example/ferry",
                "text/html; charset=utf-8",
                PAGE.encode(),
                "200 OK",
            ),
            ("https://islandecho.example/logo.png", "image/png", b"\x89PNG\r\n", "200 OK"),
            ("https://islandecho.example/gone", "text/html", b"<p>Not found</p>", "404 Not Found"),
            (
                "https://islandecho.example/empty",
                "text/html",
                b"<html><body></body></html>",
                "200 OK",
            ),
        ]
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(archive))
    items = read_file(path)
    documents = [i for i in items if hasattr(i, "text")]
    problems = [i for i in items if not hasattr(i, "text")]
    assert len(documents) == 1
    assert documents[0].url == "https://islandecho.example/ferry"
    assert documents[0].outlet == "Island Echo"
    assert "final crossing" in documents[0].text and "Home" not in documents[0].text
    assert len(problems) == 1
    assert "islandecho.example/empty" in str(problems[0]) and "no article text" in str(problems[0])


def test_malformed_warc_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not an archive at all, just some bytes\n" * 3)
    (problem,) = read_file(path)
    assert str(path) in str(problem) and "WARC" in str(problem)


def test_a_header_that_trips_the_reader_is_named_in_the_files_terms(tmp_path: Path) -> None:
    # A record whose block is binary and whose next "record" has no header line:
    # warcio raises AttributeError on it, whose text speaks of Python, not the file.
    path = tmp_path / "tripping.warc"
    path.write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n"
        b"\x00\x01binarybinarybinary\r\n\r\nnot a warc header at all\r\n\r\n"
    )
    (problem,) = read_file(path)
    assert str(problem) == (
        f"{path}: malformed WARC archive at record 1 (a header the archive reader cannot parse)"
    )


def _raw_record(url: str, page: str, extra: int = 0) -> bytes:
    """One WARC response record written by hand, so its Content-Length can lie.

    The length claims ``extra`` bytes more than the record holds (fewer, when negative).
    """
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page.encode()
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Length: {len(block) + extra}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


FIRST = "https://islandecho.example/ferry"
SECOND = "https://islandecho.example/quay"


def _problem_lines(items: list[Any]) -> list[str]:
    lines = [str(i) for i in items if isinstance(i, InputProblem)]
    assert all("\n" not in line for line in lines)
    return lines


def test_truncated_warc_reports_the_cut_record_and_keeps_the_whole_ones(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    whole = _raw_record(FIRST, PAGE)
    cut = _raw_record(SECOND, PAGE)[:-400]
    path = tmp_path / "crawl.warc"
    path.write_bytes(whole + cut)
    items = read_file(path)
    assert [d.url for d in items if isinstance(d, Document)] == [FIRST]
    [line] = _problem_lines(items)
    # The 400 bytes cut are the record's last 396 and the blank lines after it.
    assert line.startswith(f"{path}: record 2 ({SECOND}): cut short, the file ends 396 bytes")
    assert capfd.readouterr().err == ""


def test_record_claiming_more_bytes_than_the_file_holds_is_cut_short_not_a_partial_page(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_raw_record(FIRST, PAGE) + _raw_record(SECOND, PAGE, extra=10**12))
    items = read_file(path)
    assert [d.url for d in items if isinstance(d, Document)] == [FIRST]
    [line] = _problem_lines(items)
    assert f"record 2 ({SECOND}): cut short" in line
    # The blank lines that end the record are read as 4 of the bytes it claims.
    assert "the file ends 999,999,999,996 bytes before the 1,000,000,000,768 bytes" in line
    assert capfd.readouterr().err == ""


def test_record_that_ends_before_its_bytes_do_is_one_line_and_warcio_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # A length 10 bytes short leaves the page's last line between the records,
    # which warcio reported on stderr with the bytes it found there.
    path = tmp_path / "crawl.warc"
    path.write_bytes(_raw_record(FIRST, PAGE, extra=-10) + _raw_record(SECOND, PAGE))
    items = read_file(path)
    assert [d.url for d in items if isinstance(d, Document)] == [SECOND]
    assert _problem_lines(items) == [
        f"{path}: record 1 ({FIRST}): does not end where its Content-Length says "
        "(the length is wrong or the record damaged); not read"
    ]
    assert capfd.readouterr().err == ""


def test_content_length_past_any_index_is_out_of_range_and_earlier_records_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_raw_record(FIRST, PAGE) + _raw_record(SECOND, PAGE, extra=2**64))
    items = read_file(path)
    assert [d.url for d in items if isinstance(d, Document)] == [FIRST]
    assert _problem_lines(items) == [f"{path}: record 2: its Content-Length is out of range"]


def test_an_archive_is_streamed_past_the_file_size_limit_gzipped_by_record_or_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crawlers' archives run to a gigabyte: the file limit does not apply to them,
    only the page limit to each record."""
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    pages = [
        (
            f"https://islandecho.example/ferry-{n}",
            "text/html",
            PAGE.replace("Sunday", f"day {n}").encode(),
            "200 OK",
        )
        for n in range(4)
    ]
    plain = _warc(pages)
    for name, data in (
        ("plain.warc", plain),
        ("whole.warc.gz", gzip.compress(plain)),
        ("by-record.warc.gz", _warc(pages, gzip_records=True)),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        assert path.stat().st_size > files.MAX_FILE_BYTES
        items = read_file(path)
        assert [i.url for i in items if isinstance(i, Document)] == [p[0] for p in pages], name
    (tmp_path / "fake.warc.gz").write_bytes(b"WARC/1.0 but not gzipped")
    [problem] = read_file(tmp_path / "fake.warc.gz")
    assert isinstance(problem, InputProblem) and "is not a valid gzip file" in problem.problem
