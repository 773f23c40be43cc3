"""The development sets of bench/brief_readability.py, as `newsdesk run` takes them.

Each set becomes JSON Lines at bench time, in a temporary folder: a file per
cluster, a record per document with ``text``, ``outlet``, ``published``
(NeuS also ``title``). The data stay in ``../shared/data``; nothing is
copied into the repository. Outlets: DUC 2004 has no DOCNOs, so "DUC D1" ...
by file; Multi-News "Multi-News N" by position; NeuS val AllSides' name
where the title matches a ``raw_crawled`` story, else a fictional "NeuS
outlet A/B/C" by position. Cluster ``i`` is dated day ``i``, documents 30
minutes apart, and comes in two halves, as on two days (:func:`write_inputs`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

Cluster = tuple[str, list[dict[str, str]]]  # id, records (text, outlet, title)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def duc2004() -> list[Cluster]:
    clusters = []
    for row in _jsonl(DATA / "duc2004" / "duc2004_task2.jsonl"):
        docs = [{"text": d["text"], "outlet": f"DUC {d['name'][:-4]}"} for d in row["documents"]]
        clusters.append((row["cluster_id"], docs))
    return clusters


def multinews() -> list[Cluster]:
    clusters = []
    for row in _jsonl(DATA / "multi_news_sample50" / "sample50.jsonl"):
        docs = [{"text": d, "outlet": f"Multi-News {n}"} for n, d in enumerate(row["documents"], 1)]
        clusters.append((f"mn-{row['row_id']}", docs))
    return clusters


def _key(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.lower()))


def neus() -> list[Cluster]:
    folder = DATA / "neus_allsides"
    known: dict[str, str] = {}
    for story in _jsonl(folder / "raw_crawled" / "headline_11_2021-10-19_crawled_all.jsonl"):
        for side in (story.get("news") or {}).values():
            if side and side.get("newsTitle") and side.get("newsSource"):
                outlet = re.sub(r"\s*\([^)]*\)$", "", side["newsSource"])
                known[_key(side["newsTitle"])] = outlet
    clusters = []
    lines = (folder / "lrc_roundup_probe" / "val.source").read_text(encoding="utf-8")
    for n, line in enumerate(lines.splitlines()):
        records = []
        for letter, doc in zip("ABC", line.split(" [SEP] "), strict=False):
            title, _, text = doc.replace("TITLE=>", "").partition("ARTICLE=>")
            title = title.strip().removesuffix(".")
            outlet = known.get(_key(title), f"NeuS outlet {letter}")
            records.append({"title": title, "text": text.strip(), "outlet": outlet})
        clusters.append((f"val-{n}", records))
    return clusters


LOADERS = {"duc2004": duc2004, "multinews": multinews, "neus": neus}
FOLDERS = {
    "duc2004": DATA / "duc2004",
    "multinews": DATA / "multi_news_sample50",
    "neus": DATA / "neus_allsides",
    "demo": ROOT / "examples" / "demo",
    "seeds": DATA / "seeds",
}
BASE = datetime(2021, 3, 1, 8, tzinfo=UTC)


def write_inputs(clusters: Sequence[Cluster], folder: Path, later: bool) -> None:
    """Each cluster's first half (at least 2 documents), or with ``later`` the rest."""
    folder.mkdir(exist_ok=True)
    for day, (cluster_id, records) in enumerate(clusters):
        half = max(2, (len(records) + 1) // 2)
        dated = [
            {**r, "published": (BASE + timedelta(days=day, minutes=30 * n)).isoformat()}
            for n, r in enumerate(records)
        ]
        part = dated[half:] if later else dated[:half]
        if part:
            lines = "".join(json.dumps(r) + "\n" for r in part)
            name = f"{cluster_id}-later.jsonl" if later else f"{cluster_id}.jsonl"
            (folder / name).write_text(lines, encoding="utf-8")
