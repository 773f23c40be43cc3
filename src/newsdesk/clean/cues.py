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
from collections.abc import Sequence

from newsdesk.clean.cue_table import CUE_TABLE, LABEL, STRONG, WEAK, Reach

MAX_CHROME_WORDS = 30
# A line of more words than this that ends in sentence punctuation reads as a sentence.
SENTENCE_MIN_WORDS = 12

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

_CUES: tuple[tuple[str, re.Pattern[str], Reach, tuple[str, ...]], ...] = tuple(
    (cue.name, re.compile(cue.pattern, re.IGNORECASE), cue.reach, cue.needs) for cue in CUE_TABLE
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


# The label of an outlet's box of highlights above the article: on a line of its
# own ("Key points:"), or run into the first bullet as CNN's pages have it ("Story
# highlights Burt Reynolds went to a hospital ..., his representative says"). A
# headline that opens on the word ("Highlights from the Oscars") is no label.
_HIGHLIGHTS = re.compile(
    r"^(?:story highlights\b|(?:story highlights|highlights|key points)\s*:?$)", re.IGNORECASE
)


def highlights_box(lines: Sequence[str], within: int = 5) -> set[int]:
    """The indexes of the lines of a highlights box: a line among the first
    ``within`` that is its label (or, as on CNN's pages, opens on it), and
    the bullets after it, lines that end in no sentence punctuation.

    The box tells the article again in lines that are no sentences; left in,
    its first bullet would be taken for the title and the next for the lead.
    A label with no bullet after it is no box.
    """
    start = next(
        (i for i, line in enumerate(lines[:within]) if _HIGHLIGHTS.match(line.strip())), None
    )
    if start is None:
        return set()
    end = start + 1
    while end < len(lines) and not _SENTENCE_END.search(lines[end].strip()):
        end += 1
    return set(range(start, end)) if end > start + 1 else set()


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
