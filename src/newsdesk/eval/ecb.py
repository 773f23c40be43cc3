"""Story clustering on ECB+ (same event vs. a similar event of the same kind).

Reads ``ecb_plus_body.jsonl`` (body text only: in the raw files one event of
each topic carries URL and date lines and the other does not, which would
let a clusterer separate them by format rather than content). Documents are
fed to :class:`~newsdesk.cluster.StoryClusterer` as one stream in a seeded
random order; the gold cluster is the subtopic (one real-world event).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdesk.cluster import ArticleSignal, StoryClusterer
from newsdesk.embed import Embedder
from newsdesk.eval.metrics import PRF, bcubed, pairwise
from newsdesk.text.words import names

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


@dataclass(frozen=True, slots=True)
class EcbDocument:
    doc_id: str
    topic: int
    event: str
    text: str


def detokenize(tokenized: str) -> str:
    """ECB+'s space-separated tokens back to readable text, one sentence a line."""
    text = tokenized.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def load_ecb(path: Path) -> list[EcbDocument]:
    documents = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            documents.append(
                EcbDocument(
                    record["doc_id"],
                    int(record["topic"]),
                    record["subtopic"],
                    detokenize(record["text_tokenized"]),
                )
            )
    return documents


@dataclass(frozen=True, slots=True)
class ClusterScores:
    bcubed: PRF
    pairwise: PRF
    clusters: int


def cluster_stream(
    documents: Sequence[EcbDocument],
    embedder: Embedder,
    clusterer: StoryClusterer,
    seed: int = 0,
) -> ClusterScores:
    """Stream ``documents`` in a seeded random order and score the stories."""
    order = list(range(len(documents)))
    random.Random(seed).shuffle(order)
    vectors = embedder.encode([d.text for d in documents])
    signals = [
        ArticleSignal(
            id=documents[i].doc_id, vector=vectors[i], names=frozenset(names(documents[i].text))
        )
        for i in order
    ]
    outcome = clusterer.assign(signals)
    predicted = [outcome.story_of[d.doc_id] for d in documents]
    gold = [d.event for d in documents]
    return ClusterScores(bcubed(predicted, gold), pairwise(predicted, gold), len(set(predicted)))
