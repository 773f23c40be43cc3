"""Times as a reader sees them: in UTC, as the runs page shows them, in words.

A date alone ("2026-11-19") is enough beside a story, but "new since" must
name a moment a reader can place among the day's briefs, so it says the
day, the month in words, the hour and the zone.
"""

from __future__ import annotations

from datetime import UTC, datetime


def moment_text(moment: datetime) -> str:
    """ "19 November 2026, 14:00 UTC"; a time without a zone is taken to be UTC."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{utc.day} {utc:%B %Y, %H:%M} UTC"
