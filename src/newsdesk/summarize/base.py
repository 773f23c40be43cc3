"""The interface every extractive summarizer implements.

A summarizer sees candidate sentences (text, vector, where they come from)
and returns the indices of the ones to keep, most important first. It never
rewrites a sentence, so attribution to the source stays exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True, slots=True, eq=False)
class Candidate:
    """A sentence that may enter a brief.

    ``position`` is the sentence's rank in its article (0 = first body
    sentence); ``source`` is the article's independent-source key.
    """

    text: str
    article_id: str
    outlet: str
    source: str
    position: int
    vector: np.ndarray

    @property
    def words(self) -> int:
        return len(self.text.split())


class Summarizer(Protocol):
    """Chooses sentences for a brief within a length budget."""

    def select(
        self, candidates: Sequence[Candidate], max_sentences: int, max_words: int
    ) -> list[int]:
        """Indices into ``candidates`` of the chosen sentences, most important first."""
        ...
