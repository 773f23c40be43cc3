"""Words, content words and proper names, by simple and fast rules.

These run on every article (the cheap end of the cascade), so they are
regular expressions, not a tagger.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'’])([A-Z][\w'’.-]*(?:\s+(?:of|the|de|al|van|von|for|and|&)?\s*[A-Z][\w'’.-]*)*)"
)
# The last non-space character before a word that starts a sentence.
_SENTENCE_BOUNDARY = frozenset('.!?"“”:')
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "according",
        "mr",
        "mrs",
        "ms",
        "dr",
        "new",
        "one",
        "two",
        "three",
        "would",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "also",
        "year",
        "years",
        "last",
        "first",
        "week",
        "weeks",
        "day",
        "days",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "today",
        "yesterday",
        "tomorrow",
        "percent",
        "people",
        "time",
    ]
)
_NAME_STOPWORDS = STOPWORDS | frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "but",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
    ]
)


def wordset(text: str) -> frozenset[str]:
    """The words of a space-separated list, as a set (for word lists kept readable)."""
    return frozenset(text.split())


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stopwords, no numbers, no one-letter tokens."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1 and not w.isdigit()]


def names(text: str) -> set[str]:
    """Proper-name tokens: capitalised words that do not start a sentence.

    Multi-word names give each of their tokens ("Moussa Ibrahim" gives
    "moussa" and "ibrahim"), so a later bare surname still matches.
    """
    found: set[str] = set()
    for match in _CAPITALISED_RUN.finditer(text):
        sentence_start = _opens_sentence(text, match.start())
        tokens = [t.strip(".'’-").casefold() for t in match.group(1).split()]
        tokens = [t for t in tokens if t and t not in _NAME_STOPWORDS and not t.isdigit()]
        if sentence_start and len(tokens) < 2:
            continue
        found.update(tokens)
    return found


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` begins the text or follows a sentence end, quote or colon.

    Whitespace between is skipped, so a line break alone does not start a
    sentence: a word after a headline with no full stop may still be a name.
    Only the whitespace just before ``start`` is read, never the whole prefix:
    the whitespace runs before successive matches do not overlap, so
    :func:`names` stays linear in the length of the text.
    """
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _SENTENCE_BOUNDARY
