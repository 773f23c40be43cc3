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
video image taken from ... shows"), a button label in
capitals after the line's last sentence ("... Terminal. LEARN MORE"), an
imperative to the reader opening a sentence ("Sign up for", "Subscribe to",
"Follow us on", "click here"), a consent line ("We use cookies", "By
clicking ... you agree", "for your personal, non-commercial use"), a
comment counter that is the whole line, a video player's or photo gallery's
labels ("JUST WATCHED ... Replay More Videos", "Hide Caption 3 of 76"), a
platform embed's note on the reader's account ("You can add location
information to your Tweets"), a web archive's note on its crawl ("These
crawls are part of an effort to archive pages"), a newsletter box ("Please
verify you're not a robot", "You will now receive the ... newsletter", "Get
breaking news alerts"), a pointer elsewhere ("For more information, visit
our ..."), or a call for the reader's pictures ("If you have photos ...,
email them to"). It marks a line whatever its shape.

A *weak* cue is a word or phrase that an interface uses but a reporter may
use too: share, subscribe, sign up, register, join, newsletter, learn more,
privacy policy, terms and conditions, navigation words, a caption-like
opening ("The image released by the council shows ..."), a bullet opening
the line (a tagline, or an item of the article's own list). It marks a line
only when the line does not read as a sentence: when it is short (at most
:data:`SENTENCE_MIN_WORDS` words) or does not end in sentence punctuation.
Short sentences still happen in news ("The company updated its privacy
policy after the ruling."), so weak patterns take the shapes an interface
gives these words (a label, an imperative opening the line, "our
newsletter"). The broadest of them, *label* cues ("Blue Jays Newsletter",
"Privacy Policy" among link names, "Join Club"), mark only lines that do not
end in sentence punctuation at all, as menus, links and buttons do.

No cue applies to a line of more than :data:`MAX_CHROME_WORDS` words: a line
that long is almost always a paragraph of the article itself. Scraped pages
sometimes glue interface text into such a paragraph ("Newsletter Sign Up
Continue reading the main story Please verify you're not a robot ..."), so
:func:`strong_cue` judges its sentences one by one, with strong cues only,
and never a sentence with a quotation mark: interface does not quote anyone,
while a report may quote a "click here" or a "visit our shops".
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

MAX_CHROME_WORDS = 30
# A line of more words than this that ends in sentence punctuation reads as a sentence.
SENTENCE_MIN_WORDS = 12


class _Reach(Enum):
    """Which lines a cue may mark."""

    STRONG = "any line"
    WEAK = "lines that do not read as a sentence"
    LABEL = "lines that do not end in sentence punctuation"


STRONG, WEAK, LABEL = _Reach.STRONG, _Reach.WEAK, _Reach.LABEL


class _Cue(NamedTuple):
    """One kind of chrome. ``needs``: substrings (lower case, single spaces)
    one of which every match of a strong cue contains, so that the sentences
    of a long paragraph meet only the patterns whose substrings it has: a
    substring test costs under a microsecond, a pattern search about ten per
    sentence. A strong cue without them is never tried on such sentences."""

    name: str
    pattern: str
    reach: _Reach
    needs: tuple[str, ...] = ()


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

# Words that strong cues need (see _Cue): pointers to another story ("Read
# more:"), consent ("you agree"), and picture words as a credit has them.
_POINTERS = tuple(
    f"{verb}{then}"
    for verb in ("read", "see", "watch", "listen")
    for then in (":", " :", " more", " also", " next")
)
_CONSENTS = tuple(
    f"{who} {verb}" for who in ("you", "i") for verb in ("agree", "accept", "consent")
)
_PICTURE_WORDS = (
    "image",
    "photo",
    "picture",
    "pic ",
    "pic/",
    "pic:",
    "pic)",
    "pics",
    "foto",
    "bild",
)
# Tried in order. One kind of cue can have several reaches.
_CUE_TABLE: list[_Cue] = [
    _Cue(
        "skip link",
        r"^(skip|jump) to\s*(:|(the )?(main |primary |page |site )?(content|navigation|nav|search"
        r"|menu|footer|header|top|comments|next paragraph|article|story|section)\b)",
        STRONG,
        ("skip to", "jump to"),
    ),
    _Cue("skip link", r"^(skip|jump) to\b", WEAK),
    _Cue(
        "comments",
        r"^(read|view|show|see|hide|load)( all| the)?( \d+)?( reader)? comments?\s*(\(\d+\))?\W*$"
        r"|^\d+\s+comments?\W*$|^comments?\s*(\(\d+\))?\W*$",
        STRONG,
        ("comment",),
    ),
    _Cue(
        "comments",
        r"^(read|view|show|see|hide|post|add|leave|load)\b.{0,25}\bcomments?\b"
        r"|^\d+\s+comments?\s*[|·•]|^comment on this\b|\bcomment on this (story|article|post)",
        WEAK,
    ),
    # Networks joined by bars or dots; "Facebook, Twitter and ..." is prose.
    _Cue(
        "share bar",
        rf"\b{_SOCIAL}\s*[|·•]\s*({_SOCIAL}|x)\b",
        STRONG,
        ("|", "·", "•"),
    ),
    _Cue(
        "share bar",
        rf"\b{_SOCIAL}\s*/\s*{_SOCIAL}\b"
        r"|^share(\s*[:|]|\W*$|\s+(this|article|story|page|post|link|on|via|to|with)\b)"
        r"|\bshare this (article|story|page|post|link)\b|\bshare (on|via)\W*$"
        rf"|\bshare (it |this )?(on|via) {_SOCIAL}\b",
        WEAK,
    ),
    _Cue(
        "subscription",
        rf"{_OPENS}(sign up|subscribe)( (now|today|here|free))*(\W*$| (for|to)\b)"
        r"|^(sign up|subscribe|newsletters?)\s*:"
        rf"|{_OPENS}(get|receive|join|sign up for|subscribe to) (the|our|a)( [\w'’-]+){{0,3}}"
        r" newsletters?\b"
        r"|\b(delivered|sent)( straight| directly)? to your inbox\b|\bstraight to your inbox\b"
        r"|\benter your e-?mail( address)?\b",
        STRONG,
        ("sign up", "subscribe", "newsletter", "inbox", "enter your e"),
    ),
    _Cue(
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
    _Cue(
        "subscription",
        r"^(subscribe|sign up|sign in|sign out|log ?in|log ?out|logout|register|join)\b"
        r"(\W+\w+){0,4}\W*$|^newsletters?\b|\bnewsletters?\W*$|\bnewsletter sign[- ]?up\b"
        r"|\bfree trial\b",
        LABEL,
    ),
    _Cue(
        "promotion",
        r"(^|[.!?:|»›]\s*)learn more\W*$|\bclick here\b",
        STRONG,
        ("learn more", "click here"),
    ),
    _Cue(
        "promotion",
        r"^learn more\b|^download (the|our)\b.{0,40}\bapp\b|\bdownload our app\b"
        r"|\bon the (?-i:[A-Z])[\w&.'-]*( (?-i:[A-Z])[\w&.'-]*)? (terminal|app)\b",
        WEAK,
    ),
    _Cue("promotion", r"\blearn more\W*$", LABEL),
    _Cue(
        "navigation",
        r"^(advertisement|advertising|sponsored( content)?|ad|promoted|partner content|home|"
        r"menu|search|back to top|top stories|most (read|popular|viewed|shared)|recent posts|"
        r"related( (stories|articles|content|coverage|links))?|trending( now)?|latest( news)?|"
        r"you may also like|recommended( for you)?|print|email|next|previous|"
        r"skip to next paragraph|more on this story|in this section|share this story)\W*$",
        WEAK,
    ),
    _Cue(
        "read more",
        r"^(read|see|watch|listen)( more| also| next)?\s*:|\bappeared first on\b"
        rf"|\bfollow us (on|at|by|for|in)\b|^follow\s.{{0,60}}\bon {_SOCIAL}\b",
        STRONG,
        (*_POINTERS, "appeared first on", "follow"),
    ),
    _Cue(
        "read more",
        r"^(read|see) more\b|^continue reading\b|^follow (us|@)|^follow [\w .]{1,30} on\b"
        r"|^follow\b.{1,40}\bfor (more|the latest|updates)\b|^more (from|stories from)\b",
        WEAK,
    ),
    _Cue(
        "legal",
        r"©|\ball rights reserved\b|^copyright\s*(©|\(c\)|\d{4})"
        r"|^(we|this (web)?site) uses? cookies\b|^i (agree|consent) (to|that|my)\b"
        r"|^by (continuing|checking|clicking|signing up|subscribing|registering|using)\b.{0,60}"
        r"\b(you|i) (agree|accept|consent)\b",
        STRONG,
        ("©", "rights reserved", "copyright", "cookie", *_CONSENTS),
    ),
    _Cue(
        "legal",
        rf"^copyright\s+({_PROPER}|\d[\w-]*|of|and|\([^()]*\)|[,:–-]|\s)+\.?$"
        r"|^(privacy|cookie) (policy|notice|settings|preferences)\b"
        r"|\bour (privacy|cookie) (policy|notice)\b|^terms (of (use|service)|and conditions)\b"
        r"|\bour terms (of (use|service)|and conditions)\b|\bterms and conditions apply\b"
        r"|^(accept|reject|manage)( all)? cookies?\b",
        WEAK,
    ),
    _Cue(
        "legal",
        # Link names in a footer, as sites capitalise them.
        r"(?-i:Privacy (Policy|Notice|Settings|Preferences)|Cookie (Policy|Settings|Preferences)"
        r"|Terms (of (Use|Service)|(and|&) Conditions))",
        LABEL,
    ),
    # A credit names people: "Reporting by local media suggested..." is a sentence.
    _Cue(
        "credits",
        r";\s*(editing|writing|additional reporting) by\b"
        r"|^\((additional )?(reporting|writing|editing) by\b",
        STRONG,
        ("editing by", "writing by", "reporting by"),
    ),
    # "Additional reporting by Ana Lind in Emberford": names and places, nothing else.
    _Cue(
        "credits",
        rf"^(additional )?(reporting|writing|editing) by {_PROPER}"
        rf"( ({_PROPER}|in|and|from|at|with|for|of|the)\b,?)*\.?$",
        WEAK,
    ),
    _Cue(
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
        (*_PICTURE_WORDS, "credit", "caption", "grab"),
    ),
    _Cue(
        "caption",
        rf"^(the|a|an) {_PICTURE} {_PICTURE_ORIGIN}\b.*?\b(shows?|showing|depicts?)\b"
        r"|\b(ap|afp|reuters|getty images|epa) photos?\W*$",
        WEAK,
    ),
    _Cue("bullet tagline", r"^[•»›▸►■◆]\s", WEAK),
    _Cue(
        "player",
        # Player labels are capitals ("JUST WATCHED"); "I just watched" is prose. A
        # gallery numbers its captions: "Hide Caption 3 of 76".
        r"(?-i:\bJUST WATCHED\b)|\breplay more videos\b"
        r"|\b(full screen|autoplay)\b.{0,40}\bskip ad\b|\b(hide|show) caption \d+ of \d+\b",
        STRONG,
        ("just watched", "replay more videos", "skip ad", "caption"),
    ),
    _Cue(
        "account notice",
        # A platform's embed tells the reader about their own account.
        r"\blocation information to your tweets\b|\byour tweet location history\b",
        STRONG,
        ("your tweet",),
    ),
    _Cue(
        "subscription",
        r"\bverify (that )?you(['’]| a)re not a robot\b|\byou must select a newsletter\b"
        r"|\bby signing up,? you agree\b"
        r"|\byou will (now )?receive (the|our) [\w' -]{1,30}newsletter\b"
        rf"|{_OPENS}get (breaking news|news|e-?mail) alerts\b",
        STRONG,
        ("not a robot", "newsletter", "signing up", "alerts"),
    ),
    _Cue(
        "promotion",
        # The outlet sends its reader elsewhere: "For more ..., visit our crime map."
        rf"{_OPENS}for more (information|details|news)[^.!?]{{0,60}}, visit our\b",
        STRONG,
        ("visit our",),
    ),
    _Cue(
        "legal",
        r"\bfor your personal,? non-?commercial use\b",
        STRONG,
        ("commercial use",),
    ),
    _Cue(
        "web archive",
        # A web archive's note on its own crawl, not a pub crawl.
        r"\b(this|these) crawls? (was|were|is|are) (run|part)\b|\bseed for this crawl\b"
        r"|\bwarc files?\b|\busing the archive-?it service\b",
        STRONG,
        ("crawl", "warc", "archive-it", "archiveit"),
    ),
    _Cue(
        "reader call",
        # The outlet asks its reader for material: "If you have photos ..., email them to".
        rf"{_OPENS}if you have\b[^.!?]{{0,80}}\b(e-?mail|send|upload) (them|it|us)\b",
        STRONG,
        ("if you have",),
    ),
]
_CUES: tuple[tuple[str, re.Pattern[str], _Reach, tuple[str, ...]], ...] = tuple(
    (cue.name, re.compile(cue.pattern, re.IGNORECASE), cue.reach, cue.needs) for cue in _CUE_TABLE
)
# The strong cues that may mark a sentence of one paragraph: (name, pattern).
StrongCues = tuple[tuple[str, re.Pattern[str]], ...]
# Interface text quotes no one; a report may quote "click here".
_QUOTATION_MARKS = ('"', "“", "”", "``", "''")
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
    for name, pattern, reach, _ in _CUES:
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


def strong_cues_in(paragraph: str) -> StrongCues:
    """The strong cues whose needed substrings occur in ``paragraph``: the only
    ones that can mark a sentence of it. Substring tests only, so cheap."""
    folded = " ".join(paragraph.split()).casefold()
    return tuple(
        (name, pattern)
        for name, pattern, reach, needs in _CUES
        if reach is STRONG and any(word in folded for word in needs)
    )


def strong_cue(sentence: str, cues: StrongCues) -> str | None:
    """The name of the strong cue that marks ``sentence`` as interface, or None.

    For the sentences of a paragraph too long for :func:`chrome_cue`, with
    ``cues`` = :func:`strong_cues_in` of the paragraph, found once for all its
    sentences. A sentence with a quotation mark is the article's.
    """
    text = sentence.strip()
    if any(mark in text for mark in _QUOTATION_MARKS):
        return None
    for name, pattern in cues:
        if pattern.search(text):
            return name
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
