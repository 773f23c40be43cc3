"""Generic cues that a line of page text is interface, not reporting.

These patterns describe *kinds* of site chrome that every news site has
(skip links, comment counters, share bars, subscription prompts, promotional
calls to action, legal lines, photo credits, wire credits), not the lines of
any one site. Lines that a site repeats on many pages are found separately,
by :mod:`newsdesk.clean.repeats`.

Cues are strong or weak, because news prose uses many of the words that the
interface around it uses: "The two councils will share this cost", "the
agency's monthly newsletter", "declined to comment on this matter" are news.

A *strong* cue is a form that reporting does not take: a skip link, a
copyright sign or "all rights reserved", "The post ... appeared first on", a
wire credit ("Reporting by X; editing by Y"), a photo credit ("(Ledger
photo/Ana Kim)", "(Photo by Ana Kim/Agency)", "Photo: X" opening the line or
following its last sentence), a caption that points at its picture ("This
video image taken from ... shows"), a bullet tagline, a button label in
capitals after the line's last sentence ("... Terminal. LEARN MORE"), an
imperative to the reader opening a sentence ("Sign up for", "Subscribe to",
"Follow us on", "click here"), a consent line ("We use cookies", "By
clicking ... you agree"), or a comment counter that is the whole line. It
marks a line whatever its shape.

A *weak* cue is a word or phrase that an interface uses but a reporter may
use too: share, subscribe, sign up, register, join, newsletter, learn more,
privacy policy, terms and conditions, navigation words, a caption-like
opening ("The image released by the council shows ..."). It marks a line
only when the line does not read as a sentence: when it is short (at most
:data:`SENTENCE_MIN_WORDS` words) or does not end in sentence punctuation.
Short sentences still happen in news ("The company updated its privacy
policy after the ruling."), so weak patterns take the shapes an interface
gives these words (a label, an imperative opening the line, "our
newsletter"). The broadest of them, *label* cues ("Blue Jays Newsletter",
"Privacy Policy" among link names, "Join Club"), mark only lines that do not
end in sentence punctuation at all, as menus, links and buttons do.

No cue applies to a line of more than :data:`MAX_CHROME_WORDS` words: a line
that long is almost always a paragraph of the article itself.
"""

from __future__ import annotations

import re
from enum import Enum

MAX_CHROME_WORDS = 30
# A line of more words than this that ends in sentence punctuation reads as a sentence.
SENTENCE_MIN_WORDS = 12


class _Reach(Enum):
    """Which lines a cue may mark."""

    STRONG = "any line"
    WEAK = "lines that do not read as a sentence"
    LABEL = "lines that do not end in sentence punctuation"


STRONG, WEAK, LABEL = _Reach.STRONG, _Reach.WEAK, _Reach.LABEL

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# An imperative opening the line or one of its sentences.
_OPENS = r"(^|[.!?]\s+)"
_SOCIAL = (
    r"(facebook|twitter|linkedin|whatsapp|pinterest|reddit|instagram|youtube|tiktok|telegram"
    r"|tumblr|bluesky|mastodon|email|print)"
)
_PICTURE = r"(image|photo(graph)?|picture)s?"
# The words of a picture credit ("Photo: X", "(Pic: X)", "Foto: X").
_CREDIT = r"(image|photo(graph)?|picture|pic|foto|bild)s?"
# What a caption says of its picture before it says what the picture shows.
_PICTURE_ORIGIN = (
    r"(taken|released|provided|supplied|obtained|made available|distributed|issued|posted"
    r"|shared|published|dated|captured|grabbed|made|shot|from)"
)
# A caption's picture directly followed by "shows" or by where it came from; no comma
# between, so "The photo, taken by a passer-by, shows the car" stays a sentence.
_SHOWS = rf"( {_PICTURE_ORIGIN}\b.*?)? (shows?|showing|depicts?)\b"
# Kinds of picture that only a caption names: "This video image", "A file photo".
_PICTURE_KIND = (
    rf"((video|file|handout|undated|aerial|satellite|drone) {_PICTURE}"
    r"|(video|screen|frame) ?grabs?)"
)
# Names and places only, as in a credit or a copyright holder.
_PROPER = r"(?-i:[A-Z])[\w.&'’-]*"

# (name, pattern, reach), tried in order. One kind of cue can have several reaches.
_CUE_TABLE: list[tuple[str, str, _Reach]] = [
    (
        "skip link",
        r"^(skip|jump) to\s*(:|(the )?(main |primary |page |site )?(content|navigation|nav|search"
        r"|menu|footer|header|top|comments|next paragraph|article|story|section)\b)",
        STRONG,
    ),
    ("skip link", r"^(skip|jump) to\b", WEAK),
    (
        "comments",
        r"^(read|view|show|see|hide|load)( all| the)?( \d+)?( reader)? comments?\s*(\(\d+\))?\W*$"
        r"|^\d+\s+comments?\W*$|^comments?\s*(\(\d+\))?\W*$",
        STRONG,
    ),
    (
        "comments",
        r"^(read|view|show|see|hide|post|add|leave|load)\b.{0,25}\bcomments?\b"
        r"|^\d+\s+comments?\s*[|·•]|^comment on this\b|\bcomment on this (story|article|post)",
        WEAK,
    ),
    # Networks joined by bars or dots; "Facebook, Twitter and ..." is prose.
    (
        "share bar",
        rf"\b{_SOCIAL}\s*[|·•]\s*({_SOCIAL}|x)\b",
        STRONG,
    ),
    (
        "share bar",
        rf"\b{_SOCIAL}\s*/\s*{_SOCIAL}\b"
        r"|^share(\s*[:|]|\W*$|\s+(this|article|story|page|post|link|on|via|to|with)\b)"
        r"|\bshare this (article|story|page|post|link)\b|\bshare (on|via)\W*$"
        rf"|\bshare (it |this )?(on|via) {_SOCIAL}\b",
        WEAK,
    ),
    (
        "subscription",
        rf"{_OPENS}(sign up|subscribe)( (now|today|here|free))*(\W*$| (for|to)\b)"
        r"|^(sign up|subscribe|newsletters?)\s*:"
        rf"|{_OPENS}(get|receive|join|sign up for|subscribe to) (the|our|a)( [\w'’-]+){{0,3}}"
        r" newsletters?\b"
        r"|\b(delivered|sent)( straight| directly)? to your inbox\b|\bstraight to your inbox\b"
        r"|\benter your e-?mail( address)?\b",
        STRONG,
    ),
    (
        "subscription",
        r"^(subscribe|sign up)\b"
        r"|^(sign in|sign out|log ?in|log ?out)\s*(\W*$|[|/·•]|(to|with|here)\b)"
        r"|^register\s*(\W*$|[|/·•]|(now|today|here|free|for free|for an account)\b"
        r"|to (read|continue|comment|unlock|access|keep reading)\b)"
        r"|^join (us|now|today|free|our|the (conversation|discussion|debate|community))\b"
        r"|\bplease (subscribe|sign up|sign in|log ?in|register)\b"
        r"|\bcreate (an|your|a free) account\b"
        r"|\bsubscribe (now|today)\W*$|\bnewsletters?\s*:"
        r"|\b(our|free)( [\w'’-]+){0,2} newsletters?\b"
        r"|\b(get|receive|sign up for|subscribe to|join) (the|our|a)( [\w'’-]+){0,3} newsletters?\b"
        r"|\b(start|begin|try|claim|get)( your| a| our)?( \d+[- ]day)? free trial\b"
        r"|\bsubscribers get\b|\b(get|for|enjoy|with) unlimited (digital )?access\b",
        WEAK,
    ),
    (
        "subscription",
        r"^(subscribe|sign up|sign in|sign out|log ?in|log ?out|logout|register|join)\b"
        r"(\W+\w+){0,4}\W*$|^newsletters?\b|\bnewsletters?\W*$|\bnewsletter sign[- ]?up\b"
        r"|\bfree trial\b",
        LABEL,
    ),
    (
        "promotion",
        r"(^|[.!?:|»›]\s*)learn more\W*$|\bclick here\b",
        STRONG,
    ),
    (
        "promotion",
        r"^learn more\b|^download (the|our)\b.{0,40}\bapp\b|\bdownload our app\b"
        r"|\bon the (?-i:[A-Z])[\w&.'-]*( (?-i:[A-Z])[\w&.'-]*)? (terminal|app)\b",
        WEAK,
    ),
    ("promotion", r"\blearn more\W*$", LABEL),
    (
        "navigation",
        r"^(advertisement|advertising|sponsored( content)?|ad|promoted|partner content|home|"
        r"menu|search|back to top|top stories|most (read|popular|viewed|shared)|recent posts|"
        r"related( (stories|articles|content|coverage|links))?|trending( now)?|latest( news)?|"
        r"you may also like|recommended( for you)?|print|email|next|previous|"
        r"skip to next paragraph|more on this story|in this section|share this story)\W*$",
        WEAK,
    ),
    (
        "read more",
        r"^(read|see|watch|listen)( more| also| next)?\s*:|\bappeared first on\b"
        rf"|\bfollow us (on|at|by|for|in)\b|^follow\s.{{0,60}}\bon {_SOCIAL}\b",
        STRONG,
    ),
    (
        "read more",
        r"^(read|see) more\b|^continue reading\b|^follow (us|@)|^follow [\w .]{1,30} on\b"
        r"|^follow\b.{1,40}\bfor (more|the latest|updates)\b|^more (from|stories from)\b",
        WEAK,
    ),
    (
        "legal",
        r"©|\ball rights reserved\b|^copyright\s*(©|\(c\)|\d{4})"
        r"|^(we|this (web)?site) uses? cookies\b|^i (agree|consent) (to|that|my)\b"
        r"|^by (continuing|checking|clicking|signing up|subscribing|registering|using)\b.{0,60}"
        r"\b(you|i) (agree|accept|consent)\b",
        STRONG,
    ),
    (
        "legal",
        rf"^copyright\s+({_PROPER}|\d[\w-]*|of|and|\([^()]*\)|[,:–-]|\s)+\.?$"
        r"|^(privacy|cookie) (policy|notice|settings|preferences)\b"
        r"|\bour (privacy|cookie) (policy|notice)\b|^terms (of (use|service)|and conditions)\b"
        r"|\bour terms (of (use|service)|and conditions)\b|\bterms and conditions apply\b"
        r"|^(accept|reject|manage)( all)? cookies?\b",
        WEAK,
    ),
    (
        "legal",
        # Link names in a footer, as sites capitalise them.
        r"(?-i:Privacy (Policy|Notice|Settings|Preferences)|Cookie (Policy|Settings|Preferences)"
        r"|Terms (of (Use|Service)|(and|&) Conditions))",
        LABEL,
    ),
    # A credit names people: "Reporting by local media suggested..." is a sentence.
    (
        "credits",
        r";\s*(editing|writing|additional reporting) by\b"
        r"|^\((additional )?(reporting|writing|editing) by\b",
        STRONG,
    ),
    # "Additional reporting by Ana Lind in Emberford": names and places, nothing else.
    (
        "credits",
        rf"^(additional )?(reporting|writing|editing) by {_PROPER}"
        rf"( ({_PROPER}|in|and|from|at|with|for|of|the)\b,?)*\.?$",
        WEAK,
    ),
    (
        "caption",
        # A picture credit in brackets: "(Ledger photo/Jun Park)", "(AP Photo/Ana Kim)",
        # "(Jun Park/Ledger photo)", "(Photo by Jun Park/Ledger)", "(PHOTOS: ...)".
        rf"\(([\w.' -]+ )?{_CREDIT}\s*[/:]|\([^()]{{1,60}}/[^()]{{0,40}}\b{_CREDIT}\)"
        rf"|\({_CREDIT} (by|courtesy( of)?|credit)\b"
        # "Photo: X" opening the line, or after the caption's last sentence.
        rf"|^({_CREDIT}|credit|caption)s?:|[.!?]\s+({_CREDIT}|credit)s?:\s*[^.!?]+$"
        r"|(^|[.!?)]\s+)(ap|afp|reuters|getty images|epa|file) photo\b"
        # A caption points at its picture ("This photo shows") or names a caption's kind.
        rf"|^(this|these) ({_PICTURE_KIND}|{_PICTURE}){_SHOWS}"
        rf"|^(the|a|an) {_PICTURE_KIND}{_SHOWS}",
        STRONG,
    ),
    (
        "caption",
        rf"^(the|a|an) {_PICTURE} {_PICTURE_ORIGIN}\b.*?\b(shows?|showing|depicts?)\b"
        r"|\b(ap|afp|reuters|getty images|epa) photos?\W*$",
        WEAK,
    ),
    ("bullet tagline", r"^[•»›▸►■◆]\s", STRONG),
]
_CUES: tuple[tuple[str, re.Pattern[str], _Reach], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE), reach) for name, pattern, reach in _CUE_TABLE
)
# Case matters here: a button label in capitals after the line's last sentence
# ("... on the Ledger Terminal. LEARN MORE", "... your phone. GET STARTED").
# Capitals that only close a sentence ("near the AMC BUILDING.") or follow an
# initialism ("the U.S. NAVY") are not a button.
_CALL_TO_ACTION = re.compile(
    r"(?<=[a-z0-9\"'”’).])[.!?…][\"'”’)]?\s+"
    r"(?P<label>[A-Z]{2,}(\s+[A-Z]{2,}){0,3})[.!]?$"
)
_MENU_SEPARATORS = re.compile(r"\s[|•·]\s")
# "Business > Economy", "Home / World / Europe": short items joined by path signs.
_BREADCRUMB = re.compile(r"^[^.!?>›»/]{1,40}(\s[>›»/]\s[^.!?>›»/]{1,40})+$")


def chrome_cue(line: str) -> str | None:
    """The name of the cue that marks ``line`` as chrome, or None."""
    text = line.strip()
    n_words = len(text.split())
    if not text or n_words > MAX_CHROME_WORDS:
        return None
    ends_sentence = bool(_SENTENCE_END.search(text))
    reaches = {STRONG}
    if not ends_sentence or n_words <= SENTENCE_MIN_WORDS:
        reaches.add(WEAK)
    if not ends_sentence:
        reaches.add(LABEL)
    for name, pattern, reach in _CUES:
        if reach in reaches and pattern.search(text):
            return name
    if _is_call_to_action(text):
        return "call to action"
    if _BREADCRUMB.match(text):
        return "breadcrumb"
    items = _MENU_SEPARATORS.split(text)
    if len(items) >= 3 and all(len(item.split()) <= 4 for item in items):
        return "menu"
    return None


def _is_call_to_action(text: str) -> bool:
    """A label in capitals closing the line: two words, or one of five letters."""
    if text.isupper():
        return False
    match = _CALL_TO_ACTION.search(text)
    if not match:
        return False
    label = match.group("label").split()
    return len(label) >= 2 or len(label[0]) >= 5
