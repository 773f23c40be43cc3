"""Parsing the publication dates that inputs carry, in the forms they carry them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
#: Every month name and abbreviation, folded: "march", "mar", "sept".
MONTH_NAMES = frozenset(_MONTHS)
_MONTH_DAY_YEAR = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2}),?\s+(\d{4})\b",
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?,?\s+(\d{4})\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_date(value: object) -> datetime | None:
    """A timezone-aware datetime from an ISO 8601 or RFC 822 string, else None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return find_date(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def find_date(text: str) -> datetime | None:
    """The first calendar date written in ``text``.

    Understands "July 19, 2011", "19 July 2011" and "2011-07-19".
    """
    match = _MONTH_DAY_YEAR.search(text)
    day_first = _DAY_MONTH_YEAR.search(text)
    if day_first and (match is None or day_first.start() < match.start()):
        day, month, year = (
            int(day_first.group(1)),
            _MONTHS[day_first.group(2).lower()],
            int(day_first.group(3)),
        )
    elif match:
        month = _MONTHS[match.group(1).lower()]
        day, year = int(match.group(2)), int(match.group(3))
    else:
        match = _ISO_DATE.search(text)
        if not match:
            return None
        year, month, day = (int(group) for group in match.groups())
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
