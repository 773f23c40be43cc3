"""WARC archives: archived HTML pages become reports; bad records are named."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.ingest import read_file

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


def _warc(records: list[tuple[str, str, bytes, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
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
