"""The command line: a batch with bad files is stored, reported, and exits 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DEMO, run_rows
from newsdesk.cli import EXIT_FAILURE, EXIT_INPUT_PROBLEMS, EXIT_INTERRUPTED, EXIT_OK, main
from newsdesk.store import Store


def test_bad_files_are_named_and_the_rest_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(DEMO / "wires", batch / "wires")
    shutil.copytree(DEMO / "valley-signal", batch / "valley-signal")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "latin1.txt").write_bytes(
        "Caf\xe9 owners protest the new parking rules.".encode("latin-1")
    )
    (batch / "broken.json").write_text('{"text": "unfinished', encoding="utf-8")
    (batch / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    db, out = tmp_path / "n.db", tmp_path / "site"

    code = main(["run", str(batch), "--db", str(db), "--out", str(out), "--quiet"])

    assert code == EXIT_INPUT_PROBLEMS
    errors = capsys.readouterr().err
    for name, problem in [
        ("empty.txt", "empty"),
        ("latin1.txt", "not valid UTF-8"),
        ("broken.json", "malformed JSON"),
        ("photo.html", "binary"),
    ]:
        line = next(x for x in errors.splitlines() if name in x)
        assert problem in line
    wire_records = len((DEMO / "wires" / "cpa.jsonl").read_text(encoding="utf-8").splitlines())
    with Store(db) as store:
        assert store.counts()["articles"] == wire_records + 6
        assert store.counts()["problems"] == 4
    assert json.loads((out / "digest.json").read_text(encoding="utf-8"))["stories"]


def test_clean_batch_exits_zero_and_missing_path_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = str(tmp_path / "n.db"), str(tmp_path / "site")
    assert main(["run", str(DEMO / "wires"), "--db", db, "--out", out, "--quiet"]) == EXIT_OK
    assert main(["run", str(tmp_path / "nope"), "--db", db, "--out", out]) == EXIT_FAILURE
    assert "no such file or folder" in capsys.readouterr().err


def test_a_broken_url_is_survived_and_an_unexpected_error_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = {
        "title": "Harbour wall repairs begin",
        "url": "http://[broken-host/wall",
        "text": "Work to repair the storm-damaged harbour wall at Tarnby began on Tuesday "
        "and is expected to last six weeks, the port authority said on Monday evening.",
    }
    source = tmp_path / "in.json"
    source.write_text(json.dumps(record), encoding="utf-8")
    db, out = str(tmp_path / "n.db"), str(tmp_path / "site")
    assert main(["run", str(source), "--db", db, "--out", out, "--quiet"]) == EXIT_OK

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("newsdesk.cli.publish", broken)
    assert main(["run", str(source), "--db", db, "--out", out, "--quiet"]) == EXIT_FAILURE
    assert "unexpected RuntimeError: boom" in capsys.readouterr().err


def test_ctrl_c_is_one_line_and_the_shells_exit_code_with_nothing_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("newsdesk.pipeline.Pipeline._embed", interrupted)
    db = tmp_path / "n.db"
    args = ["run", str(DEMO / "wires"), "--db", str(db), "--out", str(tmp_path / "site")]
    assert main([*args, "--workers", "1"]) == EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert err.endswith(
        "newsdesk: interrupted; a run stores nothing until its end (run it again to finish)\n"
    )
    assert "Traceback" not in err
    stored = run_rows(db)
    assert not stored["articles"] and not stored["stories"] and not stored["documents"]
