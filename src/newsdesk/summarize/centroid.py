"""Centroid summarization with redundancy control and source diversity.

Sentences close to the centroid of all candidate sentences speak to what the
story is about; early sentences of a news article carry its main facts; a
sentence whose content other outlets also report is better supported. The
greedy choice then skips sentences too similar to one already chosen (MMR)
and prefers outlets not yet heard from, so a brief reads as a roundup rather
than one outlet's article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from newsdesk.summarize.base import Candidate

_CONTEXT_OPENERS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "this",
        "that",
        "these",
        "those",
        "but",
        "and",
        "so",
        "however",
        "meanwhile",
        "also",
        "his",
        "her",
        "their",
        "its",
        "then",
        "still",
        "yet",
    ]
)


class CentroidSummarizer:
    """Greedy centroid + position + support selection under a redundancy limit.

    Parameters
    ----------
    redundancy:
        A sentence whose cosine with a chosen one reaches this is skipped.
    support:
        Cosine at which a sentence of another source counts as reporting
        the same content.
    position_weight, support_weight, diversity_weight:
        Weights of the early-position bonus, the per-source support bonus and
        the penalty per sentence already taken from the same source.
    """

    def __init__(
        self,
        redundancy: float = 0.72,
        support: float = 0.6,
        position_weight: float = 0.15,
        support_weight: float = 0.04,
        diversity_weight: float = 0.06,
    ) -> None:
        self.redundancy = redundancy
        self.support = support
        self.position_weight = position_weight
        self.support_weight = support_weight
        self.diversity_weight = diversity_weight

    def scores(self, candidates: Sequence[Candidate]) -> np.ndarray:
        """Each candidate's importance, before redundancy and diversity."""
        vectors = np.stack([c.vector for c in candidates])
        centroid = vectors.mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
        similarity = vectors @ vectors.T
        sources = [c.source for c in candidates]
        scores: np.ndarray = np.asarray(vectors @ centroid, dtype=np.float64)
        for i, candidate in enumerate(candidates):
            supporters = {
                sources[j]
                for j in np.flatnonzero(similarity[i] >= self.support)
                if sources[j] != candidate.source
            }
            scores[i] += self.support_weight * len(supporters)
            scores[i] += self.position_weight / (1.0 + candidate.position)
            first_word = candidate.text.split()[0].casefold().strip("\"“'‘")
            if first_word in _CONTEXT_OPENERS:
                scores[i] -= 0.2
        return scores

    def select(
        self, candidates: Sequence[Candidate], max_sentences: int, max_words: int
    ) -> list[int]:
        if not candidates:
            return []
        scores = self.scores(candidates)
        vectors = np.stack([c.vector for c in candidates])
        chosen: list[int] = []
        per_source: Counter[str] = Counter()
        words = 0
        remaining = set(range(len(candidates)))
        while remaining and len(chosen) < max_sentences:

            def gain(i: int) -> float:
                return float(scores[i]) - self.diversity_weight * per_source[candidates[i].source]

            best = max(remaining, key=gain)
            remaining.discard(best)
            if chosen and float((vectors[chosen] @ vectors[best]).max()) >= self.redundancy:
                continue
            if chosen and words + candidates[best].words > max_words:
                continue
            chosen.append(best)
            per_source[candidates[best].source] += 1
            words += candidates[best].words
        return chosen
