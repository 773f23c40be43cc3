"""Fuzzing every ingest path: no crash, one clear problem per bad file, the batch goes on.

Each format gets random bytes, a valid sample with random damage (bytes
flipped, cut short, junk spliced in), and the sample in a wrong encoding;
gzip variants wrap the same damage. Hypothesis runs derandomized, so CI
sees the same inputs every time; `bench/fuzz_ingest.py` runs a larger
random campaign for docs/reliability.md.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import WordHashEncoder
from newsdesk.ingest import read_file, read_files
from newsdesk.model import Document, InputProblem
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store

BODY = (
    "The harbour ferry between Velm and Oss returned to service on Monday after three weeks "
    "of repairs to its loading ramp, the port authority said. The first crossing carried 140 "
    "passengers, and the summer timetable returns next week, a spokeswoman said."
)
PAGE = (
    "<html><head><title>Ferry returns</title><meta charset='utf-8'></head><body><article>"
    f"<h1>Ferry returns</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
)
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Velm Post</title>'
    f"<item><title>Ferry returns</title><link>https://velm.example/1</link>"
    f"<description>{BODY}</description></item></channel></rss>"
)
ATOM = (
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Velm Post</title>'
    "<entry><title>Ferry returns</title><id>1</id><updated>2026-03-02T08:00:00Z</updated>"
    f"<content type='text'>{BODY}</content></entry></feed>"
)


def _warc() -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://velm.example/ferry",
        "response",
        payload=io.BytesIO(PAGE.encode()),
        length=len(PAGE.encode()),  # a known length: warcio needs no spool file
        http_headers=headers,
    )
    writer.write_record(record)
    return out.getvalue()


SAMPLES: dict[str, bytes] = {
    ".txt": f"Ferry returns\n\n{BODY}\n".encode(),
    ".html": PAGE.encode(),
    ".json": json.dumps({"title": "Ferry returns", "outlet": "Velm Post", "text": BODY}).encode(),
    ".jsonl": (json.dumps({"title": "Ferry returns", "text": BODY}) + "\n").encode() * 2,
    ".rss": RSS.encode(),
    ".atom": ATOM.encode(),
    ".xml": RSS.encode(),
    ".warc": _warc(),
}
FUZZ = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def damaged(draw: st.DrawFn, sample: bytes) -> bytes:
    """The sample with random damage: cut short, bytes flipped, junk spliced in."""
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "flip", "splice", "encode"]))
        if kind == "cut" and len(data) > 1:
            data = data[: draw(st.integers(1, len(data) - 1))]
        elif kind == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
        elif kind == "splice":
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "encode":
            encoding = draw(st.sampled_from(["latin-1", "utf-16", "cp1252"]))
            data = bytearray(bytes(data).decode("utf-8", "replace").encode(encoding, "replace"))
    return bytes(data)


def inputs(suffix: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=4000), damaged(SAMPLES[suffix]))


def _check_batch(folder: Path, name: str, data: bytes) -> None:
    """One damaged file beside a good one: no exception, problems name only the
    damaged file, and the good file's document is read."""
    folder.mkdir(parents=True, exist_ok=True)
    bad = folder / name
    bad.write_bytes(data)
    good = folder / "good.txt"
    good.write_bytes(SAMPLES[".txt"])
    items = read_file(bad)
    assert all(isinstance(i, Document | InputProblem) for i in items)
    assert all(i.path == str(bad) for i in items if isinstance(i, InputProblem))
    batch = read_files([bad, good])
    assert any(d.path == str(good) for d in batch.documents)
    assert all(p.path.startswith(str(bad)) for p in batch.problems)
    for problem in batch.problems:
        assert problem.problem.strip() and "Traceback" not in problem.problem


def _fuzz_test(suffix: str, gzipped: bool = False):  # type: ignore[no-untyped-def]
    @FUZZ
    @given(data=inputs(suffix))
    def test(tmp_path: Path, data: bytes) -> None:
        name = f"input{suffix}.gz" if gzipped else f"input{suffix}"
        _check_batch(tmp_path / "batch", name, gzip.compress(data) if gzipped else data)

    return test


test_fuzz_txt = _fuzz_test(".txt")
test_fuzz_html = _fuzz_test(".html")
test_fuzz_json = _fuzz_test(".json")
test_fuzz_jsonl = _fuzz_test(".jsonl")
test_fuzz_rss = _fuzz_test(".rss")
test_fuzz_atom = _fuzz_test(".atom")
test_fuzz_xml = _fuzz_test(".xml")
test_fuzz_warc = _fuzz_test(".warc")
test_fuzz_gzipped_html = _fuzz_test(".html", gzipped=True)
test_fuzz_gzipped_rss = _fuzz_test(".rss", gzipped=True)


@settings(max_examples=10, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    files=st.lists(st.tuples(st.sampled_from(sorted(SAMPLES)), st.data()), min_size=1, max_size=4)
)
def test_a_run_over_damaged_files_stores_the_good_one(tmp_path: Path, files: list) -> None:  # type: ignore[type-arg]
    folder = tmp_path / "run"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for n, (suffix, data) in enumerate(files):
        (folder / f"bad{n}{suffix}").write_bytes(data.draw(inputs(suffix)))
    (folder / "good.txt").write_bytes(SAMPLES[".txt"])
    db = tmp_path / f"fuzz-{len(list(tmp_path.glob('*.db')))}.db"
    with Store(db) as store:
        report = Pipeline(store, embedder=WordHashEncoder()).run([folder])
        stored = {a.path for story in store.story_ids() for a in store.articles_of(story)}
    assert str(folder / "good.txt") in stored
    assert all(Path(p.path.split("#")[0]).name.startswith("bad") for p in report.problems)
