"""Hand-judged gold for "Where sources differ" and "Who said what", resolved to text.

Why this exists: the data sets' licences forbid copying their text into this
repository, so ``bench/gold/*.jsonl`` stores only data-set ids, character
offsets and a short sha1 of each span. This module reads those files, loads the
documents with newsdesk's own loaders (so the offsets are into exactly the
strings a benchmark sees), slices every span and checks its sha1. A span that
does not resolve raises :class:`GoldError` naming the file, line and item.

Documents are looked up in ``../shared/data`` beside the project root. The
``doc`` of an item is the index of the document in the loader's tuple for
``duc2004``, ``multinews`` and ``neus`` (``newsdesk.eval.mds.load``), and the
ECB+ ``doc_id`` (for example ``"37_5ecb"``) for ``ecbplus``
(``newsdesk.eval.ecb.load_ecb`` on ``ecb_plus_body.jsonl``; a story is a
subtopic). See ``bench/gold/README.md`` for the labels and judging rules.

    .venv/bin/python bench/gold_spans.py      # resolve everything, print counts
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GOLD = Path(__file__).resolve().parent / "gold"

SETS = ("duc2004", "multinews", "neus", "ecbplus")
LABELS = ("figures", "denial", "none")
SPLITS = ("dev", "heldout")

Doc = int | str


class GoldError(Exception):
    """A gold item that is malformed or whose span does not match the data."""


@dataclass(frozen=True, slots=True)
class Span:
    """``text`` is ``document[start:end]``, already checked against the stored sha1."""

    doc: Doc
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Difference:
    """Two statements from two documents of one story, judged as a disagreement or not.

    ``label`` is "figures", "denial" or "none". ``issue`` groups the pairs of a
    story that concern the same quantity or proposition. ``borderline`` marks a
    judgement a careful reader could make the other way; ``time_update`` marks a
    figures pair where the number changed over time (a running toll).
    """

    set: str
    story: str
    a: Span
    b: Span
    label: str
    note: str
    split: str
    issue: str | None = None
    borderline: bool = False
    time_update: bool = False
    added: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerItem:
    """A quotation and its true speaker.

    ``speaker`` is the fullest mention of the speaker's name in the same
    document, or None with ``speaker_unnamed`` describing who spoke. ``is_quote``
    is False for text in quotation marks that nobody said (titles, scare quotes,
    imagined lines). ``reported`` marks attributed speech without quotation marks.
    """

    set: str
    story: str
    doc: Doc
    quote: Span
    speaker: Span | None
    speaker_unnamed: str | None
    is_quote: bool
    case: str
    split: str
    reported: bool = False
    note: str | None = None
    added: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """A story whose documents were all read; every true disagreement found is in the gold."""

    set: str
    story: str
    split: str
    docs_read: int
    added: str | None = None


def split_of(set_name: str, story: str) -> str:
    """The fixed split rule: a third of the stories, by a hash of set and story id, are heldout."""
    digest = hashlib.sha1(f"{set_name}:{story}".encode()).hexdigest()
    return "heldout" if int(digest, 16) % 3 == 0 else "dev"


def short_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@cache
def _mds(name: str, path: Path) -> Mapping[str, tuple[str, ...]]:
    from newsdesk.eval.mds import load

    return {cluster.id: cluster.documents for cluster in load(name, path).clusters}


@cache
def _ecb() -> Mapping[str, Mapping[str, str]]:
    from newsdesk.eval.ecb import load_ecb

    events: dict[str, dict[str, str]] = {}
    for document in load_ecb(DATA / "ecb_plus" / "ecb_plus_body.jsonl"):
        events.setdefault(document.event, {})[document.doc_id] = document.text
    return events


def story_documents(set_name: str, story: str) -> Mapping[Doc, str]:
    """The documents of one story as the benchmark's loader yields them, keyed by ``doc``."""
    clusters: Mapping[str, Sequence[str]]
    if set_name == "duc2004":
        clusters = _mds("duc2004", DATA / "duc2004" / "duc2004_task2.jsonl")
    elif set_name == "multinews":
        clusters = _mds("multinews", DATA / "multi_news_sample50" / "sample50.jsonl")
    elif set_name == "neus":
        stem = story.rsplit("-", 1)[0]
        source = DATA / "neus_allsides" / "lrc_roundup_probe" / f"{stem}.source"
        clusters = _mds("neus", source)
    elif set_name == "ecbplus":
        events = _ecb()
        if story not in events:
            raise GoldError(f"ecbplus has no subtopic {story!r}")
        by_id: dict[Doc, str] = {doc_id: text for doc_id, text in events[story].items()}
        return by_id
    else:
        raise GoldError(f"unknown data set {set_name!r}; expected one of {', '.join(SETS)}")
    if story not in clusters:
        raise GoldError(f"{set_name} has no story {story!r}")
    return dict(enumerate(clusters[story]))


def _records(name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    path = GOLD / name
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield f"{path.name}:{number}", json.loads(line)


def _check_common(where: str, record: Mapping[str, Any]) -> None:
    if record["set"] not in SETS:
        raise GoldError(f"{where}: unknown set {record['set']!r}")
    if record["split"] != split_of(record["set"], record["story"]):
        raise GoldError(f"{where}: split {record['split']!r} breaks the split rule")


def _span(where: str, record: Mapping[str, Any], doc: Doc, raw: Mapping[str, Any]) -> Span:
    documents = story_documents(record["set"], record["story"])
    if doc not in documents:
        raise GoldError(f"{where}: {record['set']}/{record['story']} has no document {doc!r}")
    text = documents[doc][raw["start"] : raw["end"]]
    if not 0 <= raw["start"] < raw["end"] or short_sha1(text) != raw["sha1"]:
        raise GoldError(
            f"{where}: span {raw['start']}:{raw['end']} of {record['set']}/{record['story']} "
            f"doc {doc!r} does not resolve (sha1 {short_sha1(text)}, stored {raw['sha1']})"
        )
    return Span(doc, raw["start"], raw["end"], text)


def load_differences() -> list[Difference]:
    """Every judged pair of ``differences.jsonl``, spans resolved and checked."""
    pairs = []
    for where, record in _records("differences.jsonl"):
        _check_common(where, record)
        if record["label"] not in LABELS:
            raise GoldError(f"{where}: unknown label {record['label']!r}")
        if record["a"]["doc"] == record["b"]["doc"]:
            raise GoldError(f"{where}: both spans are in document {record['a']['doc']!r}")
        pairs.append(
            Difference(
                record["set"],
                record["story"],
                _span(where, record, record["a"]["doc"], record["a"]),
                _span(where, record, record["b"]["doc"], record["b"]),
                record["label"],
                record["note"],
                record["split"],
                record.get("issue"),
                record.get("borderline", False),
                record.get("time_update", False),
                record.get("added"),
            )
        )
    return pairs


def load_speakers() -> list[SpeakerItem]:
    """Every quotation of ``speakers.jsonl`` with its speaker, spans resolved and checked."""
    items = []
    for where, record in _records("speakers.jsonl"):
        _check_common(where, record)
        if record["speaker"] is None and not record["speaker_unnamed"]:
            raise GoldError(f"{where}: neither a speaker span nor a description")
        speaker = record["speaker"]
        items.append(
            SpeakerItem(
                record["set"],
                record["story"],
                record["doc"],
                _span(where, record, record["doc"], record["quote"]),
                None if speaker is None else _span(where, record, record["doc"], speaker),
                record["speaker_unnamed"],
                record["is_quote"],
                record["case"],
                record["split"],
                record.get("reported", False),
                record.get("note"),
                record.get("added"),
            )
        )
    return items


def load_stories() -> list[Story]:
    """The stories read in full for recall, with a check that every document exists."""
    stories = []
    for where, record in _records("disagreement_stories.jsonl"):
        _check_common(where, record)
        count = len(story_documents(record["set"], record["story"]))
        if count != record["docs_read"]:
            raise GoldError(f"{where}: docs_read {record['docs_read']} but the story has {count}")
        stories.append(
            Story(record["set"], record["story"], record["split"], count, record.get("added"))
        )
    return stories


def main() -> int:
    try:
        differences, speakers, stories = load_differences(), load_speakers(), load_stories()
    except GoldError as error:
        print(f"gold does not resolve: {error}", file=sys.stderr)
        return 1
    read = {(story.set, story.story) for story in stories}
    outside = {(d.set, d.story) for d in differences if d.label != "none"} - read
    print(f"{len(differences)} pairs, {len(speakers)} quotes, {len(stories)} stories read in full")
    if outside:
        print(f"  true disagreements outside the fully read stories: {sorted(outside)}")
    for (set_name, label, split), count in sorted(
        Counter((d.set, d.label, d.split) for d in differences).items()
    ):
        print(f"  pairs {set_name:9} {label:7} {split:7} {count}")
    for (set_name, split), count in sorted(Counter((s.set, s.split) for s in speakers).items()):
        print(f"  quotes {set_name:9} {split:7} {count}")
    print("every span resolves and matches its sha1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
