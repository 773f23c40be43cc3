"""The pipeline across runs: repeated chrome remembered, inputs recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import WordHashEncoder
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store

TAGLINE = "The Harbour Times: independent since 1921"
STORIES = [
    (
        "Ferry fares to rise in spring",
        "Ferry fares between Tarnby and Holm will rise by 8 percent in April, the operator "
        "said on Monday, blaming fuel and crew costs.\n\nThe operator said season tickets "
        "would rise by less, and that pensioners would keep their free crossings.",
    ),
    (
        "Harbour wall repairs begin",
        "Work to repair the storm-damaged harbour wall at Tarnby began on Tuesday and is "
        "expected to last six weeks, the port authority said.\n\nFishing boats will moor at "
        "the north quay while the work goes on, the authority added.",
    ),
    (
        "Lifeboat crew honoured",
        "The Tarnby lifeboat crew received a bravery award on Wednesday for a night rescue "
        "of four sailors in January.\n\nThe coxswain said the award belonged to the whole "
        "volunteer crew and to their families.",
    ),
]


def _write_pages(folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    pages = []
    for number, (title, body) in enumerate(STORIES):
        page = folder / f"page{number}.txt"
        page.write_text(f"{TAGLINE}\n\n{title}\n\n{body}\n", encoding="utf-8")
        pages.append(page)
    return pages


def _bodies(store: Store) -> list[str]:
    return [a.text for s in store.story_ids() for a in store.articles_of(s)]


def test_chrome_learned_in_one_run_is_removed_in_the_next(tmp_path: Path) -> None:
    pages = _write_pages(tmp_path / "harbour-times")
    with Store(tmp_path / "n.db") as store:
        pipeline = Pipeline(store, embedder=WordHashEncoder())
        pipeline.run(pages[:2])
        pipeline.run(pages[2:])  # one page alone: its tagline is known chrome
        assert len(_bodies(store)) == 3
        assert not any(TAGLINE in body for body in _bodies(store))
        titles = {a.title for s in store.story_ids() for a in store.articles_of(s)}
        assert titles == {title for title, _ in STORIES}


def test_a_file_read_before_adds_nothing_even_alone(tmp_path: Path) -> None:
    pages = _write_pages(tmp_path / "harbour-times")
    with Store(tmp_path / "n.db") as store:
        pipeline = Pipeline(store, embedder=WordHashEncoder())
        pipeline.run(pages)
        before = store.counts()
        report = pipeline.run(pages[:1])
        assert report.new_articles == 0 and report.known_articles == 1
        after = store.counts()
    assert {k: after[k] for k in ("articles", "stories")} == {
        k: before[k] for k in ("articles", "stories")
    }


def test_an_update_keeps_the_paragraphs_it_shares_with_the_first_version(
    tmp_path: Path,
) -> None:
    shared = [
        "The Tarnby council voted 7-2 on Monday to close the old ferry terminal.",
        "Council leader Ines Rask said repairs would cost more than $4 million.",
        "Ferry users said the nearest crossing is 40 kilometres away.",
    ]
    folder = tmp_path / "island-echo"
    folder.mkdir()
    first = folder / "v1.txt"
    first.write_text("Council votes to close ferry terminal\n\n" + "\n\n".join(shared))
    update = folder / "v2.txt"
    update.write_text(
        "Council votes to close ferry terminal, residents protest\n\n"
        + "\n\n".join([*shared, "About 200 residents protested outside the town hall later."])
    )
    with Store(tmp_path / "n.db") as store:
        Pipeline(store, embedder=WordHashEncoder()).run([folder])
        bodies = _bodies(store)
    assert len(bodies) == 2
    assert all(all(sentence in body for sentence in shared) for body in bodies)


class _FailingOnSentences(WordHashEncoder):
    """Encodes articles, then fails when briefs need sentence vectors, like a kill."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls > 1:
            raise KeyboardInterrupt
        return super().encode(texts)


def test_a_run_stopped_while_writing_briefs_leaves_nothing_and_reruns_cleanly(
    tmp_path: Path,
) -> None:
    demo = Path(__file__).resolve().parents[1] / "examples" / "demo"
    with Store(tmp_path / "n.db") as store:
        with pytest.raises(KeyboardInterrupt):
            Pipeline(store, embedder=_FailingOnSentences()).run([demo])
        counts = store.counts()
        assert (counts["articles"], counts["stories"], counts["briefs"]) == (0, 0, 0)
        report = Pipeline(store, embedder=WordHashEncoder()).run([demo])
        assert report.new_articles == store.counts()["articles"] > 0
