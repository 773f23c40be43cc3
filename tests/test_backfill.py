"""The Dask back-fill: the same store and site as a run in one process, through a
worker's death and a stopped client, on a real LocalCluster."""

from __future__ import annotations

import gzip
import io
import os
import re
import signal
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from distributed import get_task_stream
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import DEMO, GENERATED, RUN_TABLES, run_rows, site_files
from newsdesk.backfill import Backfill, connect
from newsdesk.cli import main
from newsdesk.errors import NewsdeskError
from newsdesk.parallel import make_executor
from newsdesk.pipeline import Pipeline, ProgressReporter
from newsdesk.publish import build_digest, publish
from newsdesk.store import Store

Rows = dict[str, list[tuple[object, ...]]]


def _record(writer: WARCWriter, url: str, page: bytes) -> None:
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(
            url, "response", payload=io.BytesIO(page), length=len(page), http_headers=headers
        )
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six WARC files holding the demo's web pages, each twice: as its outlet published
    it and as a wire service's reprint; the first page crawled again later with a new
    headline (another document, the same article); and one file that is not an archive."""
    folder = tmp_path_factory.mktemp("archive")
    records = []
    for page in sorted(DEMO.glob("*/*.html")):
        html = page.read_text(encoding="utf-8")
        records.append((f"https://{page.parent.name}.example/{page.stem}", html))
        site_name = 'property="og:site_name" content="'
        reprint = html.replace(site_name, f'{site_name}Coastline Wire" data-was="')
        records.append((f"https://coastline-wire.example/{page.stem}", reprint))
    url, html = records[0]
    [headline] = re.findall(r'og:title" content="([^"]+)"', html)
    records.append((url, html.replace(headline, f"{headline}, officials confirm")))
    for number in range(6):
        with gzip.open(folder / f"crawl-{number:02}.warc.gz", "wb") as out:
            writer = WARCWriter(out, gzip=False)
            for url, html in records[number::6]:
                _record(writer, url, html.encode())
    (folder / "crawl-99.warc.gz").write_bytes(b"not gzip at all")
    return folder


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with connect("local:2") as client:
        yield client


def _publish(store: Store, site: Path) -> None:
    publish(build_digest(store, GENERATED), site)


def _local(
    inputs: Path, folder: Path, stopped_first: bool = False, earlier: Sequence[Path] = ()
) -> tuple[Rows, dict[str, bytes]]:
    """The store and site of ``newsdesk run --workers 1`` (after a run of it that
    was stopped while reading, if ``stopped_first``; after a run on ``earlier``)."""
    with Store(folder / "local.db") as store:
        if stopped_first:
            with pytest.raises(_Stop):
                Pipeline(store, progress=_OnAdvance({"Reading"}, 1, _stop)).run([inputs], GENERATED)
        if earlier:
            Pipeline(store, executor=make_executor(1)).run(earlier, GENERATED)
        Pipeline(store, executor=make_executor(1)).run([inputs], GENERATED)
        _publish(store, folder / "local-site")
    return run_rows(folder / "local.db"), site_files(folder / "local-site")


def _backfill(
    client: Any,
    inputs: Path,
    folder: Path,
    checkpoint: Path | None = None,
    progress: ProgressReporter | None = None,
    notify: Callable[[str], None] | None = None,
    earlier: Sequence[Path] = (),
) -> tuple[Rows, dict[str, bytes]]:
    db, site = folder / "dask.db", folder / "dask-site"
    with Store(db) as store:
        if earlier:
            Backfill(store, client=client).run(earlier, GENERATED)
        pipeline = Backfill(
            store, client=client, checkpoint=checkpoint, progress=progress, notify=notify
        )
        pipeline.run([inputs], GENERATED)
        _publish(store, site)
    return run_rows(db), site_files(site)


def _assert_same(got: tuple[Rows, dict[str, bytes]], want: tuple[Rows, dict[str, bytes]]) -> None:
    for table in RUN_TABLES:
        assert got[0][table] == want[0][table], table
    assert got[1] == want[1]


def test_the_demo_on_two_dask_workers_is_the_demo_of_one_process(
    cluster: Any, tmp_path: Path
) -> None:
    want = _local(DEMO, tmp_path)
    assert len(want[0]["articles"]) == 47 and len(want[0]["briefs"]) == 9
    _assert_same(_backfill(cluster, DEMO, tmp_path), want)


def test_an_archive_on_two_dask_workers_is_the_archive_of_one_process(
    cluster: Any, archive: Path, tmp_path: Path
) -> None:
    want = _local(archive, tmp_path)
    assert len(want[0]["articles"]) == 18  # each page twice: the reprints are near copies
    assert [row[1] for row in want[0]["problems"]] == [str(archive / "crawl-99.warc.gz")]
    _assert_same(_backfill(cluster, archive, tmp_path), want)


def test_an_archive_added_to_a_store_on_dask_is_as_added_in_one_process(
    cluster: Any, archive: Path, tmp_path: Path
) -> None:
    """The second run meets documents the store knows and repeated lines it counted."""
    first = sorted(archive.glob("crawl-0[0-2].warc.gz"))
    want = _local(archive, tmp_path, earlier=first)
    assert len(want[0]["runs"]) == 2 and len(want[0]["articles"]) == 18
    _assert_same(_backfill(cluster, archive, tmp_path, earlier=first), want)


class _Stop(Exception):
    """A run stopped part-way (as by Ctrl-C)."""


def _stop() -> None:
    raise _Stop


class _OnAdvance:
    """A progress reporter that calls ``act`` when any of ``stages`` has done
    ``after`` steps."""

    def __init__(self, stages: Collection[str], after: int, act: Callable[[], None]) -> None:
        self.watched, self.after, self.act = stages, after, act

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        done = 0

        def advance(steps: int) -> None:
            nonlocal done
            before, done = done, done + steps
            if name in self.watched and before < self.after <= done:
                self.act()

        return advance


def test_a_worker_killed_during_the_map_costs_a_retry_not_the_run(
    archive: Path, tmp_path: Path
) -> None:
    killed: list[int] = []
    with connect("local:2") as client:

        def kill_a_worker() -> None:
            pid = sorted(client.run(os.getpid).values())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        # Once the first file is read, the dead worker holds the documents of files
        # read, which the second pass needs; once the first is cleaned, it holds the
        # cleaner, and is cleaning others.
        kills = _OnAdvance({"Reading", "Cleaning and embedding"}, 1, kill_a_worker)
        got = _backfill(client, archive, tmp_path, progress=kills)
        assert len(killed) == 2 and not set(killed) & set(client.run(os.getpid).values())
    _assert_same(got, _local(archive, tmp_path))


def test_a_stopped_backfill_resumes_without_redoing_finished_files(
    cluster: Any, archive: Path, tmp_path: Path
) -> None:
    checkpoint = tmp_path / "checkpoint"
    with pytest.raises(_Stop):
        _backfill(
            cluster, archive, tmp_path, checkpoint, _OnAdvance({"Cleaning and embedding"}, 2, _stop)
        )
    stopped = run_rows(tmp_path / "dask.db")
    assert all(not stopped[table] for table in RUN_TABLES if table != "runs")
    assert [row[3] for row in stopped["runs"]] == [None]  # started, never finished
    recorded = sorted(p.name.split("-")[0] for p in checkpoint.iterdir())
    assert recorded == ["facts"] * 7 + ["prepared"] * 2

    deadline = time.monotonic() + 60
    while any(cluster.processing().values()):  # the stopped run's tasks wind down
        assert time.monotonic() < deadline, "the stopped run's tasks never ended"
        time.sleep(0.05)
    told: list[str] = []
    with get_task_stream(cluster) as tasks:
        rows, site = _backfill(cluster, archive, tmp_path, checkpoint, notify=told.append)
    ran = Counter(task["key"].split("-")[0] for task in tasks.data)
    assert (ran["file_facts"], ran["read_file"], ran["prepare_file"]) == (0, 5, 5)
    assert told == [
        f"Resumed from {checkpoint}: 7 of 7 files read before.",
        f"Resumed from {checkpoint}: 2 of 7 files cleaned before.",
    ]
    assert not checkpoint.exists()
    # The same store as a run in one process stopped once and then run whole.
    _assert_same((rows, site), _local(archive, tmp_path, stopped_first=True))


def test_the_command_line_runs_a_backfill_and_refuses_what_it_cannot_do(
    archive: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, site = tmp_path / "cli.db", tmp_path / "site"
    code = main(["run", str(archive), "--dask", "local:1", "--db", str(db), "--out", str(site)])
    assert code == 1  # the broken file is an input problem; the rest is stored
    err = capsys.readouterr().err
    assert f"error: {archive / 'crawl-99.warc.gz'}:" in err
    assert len(run_rows(db)["articles"]) == 18 and (site / "index.html").is_file()
    assert not Path(f"{db}.backfill").exists()

    with pytest.raises(SystemExit):
        main(["run", str(archive), "--dask", "local:1", "--workers", "2"])
    assert "leave out --workers" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["run", str(archive), "--checkpoint", str(tmp_path / "c")])
    assert "--checkpoint is for a run with --dask" in capsys.readouterr().err

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Backfill, "_map_files", interrupted)
    assert main(["run", str(archive), "--dask", "local:1", "--db", str(db)]) == 130
    assert "run it again to resume from the files it finished" in capsys.readouterr().err
    assert main(["run", str(archive), "--dask", "local:0", "--db", str(db)]) == 2
    assert "give local:N with N workers" in capsys.readouterr().err


def test_a_backfill_fetches_no_feeds(cluster: Any, tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store, pytest.raises(NewsdeskError, match="plain run"):
        Backfill(store, client=cluster).run([DEMO], feeds=["https://example.org/feed"])
