"""The interface every extractive summarizer implements.

A summarizer sees candidate sentences (their text and where they come from)
and returns the indices of the ones to keep, most important first. It never
rewrites a sentence, so attribution to the source stays exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence of a story's reports: one that may enter a brief, or context.

    ``text`` is one sentence, or a quotation of several kept whole;
    ``position`` is its rank among its article's candidates (0 = the first;
    a context sentence has the rank of the candidate after it); ``source``
    is the article's independent-source key.
    """

    text: str
    article_id: str
    outlet: str
    source: str
    position: int

    @property
    def words(self) -> int:
        return len(self.text.split())


class Summarizer(Protocol):
    """Chooses sentences for a brief within a length budget."""

    def select(
        self,
        candidates: Sequence[Candidate],
        max_sentences: int,
        max_words: int,
        overflow: bool = False,
        context: Sequence[Candidate] = (),
    ) -> list[int]:
        """Indices into ``candidates`` of the chosen sentences, most important first.

        The chosen sentences fit ``max_words``. With ``overflow``, one more
        sentence follows when words are left over, for evaluations that cut
        every summary at exactly the budget (DUC cuts at 100 words).
        ``context`` is the rest of the reports' text: sentences that may not
        be chosen but tell what the sources say.
        """
        ...
