"""The figures a claim states, what each one counts, and when two of them disagree.

Two numbers disagree only when they measure the same thing: "20 killed"
against "21 dead" does, "half of the 115-yacht fleet" against "37 yachts"
does not. So each number is read with what it counts (the noun after it:
"2,300 members"), the event it is a count of when one is named in its
clause (killed, injured, missing, ...: its *measure*), how it is hedged
("at least 60", "about 180", "up to 34"), and the words, names, numbers
and years around it. Two figures are one quantity when they share a
measure, or else when they count the same unit and their clauses mostly
agree. Precision comes first: a difference a reader can trust is worth
more than one more found.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.analyze.cues import names, plain_name, stems
from newsdesk.ingest.dates import MONTH_NAMES
from newsdesk.text.words import content_words, wordset

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {w: float(n) for n, w in enumerate(_ONES)} | {
    w: float(20 + 10 * n) for n, w in enumerate(_TENS)
}
_NUMBER_WORD = rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_ONES[1:10])}))?|{'|'.join(_ONES)})"
_NUMBER = re.compile(
    rf"(?P<currency>[$€£])?(?P<value>(?<![\w.,])\d+(?:,\d{{3}})*(?:\.\d+)?"
    rf"|(?<![\w-]){_NUMBER_WORD}\b)"
    r"(?P<scale>\s+(?:million|billion|thousand|hundred)\b|(?:m|bn)\b)?"
    r"(?P<percent>\s?(?:%|percent\b|per cent\b))?",
    re.I,
)
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "m": 1e6, "bn": 1e9}
_ABBREVIATED = {"m", "bn"}  # "$57m", "$1.2bn"; without a currency "5m" is metres
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d|\d|[,;:.!?()]")
Token = tuple[str, int, int]  # a word or punctuation mark, where it starts and ends

# A clause ends a figure's reach: "20 killed, 10 wounded" counts two things, and
# "3 were arrested after 20 were killed" counts arrests, then deaths.
_CLAUSE_BREAKS = wordset(
    ", ; : . ! ? ( ) and but or while whereas after before when since because as until "
    "although though if unless whenever"
)
# A figure in a clause of these is a condition, not a fact: "when a body temperature
# reaches more than 104 degrees".
_CONDITIONS = wordset("when if unless whenever")
_BEFORE, _AFTER = 4, 7  # words read before and after a number, within its clause

# The events a count can be of, by the words that name them.
_MEASURES = {
    "deaths": "kill killed killing kills dead die died dies dying death deaths fatality "
    "fatalities fatal perished lives toll",
    "injuries": "injured injuring injuries injury wounded wounding hurt hospitalised "
    "hospitalized non-fatal",
    "missing": "missing disappeared vanished",
    "arrests": "arrested arrests detained detentions apprehended apprehensions",
    "population": "population inhabitants",
    "evacuations": "evacuated evacuees evacuation evacuate",
    "strikers": "strike strikers striking walkout",
}
_MEASURE_OF = {w: measure for measure, words in _MEASURES.items() for w in words.split()}
_MEASURE_PHRASES = {
    ("stayed", "away"): "strikers",
    ("walked", "out"): "strikers",
    ("home", "to"): "population",
    ("city", "of"): "population",
    ("intensive", "care"): "intensive care",
}
# A hedge and the range it allows: "more than 250", "up to 34", "about 180".
_HEDGES = {
    "at least": "min", "more than": "min", "over": "min", "upwards of": "min",
    "no fewer than": "min", "no less than": "min", "at most": "max", "up to": "max",
    "fewer than": "max", "less than": "max", "under": "max", "nearly": "max",
    "almost": "max", "no more than": "max", "within": "max", "about": "about",
    "some": "about", "around": "about", "roughly": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about",
}  # fmt: skip
_HEDGE = re.compile(rf"\b(?:{'|'.join(sorted(_HEDGES, key=len, reverse=True))})\s+$", re.I)
_ROUNDING = 0.05  # "about 180", and a round "3,000", allow 5% either way

_SKIP_BEFORE_UNIT = wordset(
    "of its their the his her our more than about some nearly almost around over under "
    "roughly additional other others another extra new"
)
_PEOPLE = wordset(
    "people person persons workers members staff employees strikers residents protesters "
    "demonstrators civilians villagers passengers patients students children adults voters "
    "fans spectators migrants refugees evacuees victims inmates prisoners opponents "
    "dissidents citizens individuals men women youths teenagers"
)
# Words after a number that say it counts nothing named: "Seven of the most severely hurt".
_NOT_COUNTED = wordset(
    "to a an in on at of by for from with into near along across after before during since "
    "were was is are had has have most many them whom which all each this that these those "
    "last next"
)
# A word of these endings before the counted noun describes it: "4,299 political opponents".
_ADJECTIVE = re.compile(r"(?:al|ic|ous|ive|ful|less|ian|ese|ish)$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "three to five people", "130-170 degrees", "between 5 and 7" (not "from 45 to 60").
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—)\s*|\s+to\s+|\s+and\s+")
# "three to five people are hospitalized every week": a rate, not a count.
_RATE = re.compile(
    r"(?:\s+[a-z]+){0,4}?\s+(?:a|per|every|each)\s+(?:day|week|month|year|hour|minute)\b"
    r"(?!\s+ago)",
    re.I,
)
# Spans of time are counted from moments the sources need not share ("four minutes
# after the alert" against "six minutes after the call"): never compared.
_DURATIONS = wordset("second minute hour day week month year decade")
_POSSESSIVE = re.compile(r"(?:\bits|\btheir|['’]s)\s+$", re.I)  # "North Korea's 22 million"
# "18 of the dead": a part of those a toll counts, not the toll.
_PART_OF = re.compile(r"\s+of\s+(?:the|those|these)\s+([a-z-]+)", re.I)
# Figures a hundred times apart count different things (a past disaster's toll beside
# today's); an early toll and a later one are seldom that far apart ("one" and "12").
_APART = 100.0


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a claim states.

    ``unit`` is what it counts ("people", "percent", "money", "home"; "" when
    nothing countable follows but a measure is named); ``measure`` the event
    it counts, if named in its clause ("deaths"); ``low`` and ``high`` the
    range it allows (a hedge's, a range's, a rounded figure's); ``frame`` the
    stems of the common words of its clause; ``names`` the capitalised words
    there (whose figure it is: "Trump's campaign has 25 percent"); ``qualifiers``
    the other numbers there ("children under 7"); ``years`` the years the
    claim names (a figure of 1978 is another event's) and ``claim_names`` its
    name words (whose population it is; see :func:`~newsdesk.analyze.cues.names`);
    ``text`` how the claim writes it, with its hedge and its counted or
    measure word ("killed 60").
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
    claim_names: frozenset[str] = frozenset()


def figures(claim: str) -> tuple[Figure, ...]:
    """The numbers ``claim`` states with what they count; years, dates, clock
    times, rates ("five a week"), conditions and compound modifiers ("a
    17-year rule") left out. "three to five people" is one figure."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(claim)]
    first_word = next((t[1] for t in tokens if t[0][0].isalpha()), -1)
    years = frozenset(_YEAR.findall(claim))
    claim_names = names(claim)
    matches = list(_NUMBER.finditer(claim))
    found = []
    ended: re.Match[str] | None = None  # the end of a range, read with its start
    for n, match in enumerate(matches):
        if match is ended:
            continue
        ended = matches[n + 1] if n + 1 < len(matches) else None
        if ended is not None and not _joins_range(claim, match, ended):
            ended = None
        figure = _figure(claim, match, ended, tokens, (years, claim_names), first_word)
        if figure is not None:
            found.append(figure)
    return tuple(found)


def _joins_range(claim: str, start: re.Match[str], end: re.Match[str]) -> bool:
    joint = _RANGE_JOIN.fullmatch(claim[start.end() : end.start()])
    if joint is None:
        return False
    before = claim[max(0, start.start() - 10) : start.start()].casefold()
    word = joint.group(0).strip()
    if word == "and":
        return before.endswith("between ")
    if word == "to":  # "from 45 to 60" is a change; "52% to 48%" a score
        return not before.endswith("from ") and not (start["percent"] and end["percent"])
    return True


def _value(match: re.Match[str]) -> float:
    raw = match.group("value").casefold()
    if raw[0].isdigit():
        value = float(raw.replace(",", ""))
    else:
        value = sum(_WORD_VALUES[part] for part in raw.split("-"))
    if match.group("scale"):
        value *= _SCALES[match.group("scale").strip().casefold()]
    return value


def _start(match: re.Match[str]) -> int:
    """Where a figure starts: at its currency sign, else its digits."""
    return match.start("currency") if match.group("currency") else match.start("value")


def _skipped(claim: str, match: re.Match[str], last: re.Match[str]) -> bool:
    """A number that counts nothing here: a year, a time, a date, a rate, a
    compound modifier, an estimate, a known set, or metres taken for millions
    (``last`` ends its range)."""
    raw, after = match.group("value"), claim[last.end() : last.end() + 40]
    before = claim[max(0, _start(match) - 40) : _start(match)].casefold()
    scale = (match.group("scale") or "").strip().casefold()
    return bool(
        re.match(r"-(?!\d)|(?:st|nd|rd|th)\b", after)  # "a 115-yacht fleet", "the 60th"
        or re.match(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|:\d)", after)
        or _RATE.match(after)
        or re.search(r"[.:]$|\b(?:19|20)\d\d\s*$", before)
        or re.search(r"\b(?:the|these|those)\s+$", before)  # "the four men": a known set
        # "rose from 45 to 60": the old value of a change
        or (before.endswith("from ") and re.match(r"\s+to\s+\S*\d", after) is not None)
        # "could have reached nearly 120": an estimate of what might be
        or re.search(r"\b(?:could|would|might|may)(?:'ve)?\b(?:\s+\w+){0,3}\s*$", before)
        or (raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100 and not scale)
        or (scale in _ABBREVIATED and not match.group("currency"))
        or _is_part(after)
    )


def _is_part(after: str) -> bool:
    """Whether the words after a number make it a part of a counted set: "18 of
    the dead had been identified" (not "killed 67 of them")."""
    part = _PART_OF.match(after)
    counted = part.group(1).casefold() if part else ""
    return counted in _MEASURE_OF or counted in _PEOPLE


def _figure(
    claim: str,
    match: re.Match[str],
    range_end: re.Match[str] | None,
    tokens: Sequence[Token],
    claim_wide: tuple[frozenset[str], frozenset[str]],
    first_word: int,
) -> Figure | None:
    last = range_end or match
    if _skipped(claim, match, last):
        return None
    before, opener = _clause([t for t in reversed(tokens) if t[2] <= _start(match)], _BEFORE)
    after, _ = _clause([t for t in tokens if t[1] >= last.end()], _AFTER)
    if opener in _CONDITIONS or (before and before[0][0].casefold() in MONTH_NAMES):
        return None  # "when it reaches 104 degrees", "March 3"
    counted = None
    if match.group("percent") or (range_end and range_end.group("percent")):
        unit = "percent"
    elif match.group("currency"):
        unit = "money"
    else:
        counted = _counted(after)
        unit = counted[0] if counted else ""
    # The measure is the nearest event word; after the number, counted from its noun.
    rest = [t for t in after if counted is None or t[1] >= counted[1]]
    measure, measure_word = _measure(before, rest)
    if not unit and (measure is None or not match.group("value")[0].isdigit()):
        return None  # "one was killed": a number word needs its noun
    if measure_word is not None:
        measure = _joined_measure(claim, measure, measure_word)
    elif unit == "people" and _POSSESSIVE.search(claim[max(0, _start(match) - 10) : _start(match)]):
        measure = "population"  # "North Korea's 22 million people"
    text_start, text_end = _start(match), counted[1] if counted else last.end()
    if measure_word is not None and not unit:  # "killed 60": the measure says what it counts
        text_start, text_end = min(text_start, measure_word[1]), max(text_end, measure_word[2])
    hedge = _HEDGE.search(claim[max(0, _start(match) - 20) : _start(match)])
    low, high = _range(match, hedge.group(0) if hedge else "")
    if hedge and text_start == _start(match):
        text_start -= len(hedge.group(0))
    if range_end is not None:
        low, high = min(low, _value(range_end)), max(high, _value(range_end))
    clause = [t for t in [*before, *after] if t[1] != first_word]
    words = [w for w, _, _ in clause]
    return Figure(
        value=_value(match),
        unit=unit,
        text=" ".join(claim[text_start:text_end].split()),
        measure=measure,
        low=low,
        high=high,
        frame=stems(" ".join(w for w in words if not w[:1].isupper())),
        names=frozenset(plain_name(w) for w in words if w[:1].isupper() and content_words(w)),
        qualifiers=frozenset(
            _value(m) for m in _NUMBER.finditer(" ".join(words)) if not _YEAR.fullmatch(m["value"])
        ),
        years=claim_wide[0],
        claim_names=claim_wide[1],
    )


def _clause(tokens: Sequence[Token], limit: int) -> tuple[list[Token], str | None]:
    """Up to ``limit`` tokens, nearest first, up to the first clause break, and
    the break that opens the clause (folded), if it is within a dozen words."""
    near: list[Token] = []
    for n, token in enumerate(tokens[:12]):
        if token[0].casefold() in _CLAUSE_BREAKS:
            return near, token[0].casefold()
        if n < limit:
            near.append(token)
    return near, None


def _measure(before: Sequence[Token], after: Sequence[Token]) -> tuple[str | None, Token | None]:
    """The nearest measure word or phrase on either side (after wins a tie)."""
    for distance in range(max(len(before), len(after))):
        for side, step in ((after, 1), (before, -1)):
            if distance >= len(side):
                continue
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
    """ "dead and missing", "killed or injured": one count of two measures,
    another quantity than either alone."""
    right = re.match(r"\s+(?:and|or)\s+([A-Za-z-]+)", claim[word[2] :])
    left = re.search(r"([A-Za-z-]+)\s+(?:and|or)\s+$", claim[: word[1]])
    others = [_MEASURE_OF.get(m.group(1).casefold()) for m in (right, left) if m]
    joined = sorted({m for m in (measure, *others) if m})
    return "+".join(joined) if measure is not None and len(joined) > 1 else measure


def _counted(after: Sequence[Token]) -> tuple[str, int] | None:
    """What a number counts, as (unit, where its word ends): the first word after
    it that is not a filler; people of any kind are one unit."""
    for n, (word, _, end) in enumerate(after[:4]):
        lowered = word.casefold()
        if lowered in _SKIP_BEFORE_UNIT:
            continue
        if word[:1].isupper() or lowered in _NOT_COUNTED or not word[0].isalpha():
            return None
        if lowered in _MEASURE_OF:
            return None  # "60 dead": the measure says what is counted
        if _ADJECTIVE.search(lowered) or (lowered.endswith("ed") and n + 1 < len(after)):
            continue  # "4,299 political opponents", "212,000 undocumented migrants"
        return ("people" if lowered in _PEOPLE else lowered.rstrip("s")), end
    return None


def _range(match: re.Match[str], hedge: str) -> tuple[float, float]:
    """The values a figure allows: its hedge's range; a figure rounded to a scale
    word ("3 million", "3.2 million") half a step of its last digit either way,
    or to hundreds ("3,000", "1,500") 5%; else itself ("60 dead" is sixty)."""
    value = _value(match)
    kind = _HEDGES.get(" ".join(hedge.casefold().split()))
    if kind == "min":
        return value, math.inf
    if kind == "max":
        return 0.0, value
    if kind == "about":
        return value * (1 - _ROUNDING), value * (1 + _ROUNDING)
    digits = match.group("value").replace(",", "")
    if match.group("scale") and digits[0].isdigit():
        decimals = len(digits.partition(".")[2])
        half = 0.5 * 10.0**-decimals * value / float(digits) * 0.999 if float(digits) else 0.0
        return value - half, value + half  # "22 million" and "23 million" do not meet
    if digits.isdigit() and value >= 1000 and digits.endswith("00"):
        return value * (1 - _ROUNDING), value * (1 + _ROUNDING)
    return value, value


def same_quantity(ours: Figure, theirs: Figure) -> bool:
    """Whether two figures count the same thing (see the module's docstring);
    never when one is a hundred times the other."""
    units = {ours.unit, theirs.unit}
    if len(units) > 1 and not units <= {"", "people"}:
        return False  # "Three gunmen" are not "killed 20"
    low, high = sorted((ours.value, theirs.value))
    if low > 0 and high > _APART * low:
        return False
    if ours.years != theirs.years or (
        ours.names and theirs.names and not ours.names & theirs.names
    ):
        return False  # another year's event, or someone else's figure
    if ours.measure == "population" and not ours.claim_names & theirs.claim_names:
        return False  # "a city of 160,000" is not "Indonesia, with 230 million"
    if ours.measure or theirs.measure:
        return ours.measure == theirs.measure
    if ours.qualifiers != theirs.qualifiers or not ours.unit or ours.unit in _DURATIONS:
        return False
    unit = stems(ours.unit)
    shared, either = ours.frame & theirs.frame - unit, (ours.frame | theirs.frame) - unit
    # Two clause words in common, and most of them: "high temperature reached 89
    # degrees" is not "body temperature reaches 104 degrees".
    return len(shared) >= 2 and len(shared) >= len(either) / 2


def same_figure(ours: Figure, theirs: Figure) -> bool:
    """Whether two figures could be one figure told twice: of one measure, with
    ranges that meet ("at least five dead" and "five people were killed")."""
    of_one = ours.measure == theirs.measure and (ours.measure or ours.unit == theirs.unit)
    return bool(of_one) and _overlap(ours, theirs)


def _overlap(ours: Figure, theirs: Figure) -> bool:
    """Whether the ranges the two figures allow meet."""
    return ours.low <= theirs.high and theirs.low <= ours.high


def differing_figures(
    ours: Sequence[Figure], theirs: Sequence[Figure]
) -> tuple[Figure, Figure] | None:
    """ "20 killed" and "21 dead": the first quantity both claims state on
    which they cannot both be right, as one figure of each side, or None.

    A quantity agrees when any of its figures on one side fits one on the
    other, or when one side's figures of it add up to the other's ("eight
    percent from wind and two from solar" against "10 percent").
    """
    for mine in ours:
        others = [f for f in theirs if same_quantity(mine, f)]
        if not others:
            continue
        own = [f for f in ours if same_quantity(f, mine)]
        if any(_overlap(a, b) for a in own for b in others):
            continue
        # Parts need not share the whole's words: "eight percent from wind, two from solar".
        parts = [f for f in theirs if f.unit == mine.unit and f.measure == mine.measure]
        if _sums_to(own, others) or _sums_to(parts, [mine]):
            continue
        return mine, others[0]
    return None


def _sums_to(parts: Sequence[Figure], whole: Sequence[Figure]) -> bool:
    total = sum(f.value for f in parts)
    summed = Figure(total, "", "", low=total, high=total)
    return len(parts) > 1 and any(_overlap(summed, w) for w in whole)
