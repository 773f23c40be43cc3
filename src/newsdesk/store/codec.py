"""Records to and from plain dicts (JSON), for the store and the JSON digest."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import datetime
from typing import Any

from newsdesk.model import (
    Article,
    Brief,
    BriefSentence,
    Claim,
    Difference,
    Edit,
    OutletOrigin,
    Quote,
    SourceRef,
    TimelineEntry,
)


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _sentences_to_list(sentences: tuple[BriefSentence, ...]) -> list[dict[str, Any]]:
    return [
        {
            "text": s.text,
            "article_id": s.article_id,
            "outlets": list(s.outlets),
            "via": s.via,
            "edits": [asdict(e) for e in s.edits],
        }
        for s in sentences
    ]


def _sentences_from_list(data: list[dict[str, Any]]) -> tuple[BriefSentence, ...]:
    return tuple(
        BriefSentence(
            s["text"],
            s["article_id"],
            tuple(s["outlets"]),
            s.get("via"),
            tuple(Edit(**e) for e in s.get("edits", [])),
        )
        for s in data
    )


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    return {
        "story_id": brief.story_id,
        "headline": brief.headline,
        "updated": iso(brief.updated),
        "written": iso(brief.written),
        "closed": iso(brief.closed),
        "independent_sources": brief.independent_sources,
        "outlets": list(brief.outlets),
        "sentences": _sentences_to_list(brief.sentences),
        "new_since": iso(brief.new_since),
        "new_sentences": _sentences_to_list(brief.new_sentences),
        "quotes": [asdict(q) for q in brief.quotes],
        "differences": [
            {
                "kind": d.kind,
                "detail": d.detail,
                "sides": [asdict(d.first), asdict(d.second)],
            }
            for d in brief.differences
        ],
        "timeline": [
            {
                "published": iso(t.published),
                "outlet": t.outlet,
                "article_id": t.article_id,
                "text": t.text,
            }
            for t in brief.timeline
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
        # A brief stored before ``written`` existed was written at its ``updated``.
        written=from_iso(data.get("written")) or updated,
        independent_sources=int(data["independent_sources"]),
        sentences=_sentences_from_list(data["sentences"]),
        new_since=from_iso(data.get("new_since")),
        new_sentences=_sentences_from_list(data.get("new_sentences", [])),
        timeline=tuple(
            TimelineEntry(from_iso(t["published"]), t["outlet"], t["article_id"], t["text"])
            for t in data.get("timeline", [])
        ),
        closed=from_iso(data.get("closed")),
        quotes=tuple(Quote(**q) for q in data.get("quotes", [])),
        differences=tuple(
            Difference(
                d["kind"],
                d["detail"],
                Claim(**d["sides"][0]),
                Claim(**d["sides"][1]),
            )
            for d in data.get("differences", [])
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


def article_from_row(row: sqlite3.Row) -> Article:
    """An article as the ``articles`` table stores it."""
    return Article(
        id=row["id"],
        path=row["path"],
        index=row["idx"],
        outlet=row["outlet"],
        outlet_origin=OutletOrigin(row["outlet_origin"]),
        title=row["title"],
        paragraphs=tuple(json.loads(row["paragraphs"])),
        url=row["url"],
        published=from_iso(row["published"]),
        author=row["author"],
        duplicate_of=row["duplicate_of"],
        bundle=row["bundle"],
    )
