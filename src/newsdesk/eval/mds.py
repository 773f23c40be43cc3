"""Multi-document summarization data sets, read from their distributed formats.

Each loader returns clusters (documents and reference summaries), the system
outputs shipped with the data, and the scoring settings of that data set:

- ``duc2004``: DUC 2004 Task 2, 100-word summaries, stemmed ROUGE recall
  averaged over the 4 references (F1 also kept); SumRepo outputs beside it.
- ``multinews``: Multi-News, ROUGE F1; extractive systems produce 300 words,
  the length Fabbri et al. (2019) gave extractive methods; the 8 shipped
  system outputs are scored as they are (their lengths are reported).
- ``neus``: NeuS/AllSides left-centre-right triples, ROUGE F1 against the
  neutral roundup (title and text, markers removed); extractive systems
  produce 75 words, about the mean reference length of the val split (74).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.eval.names import SUMMARIZE_DATASETS
from newsdesk.eval.rouge import RougeSettings

DATASETS = SUMMARIZE_DATASETS


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    documents: tuple[str, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class MdsData:
    """A data set ready to score: clusters, shipped outputs and settings."""

    name: str
    clusters: tuple[Cluster, ...]
    settings: RougeSettings
    words: int
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)


def _jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _only(folder: Path, pattern: str, what: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise NewsdeskError(f"{folder}: expected one {what} ({pattern}), found {len(found)}")
    return found[0]


def load_duc2004(path: Path) -> MdsData:
    """``path``: the task JSONL, or a folder holding it (and SumRepo outputs)."""
    task = path if path.is_file() else _only(path, "duc2004_task2*.jsonl", "task file")
    clusters = tuple(
        Cluster(
            record["cluster_id"],
            tuple(d["text"] for d in record["documents"]),
            tuple(r["text"] for r in record["references"]),
        )
        for record in _jsonl(task)
    )
    outputs: dict[str, dict[str, str]] = {}
    sumrepo = task.parent / "sumrepo_system_summaries.jsonl"
    if sumrepo.is_file():
        for record in _jsonl(sumrepo):
            for system, summary in record["systems"].items():
                outputs.setdefault(system, {})[record["cluster_id"]] = summary
    return MdsData(
        "duc2004", clusters, RougeSettings("recall", True, 100), words=100, outputs=outputs
    )


def load_multinews(path: Path) -> MdsData:
    """``path``: a JSONL of ``row_id``/``documents``/``summary`` or a folder with one,
    and its ``system_outputs/*_sample.jsonl`` if present."""
    data = path if path.is_file() else _only(path, "*.jsonl", "Multi-News JSONL")
    clusters = tuple(
        Cluster(
            str(record["row_id"]),
            tuple(d for d in record["documents"] if d.strip()),
            (record["summary"].lstrip("–- ").strip(),),
        )
        for record in _jsonl(data)
    )
    outputs: dict[str, dict[str, str]] = {}
    for system_file in sorted((data.parent / "system_outputs").glob("*.jsonl")):
        system = system_file.stem.removesuffix("_sample")
        outputs[system] = {str(r["row_id"]): r["generated_summary"] for r in _jsonl(system_file)}
    return MdsData("multinews", clusters, RougeSettings("f1", True), words=300, outputs=outputs)


def _strip_markers(text: str) -> str:
    return text.replace("TITLE=>", "").replace("ARTICLE=>", "\n\n").strip()


def load_neus(path: Path) -> MdsData:
    """``path``: a ``*.source`` file (``*.target`` beside it) or a folder with ``val.source``."""
    source = path if path.is_file() else path / "val.source"
    target = source.with_suffix(".target")
    for needed in (source, target):
        if not needed.is_file():
            raise NewsdeskError(f"{needed} is missing (NeuS needs a .source and a .target file)")
    sources = source.read_text(encoding="utf-8").splitlines()
    targets = target.read_text(encoding="utf-8").splitlines()
    if len(sources) != len(targets):
        raise NewsdeskError(f"{source}: {len(sources)} sources but {len(targets)} targets")
    clusters = tuple(
        Cluster(
            f"{source.stem}-{n}",
            tuple(_strip_markers(doc) for doc in line.split(" [SEP] ")),
            (" ".join(_strip_markers(ref).split()),),
        )
        for n, (line, ref) in enumerate(zip(sources, targets, strict=True))
    )
    return MdsData("neus", clusters, RougeSettings("f1", True), words=75)


def load(name: str, path: Path) -> MdsData:
    """The data set ``name`` (one of :data:`DATASETS`) read from ``path``."""
    loaders = {"duc2004": load_duc2004, "multinews": load_multinews, "neus": load_neus}
    if name not in loaders:
        raise NewsdeskError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")
    if not path.exists():
        raise NewsdeskError(f"{path} does not exist")
    try:
        return loaders[name](path)
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise NewsdeskError(f"{path} is not in the {name} format ({error!r})") from error
