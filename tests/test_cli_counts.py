"""The command line's inputs and summary: what was given, what was read, counted right."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from conftest import WordHashEncoder
from newsdesk.cli import EXIT_FAILURE, EXIT_INPUT_PROBLEMS, EXIT_OK, main
from newsdesk.parallel import InProcessExecutor
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store

FERRY = (
    "Ferry fares to rise in spring",
    "Ferry fares between Tarnby and Holm will rise by 8 percent in April, the operator "
    "said on Monday, blaming fuel and crew costs.\n\nThe operator said season tickets "
    "would rise by less, and that pensioners would keep their free crossings.",
)
FERRY_AGAIN = (
    "Tarnby-Holm ferry to cost 8 percent more from April",
    "Passengers on the Tarnby to Holm ferry will pay 8 percent more from April, its "
    "operator announced on Monday, citing the cost of fuel and crews.\n\nSeason tickets "
    "will go up by less, the operator said, and pensioners will still cross for free.",
)
LIFEBOAT = (
    "Lifeboat crew honoured",
    "The Tarnby lifeboat crew received a bravery award on Wednesday for a night rescue "
    "of four sailors in January.\n\nThe coxswain said the award belonged to the whole "
    "volunteer crew and to their families.",
)
NOUNS = ("report", "article", "duplicate", "brief", "file", "feed", "problem")


def _write(path: Path, report: tuple[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    title, body = report
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["run", *args, "--db", str(tmp_path / "n.db"), "--out", str(tmp_path / "site")])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _summary(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("Read "))


def _summary_of_clean_run(capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path) -> str:
    """The summary line of a run on ``path`` that read every input."""
    code, out, _ = _run(capsys, tmp_path, str(path))
    assert code == EXIT_OK
    return _summary(out)


def _number_of(summary: str, phrase: str) -> int:
    match = re.search(rf"(\d+) {phrase}", summary)
    assert match, f"{phrase!r} not in {summary!r}"
    return int(match.group(1))


def _numbers(summary: str, *phrases: str) -> dict[str, int]:
    return {phrase: _number_of(summary, phrase) for phrase in phrases}


def _plural_mistakes(text: str) -> list[str]:
    """Every "N noun" of ``text`` whose noun does not agree with N."""
    singular = "|".join([*NOUNS, "story"])
    plural = "|".join([*(f"{noun}s" for noun in NOUNS), "stories"])
    return [
        *re.findall(rf"\b1 (?:new )?(?:{plural})\b", text),
        *re.findall(rf"\b(?:0|[2-9]|\d\d+) (?:new )?(?:{singular})\b", text),
    ]


def test_a_missing_path_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "in" / "harbour-times" / "ferry.txt", FERRY)
    missing = tmp_path / "in" / "no-such-folder"

    code, _, err = _run(capsys, tmp_path, str(good), str(missing))

    assert code == EXIT_FAILURE
    [line] = err.splitlines()
    assert "no such file or folder" in line and str(missing) in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_missing_feed_list_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, tmp_path, "--feeds", str(tmp_path / "feeds.txt"))
    assert code == EXIT_FAILURE
    assert "no such file or folder" in err and "feeds.txt" in err
    assert list(tmp_path.iterdir()) == []


def test_a_feed_list_without_urls_says_no_input_was_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# the outlets' feeds go here, one URL a line\n", encoding="utf-8")
    code, _, err = _run(capsys, tmp_path, "--feeds", str(feeds))
    assert code == EXIT_INPUT_PROBLEMS
    assert f"{feeds}: no input found" in err
    assert list(tmp_path.iterdir()) == [feeds]


@pytest.mark.parametrize("contents", [[], ["notes.md", "photo.png"]])
def test_a_folder_without_input_says_so_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], contents: list[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in contents:
        (folder / name).write_text("not a report", encoding="utf-8")

    code, out, err = _run(capsys, tmp_path, str(folder))

    assert code == EXIT_INPUT_PROBLEMS
    [line] = err.splitlines()
    assert f"{folder}: no input found" in line
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_an_empty_folder_beside_good_input_is_a_problem_of_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "in" / "harbour-times" / "ferry.txt", FERRY)
    empty = tmp_path / "in" / "island-echo"
    empty.mkdir()

    code, out, err = _run(capsys, tmp_path, str(good), str(empty))

    assert code == EXIT_INPUT_PROBLEMS
    assert f"{empty}: no input found" in err
    assert _number_of(_summary(out), "new article") == 1


def test_the_summary_agrees_in_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    _write(folder / "harbour-times" / "ferry.txt", FERRY)
    (folder / "harbour-times" / "photo.png").write_bytes(b"\x89PNG")

    code, out, _ = _run(capsys, tmp_path, str(folder))

    assert code == EXIT_OK
    assert "Read 1 report:" in out and "1 new article," in out and "1 story created" in out
    assert "1 file of an unsupported type" in out
    assert _plural_mistakes(out) == []


def test_the_plural_check_finds_what_it_should() -> None:
    mistakes = "Read 1 reports: 2 new article, 0 story updated, 1 files, 3 stories closed."
    assert _plural_mistakes(mistakes) == ["1 reports", "1 files", "2 new article", "0 story"]


def test_new_stories_are_created_and_grown_ones_updated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _write(tmp_path / "in" / "harbour-times" / "ferry.txt", FERRY)
    assert _run(capsys, tmp_path, str(first))[0] == EXIT_OK
    second = tmp_path / "in" / "island-echo"
    for name, report in [("ferry.txt", FERRY_AGAIN), ("lifeboat.txt", LIFEBOAT)]:
        _write(second / name, report)
    summary = _summary_of_clean_run(capsys, tmp_path, second)
    assert _numbers(summary, "story created", "story updated") == {
        "story created": 1,
        "story updated": 1,
    }


def test_a_second_identical_file_is_a_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in" / "harbour-times"
    _write(folder / "ferry.txt", FERRY)
    _write(folder / "ferry-copy.txt", FERRY)

    summary = _summary_of_clean_run(capsys, tmp_path, folder)

    assert _numbers(summary, "reports", "new article", "duplicate") == {
        "reports": 2,
        "new article": 1,
        "duplicate": 1,
    }


def test_every_report_read_is_counted_once(tmp_path: Path) -> None:
    folder = tmp_path / "harbour-times"
    _write(folder / "ferry.txt", FERRY)
    _write(folder / "ferry-copy.txt", FERRY)
    _write(folder / "lifeboat.txt", LIFEBOAT)
    (folder / "stub.txt").write_text("Too short to be a report.\n", encoding="utf-8")
    with Store(tmp_path / "n.db") as store:
        pipeline = Pipeline(store, embedder=WordHashEncoder())
        first = pipeline.run([folder])
        again = pipeline.run([folder])
    for report in (first, again):
        parts = (report.originals, report.duplicates, report.known_articles, report.unreadable)
        assert sum(parts) == report.documents == 4
    assert (first.originals, first.duplicates, first.unreadable) == (2, 1, 1)
    assert (again.known_articles, again.stories_created, again.stories_updated) == (3, 0, 0)


def test_skipped_files_are_named_the_first_few_or_all_with_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in" / "harbour-times"
    _write(folder / "ferry.txt", FERRY)
    others = [f"scan{number}.pdf" for number in range(8)]
    for name in others:
        (folder / name).write_bytes(b"%PDF-1.4")

    _, out, _ = _run(capsys, tmp_path, str(folder))
    line = next(x for x in out.splitlines() if x.startswith("Skipped"))
    named = [name for name in others if name in line]
    assert 0 < len(named) < len(others)
    assert f"and {len(others) - len(named)} more" in line

    _, out, _ = _run(capsys, tmp_path, str(folder), "--verbose")
    line = next(x for x in out.splitlines() if x.startswith("Skipped"))
    assert all(name in line for name in others) and "more" not in line


def test_stages_without_work_show_no_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path / "in" / "harbour-times" / "ferry.txt", FERRY)
    _, _, err = _run(capsys, tmp_path, str(page))
    assert "Reading" in err and "Embedding" in err  # the bars go to stderr
    assert "Fetching" not in err  # no feeds

    _, _, err = _run(capsys, tmp_path, str(page))  # nothing new: nothing to embed
    assert "Reading" in err
    assert "Embedding" not in err and "Writing briefs" not in err


class _DeadPool(InProcessExecutor):
    """An executor whose workers have all died, as an out-of-memory kill leaves a pool."""

    def submit(
        self, fn: Callable[..., object], /, *args: object, **kwargs: object
    ) -> Future[object]:
        raise BrokenProcessPool("a child process terminated abruptly")


def test_a_worker_that_dies_fails_the_run_in_one_line_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _write(tmp_path / "in" / "harbour-times" / "ferry.txt", FERRY)
    monkeypatch.setattr("newsdesk.cli.make_executor", lambda workers: _DeadPool())

    code, _, err = _run(capsys, tmp_path, str(page), "--workers", "2", "--quiet")

    assert code == EXIT_FAILURE
    [line] = err.splitlines()
    assert "a worker process died during the run; nothing was stored" in line
    with Store(tmp_path / "n.db") as store:
        assert store.known_ids(["any"]) == set() and store.story_ids() == []


@pytest.mark.parametrize("workers", ["0", "-1", "two", "²", "9999"])
def test_a_bad_number_of_workers_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["run", str(tmp_path), "--workers", workers])
    assert stop.value.code == 2
    assert f"{workers!r} is not a number of workers (1 to 256)" in capsys.readouterr().err
