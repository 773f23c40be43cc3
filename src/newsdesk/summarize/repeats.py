"""No fact twice: whether two sentences of a brief report the same thing.

Two reports of one event tell its core again and again, each in its own
words: "More than 4.4 million Americans filed..." and "Another 4.4 million
people claimed...". A reader needs it once. :func:`repeats` is cheap on
purpose (a set intersection per pair of chosen sentences); :class:`SameReport`
embeds, and the editor asks both only of the handful of sentences a brief shows.
"""

from __future__ import annotations

import re

from newsdesk.analyze.figures import figures
from newsdesk.embed import TextEncoder
from newsdesk.summarize.referents import OPENING_MARKS
from newsdesk.text.words import content_words, wordset

_NUMBER = re.compile(
    r"(?<![\w.,])([$£€¥])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:(?:\s?(million|billion|trillion)|(bn|m))\b|(?![\w:]|[.,]\d))"
)
_DAY_OR_NUMBER = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\d[\d,.]*\d|\d"
)
# The day an event is told of: "on Wednesday", "late Sunday", "on Jan. 13".
_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b",
    re.IGNORECASE,
)
_ENDINGS = ("ing", "ed", "es", "s")
# The cosine at which two sentences are one report: the brief credits another
# outlet's sentence as the same report at it (if they also share words), and
# shows no two sentences this alike (unless their specific numbers differ).
SAME_REPORT = 0.75
# Two tellings of one day's event share at least this many words (the day one
# of them): "Divers will inspect the pier's piles on Wednesday" shares only
# pier, piles and the day with the barge that struck them that day.
_SAME_DAY_WORDS = 5
# Two or more capitalised words in a row: a name ("New York", "Theresa May").
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_SCALES = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
# A word before a number that does not make the number part of a name.
_NOT_A_NAME = wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december"
)


def repeats(ours: str, theirs: str, share: float = 0.6, same_day: float = 0.4) -> bool:
    """Whether two sentences report the same thing: a figure of the same value
    counting the same thing ("3.25%" and "3.25 percent", "3,200 people"
    twice), the same specific number where neither says it counts something
    else ("4.4 million Americans" and "4.4 million people"; not "3,200
    people" and "3,200 hectares"), ``share`` of the shorter one's content
    words, or the same event: the same day named and ``same_day`` of the
    shorter one's content words (5 at least), plurals and tenses folded ("was shut late
    Wednesday after a barge hit one of its piers" and "will stay closed ...
    after a barge struck one of its supporting piers late on Wednesday")."""
    if ours.casefold() == theirs.casefold():
        return True
    counted: dict[float, set[tuple[str, str | None]]] = {}
    their_figures = figures(theirs)
    for mine in figures(ours):
        for other in their_figures:
            if mine.value == other.value:
                counted.setdefault(mine.value, set()).update(
                    {(mine.unit, mine.measure), (other.unit, other.measure)}
                )
            if (
                mine.value == other.value
                and mine.unit == other.unit
                and (mine.unit or mine.measure)
                and (mine.measure == other.measure or None in (mine.measure, other.measure))
            ):
                return True
    shared = _specific_numbers(ours) & _specific_numbers(theirs)
    if any(len(counted.get(value, ())) < 2 for value in shared):
        return True
    a, b = _telling_words(ours), _telling_words(theirs)
    shorter = min(len(a), len(b))
    if shorter >= 4 and len(a & b) >= share * shorter:
        return True
    if not named_days(ours) & named_days(theirs):
        return False
    a, b = {_stem(w) for w in a}, {_stem(w) for w in b}
    common = len(a & b)
    return common >= _SAME_DAY_WORDS and common >= same_day * min(len(a), len(b))


def named_days(text: str) -> set[str]:
    """The days ``text`` tells of ("monday", "jan. 13"), folded."""
    return {day.casefold() for day in _DAY.findall(text)}


def _stem(word: str) -> str:
    """``word`` without a plural or tense ending, when a stem of 4+ letters stays."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _telling_words(text: str) -> set[str]:
    """Content words, possessives folded ("Turkey's" is "turkey"), with the
    numbers, the weekday and every word of a name ("New York"): "on Monday
    ... from 18 to 21" is as much the event as "tobacco"."""
    found = {re.sub(r"['’]s$", "", word) for word in content_words(text)}
    opening = len(text) - len(text.lstrip(OPENING_MARKS + " "))
    in_names = {
        word.casefold()
        for run in _NAME_RUN.finditer(text)
        for word in run.group().split()[1 if run.start() == opening else 0 :]
    }
    return found | in_names | set(_DAY_OR_NUMBER.findall(text.casefold()))


def _specific_numbers(text: str) -> set[float]:
    """The numbers of ``text`` that two reports would hardly share by chance:
    with a decimal point, a scale or a currency, or of three digits or more;
    not a year, nor a number that is part of a name ("S&P 500")."""
    found = set()
    for match in _NUMBER.finditer(text):
        currency, whole, fraction, scale, short_scale = match.groups()
        scale = scale or (short_scale if currency else None)  # "$60bn"; not "100 m"
        digits = whole.replace(",", "")
        year = "," not in whole and len(digits) == 4 and 1800 <= int(digits) <= 2100
        before = text[: match.start()].split()
        # "S&P 500", "Boeing 747": a capitalised word right before, not a sentence's
        # first ("Another 4.4 million"), not "In July, 4,400", not "Thursday 4.4".
        named = (
            len(before) > 1
            and not currency
            and text[match.start() - 1 : match.start()] == " "
            and before[-1][:1].isupper()
            and before[-1][-1:].isalnum()
            and before[-1].casefold() not in _NOT_A_NAME
        )
        if named or (year and not currency):
            continue
        if currency or fraction or scale or len(digits) >= 3:
            found.add(float(digits + (fraction or "")) * _SCALES.get(scale or "", 1))
    return found


class SameReport:
    """Whether two sentences report the same thing in other words ("the 5th
    Circuit let the law be enforced again" and "an appeals court reinstated
    the law"), which :func:`repeats` cannot see.

    The threshold is the cosine the brief credits outlets by,
    :data:`SAME_REPORT`, without that test's shared words: a brief does not
    show two sentences this alike. Two
    sentences that give different specific numbers ("$34 billion" against
    "$60bn") report different things. Read by hand in the briefs of 60 NeuS
    val clusters, 12 of the 13 pairs of brief sentences at 0.75 or more told
    one fact twice, and 6 of 11 between 0.70 and 0.75. Below that, sentences of one
    story are alike in topic and the embedding alone no longer tells a repeat
    from the next development: of 40 pairs at 0.6 to 0.75, those at 0.65 or
    more that also shared 0.3 of their telling words told one fact 9 times
    in 11, hence ``shared_words`` for a lower ``threshold``.

    Cost: one embedding per distinct sentence asked about (give a
    :class:`~newsdesk.embed.RememberingEncoder` to reuse them), for every
    pair unless its specific numbers differ; with ``shared_words`` above 0,
    only for pairs that also pass the word test.

    Parameters
    ----------
    encoder:
        Encodes sentences to unit vectors.
    threshold:
        Cosine at which two sentences are the same report.
    shared_words:
        Share of the shorter sentence's telling words the pair must share;
        0, the default, asks for none.
    """

    def __init__(
        self, encoder: TextEncoder, threshold: float = SAME_REPORT, shared_words: float = 0.0
    ) -> None:
        self.encoder = encoder
        self.threshold = threshold
        self.shared_words = shared_words

    def __call__(self, ours: str, theirs: str) -> bool:
        a, b = _telling_words(ours), _telling_words(theirs)
        shorter = min(len(a), len(b))
        if not shorter or len(a & b) < self.shared_words * shorter:
            return False
        numbers, others = _specific_numbers(ours), _specific_numbers(theirs)
        if numbers and others and not numbers & others:
            return False
        first, second = self.encoder.encode([ours, theirs])
        return float(first @ second) >= self.threshold
