"""Linguistic cues of disagreement: negation and the numbers a claim states.

Sentence embeddings tell whether two claims are about the same matter, but
hardly whether they agree: "the meeting was a first step" and "the meeting
was not a first step" sit close together. These cues carry the polarity and
the figures that the embeddings miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import Stemmer

from newsdesk.text.words import content_words, wordset

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without)\b|n['’]t\b"
    r"|\b(?:den(?:y|ies|ied)|refus(?:e|es|ed)|reject(?:s|ed)?|disputed|dismiss(?:es|ed)?)\b"
    # Not knowing is not affirming: "too early to say" agrees with "not yet known".
    r"|\b(?:too early to|unclear|unknown|unable to|declined to)\b",
    re.I,
)
# Negations that do not deny the claim ("not only", "no longer than", "whether or not").
_NOT_A_DENIAL = re.compile(
    r"\bnot only\b|\bor not\b|\bno (?:longer|later|sooner|more|less|fewer) than\b"
    r"|\bnot least\b|\bno doubt\b|\bnevertheless\b"
    # Advice and requests are not denials: "should not stop", "urged banks not to".
    r"|\b(?:should|must) not\b|(?:^|[:;,.!?]\s+)(?:please\s+)?(?:do not|don['’]t|never)\b"
    r"|\b(?:urged|asked|told|advised|warned|encouraged|called on)\b[^.;]{0,40}?\bnot to\b",
    re.I,
)
_SCOPE_WORDS = 6
# A relative clause says something about a noun, not the claim itself
# ("the supplier, which it did not name").
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose|whom)\b[^,;]*(?=[,;]|$)")
# Words too general to anchor a denial to the other claim.
_GENERAL = wordset(
    "say said says know think make made take get go come want see tell told like give yet "
    "one also would could will may might much many"
)
_stemmer = Stemmer.Stemmer("porter")
_PHRASE_END = re.compile(
    r"[,;:.!?—–]|\s(?:and|but|or|because|while|although|who|which|that|whose|when|where|if"
    r"|after|before|until|since)\s"
)

_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
_SMALL_NUMBERS = {word: n for n, word in enumerate(_NUMBER_WORDS.split())}
_MONTHS = wordset(
    "january february march april may june july august september october november december"
)
_NUMBER = re.compile(
    r"(?P<currency>[$€£])?\s?(?P<value>\d+(?:,\d{3})*(?:\.\d+)?|\b(?:"
    + "|".join(_SMALL_NUMBERS)
    + r")\b)(?P<scale>\s+(?:million|billion|thousand|hundred))?"
    r"(?P<percent>\s?(?:%|percent\b|per cent\b))?",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][\w-]*")
_SKIP_BEFORE_UNIT = wordset(
    "of its their the his her our more than about some nearly almost around over under roughly "
    "additional other extra new"
)
# Units that count people, compared as one: "2,300 members" against "1,100 workers".
_PEOPLE = wordset(
    "people persons workers members staff employees strikers residents protesters demonstrators "
    "civilians villagers passengers patients students children adults voters fans spectators "
    "migrants refugees evacuees victims inmates prisoners"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a claim states, what it counts ("percent", "people", "home", a
    month) and how the claim writes it ("2,300 members")."""

    value: float
    unit: str
    text: str


def denied_phrases(claim: str) -> list[str] | None:
    """What a claim denies, phrase by phrase, or None when it denies nothing.

    Each phrase runs from a negation cue to the next punctuation or
    conjunction, at most a few words: "the meeting was not the start of
    talks and there is no plan to hold another session" denies "the start
    of talks" and "plan to hold another session".
    """
    cleaned = _RELATIVE_CLAUSE.sub("", _NOT_A_DENIAL.sub(" ", claim))
    matches = list(_NEGATION.finditer(cleaned))
    if not matches:
        return None
    phrases = []
    for match in matches:
        tail = _PHRASE_END.split(cleaned[match.end() :], maxsplit=1)[0]
        phrase = " ".join(tail.split()[:_SCOPE_WORDS])
        if phrase:
            phrases.append(phrase)
    return phrases


# A claim that leaves its matter open ("whether", "may") affirms nothing to deny.
_OPEN = re.compile(r"\b(?:whether|might|may|possibly|perhaps|if)\b|\?", re.I)


def is_open(claim: str) -> bool:
    """Whether ``claim`` asks or hedges rather than states."""
    return _OPEN.search(claim) is not None


def stems(text: str) -> frozenset[str]:
    """The stemmed content words of ``text`` ("negotiations" and "negotiate" meet)."""
    return frozenset(_stemmer.stemWords([w for w in content_words(text) if w not in _GENERAL]))


_CLAUSE_BREAK = re.compile(r";\s*|,\s+(?:and\s+|but\s+)?(?:that\s+)?|\s+(?:and|but)\s+that\s+")


def clauses(claim: str) -> list[str]:
    """The claim's clauses of three words or more, for aligning a denied phrase to one."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(claim)]
    return [p for p in parts if len(p.split()) >= 3]


def negation_scope(claim: str) -> frozenset[str] | None:
    """The stems of the common words (not names) of :func:`denied_phrases`, or
    None when the claim denies nothing.

    Names are left out: a story's names are its topic, shared by claims
    that agree and claims that do not, so they anchor nothing.
    """
    phrases = denied_phrases(claim)
    if phrases is None:
        return None
    common = " ".join(w for phrase in phrases for w in phrase.split() if not w[:1].isupper())
    return stems(common)


def figures(claim: str) -> tuple[Figure, ...]:
    """The numbers ``claim`` states, with their units; years and clock times left out."""
    found = []
    for match in _NUMBER.finditer(claim):
        raw = match.group("value")
        before = claim[max(0, match.start() - 12) : match.start()].casefold()
        after = claim[match.end() : match.end() + 40]
        if re.match(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|:\d)", after, re.I) or re.search(r":$", before):
            continue
        small = _SMALL_NUMBERS.get(raw.casefold())
        value = float(small) if small is not None else float(raw.replace(",", ""))
        is_year = small is None and 1900 <= value <= 2100 and "," not in raw
        if is_year and not match.group("currency"):
            continue
        if match.group("scale"):
            value *= {"thousand": 1e3, "hundred": 1e2, "million": 1e6, "billion": 1e9}[
                match.group("scale").strip().casefold()
            ]
        month = next((m for m in _MONTHS if before.rstrip().endswith(m)), None)
        text = match.group(0).strip()
        unit: str | None
        if month:
            unit = month
        elif match.group("percent"):
            unit = "percent"
        elif match.group("currency"):
            unit = "money"
        else:
            counted = _counted(after)
            if counted is None:
                continue
            unit, word = counted
            text = f"{text} {word}"
        found.append(Figure(value, unit, text))
    return tuple(found)


def _counted(text: str) -> tuple[str, str] | None:
    """What a number counts, as (unit, word as written): the first word after
    it that is not a filler; people of any kind are one unit."""
    for word in _WORD.findall(text)[:4]:
        lowered = str(word).casefold()
        if lowered in _SKIP_BEFORE_UNIT:
            continue
        if word[:1].isupper() or lowered in ("and", "or", "to", "a", "in", "on", "at"):
            return None
        return ("people" if lowered in _PEOPLE else lowered.rstrip("s")), str(word)
    return None


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 0.05 * max(a, b)


def differing_figures(ours: tuple[Figure, ...], theirs: tuple[Figure, ...]) -> str | None:
    """ "2,300 against 1,100" when both claims count the same unit and share no value.

    Values within 5% of each other are the same figure rounded.
    """
    for unit in sorted({f.unit for f in ours} & {f.unit for f in theirs}):
        mine = [f for f in ours if f.unit == unit]
        other = [f for f in theirs if f.unit == unit]
        close = any(_same_value(a.value, b.value) for a in mine for b in other)
        if not close:
            return f"{mine[0].text} against {other[0].text}"
    return None
