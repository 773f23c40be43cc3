"""Direct quotations in an article, each with the speaker its frame names.

Quotation marks are paired inside one paragraph: straight ``"..."``, curly
``“...”`` and the old wire style ````...''``. Marks nested inside a
quotation (single quotes, or straight ones inside curly) belong to it. A
quotation that the writer interrupts ("A," said X. "B.") is two pieces with
one speaker: a piece with no frame of its own continues the speaker of the
piece before it in the paragraph, when that speaker's frame stands between
the two. A quotation with no frame at all (a scare
quote, a title) has no speaker and is never shown as anyone's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsdesk.analyze.frames import (
    SPEECH_VERB,
    is_abbreviation,
    speaker_after,
    speaker_before,
)
from newsdesk.analyze.mentions import Mention
from newsdesk.model import Article

# A sentence boundary before an opening mark: a stop, maybe a closing quote, space.
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+")
_PAIRS = (("``", "''"), ("“", "”"), ('"', '"'))
_CLOSER = dict(_PAIRS)
# The next opening mark; at one place the first pair that opens there wins.
_OPENING = re.compile("|".join(re.escape(opener) for opener, _ in _PAIRS))
# Within a quotation, its closing mark (tried first) or a nested opening one, at
# every place: a lookahead, so that marks may overlap ("'''" closes twice).
_NESTING = {o: re.compile(f"(?=({re.escape(c)}|{re.escape(o)}))") for o, c in _PAIRS if o != c}


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """One quotation as found: its words, where, and the speaker mention.

    ``text`` is the verbatim text inside the marks (a trailing comma of the
    quoted clause left out) and ``marked`` the same with its marks, to find
    the sentence that holds it ("no" is in "know", the quotation '"no"' is
    not); ``frame`` is the sentence text around it that names the speaker,
    and ``position`` where the quotation opens in ``article.text``, for
    resolving "he said" from the text before it.
    """

    text: str
    marked: str
    article_id: str
    mention: Mention | None
    frame: str
    position: int


def quote_spans(paragraph: str) -> list[tuple[int, int, int, int]]:
    """Each top-level quotation as (open mark, text start, text end, after close mark).

    An opening mark without its closing mark in the paragraph (a quotation
    running on into the next paragraph) ends the search: pairing the
    marks after it would turn the text between quotations inside out.
    """
    spans: list[tuple[int, int, int, int]] = []
    i = 0
    while (found := _OPENING.search(paragraph, i)) is not None:
        opener = found.group()
        closer = _CLOSER[opener]
        start = found.end()
        end = _closing(paragraph, start, opener)
        if end < 0:
            break
        spans.append((found.start(), start, end, end + len(closer)))
        i = end + len(closer)
    return spans


def _closing(paragraph: str, start: int, opener: str) -> int:
    """The index of the mark that closes a quotation opened just before ``start``."""
    closer = _CLOSER[opener]
    if opener == closer:
        return paragraph.find(closer, start)
    depth = 0
    for mark in _NESTING[opener].finditer(paragraph, start):
        if mark.group(1) == closer:
            if depth == 0:
                return mark.start()
            depth -= 1
        else:
            depth += 1
    return -1


def _sentence_start(paragraph: str, lower: int, upper: int) -> int:
    """Where the sentence holding ``upper`` starts, not before ``lower``."""
    start = lower
    for match in _SENTENCE_BREAK.finditer(paragraph, lower, upper):
        if not is_abbreviation(paragraph, match.start()):
            start = match.end()
    return start


def _is_name(quoted: str) -> bool:
    """A short quotation whose every word is capitalised: a name or title."""
    words = quoted.split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() for w in words) and quoted[-1:].isalnum()


def _ends_clause(quoted: str) -> bool:
    """Whether a quoted text ends as a clause that a frame follows ('...,' he said)."""
    return quoted.rstrip().endswith((",", "?", "!", "—", "–", "-"))


# A line nobody said is introduced as one: "Imagine if the mechanic said, ...".
_IMAGINED = re.compile(r"^\W*(?:imagine|suppose|pretend|what if)\b", re.I)


def find_quotes(article: Article) -> Iterator[FoundQuote]:
    """The quotations of ``article`` in reading order, with their speaker mentions."""
    offset = 0
    for paragraph in article.paragraphs:
        spans = quote_spans(paragraph)
        previous: Mention | None = None
        previous_end = 0
        for k, (open_at, start, end, close_end) in enumerate(spans):
            following = spans[k + 1][0] if k + 1 < len(spans) else len(paragraph)
            quoted = paragraph[start:end]
            lead_in = paragraph[_sentence_start(paragraph, previous_end, open_at) : open_at]
            after = paragraph[close_end:following]
            mention = None
            if _ends_clause(quoted) or after.lstrip().startswith(","):
                mention = speaker_after(after)
            if mention is None and lead_in.strip():
                mention = speaker_before(lead_in)
            between = paragraph[previous_end:open_at]
            if mention is None and previous is not None and not lead_in.strip():
                # '"A," said X. "B."': B is X's only when X's frame stands between them.
                mention = previous if SPEECH_VERB.search(between) else None
            text = quoted.strip().rstrip(",").rstrip()
            if _is_name(text) or _IMAGINED.search(lead_in):
                # A nickname or title ("the Old Lady"), or a line nobody said
                # ("Imagine if the mechanic said, ..."): not speech.
                mention = None
            if text:
                yield FoundQuote(
                    text=text,
                    marked=paragraph[open_at:close_end],
                    article_id=article.id,
                    mention=mention,
                    frame=(lead_in + paragraph[open_at:close_end] + after).strip(),
                    position=offset + open_at,
                )
            previous = mention
            previous_end = close_end
        offset += len(paragraph) + 2
