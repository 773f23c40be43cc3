"""The figures a claim states, what each one counts, and when two of them disagree.

Two numbers disagree only when they measure the same thing: "20 killed"
against "21 dead" does, "half of the 115-yacht fleet" against "37 yachts"
does not. So each number is read with what it counts (the noun after it:
"2,300 members"), the event it is a count of when one is named beside it
(killed, injured, missing, ...: its *measure*), how it is hedged ("at
least 60", "about 180", "up to 34"), and the words around it. Two figures
are one quantity when they share a measure, or else when they count the
same unit and the words around them share at least two content words and
the same qualifying numbers ("children under 7"). Precision comes first:
a difference a reader can trust is worth more than one more found.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.analyze.cues import stems
from newsdesk.text.words import content_words, wordset

_SMALL = (
    "zero", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip
_SMALL_NUMBERS = {word: float(n) for n, word in enumerate(_SMALL)}
_NUMBER = re.compile(
    r"(?P<currency>[$€£])?\s?(?P<value>\d+(?:,\d{3})*(?:\.\d+)?|\b(?:"
    + "|".join(_SMALL)
    + r")\b)(?P<scale>\s+(?:million|billion|thousand|hundred)\b|(?:m|bn)\b)?"
    r"(?P<percent>\s?(?:%|percent\b|per cent\b))?",
    re.I,
)
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "m": 1e6, "bn": 1e9}
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d|\d|[,;:.!?()]")
# A clause ends a figure's reach: "20 killed, 10 wounded" counts two things.
_CLAUSE_BREAKS = {",", ";", ":", ".", "!", "?", "(", ")", "and", "but", "while", "whereas", "or"}
_BEFORE, _AFTER = 4, 7  # words read before and after a number, within its clause

# The events a count can be of, by the words that name them.
_MEASURES = {
    "deaths": {
        "kill",
        "killed",
        "killing",
        "kills",
        "dead",
        "die",
        "died",
        "dies",
        "dying",
        "death",
        "deaths",
        "fatality",
        "fatalities",
        "fatal",
        "perished",
        "lives",
        "toll",
    },
    "injuries": {
        "injured",
        "injuring",
        "injuries",
        "injury",
        "wounded",
        "wounding",
        "hurt",
        "hospitalised",
        "hospitalized",
        "non-fatal",
    },
    "missing": {"missing", "disappeared", "vanished"},
    "arrests": {"arrested", "arrests", "detained", "detentions", "apprehended", "apprehensions"},
    "population": {"population", "inhabitants"},
    "evacuations": {"evacuated", "evacuees", "evacuation", "evacuate"},
    "strikers": {"strike", "strikers", "striking", "walkout"},
}
# Two-word measures: "stayed away (from work)", "walked out".
_MEASURE_PHRASES = {
    ("stayed", "away"): "strikers",
    ("walked", "out"): "strikers",
    ("home", "to"): "population",
    ("city", "of"): "population",
    ("intensive", "care"): "intensive care",
}
_MEASURE_OF = {word: measure for measure, words in _MEASURES.items() for word in words}
# "more than 250", "up to 34", "about 180": the range a hedged figure allows.
_AT_LEAST = re.compile(r"(?:at least|more than|over|upwards of|no fewer than|no less than)\s*$")
_AT_MOST = re.compile(
    r"(?:at most|up to|fewer than|less than|under|nearly|almost|no more than|within)\s*$"
)
_ABOUT = re.compile(r"(?:about|some|around|roughly|approximately|an estimated|estimated)\s*$")
_SKIP_BEFORE_UNIT = wordset(
    "of its their the his her our more than about some nearly almost around over under "
    "roughly additional other others another extra new"
)
_PEOPLE = wordset(
    "people person persons workers members staff employees strikers residents protesters "
    "demonstrators civilians villagers passengers patients students children adults "
    "voters fans spectators migrants refugees evacuees victims inmates prisoners opponents "
    "dissidents citizens individuals men women youths teenagers"
)
# Words after a number that say it counts nothing named: "Seven of the most severely hurt".
_NOT_COUNTED = wordset(
    "to a an in on at of by for from with into near along across after before during since "
    "were was is are had has have most many them whom which all each"
)
# A word of these endings before the counted noun describes it: "4,299 political opponents".
_ADJECTIVE = re.compile(r"(?:al|ic|ous|ive|ful|less|ian|ese|ish)$")
_ROUNDING = 0.05  # "about 180" allows 5% either way
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "three to five people", "130-170 degrees", "between 5 and 7".
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–)\s*")
# "three to five people are hospitalized every week": a rate, not a count.
_RATE = re.compile(
    r"(?:\s+[a-z]+){0,4}?\s+(?:a|per|every|each)\s+(?:day|week|month|year|hour|minute)\b", re.I
)
_HEDGE = re.compile(
    r"(?:at least|more than|over|up to|about|some|around|nearly|almost|roughly)\s*$", re.I
)
# Spans of time are counted from moments the sources need not share ("four minutes
# after the alert" against "six minutes after the call"): never compared.
_DURATIONS = wordset("second minute hour day week month year decade")
_ABBREVIATED = {"m", "bn"}
_POSSESSIVE = re.compile(
    r"(?:\bits|\btheir|['’]s)\s+$", re.I
)  # "$57m", "$1.2bn"; without a currency "5m" is metres


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a claim states.

    ``unit`` is what it counts ("people", "percent", "money", "home"; "" when
    nothing countable follows but a measure is named); ``measure`` the event
    it counts, if named beside it ("deaths"); ``low`` and ``high`` the range
    it allows (a hedge's, a range's, a rounded figure's); ``frame`` the stems
    of the common words of its clause; ``names`` the capitalised words there
    (whose figure it is: "Trump's campaign has 25 percent"); ``qualifiers``
    the other numbers there ("children under 7"); ``years`` the years the
    claim names (a figure of 1978 is another event's); ``text`` how the claim
    writes it, with its counted or measure word ("killing 65 people").
    """

    value: float
    unit: str
    text: str
    measure: str | None = None
    low: float = 0.0
    high: float = math.inf
    frame: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    qualifiers: frozenset[float] = frozenset()
    years: frozenset[str] = frozenset()


Token = tuple[str, int, int]  # a word or punctuation mark, where it starts and ends


def figures(claim: str) -> tuple[Figure, ...]:
    """The numbers ``claim`` states with what they count; years, dates, clock
    times, rates ("five a week") and compound modifiers ("a 17-year rule")
    left out. "three to five people" is one figure of three to five."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(claim)]
    years = frozenset(_YEAR.findall(claim))
    matches = list(_NUMBER.finditer(claim))
    found = []
    for n, match in enumerate(matches):
        if n and _RANGE_JOIN.fullmatch(claim[matches[n - 1].end() : match.start()]):
            continue  # the end of a range, read with its start
        end = matches[n + 1] if n + 1 < len(matches) else None
        if end is not None and not _RANGE_JOIN.fullmatch(claim[match.end() : end.start()]):
            end = None
        figure = _figure(claim, match, end, tokens, years)
        if figure is not None:
            found.append(figure)
    return tuple(found)


def _value(match: re.Match[str]) -> float:
    raw = match.group("value")
    value = _SMALL_NUMBERS.get(raw.casefold())
    value = float(raw.replace(",", "")) if value is None else value
    if match.group("scale"):
        value *= _SCALES[match.group("scale").strip().casefold()]
    return value


def _start(match: re.Match[str]) -> int:
    """Where a figure starts: at its currency sign, else its digits (not the space before)."""
    return match.start("currency") if match.group("currency") else match.start("value")


def _skipped(claim: str, match: re.Match[str], last: re.Match[str]) -> bool:
    """A number that counts nothing here: a year, a time, a date, a rate, a
    compound modifier, or metres taken for millions (``last`` ends its range)."""
    raw, after = match.group("value"), claim[last.end() : last.end() + 40]
    before = claim[max(0, _start(match) - 40) : _start(match)].casefold()
    scale = (match.group("scale") or "").strip().casefold()
    return bool(
        re.match(r"-(?!\d)|(?:st|nd|rd|th)\b", after)  # "a 115-yacht fleet", "the 60th"
        or re.match(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|:\d)", after)
        or _RATE.match(after)
        or re.search(r"[.:\d]$|\b(?:19|20)\d\d\s*$", before)
        # "the four men": a reference to a known set, not a count
        or re.search(r"\b(?:the|these|those)\s+$", before)
        # "could have reached nearly 120": an estimate of what might be
        or re.search(r"\b(?:could|would|might|may)(?:'ve)?\b(?:\s+\w+){0,3}\s*$", before)
        or (raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100 and not scale)
        or (scale in _ABBREVIATED and not match.group("currency"))
    )


def _figure(
    claim: str,
    match: re.Match[str],
    range_end: re.Match[str] | None,
    tokens: Sequence[Token],
    years: frozenset[str],
) -> Figure | None:
    last = range_end or match
    if _skipped(claim, match, last):
        return None
    value, raw = _value(match), match.group("value")
    before = _within_clause([t for t in reversed(tokens) if t[2] <= _start(match)], _BEFORE)
    after = _within_clause([t for t in tokens if t[1] >= last.end()], _AFTER)
    if before and before[0][0].casefold() in _MONTHS:
        return None  # "March 3"
    measure, measure_word = _measure(before, after)
    if measure_word is not None:
        measure = _joined_measure(claim, measure, measure_word)
    elif _POSSESSIVE.search(claim[max(0, _start(match) - 10) : _start(match)]):
        measure = "population"  # "North Korea's 22 million people"
    text_start, text_end = _start(match), last.end()
    if match.group("percent") or (range_end and range_end.group("percent")):
        unit = "percent"
    elif match.group("currency"):
        unit = "money"
    else:
        counted = _counted(after)
        if counted is None and (measure is None or not raw[0].isdigit()):
            return None  # "one was killed": a number word needs its noun
        unit, text_end = counted if counted else ("", text_end)
    if measure_word is not None and not unit:  # "killed 60": the measure says what it counts
        text_start, text_end = min(text_start, measure_word[1]), max(text_end, measure_word[2])
    hedge = _HEDGE.search(claim[max(0, text_start - 20) : text_start])
    if hedge:
        text_start -= len(hedge.group(0))
    low, high = _range(value, raw, claim[max(0, _start(match) - 20) : _start(match)].casefold())
    if range_end is not None:
        low, high = min(value, _value(range_end)), max(value, _value(range_end))
    clause = [w for w, _, _ in [*before, *after]]
    return Figure(
        value=value,
        unit=unit,
        text=" ".join(claim[text_start:text_end].split()),
        measure=measure,
        low=low,
        high=high,
        frame=stems(" ".join(w for w in clause if not w[:1].isupper())),
        names=frozenset(w for w in clause if w[:1].isupper() and content_words(w)),
        qualifiers=frozenset(
            _value(m) for m in _NUMBER.finditer(" ".join(clause)) if not _YEAR.fullmatch(m[0])
        ),
        years=years,
    )


_MONTHS = wordset(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec"
)


def _within_clause(
    tokens: Sequence[tuple[str, int, int]], limit: int
) -> list[tuple[str, int, int]]:
    """Up to ``limit`` word tokens, nearest first, up to the first clause break."""
    near = []
    for token in tokens:
        if token[0].casefold() in _CLAUSE_BREAKS:
            break
        near.append(token)
        if len(near) == limit:
            break
    return near


def _measure(
    before: Sequence[tuple[str, int, int]], after: Sequence[tuple[str, int, int]]
) -> tuple[str | None, tuple[str, int, int] | None]:
    """The nearest measure word on either side (after wins a tie), and the word."""
    for distance in range(max(len(before), len(after))):
        for side, step in ((after, 1), (before, -1)):
            if distance < len(side):
                word = side[distance]
                measure = _MEASURE_OF.get(word[0].casefold())
                following = distance + step  # the next word in the text's order
                if measure is None and 0 <= following < len(side):
                    other = side[following]
                    measure = _MEASURE_PHRASES.get((word[0].casefold(), other[0].casefold()))
                    if measure:  # the phrase as a whole: "intensive care"
                        word = (word[0], min(word[1], other[1]), max(word[2], other[2]))
                if measure:
                    return measure, word
    return None, None


def _joined_measure(claim: str, measure: str | None, word: Token) -> str | None:
    """ "dead and missing", "killed or disappeared": one count of two measures,
    another quantity than either alone."""
    joined = re.match(r"\s+(?:and|or)\s+([A-Za-z-]+)", claim[word[2] :])
    other = _MEASURE_OF.get(joined.group(1).casefold()) if joined else None
    if measure is None or other is None or other == measure:
        return measure
    return "+".join(sorted((measure, other)))


def _counted(after: Sequence[tuple[str, int, int]]) -> tuple[str, int] | None:
    """What a number counts, as (unit, where its word ends): the first word after
    it that is not a filler; people of any kind are one unit."""
    for word, _, end in after[:4]:
        lowered = word.casefold()
        if lowered in _SKIP_BEFORE_UNIT:
            continue
        if word[:1].isupper() or lowered in _NOT_COUNTED or not word[0].isalpha():
            return None
        if lowered in _MEASURE_OF:
            return None  # "60 dead": the measure says what is counted
        if _ADJECTIVE.search(lowered):
            continue
        return ("people" if lowered in _PEOPLE else lowered.rstrip("s")), end
    return None


def _range(value: float, raw: str, before: str) -> tuple[float, float]:
    """The values a figure allows: a hedge's range; a rounded figure's ("3,000",
    "3.2 million") half a step of its last digit either way; else itself."""
    if _AT_LEAST.search(before):
        return value, math.inf
    if _AT_MOST.search(before):
        return 0.0, value
    if _ABOUT.search(before):
        return value * (1 - _ROUNDING), value * (1 + _ROUNDING)
    digits = raw.replace(",", "")
    if not digits.isdigit() or not int(digits):
        return value, value  # a word ("five"), a decimal given to its last digit, or zero
    zeros = len(digits) - len(digits.rstrip("0"))
    step = 10.0**zeros * (value / float(digits))  # "3 million" is rounded to the million
    if value < 1000 and step < 1000:
        return value, value  # "60 dead" is sixty, not fifty-five to sixty-five
    half = step / 2 * 0.999  # "22 million" and "23 million" do not meet at 22.5
    return value - half, value + half


def same_quantity(ours: Figure, theirs: Figure) -> bool:
    """Whether two figures count the same thing (see the module's docstring)."""
    if ours.unit and theirs.unit and ours.unit != theirs.unit:
        return False
    if ours.years != theirs.years or (
        ours.names and theirs.names and not ours.names & theirs.names
    ):
        return False  # another year's event, or someone else's figure
    if ours.measure or theirs.measure:
        return ours.measure == theirs.measure
    if ours.qualifiers != theirs.qualifiers:
        return False
    unit = stems(f"{ours.unit} {theirs.unit}")
    shared, either = ours.frame & theirs.frame - unit, (ours.frame | theirs.frame) - unit
    # Two clause words in common, and most of them: "high temperature reached 89
    # degrees" is not "body temperature reaches 104 degrees".
    return (
        bool(ours.unit)
        and ours.unit not in _DURATIONS
        and len(shared) >= 2
        and len(shared) >= len(either) / 2
    )


def _overlap(ours: Figure, theirs: Figure) -> bool:
    """Whether the ranges the two figures allow meet."""
    return ours.low <= theirs.high and theirs.low <= ours.high


def differing_figures(ours: Sequence[Figure], theirs: Sequence[Figure]) -> str | None:
    """ "killing 65 people against killing 60 people": the first quantity both
    claims state on which they cannot both be right, or None.

    A quantity agrees when any of its figures on one side fits one on the
    other, or when one side's figures add up to the other's ("eight percent
    from wind and two from solar" against "10 percent").
    """
    for mine in ours:
        others = [f for f in theirs if same_quantity(mine, f)]
        if not others:
            continue
        own = [f for f in ours if same_quantity(f, mine)]
        if any(_overlap(a, b) for a in own for b in others):
            continue
        # Parts need not share the whole's words: "eight percent from wind, two from solar".
        parts = [f for f in theirs if f.unit == mine.unit]
        if _sums_to(own, others) or _sums_to(parts, [mine]):
            continue
        return f"{mine.text} against {others[0].text}"
    return None


def _sums_to(parts: Sequence[Figure], whole: Sequence[Figure]) -> bool:
    total = sum(f.value for f in parts)
    summed = Figure(total, "", "", low=total, high=total)
    return len(parts) > 1 and any(_overlap(summed, w) for w in whole)
