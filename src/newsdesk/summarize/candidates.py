"""The sentences a brief may be made of, and the rest of the reports' text.

A candidate is a span of one paragraph that can be shown alone and still say
what its source said: a full sentence of reasonable length, or a quotation
that runs over several sentences, kept whole from the sentence where it
opens to the one where it closes. A piece of such a quotation cannot stand
alone: the first piece reads as a broken quote, and a middle sentence, which
has no marks of its own, would read as the outlet's words instead of the
speaker's.

What cannot be shown is still part of the reports. Short sentences, very long
ones and pieces of quotations that are too long to keep whole are returned as
*context*: the summarizer counts their words toward what the sources agree
on, but never chooses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from newsdesk.model import Article
from newsdesk.summarize.base import Candidate
from newsdesk.text.sentences import SENTENCE_ENDINGS, sentence_spans, strip_dateline

# A sentence that points at a page ("... https://...", "at www.") rather than reporting.
_WEB_ADDRESS = re.compile(r"\bhttps?://|\bwww\.\w", re.IGNORECASE)

# Double quotation marks: curly, straight, and the old wire style ``like this''.
# Single marks (‘...’) are not followed: they double as apostrophes.
_QUOTATION_MARK = re.compile(r"``|''|[“”\"]")
# What may come right after a straight mark that closes a quotation, besides a space.
_AFTER_CLOSING = frozenset(".,;:!?)]}>…")

#: Fewest words of a sentence that counts as the reports' text at all.
_MIN_CONTEXT_WORDS = 4


class StorySentences(NamedTuple):
    """A story's sentences: those a brief may show, and the rest of its prose."""

    candidates: list[Candidate]
    context: list[Candidate]


def _quotation_depth(sentence: str) -> tuple[int, int]:
    """(lowest, final) count of quotations open while reading the sentence.

    A straight mark closes a quotation when a space, a stop or the end
    follows it ('it," he', 'go."'), or when it ends a word ('word"s'); it
    opens one otherwise ('"We', 'said,"We', '("x'). A lowest count below zero
    marks a sentence that closes a quotation opened before it; a final count
    above zero, one that opens a quotation it does not close.
    """
    depth = lowest = 0
    for match in _QUOTATION_MARK.finditer(sentence):
        mark = match.group()
        if mark == '"':
            before = sentence[match.start() - 1] if match.start() else " "
            after = sentence[match.end() : match.end() + 1] or " "
            opens = not (after.isspace() or after in _AFTER_CLOSING or before.isalnum())
        else:
            opens = mark in ("``", "“")
        depth += 1 if opens else -1
        lowest = min(lowest, depth)
    return lowest, depth


def _reads_as_prose(sentence: str) -> bool:
    """A sentence that opens with a capital or digit and ends like a sentence."""
    first = sentence.lstrip("\"“‘'`(")[:1]
    return sentence.endswith(SENTENCE_ENDINGS) and (first.isupper() or first.isdigit())


def is_candidate_sentence(sentence: str, min_words: int = 8, max_words: int = 55) -> bool:
    """A full declarative sentence of reasonable length, not a fragment or heading.

    A sentence that opens or closes a quotation running over several
    sentences is left out: shown alone it reads as a broken quote. So is one
    that carries a web address: it points at a page or a video rather than
    reporting.
    """
    return (
        min_words <= len(sentence.split()) <= max_words
        and _reads_as_prose(sentence)
        and _quotation_depth(sentence) == (0, 0)
        and not _WEB_ADDRESS.search(sentence)
    )


def _units(paragraph: str) -> Iterator[list[tuple[int, int]]]:
    """The paragraph's sentence spans, grouped so that a quotation running
    over several sentences is one group and every other sentence its own.

    A quotation not closed in the paragraph (it goes on in the next one)
    makes a group of its opening sentence and the unmarked sentences after
    it: they are the speaker's words too, and none may stand alone. That
    group ends at the next quotation mark, so where a scraper has run
    paragraphs together, a quotation reopened in the next one (wire style)
    does not swallow the rest of the text.
    """
    spans = sentence_spans(paragraph)
    texts = [paragraph[start:end] for start, end in spans]
    i = 0
    while i < len(spans):
        lowest, depth = _quotation_depth(texts[i])
        end = i + 1
        if lowest == 0 and depth > 0:
            while end < len(spans) and depth > 0:
                dip, change = _quotation_depth(texts[end])
                if depth + dip < 0:
                    break
                depth += change
                end += 1
            if depth != 0:  # not closed in this paragraph
                end = i + 1
                while end < len(spans) and not _QUOTATION_MARK.search(texts[end]):
                    end += 1
        yield spans[i:end]
        i = end


def _paragraph_sentences(paragraph: str, opening: bool) -> Iterator[tuple[str, bool]]:
    """``(text, True)`` for each unit of the paragraph that may stand alone;
    for one that may not, ``(sentence, False)`` for each of its sentences
    that reads as prose. ``opening``: the paragraph opens its report, so its
    first sentence may carry any form of wire dateline."""
    for number, group in enumerate(_units(paragraph)):
        first = opening and number == 0
        text = strip_dateline(paragraph[group[0][0] : group[-1][1]], first)
        if is_candidate_sentence(text):
            yield text, True
            continue
        for start, end in group:
            sentence = strip_dateline(paragraph[start:end], first and start == group[0][0])
            if len(sentence.split()) >= _MIN_CONTEXT_WORDS and _reads_as_prose(sentence):
                yield sentence, False


def story_sentences(articles: Sequence[Article]) -> StorySentences:
    """The candidates and the context of the original (non-reprint) articles, in order.

    A candidate's ``position`` is its rank among its article's candidates; a
    context sentence takes the position of the candidate that follows it.
    """
    candidates: list[Candidate] = []
    context: list[Candidate] = []
    for article in articles:
        if article.duplicate_of is not None:
            continue
        position = 0
        for number, paragraph in enumerate(article.paragraphs):
            for text, alone in _paragraph_sentences(paragraph, opening=number == 0):
                sentence = Candidate(text, article.id, article.outlet, article.source_key, position)
                (candidates if alone else context).append(sentence)
                position += alone
    return StorySentences(candidates, context)


def candidate_sentences(articles: Sequence[Article]) -> list[Candidate]:
    """The sentences and whole quotations a brief may show, in order."""
    return story_sentences(articles).candidates
