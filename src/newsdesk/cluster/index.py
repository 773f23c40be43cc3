"""Blocking for the clusterer: which open stories an article could join.

Comparing every article with every open story costs articles x stories, which
grows with the square of a day's volume. A story can only win when it shares
something with the article, so only such stories are compared:

- a name: stories are listed under each name they contain, most recently
  changed last; for a name in many stories ("Police", "Ukraine") only the
  ``max_postings`` most recently changed ones are taken, which bounds the
  work per name and keeps the stories still being reported;
- a region of embedding space: random-hyperplane LSH (``tables`` tables of
  ``bits`` bits each) puts vectors with cosine c in the same bucket of one
  table with probability (1 - arccos(c) / pi) ** bits. With the defaults, a
  story at cosine 0.6 is found with probability 0.52, at 0.7 with 0.77, at
  0.8 with 0.96 and at 0.9 with 0.9997. Below 0.8 a story can only win on
  shared names anyway (the joining threshold is 0.8), and names are the
  first way in.

Cost per article: its names' postings (each at most ``max_postings``), one
(tables x bits x dimensions) projection, and the members of its buckets: for
spread-out vectors about tables / 2 ** bits (1.2 %) of the open stories.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import islice

import numpy as np

from newsdesk.errors import ConfigError


class StoryIndex:
    """Open stories by name and by LSH bucket of their centroid.

    Parameters
    ----------
    dimensions:
        Length of the embedding vectors.
    tables, bits:
        LSH tables and hyperplanes per table.
    max_postings:
        At most this many stories (the most recently changed) are taken per name.
    seed:
        Seed of the random hyperplanes, so that runs agree.
    """

    def __init__(
        self,
        dimensions: int,
        tables: int = 48,
        bits: int = 12,
        max_postings: int = 50,
        seed: int = 0,
    ) -> None:
        if not 1 <= bits <= 62 or tables < 1 or max_postings < 1:
            raise ConfigError(
                f"StoryIndex needs 1 <= bits <= 62, tables >= 1 and max_postings >= 1; "
                f"got bits={bits}, tables={tables}, max_postings={max_postings}"
            )
        self.max_postings = max_postings
        rng = np.random.default_rng(seed)
        self._planes = rng.standard_normal((tables, bits, dimensions)).astype(np.float32)
        self._weights = np.left_shift(1, np.arange(bits, dtype=np.int64))
        self._by_name: defaultdict[str, dict[str, None]] = defaultdict(dict)
        self._buckets: list[defaultdict[int, set[str]]] = [defaultdict(set) for _ in range(tables)]
        self._keys: dict[str, np.ndarray] = {}
        self._names: dict[str, set[str]] = {}

    def _bucket_keys(self, vector: np.ndarray) -> np.ndarray:
        signs = (self._planes @ vector.astype(np.float32)) > 0  # tables x bits
        keys: np.ndarray = signs.astype(np.int64) @ self._weights
        return keys

    def put(self, story_id: str, centroid: np.ndarray, names: Iterable[str]) -> None:
        """Add a story, or re-file it after it changed (only the buckets that
        changed move; every name is re-listed last, as the most recent)."""
        keys = self._bucket_keys(centroid)
        old_keys = self._keys.get(story_id)
        for table, key in enumerate(keys):
            if old_keys is not None and old_keys[table] == key:
                continue
            if old_keys is not None:
                self._buckets[table][int(old_keys[table])].discard(story_id)
            self._buckets[table][int(key)].add(story_id)
        self._keys[story_id] = keys
        own = set(names)
        for name in self._names.get(story_id, set()) | own:
            self._by_name[name].pop(story_id, None)
        for name in own:
            self._by_name[name][story_id] = None
        self._names[story_id] = own

    def remove(self, story_id: str) -> None:
        keys = self._keys.pop(story_id, None)
        if keys is None:
            return
        for table, key in enumerate(keys):
            self._buckets[table][int(key)].discard(story_id)
        for name in self._names.pop(story_id):
            self._by_name[name].pop(story_id, None)

    def candidates(self, vector: np.ndarray, names: Iterable[str]) -> set[str]:
        """Stories sharing a name (the most recent ones) or an LSH bucket with the article."""
        found: set[str] = set()
        for name in names:
            postings = self._by_name.get(name)
            if postings:
                found.update(islice(reversed(postings), self.max_postings))
        for table, key in enumerate(self._bucket_keys(vector)):
            found |= self._buckets[table].get(int(key), set())
        return found
