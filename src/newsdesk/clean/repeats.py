"""Lines an outlet repeats across its pages are its site's chrome.

A navigation bar, a footer or a subscription box appears on every page of a
site, while reporting does not repeat from one article to the next. Counting
how many of an outlet's documents carry each (normalised) line finds that
chrome without knowing the site. Numbers are masked before counting, so
"Read 12 comments" and "Read 3 comments" are one line.

Counts carry over between runs (the store keeps them, see
:meth:`RepeatedLines.fit`), so a daily run that brings one new page of an
outlet still knows that outlet's chrome.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from newsdesk.text.sentences import SENTENCE_ENDINGS

_DIGITS = re.compile(r"\d+")
_NON_WORD_EDGES = re.compile(r"^\W+|\W+$")


def line_signature(line: str) -> str:
    """A line with case, digits, spacing and edge punctuation normalised away."""
    text = _DIGITS.sub("0", line.casefold())
    return _NON_WORD_EDGES.sub("", " ".join(text.split()))


def _reads_as_sentence(line: str) -> bool:
    return len(line.split()) >= 6 and line.rstrip().endswith(SENTENCE_ENDINGS)


class RepeatedLines:
    """Learns, per outlet, which lines recur in several of its documents.

    Parameters
    ----------
    min_documents:
        A line that does not read as a sentence (a menu, a label, a button)
        is chrome once this many documents of one outlet carry it.
    min_documents_sentence:
        A line that reads as a sentence needs this many: an outlet's story
        and its update share short paragraphs of reporting, while a site's
        boilerplate sentence is on nearly every page.
    max_words:
        Longer lines are never chrome by repetition alone; they are counted
        neither here nor in the store.
    """

    def __init__(
        self, min_documents: int = 2, min_documents_sentence: int = 5, max_words: int = 25
    ) -> None:
        self.min_documents = min_documents
        self.min_documents_sentence = min_documents_sentence
        self.max_words = max_words
        self._counts: dict[str, Counter[str]] = defaultdict(Counter)

    def signatures(self, lines: Iterable[str]) -> set[str]:
        """The signatures of a document's lines that repetition can make chrome."""
        return {
            line_signature(line)
            for line in lines
            if line.strip() and len(line.split()) <= self.max_words
        }

    def fit(
        self,
        documents: Iterable[tuple[str, Iterable[str]]],
        prior: Mapping[str, Mapping[str, int]] | None = None,
    ) -> RepeatedLines:
        """Count lines over ``(outlet_key, lines)`` pairs, one pair per document.

        ``prior`` holds counts from documents read in earlier runs, by
        outlet key and signature; the documents given here must not be
        among them.
        """
        return self.fit_signatures(
            ((outlet, self.signatures(lines)) for outlet, lines in documents), prior
        )

    def fit_signatures(
        self,
        documents: Iterable[tuple[str, Iterable[str]]],
        prior: Mapping[str, Mapping[str, int]] | None = None,
    ) -> RepeatedLines:
        """:meth:`fit` from each document's :meth:`signatures`, already taken."""
        self._counts = defaultdict(Counter)
        for outlet, counts in (prior or {}).items():
            self._counts[outlet].update(counts)
        for outlet, signatures in documents:
            self._counts[outlet].update(signatures)
        return self

    def is_repeated(self, outlet: str, line: str) -> bool:
        if len(line.split()) > self.max_words:
            return False
        needed = self.min_documents_sentence if _reads_as_sentence(line) else self.min_documents
        return self._counts.get(outlet, Counter())[line_signature(line)] >= needed
