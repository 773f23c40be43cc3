"""What a brief says of its reports: the headline, the source list and the timeline.

All three are read from the story's articles as they are (titles, dates,
outlets), never written: the headline is one report's own title, each
timeline entry a report's own sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime

from newsdesk.model import Article, SourceRef, TimelineEntry
from newsdesk.summarize.base import Candidate
from newsdesk.text.sentences import strip_dateline
from newsdesk.text.words import content_words


def _time_order(published: datetime | None) -> tuple[bool, float]:
    """A sort key: earliest first, undated last."""
    return published is None, published.timestamp() if published else 0.0


def timeline(
    articles: Sequence[Article],
    candidates: Sequence[Candidate],
    alone: Callable[[int], bool] = lambda _: True,
) -> tuple[TimelineEntry, ...]:
    """The original reports in time order (undated last), each with its first
    candidate that reads ``alone`` (a timeline entry has no sentence before
    it: "That was how long it took, he said" tells a reader nothing), else
    its first (``candidates`` as
    :func:`~newsdesk.summarize.candidates.candidate_sentences` gives them)."""
    opening: dict[str, str] = {}
    for index, candidate in enumerate(candidates):
        if candidate.article_id not in opening and alone(index):
            opening[candidate.article_id] = candidate.text
    for candidate in candidates:
        opening.setdefault(candidate.article_id, candidate.text)
    entries = [
        TimelineEntry(a.published, a.outlet, a.id, opening.get(a.id, a.title))
        for a in articles
        if a.duplicate_of is None
    ]
    return tuple(sorted(entries, key=lambda e: _time_order(e.published)))


def _made_up_title(article: Article) -> bool:
    """Whether the cleaner made the title of the opening paragraph (the input
    had none): such a title is the report's first words, not a headline. The
    cleaner leaves a wire dateline out of it; titles stored earlier kept one."""
    words = article.title.removesuffix("…")
    return bool(words) and (
        article.text.startswith(words)
        or strip_dateline(article.text, opening=True).startswith(words)
    )


def headline(articles: Sequence[Article], lead: Candidate | None = None) -> str:
    """The title of the lead's report, when it speaks of what the lead says
    (a title the cleaner made of the report's first words does, when the
    lead is those words); else the title whose words the story's articles use
    most widely.

    A side angle ("Apple exporters count the cost") or a roundup's first
    sentence standing in for a missing title shares fewer of its words with
    the other reports than a title that states the event.
    """
    originals = [a for a in articles if a.duplicate_of is None] or list(articles)
    if lead is not None:
        own = next((a for a in originals if a.id == lead.article_id), None)
        if own and _made_up_title(own):
            # The title is the opening's first words, or the whole of a short
            # opening paragraph that the lead, its first sentence, begins.
            words = own.title.removesuffix("…")
            if lead.text[: len(words)] == words[: len(lead.text)]:
                return own.title
        elif own and set(content_words(own.title)) & set(content_words(lead.text)):
            return own.title
    reach = Counter(w for a in originals for w in set(content_words(" ".join(a.paragraphs))))

    def support(article: Article) -> float:
        words = set(content_words(article.title))
        return sum(reach[w] for w in words) / len(words) if words else 0.0

    return max(originals, key=support).title


def source_refs(articles: Sequence[Article]) -> list[SourceRef]:
    """The source list: originals first by date, then the reprints."""
    by_id = {a.id: a for a in articles}
    ordered = sorted(
        articles,
        key=lambda a: (
            a.duplicate_of is not None,
            *_time_order(a.published),
            a.outlet,
        ),
    )
    refs = []
    for article in ordered:
        original = by_id.get(article.duplicate_of) if article.duplicate_of else None
        refs.append(
            SourceRef(
                article_id=article.id,
                outlet=article.outlet,
                title=article.title,
                url=article.url,
                published=article.published,
                path=article.path,
                reprint_of=original.outlet if original else None,
            )
        )
    return refs
