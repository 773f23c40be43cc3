"""Lines an outlet repeats across its pages are its site's chrome.

A navigation bar, a footer or a subscription box appears on every page of a
site, while reporting does not repeat from one article to the next. Counting
how many of an outlet's documents carry each (normalised) line finds that
chrome without knowing the site. Numbers are masked before counting, so
"Read 12 comments" and "Read 3 comments" are one line.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_DIGITS = re.compile(r"\d+")
_NON_WORD_EDGES = re.compile(r"^\W+|\W+$")


def line_signature(line: str) -> str:
    """A line with case, digits, spacing and edge punctuation normalised away."""
    text = _DIGITS.sub("0", line.casefold())
    return _NON_WORD_EDGES.sub("", " ".join(text.split()))


class RepeatedLines:
    """Learns, per outlet, which lines recur in several of its documents.

    Parameters
    ----------
    min_documents:
        A line must appear in at least this many documents of one outlet.
    max_words:
        Longer lines are never chrome by repetition alone: an outlet's
        updated story repeats whole paragraphs of its first version, and
        those are reporting (the dedup stage handles such copies).
    """

    def __init__(self, min_documents: int = 2, max_words: int = 25) -> None:
        self.min_documents = min_documents
        self.max_words = max_words
        self._counts: dict[str, Counter[str]] = defaultdict(Counter)

    def fit(self, documents: Iterable[tuple[str, Iterable[str]]]) -> RepeatedLines:
        """Count lines over ``(outlet_key, lines)`` pairs, one pair per document."""
        for outlet, lines in documents:
            self._counts[outlet].update({line_signature(line) for line in lines if line.strip()})
        return self

    def is_repeated(self, outlet: str, line: str) -> bool:
        if len(line.split()) > self.max_words:
            return False
        return self._counts.get(outlet, Counter())[line_signature(line)] >= self.min_documents
