"""Sentence splitting that returns exact spans of the input.

A brief quotes its source verbatim, so a sentence must be a contiguous
substring of the paragraph it came from; the splitter reports character
spans and we slice the paragraph with them. nupunkt (a Punkt-style rule
splitter) was chosen on measured accuracy and speed: see docs/benchmarks.md.
"""

from __future__ import annotations

import re

import nupunkt

#: Characters a complete sentence ends with (closing quotes included).
SENTENCE_ENDINGS = (".", "!", "?", '"', "”", "’", "'")


# Titles whose full stop nupunkt sometimes takes for a sentence's end
# ("spokesman Lt. | Trevor Davids said"): before a capitalised word, never one.
# Not "St.", which ends a sentence as a street ("...on Kessel St. Police said").
_TITLE_BEFORE_NAME = re.compile(
    r"(?<![\w.])(?:Lt|Sgt|Capt|Cmdr|Col|Gen|Maj|Adm|Cpl|Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Prof|Rev)\.$"
)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``paragraph``, without surrounding space."""
    if not paragraph.strip():
        return []
    spans: list[tuple[int, int]] = []
    for start, end in nupunkt.sent_spans(paragraph):
        text = paragraph[start:end]
        stripped = text.strip()
        if not stripped:
            continue
        first = start + len(text) - len(text.lstrip())
        if (
            spans
            and stripped[:1].isupper()
            and _TITLE_BEFORE_NAME.search(paragraph[spans[-1][0] : spans[-1][1]])
        ):
            spans[-1] = (spans[-1][0], first + len(stripped))
        else:
            spans.append((first, first + len(stripped)))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, each a verbatim (stripped) substring."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]


# "KESSROW (CPA) — ", "WASHINGTON, D.C. -- ", "(Reuters) — ": a place in
# capitals and/or an agency in brackets, then a dash. Cutting it leaves a
# contiguous span of the source sentence.
_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*)?"
_DATELINE = re.compile(rf"^(?:{_PLACE}\s*(?:\([^)]{{1,40}}\))?|\([^)]{{1,40}}\))\s*(?:—|–|--?)\s+")
# Forms that only a report's opening can be sure of: an em dash touching the
# next word ("TORONTO—The deaths"), and a place of three capitals or more and a
# colon ("LAHORE: An enraged mob"). Inside a report, "NATO—Russia talks" and
# "NASA: The agency" are the sentence's own words.
_OPENING_DATELINE = re.compile(
    rf"^(?:{_PLACE}\s*(?:\([^)]{{1,40}}\))?—(?=[A-Z][a-z])|[A-Z]{{3,}}(?:\s+[A-Z]{{3,}})*:\s+(?=[A-Z]))"
)


def strip_dateline(sentence: str, opening: bool = False) -> str:
    """The sentence without a leading wire dateline; ``opening``: the sentence
    opens its report, where the forms only an opening can have are cut too."""
    stripped = _DATELINE.sub("", sentence, count=1)
    if opening and stripped == sentence:
        stripped = _OPENING_DATELINE.sub("", sentence, count=1)
    return stripped
