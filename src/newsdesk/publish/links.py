"""Which links from article metadata may appear in what newsdesk publishes."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a web link; None for ``javascript:``, ``data:``, broken URLs."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return url if scheme in ("http", "https") else None
