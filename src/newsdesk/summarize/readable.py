"""From chosen sentences to a brief a person can read: the editor's pass.

A summarizer picks sentences for what they cover; a reader meets them one
after another. Three things go wrong between the two, and this module is
where they are put right, visibly and traceably:

- A sentence that leans on the one before it in its source ("But the
  indictment gives few details...", "She was on the sidewalk...", "It
  was called over...") is shown only right after that sentence, or made to
  read alone by a change a reader can see: an opening connective dropped
  (the first letter left upper-cased), or a pronoun replaced by the
  person's name in square brackets ("[Maren Lund] said"). Every change is
  an :class:`~newsdesk.model.Edit`, so the source span can be rebuilt. A
  sentence that cannot be mended ("It", "They", "This" with nothing
  before) is left out and the summarizer chooses again.
- The same fact told twice (the same figure of the same thing, "3.25%"
  and "3.25 percent"; or most of the same words) keeps the more important
  sentence only.
- The lead is the news: the opening sentence of a report that the other
  reports' openings agree with most, not a report's commentary or
  background. Plain reporting follows, then what people said.

Cost: a few more greedy selections per brief (one per round in which a
sentence is left out; at most ``rounds``), each linear in the story's
sentences, and a word-set comparison between chosen sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from newsdesk.analyze.figures import figures
from newsdesk.analyze.frames import BRACKETED_PARTY
from newsdesk.analyze.quotes import quote_spans
from newsdesk.analyze.speakers import SpeakerBook
from newsdesk.model import Article, Edit
from newsdesk.summarize.base import Candidate, Summarizer
from newsdesk.text.words import content_words, wordset

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
_NOT_CONNECTIVE = re.compile(r"so\s+far\b|so-called\b", re.IGNORECASE)
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
_OPENING_MARKS = "\"“‘'`(["


class Shown(NamedTuple):
    """A sentence of the brief: the candidate it comes from, and how it reads."""

    candidate: int
    text: str
    edits: tuple[Edit, ...] = ()


def opening_word(text: str) -> str:
    """The sentence's first word, folded, opening marks aside."""
    parts = text.lstrip(_OPENING_MARKS).split(maxsplit=1)
    return parts[0].casefold().strip(",;:") if parts else ""


def points_back(text: str) -> bool:
    """Whether the sentence opens on a word that needs the sentence before it
    ("It was called over...", "But...", "This is..."; not "This week...").
    An opening he or she is not counted: :func:`name_pronouns` tells whether
    the brief names that person."""
    word = opening_word(text)
    if word in ("this", "that", "these", "those"):
        following = text.lstrip(_OPENING_MARKS).split()[1:2]
        return not (following and following[0].casefold().strip(",") in _TIME_NOUNS)
    return word in _POINTS_BACK


def without_connective(shown: Shown) -> Shown | None:
    """``shown`` (still as its source has it) with its opening connective dropped
    ("But the..." -> "The..."), or None when it has none (or it sits inside a
    quotation, which stays verbatim)."""
    found = _CONNECTIVE.match(shown.text)
    if found is None or _NOT_CONNECTIVE.match(shown.text):
        return None
    rest = shown.text[found.end() :]
    return Shown(shown.candidate, rest[:1].upper() + rest[1:], (Edit(0, found.group(), ""),))


def repeats(ours: str, theirs: str, share: float = 0.75) -> bool:
    """Whether two sentences report the same thing: a figure of the same value
    counting the same thing ("3.25%" and "3.25 percent", "3,200 people"
    twice), or at least ``share`` of the shorter one's content words."""
    if ours.casefold() == theirs.casefold():
        return True
    for mine in figures(ours):
        for other in figures(theirs):
            if (
                mine.value == other.value
                and mine.unit == other.unit
                and (mine.unit or mine.measure)
                and (mine.measure == other.measure or None in (mine.measure, other.measure))
            ):
                return True
    a, b = set(content_words(ours)), set(content_words(theirs))
    shorter = min(len(a), len(b))
    return shorter >= 4 and len(a & b) >= share * shorter


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

    def person(self, index: int, offset: int) -> tuple[str | None, bool]:
        """The full name a he or she at ``offset`` of candidate ``index`` stands
        for, or None; and whether the story introduces that person (as a
        speaker or with a role), so that a reader may be given the name."""
        start = self._spans[index][0]
        if self.people is None or start < 0:
            return None, False
        text = self._texts[self._candidates[index].article_id]
        before = text[:start] + self._candidates[index].text[:offset]
        speaker = self.people.antecedent(before)
        if speaker is None or speaker.name is None:
            return None, False
        return speaker.name, self.people.introduced(speaker.name)


def _outside_quotes(text: str) -> list[re.Match[str]]:
    spans = quote_spans(text)
    return [
        m
        for m in _PERSONAL.finditer(text)
        if not any(opened <= m.start() < closed for opened, _, _, closed in spans)
    ]


def _named(name: str, text: str) -> bool:
    """Whether ``text`` names the person (by surname: "Pelosi" of "Nancy Pelosi (D-San
    Francisco)")."""
    surname = BRACKETED_PARTY.sub("", name).split()[-1]
    return re.search(rf"\b{re.escape(surname)}\b", text) is not None


def name_pronouns(shown: Shown, story: StoryText, told: str) -> Shown | None:
    """``shown`` with each he or she whose person ``told`` (the brief so far)
    and the sentence before it never name replaced by "[Full Name]", when the
    story introduces that person; None when such a pronoun stands for nobody
    the story names."""
    text, edits = shown.text, list(shown.edits)
    shift = sum(len(e.inserted) - len(e.removed) for e in edits)
    source_offset = -shift  # where the shown text starts in the candidate's text
    for match in _outside_quotes(shown.text):
        start = match.start() + (len(text) - len(shown.text))
        person, introduced = story.person(shown.candidate, match.start() + source_offset)
        if person is None:
            return None
        # A name seen only in passing may be no person ("Border Patrol"): no insert
        # rather than a wrong one (leaving the sentence out measured 0.8 R-2 lower
        # on Multi-News).
        if not introduced or _named(person, told + " " + text[:start]):
            continue
        pronoun = match.group()
        following = shown.text[match.end() :].split(maxsplit=1)
        possessive = pronoun.casefold() in ("his", "hers") or (
            pronoun.casefold() == "her"
            and bool(following)
            and following[0].casefold().strip(",.;:") not in _AFTER_OBJECT
        )
        insert = f"[{person}'s]" if possessive else f"[{person}]"
        text = text[:start] + insert + text[start + len(pronoun) :]
        # The source's own word: a dropped connective may have upper-cased it here.
        at = match.start() + source_offset
        edits.append(Edit(at, story.sentence(shown.candidate)[at : at + len(pronoun)], insert))
    return Shown(shown.candidate, text, tuple(edits))


def _dice(ours: set[str], theirs: set[str]) -> float:
    return 2 * len(ours & theirs) / (len(ours) + len(theirs)) if ours and theirs else 0.0


class Editor:
    """Chooses a brief's sentences with ``summarizer`` and makes them read as a roundup.

    Parameters
    ----------
    summarizer:
        Chooses what the brief covers.
    repeat_share:
        Share of the shorter sentence's content words that makes two
        sentences the same report (see :func:`repeats`).
    rounds:
        How many times the summarizer is asked again after sentences were
        left out; what still fails after that is dropped without a substitute.
    opening_sentences:
        How many of each report's first sentences count as its opening when
        the reports' openings are compared to find the lead.
    """

    def __init__(
        self,
        summarizer: Summarizer,
        repeat_share: float = 0.75,
        rounds: int = 8,
        opening_sentences: int = 2,
    ) -> None:
        self.summarizer = summarizer
        self.repeat_share = repeat_share
        self.rounds = rounds
        self.opening_sentences = opening_sentences

    def compose(
        self,
        candidates: Sequence[Candidate],
        story: StoryText,
        max_sentences: int,
        max_words: int,
        context: Sequence[Candidate] = (),
        overflow: bool = False,
        told: Sequence[str] = (),
        lead: bool = True,
    ) -> list[Shown]:
        """The brief's sentences in reading order: the lead (when ``lead``), the
        developments, then what people said. ``told`` are sentences the reader
        has already seen (the brief, for its "new since" part): nothing that
        repeats them is chosen."""
        left_out: set[int] = set()
        for _ in range(self.rounds + 1):
            open_ = [i for i in range(len(candidates)) if i not in left_out]
            rest = [*context, *(candidates[i] for i in sorted(left_out))]
            chosen = self.summarizer.select(
                [candidates[i] for i in open_], max_sentences, max_words, overflow, rest
            )
            picked = [open_[k] for k in chosen]
            past_budget = sum(candidates[i].words for i in picked) > max_words
            opener = self._lead(candidates, story, picked) if lead else None
            shown, failed = self._edit(candidates, story, picked, told, opener, past_budget)
            if not failed:
                return shown
            # Those left out still count as the story's text, as context does.
            left_out |= failed
        return [s for s in shown if s.candidate not in failed]

    def _lead(
        self, candidates: Sequence[Candidate], story: StoryText, picked: Sequence[int]
    ) -> int | None:
        """Of the picked sentences that read alone as they are, the opening
        sentence of a report that the other reports' openings agree with most;
        the most important one when none opens a report."""
        alone = [i for i in picked if self._reads_alone(i, candidates[i].text, story)]
        openers = [i for i in alone if candidates[i].position == 0]
        if not openers:
            return alone[0] if alone else None
        openings: dict[str, list[set[str]]] = {}
        for candidate in candidates:
            if candidate.position < self.opening_sentences:
                words = set(content_words(candidate.text))
                openings.setdefault(candidate.source, []).append(words)

        def agreement(i: int) -> float:
            words = set(content_words(candidates[i].text))
            return sum(
                max(_dice(words, other) for other in group)
                for source, group in openings.items()
                if source != candidates[i].source
            )

        return max(openers, key=agreement)

    @staticmethod
    def _reads_alone(index: int, text: str, story: StoryText) -> bool:
        if text.lstrip()[:1] in _OPENING_MARKS or points_back(text):
            return False
        return name_pronouns(Shown(index, text), story, "") == Shown(index, text)

    def _edit(
        self,
        candidates: Sequence[Candidate],
        story: StoryText,
        picked: list[int],
        told: Sequence[str],
        opener: int | None,
        past_budget: bool,
    ) -> tuple[list[Shown], set[int]]:
        """The picked sentences in reading order, mended; and those that cannot
        stay (a repeat of a more important one, or a sentence that leans on
        something the brief does not give). With ``past_budget`` the last
        picked sentence runs past the word budget and stays last."""
        failed: set[int] = set()
        kept: list[int] = []
        for i in picked:
            earlier = [*told, *(candidates[k].text for k in kept)]
            if any(repeats(candidates[i].text, t, self.repeat_share) for t in earlier):
                failed.add(i)
            else:
                kept.append(i)
        last = kept[-1:] if past_budget and kept and kept[-1] == picked[-1] else []
        shown: list[Shown] = []
        order = self._order(candidates, story, kept[: len(kept) - len(last)], opener)
        for i in [*order, *last]:
            sentence = Shown(i, candidates[i].text)
            after_own = bool(shown) and story.follows(i, shown[-1].candidate)
            if not after_own and points_back(sentence.text):
                dropped = without_connective(sentence)
                if dropped is None or points_back(dropped.text):
                    failed.add(i)
                    continue
                sentence = dropped
            mended = name_pronouns(sentence, story, " ".join(s.text for s in shown))
            if mended is None:
                failed.add(i)
                continue
            shown.append(mended)
        return shown, failed

    def _order(
        self,
        candidates: Sequence[Candidate],
        story: StoryText,
        kept: list[int],
        opener: int | None,
    ) -> list[int]:
        """Reading order: the lead, then plain reporting, then sentences with a
        quotation, each group earliest in its report first; a sentence that
        follows another in its source comes right after it."""
        follower = {j: i for i in kept for j in kept if i != j and story.follows(i, j)}
        leading = [i for i in kept if i not in follower.values()]

        def key(i: int) -> tuple[bool, bool, int, int]:
            quoted = any(mark in candidates[i].text for mark in '"“”')
            return (i != opener, quoted, candidates[i].position, kept.index(i))

        order: list[int] = []
        for i in sorted(leading, key=key):
            order.append(i)
            chain = i
            while chain in follower:
                chain = follower[chain]
                order.append(chain)
        return order
