"""One story's speech: its quotes, its claims and the outlets they credit.

This is the expensive end of the cascade, so it runs only for stories that
get a brief (two or more independent sources), and only on their original
reports. Every speaker mention of the story is collected before any is
resolved, so a surname in one report finds the full name given in another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsdesk.analyze.differ import Statement
from newsdesk.analyze.frames import claim_after_verb, reported_speech
from newsdesk.analyze.quotes import FoundQuote, find_quotes
from newsdesk.analyze.reported import OutletCredits
from newsdesk.analyze.speakers import Speaker, SpeakerBook
from newsdesk.model import Article, Quote
from newsdesk.summarize.base import Candidate

# A sentence whose quotation holds at least this share of its words states
# the quotation's claim; a shorter quotation is a phrase within the claim.
_QUOTE_SHARE = 0.5
# A quotation shorter than this is a phrase, not a statement of its own.
_QUOTE_WORDS = 5


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """The quotes of a story, and its statements: the candidate sentences (in
    their order), then the quotations that no candidate sentence holds."""

    quotes: tuple[Quote, ...]
    statements: tuple[Statement, ...]


class StoryAnalyzer:
    """Finds who said what in a story's articles.

    Parameters
    ----------
    known_outlets:
        Outlet names seen in the store, recognised when a report credits
        one of them ("the Valley Signal reported").
    """

    def __init__(self, known_outlets: Iterable[str] = ()) -> None:
        self.credits = OutletCredits(known_outlets)

    def analyze(
        self, articles: Sequence[Article], candidates: Sequence[Candidate]
    ) -> StoryAnalysis:
        originals = {a.id: a for a in articles if a.duplicate_of is None}
        found = [q for a in originals.values() for q in find_quotes(a)]
        speech = {i: reported_speech(c.text) for i, c in enumerate(candidates)}
        book = SpeakerBook()
        book.add_all(q.mention for q in found)
        book.add_all(s[0] for s in speech.values() if s)
        quotes = []
        speaker_of: dict[FoundQuote, Speaker | None] = {}
        for quote in found:
            article = originals[quote.article_id]
            speaker = book.resolve(quote.mention, article.text[: quote.position])
            speaker_of[quote] = speaker
            if speaker is not None and self.credits.is_outlet(speaker.display):
                speaker = speaker_of[quote] = None
            if speaker is not None:
                via = self.credits.credited(quote.frame, own=article.outlet)
                quotes.append(Quote(quote.text, speaker.display, article.id, article.outlet, via))
        statements = []
        for i, candidate in enumerate(candidates):
            article = originals[candidate.article_id]
            inside = [q for q in found if q.article_id == article.id and q.text in candidate.text]
            quoted = next((q for q in inside if speaker_of[q] is not None), None)
            speaker, claim = None, candidate.text
            if speech[i] is not None:
                mention, claim = speech[i]  # type: ignore[misc]
                before = article.text[: max(0, article.text.find(candidate.text))]
                speaker = book.resolve(mention, before)
            if quoted is not None:
                speaker = speaker_of[quoted]
                if len(quoted.text.split()) >= _QUOTE_SHARE * len(candidate.text.split()):
                    claim = quoted.text
                elif speech[i] is None:
                    claim = claim_after_verb(candidate.text) or claim
            credit = self.credits.credited(candidate.text, own=article.outlet)
            if speaker is not None and self.credits.is_outlet(speaker.display):
                credit, speaker = credit or speaker.display, None
            statements.append(
                Statement(
                    text=candidate.text,
                    claim=self.credits.without_credit(claim),
                    article_id=article.id,
                    outlet=article.outlet,
                    source=candidate.source,
                    speaker=speaker,
                    credit=credit,
                )
            )
        # Quotations no candidate sentence holds (they run over several sentences).
        for quote in found:
            speaker = speaker_of[quote]
            held = any(quote.text in s.text for s in statements if s.article_id == quote.article_id)
            if speaker is not None and not held and len(quote.text.split()) >= _QUOTE_WORDS:
                article = originals[quote.article_id]
                statements.append(
                    Statement(
                        text=quote.text,
                        claim=quote.text,
                        article_id=article.id,
                        outlet=article.outlet,
                        source=article.source_key,
                        speaker=speaker,
                        credit=self.credits.credited(quote.frame, own=article.outlet),
                        quoted=True,
                    )
                )
        return StoryAnalysis(tuple(quotes), tuple(statements))
