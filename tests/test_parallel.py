"""The executor seam: a run's results do not depend on how many workers do its work."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from conftest import DEMO, GENERATED, RUN_TABLES, WordHashEncoder, run_rows, site_files
from newsdesk.embed import Embedder, RememberingEncoder
from newsdesk.parallel import InProcessExecutor, make_executor, ordered_map
from newsdesk.pipeline import Pipeline
from newsdesk.publish import build_digest, publish
from newsdesk.store import Store


def _run(folder: Path, workers: int) -> tuple[dict[str, list[tuple[object, ...]]], Path]:
    """The database rows and the site of a run of the demo with ``workers``."""
    db, site = folder / "n.db", folder / "site"
    with make_executor(workers) as executor, Store(db) as store:
        # The pipeline's own embedder, as a run makes it: one onnxruntime thread per
        # worker on a pool, every core in one process.
        Pipeline(store, executor=executor).run([DEMO], GENERATED)
        publish(build_digest(store, GENERATED), site)
    return run_rows(db), site


def test_one_worker_and_two_give_the_same_articles_stories_briefs_and_site(
    tmp_path: Path,
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    alone, alone_site = _run(tmp_path / "one", workers=1)
    pooled, pooled_site = _run(tmp_path / "two", workers=2)

    assert len(alone["articles"]) == 47 and len(alone["briefs"]) == 9
    for table in RUN_TABLES:
        assert pooled[table] == alone[table], table
    assert site_files(pooled_site) == site_files(alone_site)


def test_one_worker_runs_in_process_and_more_in_a_pool() -> None:
    assert isinstance(make_executor(1), InProcessExecutor)
    with make_executor(2) as pool:
        assert isinstance(pool, ProcessPoolExecutor)
    with pytest.raises(ValueError, match="workers must be 1 or more"):
        make_executor(0)


def _square(number: int) -> int:
    if number == 3:
        raise ArithmeticError("three")
    return number * number


def test_ordered_map_keeps_the_order_reads_lazily_and_passes_errors_on() -> None:
    read: list[int] = []

    def numbers() -> Iterator[int]:
        for number in (5, 1, 4, 2):
            read.append(number)
            yield number

    results = ordered_map(InProcessExecutor(), _square, numbers(), window=2)
    assert read == []  # nothing is submitted before the first result is asked for
    assert next(results) == 25 and read == [5, 1]
    assert list(results) == [1, 16, 4]
    with make_executor(2) as pool:
        assert list(ordered_map(pool, _square, range(3), window=1)) == [0, 1, 4]
        with pytest.raises(ArithmeticError, match="three"):
            list(ordered_map(pool, _square, range(5)))


def test_in_process_a_failing_unit_stops_the_run_before_the_next_one() -> None:
    started: list[int] = []

    def square(number: int) -> int:
        started.append(number)
        return _square(number)

    with pytest.raises(ArithmeticError, match="three"):
        list(ordered_map(InProcessExecutor(), square, range(10), window=8))
    assert started == [0, 1, 2, 3]


def test_a_vector_does_not_depend_on_the_texts_encoded_with_it() -> None:
    """What lets a run cut its embedding work into any units, and a brief reuse a
    sentence's vector: the same text gives the same bits alone or in a batch."""
    texts = [
        "Ferry fares between Tarnby and Holm will rise by 8 percent in April.",
        "The Tarnby lifeboat crew received a bravery award on Wednesday.",
        "Dockworkers walked off the job at the start of a 72-hour strike over automated "
        "cranes, halting container handling at the port's two main terminals on Monday.",
        "Rain.",
    ]
    together = Embedder(batch_size=8).encode(texts)
    alone = [Embedder(batch_size=1, threads=1).encode([text])[0] for text in texts]
    reversed_order = Embedder(batch_size=3).encode(texts[::-1])[::-1]
    assert all((row == single).all() for row, single in zip(together, alone, strict=True))
    assert (reversed_order == together).all()


def test_remembering_encoder_encodes_each_distinct_text_once() -> None:
    seen: list[list[str]] = []

    class Counting(WordHashEncoder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            seen.append(list(texts))
            return super().encode(texts)

    encoder = RememberingEncoder(Counting())
    first = encoder.encode(["ferry fares rise", "lifeboat award", "ferry fares rise"])
    second = encoder.encode(["lifeboat award", "port strike"])
    assert seen == [["ferry fares rise", "lifeboat award"], ["port strike"]]
    assert (first[0] == first[2]).all() and (second[0] == first[1]).all()
    assert encoder.encode([]).shape == (0, WordHashEncoder.dimensions)
