"""Ingest: files and folders in, documents and clearly named problems out.

Every outlet, person and place in these inputs is invented.
"""

from __future__ import annotations

import gzip
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import FIXTURES
from newsdesk.clean import Cleaner
from newsdesk.ingest import discover, files, read_file, read_paths
from newsdesk.model import Document, InputProblem

INGEST = FIXTURES / "ingest"
PAGE = INGEST / "harbour-page.html"
RSS = INGEST / "tidewater-courier.rss"
ATOM = INGEST / "lantern-post.atom"

REPORT = (
    "Kestrel Bay council voted on Monday to close the old swimming baths on Quay Street\n"
    "at the end of the summer season.\n"
    "\n"
    "Councillor Ines Valtonen said repairs would cost more than a new pool."
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def documents(items: list[Document | InputProblem]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def problems(items: list[Document | InputProblem]) -> list[InputProblem]:
    return [item for item in items if isinstance(item, InputProblem)]


def feed(items: str, title: str = "Saltmarsh Weekly") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://saltmarsh.example/</link>{items}"
        "</channel></rss>"
    )


def item(title: str, description: str) -> str:
    return f"<item><title>{title}</title><description>{description}</description></item>"


# --- HTML pages ----------------------------------------------------------------------------


def test_html_page_gives_metadata_and_main_text() -> None:
    [document] = read_file(PAGE)
    assert isinstance(document, Document)
    assert document.path == str(PAGE) and document.index == 0
    assert document.folder == "ingest"
    assert document.title == "Ferry fares to rise in spring, port authority says"
    assert document.url == "https://www.quaysidegazette.example/news/2026/03/ferry-fares-rise"
    assert document.outlet == "The Quayside Gazette"
    assert document.author == "Marta Ellingsworth"
    # The hour comes from article:published_time, not just the day.
    assert document.published == datetime(2026, 3, 3, 14, 25, tzinfo=UTC)


def test_html_page_text_is_the_article_without_nav_footer_or_script() -> None:
    [document] = read_file(PAGE)
    assert isinstance(document, Document)
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0].startswith("The Kestrel Bay port authority said on Tuesday")
    assert paragraphs[-1].endswith("the oldest of its four vessels.")
    assert any("Ines Valtonen of Little Skerry" in p for p in paragraphs)
    for chrome in ("Skip to content", "Opinion", "About us", "All rights reserved", "analytics"):
        assert chrome not in document.text
    # The headline is metadata, not the first paragraph of the body.
    assert document.title not in document.text
    # Paragraphs are joined into single lines, whatever the source's wrapping.
    assert all("\n" not in p and "  " not in p for p in paragraphs)


def test_html_page_without_date_metadata_gets_no_date_guessed_from_its_text(
    tmp_path: Path,
) -> None:
    page = write(
        tmp_path / "gazette" / "pool.html",
        "<html><head><title>Pool to close</title></head><body><article>"
        "<h1>Pool to close</h1>"
        "<p>Kestrel Bay council voted on Monday to close the old swimming baths on Quay Street, "
        "the first public pool to close in the county since 2019.</p>"
        "<p>Councillor Ines Valtonen said repairs would cost more than building a new pool "
        "beside the leisure centre on the ring road.</p>"
        "</article><footer><p>&copy; 2026 The Quayside Gazette</p></footer></body></html>",
    )
    [document] = read_file(page)
    assert isinstance(document, Document)
    assert "since 2019" in document.text
    # Neither "since 2019" nor the copyright year is a publication date.
    assert document.published is None


def test_html_page_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Café rents</title></head><body>'
        "<article><p>Café owners in São Brás said on Friday that their rents had risen by a "
        "fifth this year and that several of them were looking for cheaper premises.</p>"
        "</article></body></html>"
    )
    page = write(tmp_path / "rents.html", html.encode("latin-1"))
    [document] = read_file(page)
    assert isinstance(document, Document)
    assert "Café owners in São Brás" in document.text


def test_xhtml_with_xml_declaration_is_read_as_a_page(tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.xhtml",
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Tide tables</title></head>'
        "<body><article><p>The harbour master published new tide tables for the spring, "
        "with the highest tides of the year expected in the last week of March.</p>"
        "</article></body></html>",
    )
    [document] = read_file(page)
    assert isinstance(document, Document)
    assert "highest tides of the year" in document.text


# --- Plain text ----------------------------------------------------------------------------


def test_txt_file_is_one_document_with_its_lines_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "bay-herald" / "pool.txt", REPORT)
    [document] = read_file(path)
    assert document == Document(path=str(path), index=0, text=REPORT, folder="bay-herald")


def test_txt_with_utf8_bom_or_utf16_is_decoded(tmp_path: Path) -> None:
    bom8 = write(tmp_path / "bom8.txt", b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    bom16 = write(tmp_path / "bom16.txt", REPORT.encode("utf-16"))
    for path in (bom8, bom16):
        [document] = read_file(path)
        assert isinstance(document, Document)
        assert document.text == REPORT


def test_bare_file_name_takes_its_folder_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "valley-signal" / "pool.txt", REPORT)
    monkeypatch.chdir(tmp_path / "valley-signal")
    [document] = read_file(Path("pool.txt"))
    assert isinstance(document, Document)
    assert document.path == "pool.txt"
    assert document.folder == "valley-signal"


# --- JSON and JSON Lines -------------------------------------------------------------------


def test_json_object_is_one_document_with_its_metadata(tmp_path: Path) -> None:
    record = {
        "title": "Pool to close",
        "text": REPORT,
        "url": "https://bayherald.example/pool",
        "outlet": "Bay Herald",
        "published": "2026-03-02T18:40:00+01:00",
        "author": "Petra Lusk",
        "comments": 4,
    }
    path = write(tmp_path / "pool.json", json.dumps(record))
    [document] = read_file(path)
    assert document == Document(
        path=str(path),
        index=0,
        text=REPORT,
        folder=tmp_path.name,
        title="Pool to close",
        url="https://bayherald.example/pool",
        outlet="Bay Herald",
        published=datetime(2026, 3, 2, 17, 40, tzinfo=UTC),
        author="Petra Lusk",
        place="record 1",
        stated_text=True,
    )


def test_json_field_aliases_and_rfc822_dates_are_understood(tmp_path: Path) -> None:
    record = {
        "headline": "Pool to close",
        "body": REPORT,
        "link": "https://bayherald.example/pool",
        "source": "Bay Herald",
        "date": "Mon, 02 Mar 2026 17:40:00 GMT",
        "byline": "Petra Lusk",
    }
    [document] = read_file(write(tmp_path / "pool.json", json.dumps(record)))
    assert isinstance(document, Document)
    assert (document.title, document.text, document.url) == (
        "Pool to close",
        REPORT,
        "https://bayherald.example/pool",
    )
    assert (document.outlet, document.author) == ("Bay Herald", "Petra Lusk")
    assert document.published == datetime(2026, 3, 2, 17, 40, tzinfo=UTC)


def test_json_array_gives_one_document_per_record_in_order(tmp_path: Path) -> None:
    records = [{"text": f"Report number {n} from the harbour."} for n in range(3)]
    path = write(tmp_path / "batch.json", json.dumps(records))
    items = read_file(path)
    assert [d.index for d in documents(items)] == [0, 1, 2]
    assert [d.text for d in documents(items)] == [r["text"] for r in records]
    assert problems(items) == []


def test_json_record_without_text_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    records = [
        {"text": "First report from the harbour."},
        {"title": "Headline only", "text": "   "},
        "not an object",
        {"text": "Last report from the harbour."},
    ]
    path = write(tmp_path / "batch.json", json.dumps(records))
    items = read_file(path)
    assert [d.text for d in documents(items)] == [
        "First report from the harbour.",
        "Last report from the harbour.",
    ]
    # Indices stay consecutive over the documents that were read.
    assert [d.index for d in documents(items)] == [0, 1]
    reported = [p.problem for p in problems(items)]
    assert len(reported) == 2
    assert reported[0].startswith("record 2: no text")
    assert reported[1] == "record 3: expected a JSON object, got str"
    assert all(p.path == str(path) for p in problems(items))


def test_jsonl_malformed_line_is_reported_by_number_and_the_others_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First report.", "outlet": "Bay Herald"}),
        "",
        '{"text": "Second report.", "outlet": ',
        json.dumps({"text": "Third report.", "outlet": "Bay Herald"}),
    ]
    path = write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    items = read_file(path)
    assert [(d.index, d.text) for d in documents(items)] == [
        (0, "First report."),
        (1, "Third report."),
    ]
    [problem] = problems(items)
    assert problem.path == str(path)
    assert problem.problem == "line 3: malformed JSON: Expecting value: column 38"


def test_multi_news_bundles_split_with_consecutive_indices_and_no_bundle_title(
    tmp_path: Path,
) -> None:
    lines = [
        {
            "title": "Bundle about the ferry strike",
            "outlet": "Roundup Desk",
            "url": "https://roundup.example/ferry",
            "text": "Ferry crews walked out on Monday. ||||| Crews said talks had failed.\n"
            " |||||  ||||| The operator cancelled all sailings.",
        },
        {"title": "A single report", "text": "The strike ended on Thursday."},
        {"title": "Second bundle", "text": "Talks resume today. ||||| Unions want a pay rise."},
    ]
    path = write(tmp_path / "bundles.jsonl", "\n".join(json.dumps(r) for r in lines))
    items = read_file(path)
    assert problems(items) == []
    docs = documents(items)
    assert [d.index for d in docs] == [0, 1, 2, 3, 4, 5]
    assert [d.text for d in docs] == [
        "Ferry crews walked out on Monday.",
        "Crews said talks had failed.",
        "The operator cancelled all sailings.",
        "The strike ended on Thursday.",
        "Talks resume today.",
        "Unions want a pay rise.",
    ]
    # A bundle's title names the bundle, not each of its parts; other metadata is shared.
    assert [d.title for d in docs] == [None, None, None, "A single report", None, None]
    assert {d.outlet for d in docs[:3]} == {"Roundup Desk"}
    assert {d.url for d in docs[:3]} == {"https://roundup.example/ferry"}
    assert len({d.key for d in docs}) == 6


def test_record_whose_text_is_only_separators_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "empty-bundle.json", json.dumps({"text": " ||||| ||||| "}))
    [problem] = read_file(path)
    assert isinstance(problem, InputProblem)
    assert problem.problem.startswith("record 1: no text")


def test_deeply_nested_json_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.json", "[" * 200_000 + "]" * 200_000)
    [problem] = read_file(path)
    assert problem == InputProblem(str(path), "nesting too deep to parse")


# --- Feeds ---------------------------------------------------------------------------------


def test_rss_entries_prefer_full_content_over_the_description() -> None:
    items = read_file(RSS)
    assert problems(items) == []
    first, second = documents(items)
    assert (first.index, second.index) == (0, 1)
    assert first.title == "Lighthouse keepers' cottages to become a museum"
    assert first.url == "https://tidewatercourier.example/2026/03/lighthouse-museum/"
    assert first.outlet == second.outlet == "Tidewater Courier"
    assert first.author == "Rosalind Achterberg"
    assert first.published == datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
    paragraphs = first.text.split("\n\n")
    # content:encoded, not the teaser description; HTML entities decoded, script dropped.
    assert paragraphs[0] == (
        "The three keepers’ cottages at Gullstone Point will open as a maritime museum next "
        "summer, the Tidewater heritage trust said on Tuesday."
    )
    assert "the keepers & their families" in first.text
    assert "will open as a museum…" not in first.text
    assert "trackView" not in first.text
    # An entry with only a description is read from it.
    assert second.text.startswith("Dredging of the inner harbour at Saltmarsh Quay")
    assert second.published == datetime(2026, 3, 4, 16, 5, tzinfo=UTC)
    assert second.author is None


def test_atom_entries_are_read_with_content_dates_in_utc_and_plain_text_summaries() -> None:
    items = read_file(ATOM)
    assert problems(items) == []
    first, second = documents(items)
    assert first.outlet == second.outlet == "The Lantern Post"
    assert first.title == "Night buses return to the Lantern valley"
    assert first.url == "https://lanternpost.example/transport/night-buses-return"
    assert first.author == "Tobias Wrenfield"
    assert first.published == datetime(2026, 3, 5, 6, 45, tzinfo=UTC)
    assert first.text.split("\n\n") == [
        "Night buses will run again between Emberford and the valley villages from Friday, "
        "after a two-year gap, the regional transport board said.",
        "The board said the service would run hourly on Fridays and Saturdays until 3 a.m.",
    ]
    # No <published>: the entry's <updated> date stands in.
    assert second.published == datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
    assert "1,400 residents & a year" in second.text


def test_feed_entries_with_entities_but_no_tags_are_decoded(tmp_path: Path) -> None:
    description = (
        "<![CDATA[Berth fees rise 5% &amp; the harbour&#8217;s caf&eacute; closes, "
        "the board said.]]>"
    )
    path = write(tmp_path / "fees.rss", feed(item("Fees", description)))
    [document] = read_file(path)
    assert isinstance(document, Document)
    assert document.text == "Berth fees rise 5% & the harbour’s café closes, the board said."


def test_feed_entry_without_text_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path / "weekly.rss",
        feed(item("One", "First entry text.") + item("Two", "") + item("Three", "Third.")),
    )
    items = read_file(path)
    assert [(d.index, d.text) for d in documents(items)] == [
        (0, "First entry text."),
        (2, "Third."),
    ]
    assert problems(items) == [InputProblem(str(path), "entry 2 has no text")]


@pytest.mark.parametrize("suffix", [".xml", ".rss"])
def test_feed_without_entries_is_reported(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"empty{suffix}", feed(""))
    assert read_file(path) == [InputProblem(str(path), "feed has no entries")]


def test_xml_file_is_sniffed_as_feed_or_html(tmp_path: Path) -> None:
    feed_xml = write(tmp_path / "news.xml", ATOM.read_bytes())
    page_xml = write(tmp_path / "page.xml", PAGE.read_bytes())
    feed_docs = documents(read_file(feed_xml))
    assert [d.title for d in feed_docs] == [
        "Night buses return to the Lantern valley",
        "Emberford library extends weekend hours",
    ]
    [page_doc] = read_file(page_xml)
    assert isinstance(page_doc, Document)
    assert page_doc.outlet == "The Quayside Gazette"
    assert page_doc.text.startswith("The Kestrel Bay port authority said on Tuesday")


# --- gzip ----------------------------------------------------------------------------------


def test_gzipped_files_are_read_as_their_inner_format(tmp_path: Path) -> None:
    rss = write(tmp_path / "courier.rss.gz", gzip.compress(RSS.read_bytes()))
    text = write(tmp_path / "pool.txt.gz", gzip.compress(REPORT.encode()))
    records = write(
        tmp_path / "batch.jsonl.gz", gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n')
    )
    assert [d.title for d in documents(read_file(rss))] == [
        "Lighthouse keepers' cottages to become a museum",
        "Harbour dredging to start in April",
    ]
    [document] = read_file(text)
    assert isinstance(document, Document)
    assert (document.text, document.path) == (REPORT, str(text))
    assert [d.text for d in documents(read_file(records))] == ["One.", "Two."]


def test_gzip_that_inflates_past_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = write(tmp_path / "big.txt.gz", gzip.compress(b"harbour " * 10_000))
    [problem] = read_file(path)
    assert isinstance(problem, InputProblem)
    assert "decompresses to over 1,000 bytes" in problem.problem


def test_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    path = write(tmp_path / "big.txt", "harbour " * 100)
    assert read_file(path) == [
        InputProblem(str(path), "file is 800 bytes, over the 100 limit"),
    ]


# --- Folders and paths ---------------------------------------------------------------------


def test_folders_are_read_recursively_skipping_hidden_and_unsupported_files(
    tmp_path: Path,
) -> None:
    root = tmp_path / "inbox"
    write(root / "bay-herald" / "b.txt", "Second report.")
    write(root / "bay-herald" / "a.txt", "First report.")
    write(root / "bay-herald" / "archive" / "2025" / "old.json", '{"text": "Old report."}')
    write(root / "bay-herald" / ".draft.txt", "A hidden draft.")
    write(root / ".cache" / "cached.txt", "A hidden folder's file.")
    write(root / "bay-herald" / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(root / "notes.md", "# notes")
    result = read_paths([root])
    # Sorted by path within the folder: bay-herald/a, bay-herald/archive/..., bay-herald/b.
    assert [d.text for d in result.documents] == ["First report.", "Old report.", "Second report."]
    assert {d.folder for d in result.documents} == {"bay-herald", "2025"}
    assert sorted(Path(p).name for p in result.skipped) == ["notes.md", "photo.png"]
    assert result.problems == []


def test_explicitly_named_unsupported_file_and_missing_path_are_reported(tmp_path: Path) -> None:
    good = write(tmp_path / "pool.txt", REPORT)
    unsupported = write(tmp_path / "notes.md", "# notes")
    missing = tmp_path / "no-such-folder"
    result = read_paths([unsupported, good, missing])
    assert [d.path for d in result.documents] == [str(good)]
    assert result.skipped == []
    assert [p.path for p in result.problems] == [str(unsupported), str(missing)]
    assert result.problems[0].problem.startswith("unsupported file type (use ")
    assert ".html" in result.problems[0].problem
    assert result.problems[1].problem == "no such file or folder"


def test_explicitly_named_hidden_or_gzipped_supported_file_is_read(tmp_path: Path) -> None:
    hidden = write(tmp_path / ".pool.txt", REPORT)
    zipped = write(tmp_path / "pool.TXT.GZ", gzip.compress(REPORT.encode()))
    files_, skipped, missing = discover([hidden, zipped])
    assert (files_, skipped, missing) == ([hidden, zipped], [], [])


# --- Bad input: one clear problem per file, and the batch goes on --------------------------

LATIN1_TEXT = "Café owners in São Brás said their rents had risen.\n".encode("latin-1")
LATIN1_PAGE = (
    "<html><head><title>Rents</title></head><body><article><p>Café owners in São Brás said "
    "on Friday that their rents had risen by a fifth this year.</p></article></body></html>"
).encode("latin-1")
BAD_INPUTS = [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b" \n\t\r\n  \n", "file is empty"),
    ("blank.json", b"\n\n", "file is empty"),
    ("binary.txt", b"GIF89a\x00\x01\x00\x01\x00\x80\x00\x00", "looks binary"),
    ("binary.html", b"<html>\x00\x00\x00\x01\x02</html>", "looks binary"),
    ("binary.jsonl", b'{"text": "\x00\x00"}', "looks binary"),
    ("latin1.txt", LATIN1_TEXT, "is not valid UTF-8 (byte 0xe9 at offset 3)"),
    ("latin1.html", LATIN1_PAGE, "is not valid UTF-8"),
    ("latin1.jsonl", b'{"text": "Caf\xe9"}', "is not valid UTF-8"),
    ("broken.json", b'{"text": "Pool to close", "title": ', "malformed JSON"),
    (
        "unterminated.json",
        b'{"text": "The harbour',
        "malformed JSON: Unterminated string starting at: line 1 column 10",
    ),
    ("empty-array.json", b"[]", "JSON array has no records"),
    ("not-xml.rss", b"this feed was never XML", "malformed feed XML"),
    (
        "page.rss",
        b"<html><body><p>A web page saved as a feed.</p></body></html>",
        "not a feed: its root element is <html>",
    ),
    (
        "no-article.html",
        b"<html><head><title>Blank</title></head><body></body></html>",
        "no article text",
    ),
    ("not-gzip.txt.gz", b"plain text with a .gz name", "is not a valid gzip file"),
    ("truncated.txt.gz", gzip.compress(REPORT.encode())[:20], "is not a valid gzip file"),
    ("empty.txt.gz", gzip.compress(b""), "file is empty"),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_file_gives_one_problem_naming_it_and_the_batch_goes_on(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    folder = tmp_path / "batch"
    before = write(folder / "a-good.txt", REPORT)
    bad = write(folder / name, data)
    after = write(folder / "z-good.json", json.dumps({"text": "Another good report."}))
    result = read_paths([folder])
    [problem] = result.problems
    assert problem.path == str(bad)
    assert expected in problem.problem
    assert str(problem).startswith(f"{bad}: ")
    assert [d.path for d in result.documents] == [str(before), str(after)]


def test_truncated_feed_is_reported_once_and_its_complete_entries_kept(tmp_path: Path) -> None:
    whole = feed(item("One", "First full entry.") + item("Two", "Second full entry."))
    cut_between = write(tmp_path / "cut-between.rss", whole[: whole.index("</channel>")])
    cut_inside = write(
        tmp_path / "cut-inside.rss",
        whole.replace("</channel></rss>", "<item><title>Three</title><description>Cut sh"),
    )
    for path, total in ((cut_between, 2), (cut_inside, 3)):
        items = read_file(path)
        assert [d.text for d in documents(items)] == ["First full entry.", "Second full entry."]
        [problem] = problems(items)
        assert problem.path == str(path)
        assert problem.problem.startswith("malformed feed XML (line ")
        assert problem.problem.endswith(f"read 2 of {total} entries")


def test_feed_with_undefined_entity_is_reported_but_read(tmp_path: Path) -> None:
    path = write(tmp_path / "nbsp.rss", feed(item("Fares", "Fares rise&nbsp;9 percent.")))
    items = read_file(path)
    [document] = documents(items)
    assert document.text == "Fares rise\xa09 percent."
    [problem] = problems(items)
    assert "undefined entity" in problem.problem


def _billion_laughs(root: str) -> str:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    body = (
        "<channel><title>Laughs</title><item><title>Bomb</title>"
        "<description>&lol9;</description></item></channel>"
        if root == "rss"
        else "<body><p>&lol9;</p></body>"
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n'
        + "\n".join(entities)
        + f"\n]>\n<{root}>{body}</{root}>"
    )


@pytest.mark.parametrize(
    ("name", "root"), [("lol.rss", "rss"), ("lol.xml", "rss"), ("lol.html", "html")]
)
def test_entity_expansion_bomb_is_not_expanded(tmp_path: Path, name: str, root: str) -> None:
    path = write(tmp_path / name, _billion_laughs(root))
    started = time.monotonic()
    items = read_file(path)
    assert time.monotonic() - started < 5
    assert items, "the bomb must give a problem or a document, not vanish"
    for found in items:
        if isinstance(found, Document):
            assert len(found.text) < 1000
            assert "lollollol" not in found.text
        else:
            assert found.path == str(path)


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "the-harbour-safe-code-is-4417")
    path = write(
        tmp_path / "xxe.rss",
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        '<rss version="2.0"><channel><title>Leak</title><item><title>T</title>'
        "<description>Code: &xxe;</description></item></channel></rss>",
    )
    for found in read_file(path):
        text = found.text if isinstance(found, Document) else str(found)
        assert "4417" not in text


def test_html_page_of_nothing_but_chrome_ends_as_one_problem_naming_it(tmp_path: Path) -> None:
    page = write(
        tmp_path / "gazette" / "section-front.html",
        "<html><head><title>News | The Quayside Gazette</title></head><body><header><nav><ul>"
        '<li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li>'
        "</ul></nav></header><main></main><footer><p>About us | Contact | Advertise</p>"
        "<p>&copy; 2026 The Quayside Gazette. All rights reserved.</p></footer></body></html>",
    )
    ingested = read_paths([page])
    articles, cleaning_problems = Cleaner().run(ingested.documents)
    assert articles == []
    [problem] = ingested.problems + cleaning_problems
    assert problem.path == str(page)
    assert "article text" in problem.problem
