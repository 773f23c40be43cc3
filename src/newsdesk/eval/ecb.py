"""Story clustering on ECB+ (same event vs. a similar event of the same kind).

Reads ``ecb_plus_body.jsonl`` (body text only: in the raw files one event of
each topic carries URL and date lines and the other does not, which would
let a clusterer separate them by format rather than content). Documents are
fed to :class:`~newsdesk.cluster.StoryClusterer` as one stream in a seeded
random order; the gold cluster is the subtopic (one real-world event).
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from newsdesk.cluster import ArticleSignal, StoryClusterer, lead_sentence
from newsdesk.embed import TextEncoder
from newsdesk.errors import NewsdeskError
from newsdesk.eval.metrics import PRF, adjusted_mutual_information, bcubed, pairwise
from newsdesk.parallel import chunks
from newsdesk.text.words import content_words, names

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
    """The documents of an ECB+ JSONL file (``doc_id``, ``topic``, ``subtopic``, text)."""
    if not path.is_file():
        raise NewsdeskError(f"{path} is not a file (expected ecb_plus_body.jsonl)")
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
    ami: float
    clusters: int

    @classmethod
    def of(cls, predicted: Sequence[object], gold: Sequence[object]) -> ClusterScores:
        return cls(
            bcubed(predicted, gold),
            pairwise(predicted, gold),
            adjusted_mutual_information(predicted, gold),
            len(set(predicted)),
        )


def cluster_stream(
    documents: Sequence[EcbDocument],
    vectors: np.ndarray,
    clusterer: StoryClusterer,
    seed: int = 0,
) -> ClusterScores:
    """Stream ``documents`` (with their embeddings) in a seeded random order;
    score the stories. A document without text is a story of its own: it
    reports nothing to join on (the pipeline never makes it an article)."""
    order = list(range(len(documents)))
    random.Random(seed).shuffle(order)
    signals = [
        ArticleSignal(
            id=documents[i].doc_id,
            vector=vectors[i],
            names=frozenset(names(documents[i].text)),
            lead_names=frozenset(names(lead_sentence(documents[i].text))),
        )
        for i in order
        if documents[i].text.strip()
    ]
    outcome = clusterer.assign(signals)
    predicted = [outcome.story_of.get(d.doc_id, f"empty:{d.doc_id}") for d in documents]
    return ClusterScores.of(predicted, [d.event for d in documents])


def tfidf_vectors(texts: Sequence[str]) -> np.ndarray:
    """Sublinear TF x smoothed IDF over content words, rows L2-normalised."""
    counts = [Counter(content_words(t)) for t in texts]
    vocabulary = {w: i for i, w in enumerate(sorted({w for c in counts for w in c}))}
    document_frequency = Counter(w for c in counts for w in c)
    n = len(texts)
    matrix = np.zeros((n, len(vocabulary)), dtype=np.float64)
    for row, c in enumerate(counts):
        for word, k in c.items():
            idf = math.log((1 + n) / (1 + document_frequency[word])) + 1
            matrix[row, vocabulary[word]] = (1 + math.log(k)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    normalised: np.ndarray = matrix / np.maximum(norms, 1e-12)
    return normalised


_BEYOND_EVERY_CUT = 2.0  # the largest cosine distance of non-negative vectors is 1


def tfidf_baseline(
    documents: Sequence[EcbDocument], thresholds: Sequence[float]
) -> tuple[float, ClusterScores]:
    """TF-IDF cosine, average-linkage agglomerative clustering, at its best cut.

    The cut (cosine distance) is chosen on the gold labels themselves, so
    this is the baseline's best case, not a fair held-out score.
    """
    vectors = tfidf_vectors([d.text for d in documents])
    # A document without words has no cosine to anything: it is put beyond every
    # cut (distance 2), a cluster of its own.
    distances = np.nan_to_num(pdist(vectors, metric="cosine"), nan=_BEYOND_EVERY_CUT)
    tree = linkage(distances, method="average")
    gold = [d.event for d in documents]
    scored = [
        (t, ClusterScores.of(list(fcluster(tree, t, criterion="distance")), gold))
        for t in thresholds
    ]
    return max(scored, key=lambda item: item[1].bcubed.f1)


@dataclass(frozen=True)
class ClusterReport:
    """newsdesk's streamed stories and the TF-IDF baseline, on one data file."""

    documents: int
    events: int
    seeds: tuple[int, ...]
    runs: tuple[ClusterScores, ...]
    baseline_cut: float
    baseline: ClusterScores

    def _mean(self, pick: Callable[[ClusterScores], float]) -> float:
        return sum(pick(run) for run in self.runs) / len(self.runs)

    def table(self) -> str:
        def row(name: str, s: Callable[[Callable[[ClusterScores], float]], float]) -> str:
            values = [
                s(lambda r: r.bcubed.precision),
                s(lambda r: r.bcubed.recall),
                s(lambda r: r.bcubed.f1),
                s(lambda r: r.pairwise.f1),
                s(lambda r: r.ami),
            ]
            return (
                f"| {name} | "
                + " | ".join(f"{v:.3f}" for v in values)
                + (f" | {s(lambda r: float(r.clusters)):.1f} |")
            )

        lines = [
            f"ECB+ body text: {self.documents} documents, {self.events} events. newsdesk "
            f"streams the documents in seeded random orders (seeds "
            f"{', '.join(map(str, self.seeds))}; means shown); the baseline clusters them "
            f"all at once and is cut at its best cosine distance ({self.baseline_cut:.3f}), "
            "chosen on these gold labels.",
            "",
            "| system | B3 P | B3 R | B3 F1 | pairwise F1 | AMI | stories |",
            "|---|---|---|---|---|---|---|",
            row("newsdesk (stream)", self._mean),
            row("TF-IDF + average linkage (best cut)", lambda pick: pick(self.baseline)),
        ]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        def scores(s: ClusterScores) -> dict[str, float]:
            return {
                "bcubed_precision": s.bcubed.precision,
                "bcubed_recall": s.bcubed.recall,
                "bcubed_f1": s.bcubed.f1,
                "pairwise_precision": s.pairwise.precision,
                "pairwise_recall": s.pairwise.recall,
                "pairwise_f1": s.pairwise.f1,
                "ami": s.ami,
                "stories": s.clusters,
            }

        return {
            "documents": self.documents,
            "events": self.events,
            "newsdesk": {
                str(seed): scores(r) for seed, r in zip(self.seeds, self.runs, strict=True)
            },
            "tfidf_average_linkage": {"cut": self.baseline_cut, **scores(self.baseline)},
        }


def evaluate_clustering(
    path: Path,
    encoder: TextEncoder,
    clusterer: StoryClusterer,
    seeds: Sequence[int] = (0, 1, 2),
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> ClusterReport:
    """newsdesk and the TF-IDF baseline on an ECB+ body-text JSONL file.

    ``progress(stage, steps)`` is called once per stage and returns the
    callable that advances it (the command line draws a bar per stage).
    """
    stage = progress or (lambda name, total: lambda steps: None)
    documents = load_ecb(path)
    advance = stage("Embedding documents", len(documents))
    parts = []
    for part in chunks(documents, 64):
        parts.append(encoder.encode([d.text for d in part]))
        advance(len(part))
    vectors = np.concatenate(parts) if parts else encoder.encode([])
    advance = stage("Clustering streams", len(seeds))
    runs = []
    for seed in seeds:
        runs.append(cluster_stream(documents, vectors, clusterer, seed))
        advance(1)
    advance = stage("TF-IDF baseline", 1)
    cut, baseline = tfidf_baseline(documents, [t / 200 for t in range(40, 200, 5)])
    advance(1)
    return ClusterReport(
        len(documents), len({d.event for d in documents}), tuple(seeds), tuple(runs), cut, baseline
    )
