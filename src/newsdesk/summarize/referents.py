"""What a sentence leans on, and how the editor makes it read alone.

A sentence taken out of its report may open on a word that needs the one
before it ("But...", "It...", "This is...") or say "she" of someone the
brief has not named. :func:`points_back` and :func:`name_pronouns` tell
which; :func:`without_connective` and :func:`name_pronouns` mend what can be
mended with a change a reader can see, recorded as an
:class:`~newsdesk.model.Edit`. :class:`StoryText` is what they read: where
each candidate sits in its article, and the story's people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from newsdesk.analyze.frames import BRACKETED_PARTY
from newsdesk.analyze.quotes import quote_spans
from newsdesk.analyze.speakers import SpeakerBook
from newsdesk.model import Article, Edit
from newsdesk.summarize.base import Candidate
from newsdesk.text.sentences import split_sentences
from newsdesk.text.words import STOPWORDS, wordset

# Opening connectives that can be dropped, leaving a sentence that reads alone.
# "Also", "Still" and the like only with their comma: "Also killed was..." and
# "Still photographs show..." do not survive the cut.
_CONNECTIVE = re.compile(
    r"(?:(?:but|and|yet)\b,?"
    r"|(?:however|meanwhile|still|also|moreover|furthermore|nevertheless|nonetheless"
    r"|instead|besides|then|indeed|so|in addition|additionally|thus|therefore),)\s+"
    r"(?=[\w\"“‘'(\[])",
    re.IGNORECASE,
)
_NOT_CONNECTIVE = re.compile(r"so\s+far\b|so-called\b|but\s+for\b", re.IGNORECASE)
# Openers that point back and cannot be mended by a bracketed name.
_POINTS_BACK = wordset(
    "it its they their them this these that those also still then so however meanwhile "
    "moreover yet but and such there's"
)
# "This week the bank cut rates": a demonstrative of time points at the calendar.
_TIME_NOUNS = wordset(
    "morning afternoon evening night week weekend month year season summer winter spring "
    "autumn fall decade century time"
)
_PERSONAL = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
# "her" before one of these is the object ("told her the"), else the possessive.
_AFTER_OBJECT = wordset(
    "to and or but the a an in on at with for from that as after before was is by of "
    "into about over this when if because"
)
# "None of it had spilled", "Police said all of them...": a share of something
# the sentence has not named, at its start or at the start of what its main
# clause reports (no comma before the verb: "The barge carried fertiliser,
# and police said none of it..." names what "it" is). So does an opening
# quantity standing for people named before: "Many are sleeping at the
# hall", "Most were freed" (not "Many people are", nor "All was quiet").
_SHARE_OF_UNNAMED = re.compile(
    r"^(?:[^,;]*?\b(?:said|says|say|told(?:\s+\w+){1,3}?|added|confirmed|reported|stated)\s+"
    r"(?:that\s+)?)?(?P<share>"
    r"(?:none|all|some|most|much|many|any|each|both|part|half|several|few|little|the\s+rest)"
    r"\s+of\s+(?:it|them)\b)"
    r"|^(?P<quantity>(?:many|some|most|others|several|few|both|all|none)\s+"
    r"(?:are|were|will|would|could|can|did|do|said)\b)",
    re.IGNORECASE,
)
OPENING_MARKS = "\"“‘'`(["
# How far back (characters) the sentence before a candidate is looked for.
_PREVIOUS_REACH = 600
# How far (characters) a role may run before the name it titles.
_ROLE_REACH = 60


class Shown(NamedTuple):
    """A sentence of the brief: the candidate it comes from, and how it reads."""

    candidate: int
    text: str
    edits: tuple[Edit, ...] = ()


def opening_word(text: str) -> str:
    """The sentence's first word, folded, opening marks and a contraction aside
    ("It’s" -> "it")."""
    parts = text.lstrip(OPENING_MARKS).split(maxsplit=1)
    word = parts[0].casefold().strip(",;:") if parts else ""
    return re.split(r"['’]", word, maxsplit=1)[0] if word not in _POINTS_BACK else word


def points_back(text: str) -> bool:
    """Whether the sentence opens on a word that needs the sentence before it
    ("It was called over...", "But...", "This is..."; not "This week..."), or
    tells a share of something it has not named ("Police said none of it had
    spilled": of what?). An opening he or she is not counted,
    :func:`name_pronouns` tells whether the brief names that person; but
    inside a quotation ("“He’s worried”") it cannot be mended, so it is."""
    found = _SHARE_OF_UNNAMED.search(text)
    if found and not _quoted_at(text, found.start(found.lastgroup or 0)):
        return True
    word = opening_word(text)
    if word in ("this", "that", "these", "those"):
        following = text.lstrip(OPENING_MARKS).split()[1:2]
        return not (following and following[0].casefold().strip(",") in _TIME_NOUNS)
    quoted = text.lstrip()[:1] in OPENING_MARKS[:5]
    return word in _POINTS_BACK or (quoted and _PERSONAL.fullmatch(word) is not None)


def without_connective(shown: Shown) -> Shown | None:
    """``shown`` (still as its source has it) with its opening connective dropped
    ("But the..." -> "The..."), or None when it has none (or it sits inside a
    quotation, which stays verbatim)."""
    found = _CONNECTIVE.match(shown.text)
    if found is None or _NOT_CONNECTIVE.match(shown.text):
        return None
    rest = shown.text[found.end() :]
    return Shown(shown.candidate, rest[:1].upper() + rest[1:], (Edit(0, found.group(), ""),))


class StoryText:
    """Where each candidate sits in its article, and who the story's people are:
    what the editor reads to tell whether a sentence follows another in its
    source and whom a "she" stands for."""

    def __init__(
        self,
        articles: Sequence[Article],
        candidates: Sequence[Candidate],
        people: SpeakerBook | None = None,
    ) -> None:
        self.people = people
        self._texts: Mapping[str, str] = {a.id: a.text for a in articles}
        self._spans: list[tuple[int, int]] = []
        searched: dict[str, int] = {}
        for candidate in candidates:
            text = self._texts.get(candidate.article_id, "")
            start = text.find(candidate.text, searched.get(candidate.article_id, 0))
            if start < 0:
                start = text.find(candidate.text)
            else:
                searched[candidate.article_id] = start + len(candidate.text)
            self._spans.append((start, start + len(candidate.text)))
        self._candidates = candidates
        self._alone: dict[int, bool] = {}

    def follows(self, later: int, earlier: int) -> bool:
        """Whether candidate ``later`` comes right after ``earlier`` in their article."""
        article = self._candidates[earlier].article_id
        (_, end), (start, _) = self._spans[earlier], self._spans[later]
        if self._candidates[later].article_id != article or min(end, start) < 0:
            return False
        return start >= end and not self._texts[article][end:start].strip()

    def sentence(self, index: int) -> str:
        """Candidate ``index`` as its source has it."""
        return self._candidates[index].text

    def reads_alone(self, index: int) -> bool:
        """Whether candidate ``index`` can be the first sentence a reader meets:
        it opens on no quotation mark, leans on no sentence before it, and says
        he or she only of someone it names itself. Remembered: the editor asks
        it of the same openings in every round."""
        if index not in self._alone:
            text = self.sentence(index)
            self._alone[index] = not (
                text.lstrip()[:1] in OPENING_MARKS or points_back(text)
            ) and name_pronouns(Shown(index, text), self, "") == Shown(index, text)
        return self._alone[index]

    def person(self, index: int, offset: int) -> tuple[str | None, bool]:
        """The full name a he or she at ``offset`` of candidate ``index`` stands
        for, or None; and whether a reader may be given that name: the story
        introduces the person (as a speaker or with a role), and the sentence
        right before it in its source names that person and nobody else. The
        resolver reaches further back, where a third person may sit between
        ("Jones came forward, Savage said. He was charged"), or where the
        subject is no name ("The emir... His son").
        """
        start = self._spans[index][0]
        if self.people is None or start < 0:
            return None, False
        text = self._texts[self._candidates[index].article_id]
        speaker = self.people.antecedent(text[:start] + self._candidates[index].text[:offset])
        if speaker is None or speaker.name is None:
            return None, False
        previous = split_sentences(text[max(0, start - _PREVIOUS_REACH) : start])[-1:]
        named = {name for sentence in previous for name in self.people.named(sentence)}
        return speaker.name, named == {speaker.name} and self.people.introduced(speaker.name)

    def names_someone(self, text: str) -> bool:
        """Whether ``text`` names a person the story knows, if only by a surname
        two of them share."""
        return self.people is not None and self.people.names_anyone(text)


def _quoted_at(text: str, index: int) -> bool:
    return any(opened <= index < closed for opened, _, _, closed in quote_spans(text))


def _outside_quotes(text: str) -> list[re.Match[str]]:
    spans = quote_spans(text)
    return [
        m
        for m in _PERSONAL.finditer(text)
        if not any(opened <= m.start() < closed for opened, _, _, closed in spans)
    ]


def _mentions(text: str, name: str) -> bool:
    """Whether ``text`` names the person ``name`` by any part of it ("Pelosi" of
    "Nancy Pelosi (D-San Francisco)"; "Mahathir" of "Mahathir Mohamad")."""
    parts = [p for p in BRACKETED_PARTY.sub("", name).split() if len(p) > 2]
    return any(re.search(rf"\b{re.escape(part)}\b", text) for part in parts)


def name_pronouns(shown: Shown, story: StoryText, told: str, last: str = "") -> Shown | None:
    """``shown`` with each he or she that a reader cannot place replaced by
    "[Full Name]"; None when a pronoun stands for nobody a reader can be told.

    A reader places a pronoun on a person ``told`` (the brief so far) names
    (an opening one, on whom ``last``, the sentence before, names),
    on someone named earlier in the same sentence ("Lovelace was taken to a
    hospital, where he..."), or, in an opening clause, on the person the
    sentence names next ("To back up his claim, Khan released...")."""
    text, edits = shown.text, list(shown.edits)
    shift = sum(len(e.inserted) - len(e.removed) for e in edits)
    source_offset = -shift  # where the shown text starts in the candidate's text
    for match in _outside_quotes(shown.text):
        start = match.start() + (len(text) - len(shown.text))
        opening = not text[:start].strip()
        if not opening and (
            story.names_someone(text[:start]) or _cataphora(shown.text, match, story)
        ):
            continue
        person, placeable = story.person(shown.candidate, match.start() + source_offset)
        if person is None:
            return None
        # An opening "He" reads as the person the brief last spoke of: named
        # when the brief spoke of someone else last and the name is sure.
        named_last = _mentions(last, person)
        if named_last or (_mentions(told, person) and not (opening and placeable)):
            continue
        if not placeable or _mentions(shown.text, person):
            return None  # named later in the sentence: "he ..., Davids said" is someone else
        pronoun = match.group()
        # "her" before a word of its own is possessive ("her son"); before a stop,
        # a comma or a word of _AFTER_OBJECT ("thanked her, ...", "told her the"), not.
        following = re.match(r"\s+([A-Za-z]+)", shown.text[match.end() :])
        possessive = pronoun.casefold() in ("his", "hers") or (
            pronoun.casefold() == "her"
            and following is not None
            and following[1].casefold() not in _AFTER_OBJECT
        )
        insert = f"[{person}'s]" if possessive else f"[{person}]"
        text = text[:start] + insert + text[start + len(pronoun) :]
        # The source's own word: a dropped connective may have upper-cased it here.
        at = match.start() + source_offset
        edits.append(Edit(at, story.sentence(shown.candidate)[at : at + len(pronoun)], insert))
    return Shown(shown.candidate, text, tuple(edits))


def _cataphora(text: str, pronoun: re.Match[str], story: StoryText) -> bool:
    """Whether ``pronoun`` sits in the sentence's opening clause and the main
    clause opens on a person's name, perhaps after a role ("In a backhanded
    compliment to her son, blogger Katie Bower..."; not "..., according to
    a report in the Daily Mirror")."""
    comma = text.find(",")
    if not 0 <= pronoun.start() < comma:
        return False
    main = text[comma + 1 :]
    lead_in = main[:_ROLE_REACH].split()
    for count in range(1, len(lead_in) + 1):
        if any(w.casefold() in STOPWORDS for w in lead_in[: count - 1]):
            return False
        if story.names_someone(" ".join(lead_in[:count])):
            return True
    return False
