"""Records to and from plain dicts (JSON), for the store and the JSON digest."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsdesk.model import Brief, BriefSentence, SourceRef


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    return {
        "story_id": brief.story_id,
        "headline": brief.headline,
        "updated": iso(brief.updated),
        "independent_sources": brief.independent_sources,
        "outlets": list(brief.outlets),
        "sentences": [
            {"text": s.text, "article_id": s.article_id, "outlets": list(s.outlets)}
            for s in brief.sentences
        ],
        "sources": [
            {
                "article_id": r.article_id,
                "outlet": r.outlet,
                "title": r.title,
                "url": r.url,
                "published": iso(r.published),
                "path": r.path,
                "reprint_of": r.reprint_of,
            }
            for r in brief.sources
        ],
    }


def brief_from_dict(data: dict[str, Any]) -> Brief:
    updated = from_iso(data["updated"])
    if updated is None:
        raise ValueError("a stored brief has no update time")
    return Brief(
        story_id=data["story_id"],
        headline=data["headline"],
        updated=updated,
        independent_sources=int(data["independent_sources"]),
        sentences=tuple(
            BriefSentence(s["text"], s["article_id"], tuple(s["outlets"]))
            for s in data["sentences"]
        ),
        sources=tuple(
            SourceRef(
                article_id=r["article_id"],
                outlet=r["outlet"],
                title=r["title"],
                url=r["url"],
                published=from_iso(r["published"]),
                path=r["path"],
                reprint_of=r["reprint_of"],
            )
            for r in data["sources"]
        ),
    )
