"""The digest: what a run publishes, gathered from the store and ranked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsdesk.model import Brief, SourceRef
from newsdesk.store import Store
from newsdesk.summarize.sources import source_refs


@dataclass(frozen=True, slots=True)
class Digest:
    """Ranked briefs of open stories, the open stories only one source has
    reported, the closed stories' briefs (the archive, newest first), and
    where merged stories' old ids now lead (old id, current id)."""

    generated: datetime
    briefs: tuple[Brief, ...]
    single_source: tuple[SourceRef, ...]
    redirects: tuple[tuple[str, str], ...] = ()
    archive: tuple[Brief, ...] = ()


def _newest_source(brief: Brief) -> float:
    return max((s.published.timestamp() for s in brief.sources if s.published), default=0.0)


def _made(store: Store, briefs: list[Brief], singles: list[SourceRef]) -> datetime | None:
    """When the digest's content last changed: the newest of its briefs' writing
    and closing and of its single-source reports' arrival (None for no content).
    A run that changes nothing leaves it, and so every page dated by it, as it was."""
    times = [t for b in briefs for t in (b.written, b.closed) if t is not None]
    times += store.arrivals(s.article_id for s in singles).values()
    return max(times, default=None)


def build_digest(store: Store, as_of: datetime) -> Digest:
    """Briefs ranked by independent sources, then by their newest report.

    The digest's ``generated`` time comes from its data (see :func:`_made`),
    not from the run or request that builds it; ``as_of`` stands in only for
    a store with nothing to publish."""
    every = store.briefs()
    briefs = sorted(
        (b for b in every if b.closed is None),
        key=lambda b: (-b.independent_sources, -_newest_source(b), b.headline),
    )
    archive = sorted((b for b in every if b.closed is not None), key=lambda b: -_newest_source(b))
    with_brief = {b.story_id for b in every}
    singles = [
        source_refs(articles)[0]
        for story_id in store.story_ids("open")
        if story_id not in with_brief and (articles := store.articles_of(story_id))
    ]
    singles.sort(key=lambda s: -(s.published.timestamp() if s.published else 0.0))
    return Digest(
        generated=_made(store, every, singles) or as_of,
        briefs=tuple(briefs),
        single_source=tuple(singles),
        redirects=tuple(sorted(store.redirects().items())),
        archive=tuple(archive),
    )
