"""Bidirectional control characters, which a source's text must not carry into
what newsdesk publishes.

A U+202E (right-to-left override) in a title reverses the text after it, up to
the end of the line or paragraph: in a page it can make a headline, an outlet
name or a link read as something else. The controls are removed rather than
isolated because every output needs the same rule and Markdown and Atom have no
markup to isolate with; without them, Arabic and Hebrew text still reads right
under the Unicode bidirectional algorithm.
"""

from __future__ import annotations

__all__ = ["BIDI_CONTROLS", "strip_bidi_controls"]

# Unicode's Bidi_Control property: the Arabic letter mark, the left-to-right and
# right-to-left marks, the embeddings, overrides and their pop (U+202A-U+202E),
# and the isolates and their pop (U+2066-U+2069).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_REMOVE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidirectional controls, so it cannot reorder its neighbours."""
    return text.translate(_REMOVE)
