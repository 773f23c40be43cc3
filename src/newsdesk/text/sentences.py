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


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``paragraph``, without surrounding space."""
    if not paragraph.strip():
        return []
    spans = []
    for start, end in nupunkt.sent_spans(paragraph):
        text = paragraph[start:end]
        stripped = text.strip()
        if stripped:
            first = start + len(text) - len(text.lstrip())
            spans.append((first, first + len(stripped)))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, each a verbatim (stripped) substring."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]


# "KESSROW (CPA) — ", "WASHINGTON, D.C. -- ", "(Reuters) — ": a place in
# capitals and/or an agency in brackets, then a dash. Cutting it leaves a
# contiguous span of the source sentence.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*)?\s*(?:\([^)]{1,40}\))?"
    r"|\([^)]{1,40}\))\s*(?:—|–|--?)\s+"
)


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading wire dateline."""
    return _DATELINE.sub("", sentence, count=1)
