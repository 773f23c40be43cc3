"""What one run read, stored and wrote: the figures of its summary line and of the runs table."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.model import InputProblem

__all__ = ["RunReport"]


@dataclass
class RunReport:
    """What one run read, stored and wrote.

    Every report read is counted once: as new (``originals``), as a
    duplicate, as already stored, or as unreadable (no article text), so
    those four add up to ``documents``. ``new_articles`` counts the articles
    stored, near copies included; ``repeats`` are reports read twice in this
    run (two identical files, or one report in two records), stored once.
    """

    run_id: int
    documents: int = 0
    new_articles: int = 0
    known_articles: int = 0
    repeats: int = 0
    near_copies: int = 0
    unreadable: int = 0
    stories_created: int = 0
    stories_updated: int = 0
    stories_closed: int = 0
    briefs_written: int = 0
    unchanged_feeds: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: New reports whose outlet is known only by their folder, by folder.
    unnamed_outlets: dict[str, int] = field(default_factory=dict)

    @property
    def originals(self) -> int:
        """New articles that copy no other report."""
        return self.new_articles - self.near_copies

    @property
    def duplicates(self) -> int:
        """Reports that copy another: repeats and near copies."""
        return self.repeats + self.near_copies

    @property
    def counts(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "new_articles": self.new_articles,
            "known_articles": self.known_articles,
            "duplicates": self.duplicates,
            "repeats": self.repeats,
            "unreadable": self.unreadable,
            "stories_created": self.stories_created,
            "stories_updated": self.stories_updated,
            "stories_touched": self.stories_created + self.stories_updated,
            "stories_closed": self.stories_closed,
            "briefs_written": self.briefs_written,
            "unchanged_feeds": self.unchanged_feeds,
            "problems": len(self.problems),
            "skipped": len(self.skipped),
        }
