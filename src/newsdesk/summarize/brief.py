"""Writing a story's brief: candidates, selection, attribution, sources.

Every sentence of a brief is a verbatim sentence of one source article, and
names its outlet; other outlets are named with it only when one of their
articles carries a sentence of the same content (cosine at least
``corroboration``), so an attribution is checked against the text, never
generated. Wire reprints are listed as sources but add no sentences and no
independent-source count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

import numpy as np

from newsdesk.embed import TextEncoder
from newsdesk.model import Article, Brief, BriefSentence, SourceRef
from newsdesk.summarize.base import Candidate, Summarizer
from newsdesk.summarize.centroid import CentroidSummarizer
from newsdesk.text.sentences import SENTENCE_ENDINGS, split_sentences

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


def _quotes_balanced(sentence: str) -> bool:
    """False for a piece of a quotation that spans sentences ('"We will go.')."""
    return sentence.count('"') % 2 == 0 and sentence.count("“") == sentence.count("”")


def is_candidate_sentence(sentence: str, min_words: int = 8, max_words: int = 55) -> bool:
    """A full declarative sentence of reasonable length, not a fragment or heading.

    A sentence that opens or closes a multi-sentence quotation is left out:
    shown alone it reads as a broken quote.
    """
    words = len(sentence.split())
    first = sentence.lstrip("\"“‘'(")[:1]
    return (
        min_words <= words <= max_words
        and sentence.endswith(SENTENCE_ENDINGS)
        and (first.isupper() or first.isdigit())
        and _quotes_balanced(sentence)
    )


def independent_sources(articles: Sequence[Article]) -> int:
    """How many independent sources report the story (reprints do not count)."""
    return len({a.source_key for a in articles if a.duplicate_of is None})


class BriefWriter:
    """Turns a story's articles into a :class:`~newsdesk.model.Brief`.

    Parameters
    ----------
    embedder:
        Encodes candidate sentences (the costly step, so it runs only for
        stories with enough sources).
    summarizer:
        Chooses the sentences; :class:`CentroidSummarizer` by default.
    max_sentences, max_words:
        The brief's length budget.
    min_sources:
        Stories with fewer independent sources get no brief.
    corroboration:
        Cosine at which another outlet's sentence counts as the same report.
    """

    def __init__(
        self,
        embedder: TextEncoder,
        summarizer: Summarizer | None = None,
        max_sentences: int = 5,
        max_words: int = 150,
        min_sources: int = 2,
        corroboration: float = 0.75,
    ) -> None:
        self.embedder = embedder
        self.summarizer = summarizer or CentroidSummarizer()
        self.max_sentences = max_sentences
        self.max_words = max_words
        self.min_sources = min_sources
        self.corroboration = corroboration

    def candidates(self, articles: Sequence[Article]) -> list[Candidate]:
        texts: list[tuple[str, Article, int]] = []
        for article in articles:
            if article.duplicate_of is not None:
                continue
            position = 0
            for paragraph in article.paragraphs:
                for sentence in map(strip_dateline, split_sentences(paragraph)):
                    if is_candidate_sentence(sentence):
                        texts.append((sentence, article, position))
                        position += 1
        vectors = self.embedder.encode([text for text, _, _ in texts])
        return [
            Candidate(text, a.id, a.outlet, a.source_key, position, vector)
            for (text, a, position), vector in zip(texts, vectors, strict=True)
        ]

    def write(self, story_id: str, articles: Sequence[Article], updated: datetime) -> Brief | None:
        """The story's brief, or None when it has too few independent sources."""
        count = independent_sources(articles)
        if count < self.min_sources:
            return None
        candidates = self.candidates(articles)
        if not candidates:
            return None
        chosen = self.summarizer.select(candidates, self.max_sentences, self.max_words)
        vectors = np.stack([c.vector for c in candidates])
        sentences = tuple(self._attributed(candidates, vectors, i) for i in chosen)
        return Brief(
            story_id=story_id,
            headline=self._headline(articles, candidates, vectors),
            sentences=sentences,
            sources=tuple(source_refs(articles)),
            updated=updated,
            independent_sources=count,
        )

    def _attributed(
        self, candidates: Sequence[Candidate], vectors: np.ndarray, index: int
    ) -> BriefSentence:
        own = candidates[index]
        outlets = [own.outlet]
        for j in np.flatnonzero(vectors @ vectors[index] >= self.corroboration):
            other = candidates[int(j)]
            if other.source != own.source and other.outlet not in outlets:
                outlets.append(other.outlet)
        return BriefSentence(text=own.text, article_id=own.article_id, outlets=tuple(outlets))

    @staticmethod
    def _headline(
        articles: Sequence[Article], candidates: Sequence[Candidate], vectors: np.ndarray
    ) -> str:
        """The title of the article whose sentences sit closest to the story's centre."""
        centroid = vectors.mean(axis=0)
        closeness: dict[str, list[float]] = {}
        for candidate, similarity in zip(candidates, vectors @ centroid, strict=True):
            closeness.setdefault(candidate.article_id, []).append(float(similarity))
        best = max(closeness, key=lambda article_id: float(np.mean(closeness[article_id])))
        return next(a.title for a in articles if a.id == best)


def source_refs(articles: Sequence[Article]) -> list[SourceRef]:
    """The source list: originals first by date, then the reprints."""
    by_id = {a.id: a for a in articles}
    ordered = sorted(
        articles,
        key=lambda a: (
            a.duplicate_of is not None,
            a.published is None,
            a.published.timestamp() if a.published else 0.0,
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
