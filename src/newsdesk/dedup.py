"""Dedup: exact copies and near copies (wire reprints) are linked, not counted twice.

Every article gets a MinHash signature of its word 3-grams; an LSH index finds
earlier articles whose estimated Jaccard similarity passes the threshold, and
a query costs about the same however many articles are indexed. (The index is
rebuilt from the stored signatures at the start of each run.) A copy
keeps its place in the story (readers see who ran it) but points at its
original through ``Article.duplicate_of`` and adds no independent source.

Cost: one MinHash per article (``num_perm`` hash permutations over its
shingles) and one LSH query; memory is ``num_perm`` 32-bit values per article.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsdesk.model import Article
from newsdesk.text.words import words

__all__ = ["Deduplicator", "KnownArticle"]

_LATEST = datetime.max.replace(tzinfo=UTC)
# Stored signatures are only comparable under the scheme that made them, so
# it is fixed here rather than left to the library's default.
MINHASH_SCHEME = "affine32"
SIGNATURE_DTYPE = np.uint32


@dataclass(frozen=True, slots=True, eq=False)
class KnownArticle:
    """An article from an earlier run: its id, body hash, MinHash values, and
    the original it copies, if it is a copy."""

    id: str
    body_hash: str
    signature: np.ndarray
    duplicate_of: str | None = None


def _publication_order(article: Article) -> datetime:
    """When an article appeared, for deciding which of two copies is the original.

    A date without a time of day (a byline's "November 18, 2026") reads as
    midnight; it is taken as the end of that day instead, so that a wire
    story timed 06:00 precedes a reprint known only by its date.
    """
    when = article.published
    if when is None:
        return _LATEST
    if (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0):
        return when + timedelta(days=1) - timedelta(microseconds=1)
    return when


@functools.cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The LSH index's (bands, rows) for a threshold. datasketch finds them by
    numerical integration, about 12 ms, which a caller that deduplicates many
    small batches (the evaluation, once per cluster) would pay each time."""
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return index.b, index.r


@functools.cache
def _permutations(num_perm: int) -> np.ndarray:
    """The permutation parameters every MinHash of ``num_perm`` shares. datasketch
    draws them anew for each MinHash it builds (from the same seed, so they are
    always equal), at about 5 ms apiece: a run's 2,000 stored signatures cost
    10 s of the one process that dedups (measured 2026-12-07); shared, 0.1 ms."""
    permutations: np.ndarray = MinHash(num_perm=num_perm, scheme=MINHASH_SCHEME).permutations
    return permutations


def body_hash(article: Article) -> str:
    """Hash of the normalised body, whatever the outlet: equal texts are copies."""
    return hashlib.sha256(" ".join(words(article.text)).encode()).hexdigest()[:16]


class Deduplicator:
    """Marks exact and near-duplicate articles.

    Parameters
    ----------
    threshold:
        Estimated Jaccard similarity of word 3-gram sets above which two
        articles are copies. A reprint with its own dateline and a trimmed
        last paragraph stays far above 0.5; two outlets' independent reports
        of one event share well under a tenth of their 3-grams.
    num_perm:
        MinHash permutations: more is more precise and slower.
    shingle:
        Words per shingle.
    """

    def __init__(self, threshold: float = 0.5, num_perm: int = 128, shingle: int = 3) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle

    def signature(self, article: Article) -> MinHash:
        tokens = words(article.text)
        grams = {
            " ".join(tokens[i : i + self.shingle]).encode()
            for i in range(max(1, len(tokens) - self.shingle + 1))
        }
        minhash = MinHash(
            num_perm=self.num_perm,
            scheme=MINHASH_SCHEME,
            permutations=_permutations(self.num_perm),
        )
        minhash.update_batch(list(grams))
        return minhash

    def run(
        self,
        articles: Sequence[Article],
        known: Iterable[KnownArticle] = (),
        signatures: Mapping[str, np.ndarray] | None = None,
    ) -> tuple[list[Article], dict[str, np.ndarray]]:
        """Articles with ``duplicate_of`` set, and each new article's signature.

        Earlier-published articles are originals; ``known`` articles (from
        earlier runs) come before all new ones. ``signatures`` are those of
        :meth:`signature` already computed (on the workers of a run), by
        article id; the others are computed here.
        """
        computed = signatures or {}
        lsh = MinHashLSH(
            threshold=self.threshold,
            num_perm=self.num_perm,
            params=_bands(self.threshold, self.num_perm),
        )
        indexed: dict[str, MinHash] = {}
        by_hash: dict[str, str] = {}
        originals: dict[str, str] = {}
        for item in known:
            by_hash.setdefault(item.body_hash, item.id)
            indexed[item.id] = self._minhash(item.signature)
            lsh.insert(item.id, indexed[item.id])
            originals[item.id] = item.duplicate_of or item.id
        order = sorted(articles, key=_publication_order)
        found: dict[str, np.ndarray] = {}
        duplicate_of: dict[str, str] = {}
        for article in order:
            if article.id in originals:
                continue
            if article.id in computed:
                minhash = self._minhash(computed[article.id])
            else:
                minhash = self.signature(article)
            found[article.id] = minhash.hashvalues
            exact = by_hash.setdefault(body_hash(article), article.id)
            match = exact if exact != article.id else self._nearest(lsh, indexed, minhash)
            if match is not None:
                duplicate_of[article.id] = originals[match]
            originals[article.id] = duplicate_of.get(article.id, article.id)
            indexed[article.id] = minhash
            lsh.insert(article.id, minhash)
        marked = [
            replace(a, duplicate_of=duplicate_of[a.id]) if a.id in duplicate_of else a
            for a in articles
        ]
        return marked, found

    def _minhash(self, values: np.ndarray) -> MinHash:
        """A signature computed before (stored, or on a worker), as a MinHash again."""
        return MinHash(
            num_perm=self.num_perm,
            hashvalues=values,
            scheme=MINHASH_SCHEME,
            permutations=_permutations(self.num_perm),
        )

    def _nearest(
        self, lsh: MinHashLSH, indexed: dict[str, MinHash], minhash: MinHash
    ) -> str | None:
        """The most similar indexed article past the threshold (LSH candidates are
        only probable matches, so each is checked)."""
        scored = [(minhash.jaccard(indexed[c]), c) for c in lsh.query(minhash)]
        best = max(scored, default=(0.0, ""))
        return best[1] if best[0] >= self.threshold else None
