"""The kinds of site chrome that :mod:`newsdesk.clean.cues` recognises, as data.

Each row names a kind of interface text, the pattern of its forms and how far
it reaches (see the module docstring of :mod:`newsdesk.clean.cues` for what
strong, weak and label cues mark). Rows are tried in order.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Reach(Enum):
    """Which lines a cue may mark."""

    STRONG = "any line"
    WEAK = "lines that do not read as a sentence"
    LABEL = "lines that do not end in sentence punctuation"


STRONG, WEAK, LABEL = Reach.STRONG, Reach.WEAK, Reach.LABEL


class Cue(NamedTuple):
    """One kind of chrome. ``needs``: substrings (lower case, single spaces)
    one of which every match of a strong cue contains, so that the sentences
    of a long paragraph meet only the patterns whose substrings it has: a
    substring test costs under a microsecond, a pattern search about ten per
    sentence. A strong cue without them is never tried on such sentences."""

    name: str
    pattern: str
    reach: Reach
    needs: tuple[str, ...] = ()


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

# Words that strong cues need (see Cue): pointers to another story ("Read
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
CUE_TABLE: list[Cue] = [
    Cue(
        "skip link",
        r"^(skip|jump) to\s*(:|(the )?(main |primary |page |site )?(content|navigation|nav|search"
        r"|menu|footer|header|top|comments|next paragraph|article|story|section)\b)",
        STRONG,
        ("skip to", "jump to"),
    ),
    Cue("skip link", r"^(skip|jump) to\b", WEAK),
    Cue(
        "comments",
        r"^(read|view|show|see|hide|load)( all| the)?( \d+)?( reader)? comments?\s*(\(\d+\))?\W*$"
        r"|^\d+\s+comments?\W*$|^comments?\s*(\(\d+\))?\W*$",
        STRONG,
        ("comment",),
    ),
    Cue(
        "comments",
        r"^(read|view|show|see|hide|post|add|leave|load)\b.{0,25}\bcomments?\b"
        r"|^\d+\s+comments?\s*[|·•]|^comment on this\b|\bcomment on this (story|article|post)",
        WEAK,
    ),
    # Networks joined by bars or dots; "Facebook, Twitter and ..." is prose.
    Cue(
        "share bar",
        rf"\b{_SOCIAL}\s*[|·•]\s*({_SOCIAL}|x)\b",
        STRONG,
        ("|", "·", "•"),
    ),
    Cue(
        "share bar",
        rf"\b{_SOCIAL}\s*/\s*{_SOCIAL}\b"
        r"|^share(\s*[:|]|\W*$|\s+(this|article|story|page|post|link|on|via|to|with)\b)"
        r"|\bshare this (article|story|page|post|link)\b|\bshare (on|via)\W*$"
        rf"|\bshare (it |this )?(on|via) {_SOCIAL}\b",
        WEAK,
    ),
    Cue(
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
    Cue(
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
    Cue(
        "subscription",
        r"^(subscribe|sign up|sign in|sign out|log ?in|log ?out|logout|register|join)\b"
        r"(\W+\w+){0,4}\W*$|^newsletters?\b|\bnewsletters?\W*$|\bnewsletter sign[- ]?up\b"
        r"|\bfree trial\b",
        LABEL,
    ),
    Cue(
        "promotion",
        r"(^|[.!?:|»›]\s*)learn more\W*$|\bclick here\b",
        STRONG,
        ("learn more", "click here"),
    ),
    Cue(
        "promotion",
        r"^learn more\b|^download (the|our)\b.{0,40}\bapp\b|\bdownload our app\b"
        r"|\bon the (?-i:[A-Z])[\w&.'-]*( (?-i:[A-Z])[\w&.'-]*)? (terminal|app)\b",
        WEAK,
    ),
    Cue("promotion", r"\blearn more\W*$", LABEL),
    Cue(
        "navigation",
        r"^(advertisement|advertising|sponsored( content)?|ad|promoted|partner content|home|"
        r"menu|search|back to top|top stories|most (read|popular|viewed|shared)|recent posts|"
        r"related( (stories|articles|content|coverage|links))?|trending( now)?|latest( news)?|"
        r"you may also like|recommended( for you)?|print|email|next|previous|"
        r"skip to next paragraph|more on this story|in this section|share this story)\W*$",
        WEAK,
    ),
    Cue(
        "read more",
        r"^(read|see|watch|listen)( more| also| next)?\s*:|\bappeared first on\b"
        rf"|\bfollow us (on|at|by|for|in)\b|^follow\s.{{0,60}}\bon {_SOCIAL}\b",
        STRONG,
        (*_POINTERS, "appeared first on", "follow"),
    ),
    Cue(
        "read more",
        r"^(read|see) more\b|^continue reading\b|^follow (us|@)|^follow [\w .]{1,30} on\b"
        r"|^follow\b.{1,40}\bfor (more|the latest|updates)\b|^more (from|stories from)\b",
        WEAK,
    ),
    Cue(
        "legal",
        r"©|\ball rights reserved\b|^copyright\s*(©|\(c\)|\d{4})"
        r"|^(we|this (web)?site) uses? cookies\b|^i (agree|consent) (to|that|my)\b"
        r"|^by (continuing|checking|clicking|signing up|subscribing|registering|using)\b.{0,60}"
        r"\b(you|i) (agree|accept|consent)\b",
        STRONG,
        ("©", "rights reserved", "copyright", "cookie", *_CONSENTS),
    ),
    Cue(
        "legal",
        rf"^copyright\s+({_PROPER}|\d[\w-]*|of|and|\([^()]*\)|[,:–-]|\s)+\.?$"
        r"|^(privacy|cookie) (policy|notice|settings|preferences)\b"
        r"|\bour (privacy|cookie) (policy|notice)\b|^terms (of (use|service)|and conditions)\b"
        r"|\bour terms (of (use|service)|and conditions)\b|\bterms and conditions apply\b"
        r"|^(accept|reject|manage)( all)? cookies?\b",
        WEAK,
    ),
    Cue(
        "legal",
        # Link names in a footer, as sites capitalise them.
        r"(?-i:Privacy (Policy|Notice|Settings|Preferences)|Cookie (Policy|Settings|Preferences)"
        r"|Terms (of (Use|Service)|(and|&) Conditions))",
        LABEL,
    ),
    # A credit names people: "Reporting by local media suggested..." is a sentence.
    Cue(
        "credits",
        r";\s*(editing|writing|additional reporting) by\b"
        r"|^\((additional )?(reporting|writing|editing) by\b",
        STRONG,
        ("editing by", "writing by", "reporting by"),
    ),
    # "Additional reporting by Ana Lind in Emberford": names and places, nothing else.
    Cue(
        "credits",
        rf"^(additional )?(reporting|writing|editing) by {_PROPER}"
        rf"( ({_PROPER}|in|and|from|at|with|for|of|the)\b,?)*\.?$",
        WEAK,
    ),
    Cue(
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
    Cue(
        "caption",
        rf"^(the|a|an) {_PICTURE} {_PICTURE_ORIGIN}\b.*?\b(shows?|showing|depicts?)\b"
        r"|\b(ap|afp|reuters|getty images|epa) photos?\W*$",
        WEAK,
    ),
    Cue("bullet tagline", r"^[•»›▸►■◆]\s", WEAK),
    Cue(
        "player",
        # Player labels are capitals ("JUST WATCHED"); "I just watched" is prose. A
        # gallery numbers its captions: "Hide Caption 3 of 76".
        r"(?-i:\bJUST WATCHED\b)|\breplay more videos\b"
        r"|\b(full screen|autoplay)\b.{0,40}\bskip ad\b|\b(hide|show) caption \d+ of \d+\b"
        # A video's close button before its caption: "CLOSE Hundreds of ...".
        r"|(?-i:^CLOSE\s+[A-Z][a-z])",
        STRONG,
        ("just watched", "replay more videos", "skip ad", "caption", "close "),
    ),
    Cue(
        "update note",
        # The editor's note on a changed story, not news: "5 PM UPDATE: Adds police response."
        # Times before the colon may be "3:40 PM" or "3:45 p.m.".
        r"(?-i:^([0-9A-Z .,:'’]|[ap]\.m\.)*\b(UPDATE|UPDATED|CORRECTION|CLARIFICATION)\b"
        r"([0-9A-Z .,:'’]|[ap]\.m\.)*:)"
        r"\s*(adds|corrects|clarifies|updates with"
        r"|this (story|article|post|report) (has been|was))\b",
        STRONG,
        ("update", "correction", "clarification"),
    ),
    Cue(
        "account notice",
        # A platform's embed tells the reader about their own account.
        r"\blocation information to your tweets\b|\byour tweet location history\b",
        STRONG,
        ("your tweet",),
    ),
    Cue(
        "subscription",
        r"\bverify (that )?you(['’]| a)re not a robot\b|\byou must select a newsletter\b"
        r"|\bby signing up,? you agree\b"
        r"|\byou will (now )?receive (the|our) [\w' -]{1,30}newsletter\b"
        # The sign-up box may lead with its own title: "Breaking News Emails Get ...".
        rf"|({_OPENS}|^breaking news e-?mails\s+)get (breaking news|news|e-?mail) alerts\b",
        STRONG,
        ("not a robot", "newsletter", "signing up", "alerts"),
    ),
    Cue(
        "promotion",
        # The outlet sends its reader elsewhere: "For more ..., visit our crime map."
        rf"{_OPENS}for more (information|details|news)[^.!?]{{0,60}}, visit our\b",
        STRONG,
        ("visit our",),
    ),
    Cue(
        "legal",
        r"\bfor your personal,? non-?commercial use\b",
        STRONG,
        ("commercial use",),
    ),
    Cue(
        "web archive",
        # A web archive's note on its own crawl, not a pub crawl.
        r"\b(this|these) crawls? (was|were|is|are) (run|part)\b|\bseed for this crawl\b"
        r"|\bwarc files?\b|\busing the archive-?it service\b",
        STRONG,
        ("crawl", "warc", "archive-it", "archiveit"),
    ),
    Cue(
        "reader call",
        # The outlet asks its reader for material: "If you have photos ..., email them to".
        rf"{_OPENS}if you have\b[^.!?]{{0,80}}\b(e-?mail|send|upload) (them|it|us)\b",
        STRONG,
        ("if you have",),
    ),
]
