"""One story's speech: its quotes, its claims and the outlets they credit.

This is the expensive end of the cascade, so it runs only for stories that
get a brief (two or more independent sources), and only on their original
reports. Every speaker mention of the story is collected before any is
resolved, so a surname in one report finds the full name given in another.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from newsdesk.analyze.differ import Statement
from newsdesk.analyze.frames import claim_after_verb, reported_speech
from newsdesk.analyze.mentions import Mention
from newsdesk.analyze.quotes import FoundQuote, find_quotes
from newsdesk.analyze.reported import OutletCredits
from newsdesk.analyze.speakers import Speaker, SpeakerBook
from newsdesk.model import Article, Quote

# A sentence whose quotation holds at least this share of its words states
# the quotation's claim; a shorter quotation is a phrase within the claim.
_QUOTE_SHARE = 0.5
# A quotation shorter than this is a phrase, not a statement of its own.
_QUOTE_WORDS = 5
# The length of a quotation worth showing on its own, in words.
_FULL_QUOTE = (6, 60)


class Sentence(Protocol):
    """A sentence of a story's article, as the summarizer's candidates are."""

    @property
    def text(self) -> str: ...

    @property
    def article_id(self) -> str: ...

    @property
    def source(self) -> str: ...


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """The quotes of a story, and its statements: the candidate sentences (in
    their order), then the quotations that no candidate sentence holds.
    ``people`` knows every person the story names, to tell whom a "she"
    stands for."""

    quotes: tuple[Quote, ...]
    statements: tuple[Statement, ...]
    people: SpeakerBook


class StoryAnalyzer:
    """Finds who said what in a story's articles.

    Parameters
    ----------
    known_outlets:
        Outlet names to recognise when a report credits one of them ("the
        Valley Signal reported"), besides the story's own outlets, the
        well-known news organisations and names ending in a publication word.
    """

    def __init__(self, known_outlets: Iterable[str] = ()) -> None:
        self.known_outlets = tuple(known_outlets)

    def analyze(self, articles: Sequence[Article], candidates: Sequence[Sentence]) -> StoryAnalysis:
        originals = {a.id: a for a in articles if a.duplicate_of is None}
        credits = OutletCredits([*self.known_outlets, *(a.outlet for a in originals.values())])
        found: dict[str, list[FoundQuote]] = {a: list(find_quotes(originals[a])) for a in originals}
        speech = [reported_speech(c.text) for c in candidates]
        book = SpeakerBook()
        book.add_all(q.mention for quotes in found.values() for q in quotes)
        book.add_all(s[0] for s in speech if s)
        for article in originals.values():
            book.add_names_in(article.text)
        speaker_of: dict[FoundQuote, Speaker | None] = {}
        quotes = []
        for article_id, article_quotes in found.items():
            article = originals[article_id]
            for quote in article_quotes:
                speaker = book.resolve(quote.mention, article.text[: quote.position])
                if speaker is not None and credits.is_outlet(speaker.display):
                    speaker = None  # "..., CNN reported": an outlet credit, not a speaker
                speaker_of[quote] = speaker
                if speaker is not None:
                    via = credits.credited(quote.frame, own=article.outlet)
                    quotes.append(
                        Quote(quote.text, speaker.display, article.id, article.outlet, via)
                    )
        statements = [
            self._sentence_statement(
                candidate, originals[candidate.article_id], said, found, speaker_of, book, credits
            )
            for candidate, said in zip(candidates, speech, strict=True)
        ]
        # Quotations no candidate holds (too long to keep whole as one).
        held = {
            (s.article_id, q) for s in statements for q in found[s.article_id] if q.marked in s.text
        }
        for article_id, article_quotes in found.items():
            article = originals[article_id]
            for quote in article_quotes:
                speaker = speaker_of[quote]
                if speaker is None or (article_id, quote) in held:
                    continue
                if len(quote.text.split()) >= _QUOTE_WORDS:
                    statements.append(
                        Statement(
                            text=quote.text,
                            claim=quote.text,
                            article_id=article.id,
                            outlet=article.outlet,
                            source=article.source_key,
                            speaker=speaker,
                            credit=credits.credited(quote.frame, own=article.outlet),
                            quoted=True,
                        )
                    )
        return StoryAnalysis(tuple(quotes), tuple(statements), book)

    @staticmethod
    def _sentence_statement(
        candidate: Sentence,
        article: Article,
        said: tuple[Mention, str] | None,
        found: dict[str, list[FoundQuote]],
        speaker_of: dict[FoundQuote, Speaker | None],
        book: SpeakerBook,
        credits: OutletCredits,
    ) -> Statement:
        """A candidate sentence as a statement: its speaker, from a quotation it
        holds or its own reporting clause, and its claim."""
        quoted = next(
            (
                q
                for q in found[article.id]
                if speaker_of[q] is not None and q.marked in candidate.text
            ),
            None,
        )
        speaker, claim = None, candidate.text
        if said is not None:
            mention, claim = said
            before = article.text[: max(0, article.text.find(candidate.text))]
            speaker = book.resolve(mention, before)
        if quoted is not None:
            speaker = speaker_of[quoted]
            if len(quoted.text.split()) >= _QUOTE_SHARE * len(candidate.text.split()):
                claim = quoted.text
            elif said is None:
                claim = claim_after_verb(candidate.text) or claim
        credit = credits.credited(candidate.text, own=article.outlet)
        if speaker is not None and credits.is_outlet(speaker.display):
            credit, speaker = credit or speaker.display, None
        return Statement(
            text=candidate.text,
            claim=credits.without_credit(claim),
            article_id=article.id,
            outlet=article.outlet,
            source=candidate.source,
            speaker=speaker,
            credit=credit,
        )


def _is_full(text: str) -> bool:
    """A quotation that is a whole sentence or more: capitalised, of a readable length."""
    return text[:1].isupper() and _FULL_QUOTE[0] <= len(text.split()) <= _FULL_QUOTE[1]


def notable_quotes(
    quotes: Sequence[Quote], limit: int = 4, shown: Collection[str] = (), accounts: int = 2
) -> tuple[Quote, ...]:
    """Who said what: the quotations of the ``limit`` most quoted speakers.

    Speakers quoted by more outlets come first, then in reading order. A
    speaker gets one quotation from each of up to ``accounts`` outlets, so
    that two reports of what one person said stand side by side. From each
    outlet it is the first full quotation (a sentence of several words, not a
    phrase and not a speech) that no sentence already ``shown`` in the brief
    holds. A speaker quoted only in phrases is left out: a phrase out of its
    sentence misleads.
    """
    outlets: dict[str, set[str]] = {}
    for quote in quotes:
        outlets.setdefault(quote.speaker, set()).add(quote.outlet)
    speakers = sorted(outlets, key=lambda s: -len(outlets[s]))  # stable: reading order next
    chosen: list[Quote] = []
    heard = 0
    for speaker in speakers:
        if heard == limit:
            break
        by_outlet: dict[str, Quote] = {}
        for quote in quotes:
            if (
                quote.speaker == speaker
                and quote.outlet not in by_outlet
                and _is_full(quote.text)
                and not any(quote.text in text for text in shown)
                and all(quote.text != heard.text for heard in by_outlet.values())  # a wire quote
            ):
                by_outlet[quote.outlet] = quote
        chosen += list(by_outlet.values())[:accounts]
        heard += bool(by_outlet)
    return tuple(chosen)
