"""Concept coverage: the sentences that cover most of what the sources agree on.

Why it works. The facts of a story that matter are the ones several outlets
report. Each outlet words them its own way, but the names, numbers and word
pairs that carry a fact ("spillway gates", "64 seats", "Hun Sen") recur from
one report to the next. Such a recurring unit is a *concept*: a pair of
adjacent words, or one word that is not a stopword, lower-cased and stemmed.
Pairs made of stopwords ("of the") are kept: the first sentences chosen
cover them, after which they weigh nothing, and dropping them measured worse.
A concept counts only when at least ``min_sources`` independent sources use
it; in a story of two sources, either suffices, since each of two reports
carries facts the other lacks. Its weight is the square of that count, so
what every outlet reports outweighs what two mention, and it is raised when
the concept first appears early in an article, where news writing puts the
main facts.

The summary is the set of sentences covering the most concept weight within
the word budget. A concept covered twice earns nothing more, which is the
redundancy control: no similarity threshold to tune. This coverage objective
is monotone submodular, the setting in which greedy selection by gain per
word is near-optimal (Khuller, Moss and Naor 1999; Lin and Bilmes 2010).
Here the gain is divided by ``length ** length_exponent`` with an exponent
below one, which favours full, informative sentences over short fragments.
A small relevance term, the closeness of a sentence's words to the words of
the whole story plus an early-position bonus, breaks the ties coverage leaves
and carries stories whose sources share few concepts. The first sentence
taken from each source earns a bonus, so that a brief reads as a roundup.
Where a story has only two sources, agreement tells little, and position
weighs more: the whole gain falls with the sentence's place in its article.

Cost: concepts are found in one pass over the words of the candidates and
their context. Each greedy step rescores every sentence in one vectorised
pass over the concept occurrences, and there is one step per chosen
sentence, so a brief costs O(chosen sentences x concept occurrences): linear
in the number of sentences read. No sentence embeddings are needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import Stemmer

from newsdesk.summarize.base import Candidate
from newsdesk.text.words import STOPWORDS

# Tokens as ROUGE and most IR tools cut them: runs of letters and digits, so
# "Sen's" gives "sen" and "s". Words of three letters or fewer are not stemmed.
_TOKEN = re.compile(r"[^\W_]+")
_MIN_STEMMED = 4


@dataclass(frozen=True, slots=True)
class Concepts:
    """The candidates' concepts as flat arrays: occurrence k is concept
    ``concept[k]`` in sentence ``sentence[k]``; ``names`` and ``weight`` are
    per concept ("harbour road", "kessrow"), ``relevance`` per sentence."""

    names: tuple[str, ...]
    sentence: np.ndarray
    concept: np.ndarray
    weight: np.ndarray
    relevance: np.ndarray


class ConceptSummarizer:
    """Greedy budgeted coverage of the concepts that several sources share.

    Parameters
    ----------
    min_sources:
        Independent sources that must use a concept for it to count (at most
        all but one of the story's sources).
    unigram_weight:
        Weight of a single content word relative to a word pair.
    first_mention:
        Boost of a concept first seen in an article's first sentence; it
        falls as ``1 / (1 + position)`` for later first mentions.
    relevance:
        Weight of the relevance term against coverage.
    lead:
        Early-position bonus within the relevance term.
    length_exponent:
        Gain is divided by ``words ** length_exponent``: 1 is pure gain per
        word, 0 ignores length.
    new_source:
        Gain of the first sentence taken from a source, shared out over the
        story's sources, so a brief reads as a roundup, not one outlet's
        article.
    two_source_lead:
        In a story of at most two sources agreement tells little (every
        concept either source uses counts), so there a sentence's gain is
        divided by ``1 + position / two_source_lead``: news writing puts the
        main facts first. 0 turns this off.
    """

    def __init__(
        self,
        min_sources: int = 2,
        unigram_weight: float = 0.6,
        first_mention: float = 1.0,
        relevance: float = 0.1,
        lead: float = 0.3,
        length_exponent: float = 0.7,
        new_source: float = 0.1,
        two_source_lead: float = 10.0,
    ) -> None:
        self.min_sources = min_sources
        self.unigram_weight = unigram_weight
        self.first_mention = first_mention
        self.relevance = relevance
        self.lead = lead
        self.length_exponent = length_exponent
        self.new_source = new_source
        self.two_source_lead = two_source_lead
        self._stemmer = Stemmer.Stemmer("porter")

    def __getstate__(self) -> dict[str, object]:
        """The settings only: a PyStemmer object cannot be pickled, and a summarizer
        travels to the worker that writes a brief, which makes its own stemmer."""
        return {k: v for k, v in self.__dict__.items() if k != "_stemmer"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._stemmer = Stemmer.Stemmer("porter")

    def tokens(self, text: str) -> list[tuple[str, bool]]:
        """``(stem, is_stopword)`` for each word of ``text``."""
        words = _TOKEN.findall(text.casefold())
        stems = self._stemmer.stemWords(words)
        return [
            (stem if len(word) >= _MIN_STEMMED else word, word in STOPWORDS)
            for word, stem in zip(words, stems, strict=True)
        ]

    def concepts(self, candidates: Sequence[Candidate]) -> Concepts:
        """Every candidate's concepts, weighted, and every candidate's relevance."""
        index: dict[str, int] = {}
        sentence_of: list[int] = []
        concept_of: list[int] = []
        unigram: list[bool] = []
        word_sets: list[set[int]] = []
        for i, candidate in enumerate(candidates):
            tokens = self.tokens(candidate.text)
            found: set[int] = set()
            words: set[int] = set()
            for position, (stem, stop) in enumerate(tokens):
                keys = []
                if not stop and len(stem) > 1:
                    keys.append((stem, True))
                if position + 1 < len(tokens):
                    keys.append((f"{stem} {tokens[position + 1][0]}", False))
                for key, single in keys:
                    number = index.get(key)
                    if number is None:
                        number = index[key] = len(unigram)
                        unigram.append(single)
                    found.add(number)
                    if single:
                        words.add(number)
            sentence_of.extend([i] * len(found))
            concept_of.extend(found)
            word_sets.append(words)
        sentence = np.asarray(sentence_of, dtype=np.int64)
        concept = np.asarray(concept_of, dtype=np.int64)
        weight = self._weights(candidates, sentence, concept, np.asarray(unigram, dtype=bool))
        relevance = self._relevance(candidates, word_sets, len(index))
        return Concepts(tuple(index), sentence, concept, weight, relevance)

    def _weights(
        self,
        candidates: Sequence[Candidate],
        sentence: np.ndarray,
        concept: np.ndarray,
        unigram: np.ndarray,
    ) -> np.ndarray:
        sources: dict[str, int] = {}
        for candidate in candidates:
            sources.setdefault(candidate.source, len(sources))
        source_of = np.array([sources[c.source] for c in candidates], dtype=np.int64)
        position_of = np.array([c.position for c in candidates], dtype=np.int64)
        pairs = np.unique(concept * len(sources) + source_of[sentence])
        reach = np.bincount(pairs // len(sources), minlength=len(unigram)).astype(np.float64)
        first = np.full(len(unigram), np.iinfo(np.int64).max)
        np.minimum.at(first, concept, position_of[sentence])
        weight = reach**2 * (1.0 + self.first_mention / (1.0 + first))
        weight[unigram] *= self.unigram_weight
        needed = min(self.min_sources, max(1, len(sources) - 1))
        weight[reach < needed] = 0.0
        return weight

    def _relevance(
        self, candidates: Sequence[Candidate], word_sets: list[set[int]], concepts: int
    ) -> np.ndarray:
        """Cosine of each sentence's content words with the story's word counts,
        plus the early-position bonus."""
        counts = np.zeros(concepts)
        for words in word_sets:
            counts[list(words)] += 1.0
        norm = max(float(np.linalg.norm(counts)), 1e-12)
        closeness = np.array(
            [counts[list(w)].sum() / (np.sqrt(len(w)) * norm) if w else 0.0 for w in word_sets]
        )
        positions = np.array([c.position for c in candidates], dtype=np.float64)
        return closeness + self.lead / (1.0 + positions)

    def _position_discount(self, sentences: Sequence[Candidate], sources: int) -> np.ndarray:
        """The factor on each sentence's gain: below 1 for later sentences
        in stories of at most two sources, 1 everywhere else."""
        if sources > 2 or self.two_source_lead <= 0:
            return np.ones(len(sentences))
        positions = np.array([c.position for c in sentences], dtype=np.float64)
        return 1.0 / (1.0 + positions / self.two_source_lead)

    def select(
        self,
        candidates: Sequence[Candidate],
        max_sentences: int,
        max_words: int,
        overflow: bool = False,
        context: Sequence[Candidate] = (),
    ) -> list[int]:
        """The chosen sentences, in the order greedy selection took them.

        ``context`` sentences count toward the concepts' weights and the
        story's word counts, so that what the sources agree on is read from
        all their text, but are never chosen. Sources are counted over both:
        a report whose sentences are all context is still one of the story's
        sources.
        """
        if not candidates or max_sentences < 1:
            return []
        every = [*candidates, *context]
        found = self.concepts(every)
        lengths = np.array([max(c.words, 1) for c in every], dtype=np.float64)
        total = max(float(found.weight.sum()), 1e-12)
        prior = self.relevance * found.relevance * lengths / max(max_words, 1)
        uncovered = found.weight.copy()
        sources = [c.source for c in every]
        heard: set[str] = set()
        new_source_gain = self.new_source / len(set(sources))
        discount = self._position_discount(every, len(set(sources)))
        open_ = np.arange(len(every)) < len(candidates)
        chosen: list[int] = []
        used = 0.0

        def gains() -> np.ndarray:
            covered = np.bincount(
                found.sentence, weights=uncovered[found.concept], minlength=len(every)
            )
            unheard = np.fromiter((s not in heard for s in sources), bool, len(sources))
            gain: np.ndarray = covered / total + prior + new_source_gain * unheard
            gain *= discount
            return gain

        while len(chosen) < max_sentences:
            fits = open_ & (used + lengths <= max_words)
            if not fits.any():
                break
            ratio = np.where(fits, gains() / lengths**self.length_exponent, -np.inf)
            best = int(np.argmax(ratio))
            chosen.append(best)
            used += lengths[best]
            open_[best] = False
            heard.add(sources[best])
            uncovered[found.concept[found.sentence == best]] = 0.0
        if overflow and used < max_words and len(chosen) < max_sentences and open_.any():
            chosen.append(int(np.argmax(np.where(open_, gains(), -np.inf))))
        return chosen
