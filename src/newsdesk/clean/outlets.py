"""Naming the outlet of a report: metadata, then URL domain, then text, then folder.

Site names found in a page's chrome ("(c) 2026 The Daily Example", "The post ...
appeared first on Example News", "on the Example Terminal") name the outlet of
scraped text that has no metadata. Domains are mapped to the site name that
other documents of the same domain carry, so one outlet has one name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from newsdesk.model import Document, OutletOrigin

_NAME = r"((?:The )?[A-Z][\w&'.-]*(?: (?:of |the |and |& )?[A-Z][\w&'.-]*){0,4})"
_BRAND_PATTERNS = (
    re.compile(r"(?i:©|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*,?\s*)?" + _NAME),
    re.compile(r"appeared first on\s+" + _NAME),
    re.compile(r"\bon the " + _NAME + r" (?:Terminal|app)\b"),
)
# A full stop after a word ("Gazette. All rights reserved", "AP. All") ends the
# name; one after a short abbreviation ("St. Aldric's", "U.S. News") does not.
_NAME_END = re.compile(r"\b(?:[A-Za-z&'-]{3,}|[A-Z]{2})\.(?=\s)")


# "KESSROW (CPA) — ...", "WASHINGTON (Reuters) - ...": the agency that wrote it.
_DATELINE_AGENCY = re.compile(
    r"^[A-Z][A-Z .,'’-]{1,40}\((?P<agency>[A-Z][\w .&]{1,30}?)\)\s*(?:—|–|--?)\s"
)


def agency_in_dateline(paragraph: str) -> str | None:
    """The news agency named in a wire dateline that opens ``paragraph``."""
    match = _DATELINE_AGENCY.match(paragraph)
    return match.group("agency").strip() if match else None


def domain_of(url: str | None) -> str | None:
    """``www.example.com`` -> ``example.com``; None for a URL without a host."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # "http://[broken-host/x": an unclosed IPv6 bracket
        return None
    return host.removeprefix("www.") or None


def brand_in(lines: Iterable[str]) -> str | None:
    """A site name stated in chrome lines, if any."""
    for line in lines:
        for pattern in _BRAND_PATTERNS:
            match = pattern.search(line)
            if match:
                name = match.group(1)
                end = _NAME_END.search(name)
                return (name[: end.end()] if end else name).strip().rstrip(".")
    return None


def folder_outlet(folder: str) -> str:
    """A folder name as an outlet name: ``meridian-ledger`` -> ``Meridian Ledger``."""
    words = re.split(r"[-_\s]+", folder.strip())
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or "Unknown outlet"


class OutletNamer:
    """Resolves each document's outlet, consistently across a batch."""

    def __init__(self) -> None:
        self._domain_names: dict[str, str] = {}

    def fit(self, documents: Iterable[Document]) -> OutletNamer:
        """Learn the site name most documents of each domain carry."""
        return self.fit_names((domain_of(d.url), d.outlet) for d in documents)

    def fit_names(self, names: Iterable[tuple[str | None, str | None]]) -> OutletNamer:
        """:meth:`fit` from each document's ``(domain, site name)``, in the batch's
        order (a tie goes to the name seen first): what a client learns from
        workers that keep the documents."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for domain, outlet in names:
            if domain and outlet:
                votes[domain][outlet] += 1
        self._domain_names = {d: c.most_common(1)[0][0] for d, c in votes.items()}
        return self

    def name(
        self, document: Document, chrome: Iterable[str] = (), lead: str = ""
    ) -> tuple[str, OutletOrigin]:
        """The outlet of ``document`` and where the name came from.

        ``chrome`` are the lines cleaned away (a site names itself there);
        ``lead`` is the first body paragraph, whose wire dateline may name
        the agency that wrote the report.
        """
        if document.outlet:
            return document.outlet, OutletOrigin.METADATA
        domain = domain_of(document.url)
        if domain:
            return self._domain_names.get(domain, domain), OutletOrigin.URL
        brand = brand_in(chrome) or agency_in_dateline(lead)
        if brand:
            return brand, OutletOrigin.TEXT
        return folder_outlet(document.folder), OutletOrigin.FOLDER

    @staticmethod
    def group_key(document: Document) -> str:
        """The key under which repeated lines are counted, before naming."""
        return document.outlet or domain_of(document.url) or f"folder:{document.folder}"
