"""Generic cues that a line of page text is interface, not reporting.

These patterns describe *kinds* of site chrome that every news site has
(skip links, comment counters, share bars, subscription prompts, promotional
calls to action, legal lines, photo credits, wire credits), not the lines of
any one site. Lines that a site repeats on many pages are found separately,
by :mod:`newsdesk.clean.repeats`. Every cue applies only to short lines, since
a long line is almost always a paragraph of the article itself.
"""

from __future__ import annotations

import re

MAX_CHROME_WORDS = 30

_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("skip link", r"^skip to\b|^jump to\b"),
        (
            "comments",
            r"^(read|view|show|see|hide|post|add|leave|load)\b.{0,25}\bcomments?\b"
            r"|^\d+\s+comments?\b|\bcomment on this\b|^comments?\s*(\(\d+\))?$",
        ),
        (
            "share bar",
            r"^share(\s*[:|]|\W*$|\s+(this|article|story|page|post|link|on|via|to|with)\b)"
            r"|\bshare (this|on|via)\b"
            r"|\b(facebook|twitter|linkedin|whatsapp|pinterest|reddit|email)\b\s*[|·•/,]"
            r"\s*\b(facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|email|print)\b",
        ),
        (
            "subscription",
            r"^(subscribe|sign up|sign in|log ?in|register|join)\b|\bsubscribe (now|today|to)\b"
            r"|^newsletters?\b|\bnewsletters?\s*(:|\W*$)|\b(our|free)( \w+){0,2} newsletters?\b"
            r"|\bfree trial\b|\bsubscribers get\b|\bunlimited access\b",
        ),
        (
            "promotion",
            r"^learn more\b|\blearn more\W*$|\bclick here\b|\bdownload (the|our) app\b"
            r"|\bon the (?-i:[A-Z])[\w&.'-]*( (?-i:[A-Z])[\w&.'-]*)? (terminal|app)\b",
        ),
        (
            "navigation",
            r"^(advertisement|advertising|sponsored( content)?|ad|promoted|partner content|home|"
            r"menu|search|back to top|top stories|most (read|popular|viewed|shared)|recent posts|"
            r"related( (stories|articles|content|coverage|links))?|trending( now)?|latest( news)?|"
            r"you may also like|recommended( for you)?|print|email|next|previous|"
            r"skip to next paragraph|more on this story|in this section|share this story)\W*$",
        ),
        (
            "read more",
            r"^(read|see|watch|listen)( more| also| next)?\s*:|^(read|see) more\b|"
            r"^continue reading\b|\bappeared first on\b|^follow (us|@)|^follow [\w .]{1,30} on\b|"
            r"^more (from|stories from)\b",
        ),
        (
            "legal",
            r"©|\ball rights reserved\b|^copyright\s*(\(c\)|\d{4}|(?-i:[A-Z]))"
            r"|\bprivacy (policy|notice)\b"
            r"|\bterms (of (use|service)|and conditions)\b|\bwe use cookies\b"
            r"|\bcookie (policy|settings)\b",
        ),
        # A credit names people: "Reporting by local media suggested..." is a sentence.
        (
            "credits",
            r"^(additional )?(reporting|writing|editing) by (?-i:[A-Z])|;\s*editing by\b",
        ),
        (
            "caption",
            r"^(this|the|a) (video )?(image|photo|picture|file photo|handout photo|screen ?grab)\b"
            r".*\b(shows?|taken|released|provided)\b|\(([\w.' -]+ )?(photo|image|picture)s?\s*[/:]"
            r"|\b(ap|afp|reuters|getty images|epa) photo\b"
            r"|^(photo|image|picture|credit|caption)s?:",
        ),
        ("bullet tagline", r"^[•»›▸►■◆]\s"),
    ]
)
# Case matters here: an all-capitals button label closing a line ("LEARN MORE").
_CALL_TO_ACTION = re.compile(r"\b[A-Z]{2,}(\s+[A-Z]{2,})+[.!]?$")
_MENU_SEPARATORS = re.compile(r"\s[|•·]\s")
# "Business > Economy", "Home / World / Europe": short items joined by path signs.
_BREADCRUMB = re.compile(r"^[^.!?>›»/]{1,40}(\s[>›»/]\s[^.!?>›»/]{1,40})+$")


def chrome_cue(line: str) -> str | None:
    """The name of the cue that marks ``line`` as chrome, or None."""
    text = line.strip()
    if not text or len(text.split()) > MAX_CHROME_WORDS:
        return None
    for name, pattern in _CUES:
        if pattern.search(text):
            return name
    if _CALL_TO_ACTION.search(text) and not text.isupper():
        return "call to action"
    if _BREADCRUMB.match(text):
        return "breadcrumb"
    items = _MENU_SEPARATORS.split(text)
    if len(items) >= 3 and all(len(item.split()) <= 4 for item in items):
        return "menu"
    return None
