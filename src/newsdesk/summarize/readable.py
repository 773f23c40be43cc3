"""From chosen sentences to a brief a person can read: the editor's pass.

A summarizer picks sentences for what they cover; a reader meets them one
after another. Three things go wrong between the two, and this module is
where they are put right, visibly and traceably:

- A sentence that leans on the one before it in its source ("But the
  indictment gives few details...", "She was on the sidewalk...", "It
  was called over...") is shown only right after that sentence, or made to
  read alone by a change a reader can see: an opening connective dropped
  (the first letter left upper-cased), or a pronoun replaced by the
  person's name in square brackets ("[Maren Lund] said"), only where the
  name is sure. Every change is an :class:`~newsdesk.model.Edit`, so the
  source span can be rebuilt. A sentence that cannot be mended ("It",
  "They", "This" with nothing before, a "he" of nobody sure) is left out
  and the summarizer chooses again (:mod:`newsdesk.summarize.referents`).
- The same fact told twice (the same figure, "3.25%" and "3.25 percent";
  or most of the same words, :mod:`newsdesk.summarize.repeats`) is told
  once, in the telling that carries more of what the reports say: the one
  whose words the story's sentences use most (see :func:`_reach`).
- The lead is the news: the opening sentence of a report that the other
  reports' openings agree with most, not a report's commentary or
  background; brought in when the summarizer picked no opening. Plain
  reporting follows, then what people said.

Cost: a few more greedy selections per brief (one per round in which a
sentence is left out; at most ``rounds``), each linear in the story's
sentences, and a word-set comparison between chosen sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from statistics import median

from newsdesk.summarize.base import Candidate, Summarizer
from newsdesk.summarize.referents import (
    Shown,
    StoryText,
    name_pronouns,
    points_back,
    without_connective,
)
from newsdesk.summarize.repeats import named_days, repeats
from newsdesk.text.words import content_words


def _dice(ours: set[str], theirs: set[str]) -> float:
    return 2 * len(ours & theirs) / (len(ours) + len(theirs)) if ours and theirs else 0.0


def _reach(candidates: Sequence[Candidate]) -> list[int]:
    """How much of what the story's reports say each sentence carries: for each
    of its content words, the number of the story's sentences that use it,
    summed. Of two tellings of one fact, the one that reaches further is the
    one the reports agree on, in their words, and usually the fuller; on NeuS
    val it is also the one nearer the reference (the brief's R-2 went from
    17.30 to 17.68 when this replaced keeping the longer telling,
    ``bench/summarize_editing.py``, 2026-12-07)."""
    words = [set(content_words(c.text)) for c in candidates]
    used = Counter(w for own in words for w in own)
    return [sum(used[w] for w in own) for own in words]


# A picked opener agreeing with the other openings less than this share of what
# the story's openers typically do tells a side development, not the news.
_SIDE_OPENING = 0.75


def _agreement(
    candidates: Sequence[Candidate], index: int, openings: dict[str, list[set[str]]]
) -> float:
    """How much the other reports' openings say what the sentence says: for
    each other source, the Dice overlap of content words with its closest
    opening sentence, summed."""
    words = set(content_words(candidates[index].text))
    return sum(
        max(_dice(words, other) for other in group)
        for source, group in openings.items()
        if source != candidates[index].source
    )


class Editor:
    """Chooses a brief's sentences with ``summarizer`` and makes them read as a roundup.

    Parameters
    ----------
    summarizer:
        Chooses what the brief covers.
    repeat_share:
        Share of the shorter sentence's telling words that makes two
        sentences the same report (see :func:`~newsdesk.summarize.repeats.repeats`).
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
        repeat_share: float = 0.6,
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
        alike: Callable[[str, str], bool] | None = None,
    ) -> list[Shown]:
        """The brief's sentences in reading order: the lead (when ``lead``), the
        developments, then what people said. ``told`` are sentences the reader
        has already seen (the brief, for its "new since" part): nothing that
        repeats them is chosen. ``alike`` tells whether two sentences report
        the same thing in other words (a
        :class:`~newsdesk.summarize.repeats.SameReport`); without it, only
        the shared figures and words of :func:`repeats` count.

        Cost: up to ``rounds`` more selections, a repeat test (with
        ``alike``, perhaps two embeddings) per pair of picked sentences, and
        once per brief a pronoun check of each report's first sentence (the
        story remembers it).
        """

        def same(ours: str, theirs: str) -> bool:
            return repeats(ours, theirs, self.repeat_share) or bool(alike and alike(ours, theirs))

        openings = self._openings(candidates) if lead else {}
        # How much the other reports' openings agree with each first sentence that
        # reads alone: the lead's measure, and the typical opener's (0 when none).
        openers = {
            i: _agreement(candidates, i, openings)
            for i, c in enumerate(candidates)
            if lead and c.position == 0 and story.reads_alone(i)
        }
        typical = median(openers.values()) if openers else 0.0
        reach = _reach(candidates)

        def over(kept: list[int]) -> bool:
            """Whether ``kept`` is past the budget (with ``overflow``, its last
            sentence may run past it, as the summarizer's last may)."""
            if len(kept) > max_sentences:
                return True
            if overflow:
                return sum(candidates[i].words for i in kept[:-1]) >= max_words
            return sum(candidates[i].words for i in kept) > max_words

        left_out: set[int] = set()
        for _ in range(self.rounds + 1):
            open_ = [i for i in range(len(candidates)) if i not in left_out]
            rest = [*context, *(candidates[i] for i in sorted(left_out))]
            chosen = self.summarizer.select(
                [candidates[i] for i in open_], max_sentences, max_words, overflow, rest
            )
            picked = [open_[k] for k in chosen]
            if lead:
                picked = self._opening_first(picked, openers, left_out, over)
            past_budget = sum(candidates[i].words for i in picked) > max_words
            opener = self._lead(candidates, story, picked, openings, typical) if lead else None
            shown, failed = self._edit(
                candidates, story, picked, told, opener, past_budget, same, reach
            )
            if not failed:
                return shown
            # Those left out still count as the story's text, as context does.
            left_out |= failed
        return shown  # what still fails after the last round is dropped, not replaced

    def _openings(self, candidates: Sequence[Candidate]) -> dict[str, list[set[str]]]:
        """The content words of each report's opening sentences, by source."""
        openings: dict[str, list[set[str]]] = {}
        for candidate in candidates:
            if candidate.position < self.opening_sentences:
                words = set(content_words(candidate.text))
                openings.setdefault(candidate.source, []).append(words)
        return openings

    @staticmethod
    def _opening_first(
        picked: list[int],
        openers: dict[int, float],
        left_out: set[int],
        over: Callable[[list[int]], bool],
    ) -> list[int]:
        """``picked``, or, when it holds no report's opening that reads alone,
        the story's best such opening (of ``openers``, the one the other
        reports' openings agree with most) first and the last picks dropped
        until it is not ``over`` the budget.

        Without it the lead falls to whatever the summarizer valued most, which
        in a story of long scraped pages is often a reaction ("Daniels'
        attorney shot right back") or a later turn ("A couple of hours
        later, police found...") rather than the news.
        """
        if any(i in openers for i in picked):
            return picked
        # Each must fit the budget alone (with overflow, any does).
        eligible = [i for i in openers if i not in left_out and not over([i])]
        if not eligible:
            return picked
        best = max(eligible, key=openers.__getitem__)
        chosen = [best, *picked]
        while len(chosen) > 1 and over(chosen):
            chosen.pop()
        return chosen

    @staticmethod
    def _lead(
        candidates: Sequence[Candidate],
        story: StoryText,
        picked: Sequence[int],
        openings: dict[str, list[set[str]]],
        typical: float,
    ) -> int | None:
        """Of the picked sentences that read alone as they are, the opening
        sentence of a report that the other reports' ``openings`` agree with
        most; the most important one when none opens a report.

        A report may open on a side development ("Investigators are examining
        whether a power line started the fire") that the other openings
        hardly tell. When even the best picked opener agrees with them less
        than ``_SIDE_OPENING`` of what the story's openers ``typical``-ly
        do, and another picked sentence agrees as much as they typically do,
        that sentence leads: the story's main development, wherever its
        report put it.
        """
        alone = [i for i in picked if story.reads_alone(i)]
        openers = [i for i in alone if candidates[i].position == 0]
        if not openers:
            return alone[0] if alone else None
        agreement = {i: _agreement(candidates, i, openings) for i in alone}
        best = max(openers, key=agreement.__getitem__)
        main = max(alone, key=agreement.__getitem__)
        if agreement[best] < _SIDE_OPENING * typical <= _SIDE_OPENING * agreement[main]:
            return main
        return best

    def _edit(
        self,
        candidates: Sequence[Candidate],
        story: StoryText,
        picked: list[int],
        told: Sequence[str],
        opener: int | None,
        past_budget: bool,
        same: Callable[[str, str], bool],
        reach: Sequence[int],
    ) -> tuple[list[Shown], set[int]]:
        """The picked sentences in reading order, mended; and those that cannot
        stay (a telling of a fact that another telling ``reach``-es further than,
        or a sentence that leans on something the brief does not give). The
        lead gives way only to a telling that opens its own report and reads
        alone, so the brief still leads on a report's opening. With
        ``past_budget`` the last picked sentence runs past the word budget and
        stays last."""
        failed: set[int] = set()
        kept: list[int] = []
        for i in picked:
            text = candidates[i].text
            repeated = [k for k in kept if same(text, candidates[k].text)]
            further = all(self._says_more(candidates, reach, i, k) for k in repeated) and (
                opener not in repeated or (candidates[i].position == 0 and story.reads_alone(i))
            )
            if any(same(text, t) for t in told) or (repeated and not further):
                failed.add(i)
            elif repeated:  # the further-reaching telling stands in for the ones it repeats
                kept[kept.index(repeated[0])] = i
                kept = [k for k in kept if k not in repeated]
                failed |= set(repeated)
                opener = i if opener in repeated else opener
            else:
                kept.append(i)
        last = [picked[-1]] if past_budget and picked[-1] in kept else []
        shown: list[Shown] = []
        order = self._order(candidates, story, [k for k in kept if k not in last], opener)
        for i in [*order, *last]:
            sentence = Shown(i, candidates[i].text)
            after_own = bool(shown) and story.follows(i, shown[-1].candidate)
            if not after_own and points_back(sentence.text):
                dropped = without_connective(sentence)
                if dropped is None or points_back(dropped.text):
                    failed.add(i)
                    continue
                sentence = dropped
            # Right after its own source sentence, a pronoun reads as it does there.
            mended = sentence if after_own else self._named_pronouns(sentence, story, shown)
            if mended is None:
                failed.add(i)
                continue
            shown.append(mended)
        return shown, failed

    @staticmethod
    def _says_more(
        candidates: Sequence[Candidate], reach: Sequence[int], ours: int, theirs: int
    ) -> bool:
        """Whether telling ``ours`` should stand in for ``theirs``. When both
        name days and one names every day of the other and another besides,
        that one says more ("Engineers said on Tuesday that corroded cables
        had snapped" of Monday's collapse tells what came next); otherwise
        the one that reaches further."""
        our_days = named_days(candidates[ours].text)
        their_days = named_days(candidates[theirs].text)
        nested = our_days > their_days or their_days > our_days  # strictly, either way
        if our_days and their_days and nested:
            return our_days > their_days
        return reach[ours] > reach[theirs]

    @staticmethod
    def _named_pronouns(sentence: Shown, story: StoryText, shown: list[Shown]) -> Shown | None:
        told = " ".join(s.text for s in shown)
        return name_pronouns(sentence, story, told, shown[-1].text if shown else "")

    def _order(
        self,
        candidates: Sequence[Candidate],
        story: StoryText,
        kept: list[int],
        opener: int | None,
    ) -> list[int]:
        """Reading order: the lead, then plain reporting, then sentences with a
        quotation, each group earliest in its report first; a sentence that
        follows another in its source comes right after it, unless it leads."""
        follower = {
            j: i for i in kept for j in kept if i not in (j, opener) and story.follows(i, j)
        }
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
