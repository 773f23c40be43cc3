"""Precision and recall of "Where sources differ", and speaker accuracy, on the hand gold.

Why this exists: reading a sample of the differences a run shows told us
that most were wrong (docs/analysis.md), but a sample read once cannot be
re-run after a change. The gold under ``bench/gold`` (see its README) holds
judged pairs of statements, every true disagreement of 43 stories read in
full, and 565 quotations with their true speakers, as data-set ids and
character offsets. This script runs the analysis on those stories as a
brief does (clean, candidate sentences, quotes and speakers, differences at
most ``max_differences`` per story), finds each shown side and quote in its
source document, and scores it against the gold:

- a shown difference is **right** when its two sides fall on two spans of
  one true disagreement of the same kind (an ``issue`` of the gold), **wrong**
  when they fall on a pair judged "none" or on a story read in full without
  matching a true disagreement, and **unjudged** otherwise;
- **recall** is the share of the true disagreements (issues) of the stories
  read in full that some shown difference matches;
- a quote's **speaker is right** when the shown speaker names the gold
  speaker (all its words are in the gold's fullest mention, the surname
  among them) or, for a speaker the text never names, names nobody; a text
  the gold marks as no quote (a title, an imagined line) is wrong if shown.

Dev and held-out stories are reported apart: the held-out third is for
checking, not for tuning. Its errors are listed here too, so once read they
can steer a rule; "fresh" reports held-out stories judged later, which
nothing was tuned on. Errors are listed by id and offsets in the report;
their text goes only to ``--out`` (outside the repository: the data's
licences forbid copying it in).

    .venv/bin/python bench/differences.py --write
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gold_spans import (
    Difference,
    Doc,
    Span,
    SpeakerItem,
    Story,
    load_differences,
    load_speakers,
    load_stories,
    story_documents,
)
from report import machine, write_section

from newsdesk.analyze import StoryAnalyzer, find_differences
from newsdesk.embed import Embedder
from newsdesk.eval.baselines import cluster_articles
from newsdesk.eval.mds import Cluster
from newsdesk.summarize import BriefWriter
from newsdesk.summarize.candidates import story_sentences

KINDS = ("figures", "denial")
# "fresh": held-out stories judged after the rest of the gold had been read
# while tuning (their records carry ``added``); no rule was written after them.
SPLITS = ("dev", "heldout", "fresh")


def group(item: Difference | SpeakerItem | Story) -> str:
    """The split an item is reported in: its own, or "fresh" for a later held-out one."""
    return "fresh" if item.added and item.split == "heldout" else item.split


class Located:
    """A document with whitespace and quotation marks normalised, to find a
    system's text in it and map the place back to the original offsets."""

    _QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.origin: list[int] = []
        i = 0
        while i < len(text):
            pair = text[i : i + 2]
            if pair in ("``", "''"):
                chars.append('"')
                self.origin.append(i)
                i += 2
                continue
            char = text[i].translate(self._QUOTES)
            if char.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    self.origin.append(i)
            else:
                chars.append(char)
                self.origin.append(i)
            i += 1
        self.text = "".join(chars)
        self.origin.append(len(text))

    @classmethod
    def normal(cls, text: str) -> str:
        return re.sub(
            r"\s+", " ", text.replace("``", '"').replace("''", '"').translate(cls._QUOTES)
        )

    def find(self, text: str) -> tuple[int, int] | None:
        """Original offsets of ``text`` in the document, or None."""
        wanted = self.normal(text).strip()
        at = self.text.find(wanted)
        if at < 0 or not wanted:
            return None
        return self.origin[at], self.origin[at + len(wanted) - 1] + 1


# Where a shown text sits: its document, its original offsets there (None
# when it could not be found in the document) and the text, normalised.
Side = tuple[Doc, tuple[int, int] | None, str]


def _on(span: Span, side: Side) -> bool:
    """Whether the shown ``side`` overlaps the gold ``span``, or carries its text:
    a story's documents often repeat one wire sentence, and the gold marks it once."""
    doc, place, text = side
    if span.doc == doc and place is not None and place[0] < span.end and span.start < place[1]:
        return True
    return Located.normal(span.text).strip() in text


def _issue(pair: Difference) -> str:
    return pair.issue or f"{pair.a.doc}:{pair.a.start}-{pair.b.doc}:{pair.b.start}"


@dataclass
class StoryRun:
    """What the analysis shows for one story, located in its documents."""

    set: str
    story: str
    split: str
    differences: list[tuple[str, Side, Side]]  # kind and the two sides
    quotes: list[tuple[Side, str]]  # where, and the speaker shown
    review: list[str] = field(default_factory=list)


def run_story(set_name: str, story: str, split: str, encoder: Embedder, limit: int) -> StoryRun:
    documents = story_documents(set_name, story)
    keys = list(documents)
    cluster = Cluster(story, tuple(documents[k] for k in keys), ())
    articles = cluster_articles(cluster)
    doc_of = {a.id: keys[int(a.path.rsplit("/", 1)[1])] for a in articles}
    located = {k: Located(documents[k]) for k in keys}
    candidates, _ = story_sentences(articles)
    analysis = StoryAnalyzer().analyze(articles, candidates)
    shown = find_differences(analysis.statements, encoder, limit=limit)
    result = StoryRun(set_name, story, split, [], [])
    for difference in shown:
        sides = []
        for claim in (difference.first, difference.second):
            doc = doc_of[claim.article_id]
            sides.append((doc, located[doc].find(claim.text), Located.normal(claim.text)))
        result.differences.append((difference.kind, sides[0], sides[1]))
        result.review.append(
            f"[{set_name} {story}] {difference.kind}: {difference.detail}\n"
            f"    A (doc {sides[0][0]}, {difference.first.speaker}): {difference.first.text}\n"
            f"    B (doc {sides[1][0]}, {difference.second.speaker}): {difference.second.text}"
        )
    for quote in analysis.quotes:
        doc = doc_of[quote.article_id]
        side = (doc, located[doc].find(quote.text), Located.normal(quote.text))
        result.quotes.append((side, quote.speaker))
    return result


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def shown(self) -> int:
        return self.right + self.wrong + self.unjudged

    @property
    def precision(self) -> float | None:
        judged = self.right + self.wrong
        return self.right / judged if judged else None


def score_differences(
    runs: list[StoryRun], gold: list[Difference], read: set[tuple[str, str]]
) -> tuple[dict[tuple[str, str], Score], dict[str, tuple[int, int]]]:
    """Precision per (split, kind), and recall per split as (found, true issues)."""
    by_story: dict[tuple[str, str], list[Difference]] = defaultdict(list)
    for pair in gold:
        by_story[(pair.set, pair.story)].append(pair)
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    found: set[tuple[str, str, str]] = set()
    for run in runs:
        pairs = by_story[(run.set, run.story)]
        for kind, first, second in run.differences:
            score = scores[(run.split, kind)]
            judged = [
                p
                for p in pairs
                if (_on(p.a, first) and _on(p.b, second)) or (_on(p.a, second) and _on(p.b, first))
            ]
            # Two sides on two different spans of one true disagreement (of the
            # gold's pairs about one quantity or claim) match it, paired as the
            # gold paired them or not; a shown difference finds one issue.
            spans = [
                {
                    (_issue(p), span.doc, span.start)
                    for p in pairs
                    if p.label == kind
                    for span in (p.a, p.b)
                    if _on(span, side)
                }
                for side in (first, second)
            ]
            issues = sorted(
                {i for i, *at in spans[0] for j, *other in spans[1] if i == j and at != other}
                | {_issue(p) for p in judged if p.label == kind}
            )
            if issues:
                score.right += 1
                found.add((run.set, run.story, issues[0]))
            elif judged or (run.set, run.story) in read:
                score.wrong += 1
                reason = judged[0].note if judged else "no true disagreement there"
                where = f"doc {first[0]} {first[1]} vs doc {second[0]} {second[1]}"
                score.errors.append(f"{kind} at {run.set}/{run.story} {where}: gold says {reason}")
            else:
                score.unjudged += 1
    recall: dict[str, tuple[int, int]] = {}
    for split in SPLITS:
        true = {
            (p.set, p.story, _issue(p))
            for p in gold
            if p.label != "none" and group(p) == split and (p.set, p.story) in read
        }
        recall[split] = (len(true & found), len(true))
    return scores, recall


_SUFFIXES = {"co", "inc", "corp", "ltd", "llc", "plc", "jr", "sr"}
# Words a shown speaker may add to the gold's name without naming someone else.
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "prime",
    "minister",
    "judge",
    "gov",
    "sen",
    "rep",
    "gen",
    "col",
    "capt",
    "captain",
    "sgt",
    "lt",
    "rev",
    "professor",
    "prof",
    "mayor",
    "chief",
    "king",
    "queen",
    "pope",
    "doctor",
    "detective",
    "inspector",
    "sheriff",
    "sergeant",
    "lieutenant",
    "commander",
    "director",
    "secretary",
    "senator",
    "governor",
    "ambassador",
    "bishop",
    "the",
    "a",
    "an",
    "one",
}


# Words that describe a speaker without naming one: "Official who spoke", "One woman".
_COMMON = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "police", "officer",
    "resident", "residents", "woman", "man", "source", "sources", "witness", "who", "spoke",
    "of", "a", "an", "the", "one",
}  # fmt: skip


def _is_given(name: str, word: str) -> bool:
    """Whether ``word`` stands capitalised in ``name``, as a given name does."""
    return any(w.casefold().strip(".'’") == word and w[:1].isupper() for w in name.split())


def _words(text: str) -> list[str]:
    # "U.S." and "US" are one word.
    return [
        w.casefold().replace(".", "").strip("'’")
        for w in re.findall(r"[\w'’.-]+", text)
        if w[0].isalpha()
    ]


def _speaker_right(item: SpeakerItem, shown: str) -> bool:
    """Right when the shown speaker is the gold person: the name part (before any
    role after a comma or bracket) holds the gold name's last word ("British
    Ambassador to Russia Andrew Wood"), or all its own words, titles aside, are
    words of the gold name ("Mahathir" for "Mahathir Mohamad"). For a speaker
    the text never names, right when the shown speaker names nobody either: no
    capitalised word after its first, or only words of the gold's description."""
    name = re.split(r",|\(", shown, maxsplit=1)[0]
    own = [w for w in _words(name) if w not in _TITLES and w not in _SUFFIXES]
    if item.speaker is None:
        described = set(_words(item.speaker_unnamed or "")) | _COMMON
        return set(own) <= described
    gold = [w for w in _words(re.split(r",|\(", item.speaker.text)[0]) if w not in _SUFFIXES]
    if not gold or not own:
        return False
    if set(own) <= set(gold):
        return True
    # The surname is there; a given name before it must be the gold's ("Darren
    # Holm" is not "Eamon Holm"), a title or role word aside.
    at = own.index(gold[-1]) if gold[-1] in own else -1
    return at >= 0 and (at == 0 or own[at - 1] in gold or not _is_given(name, own[at - 1]))


def score_speakers(
    runs: list[StoryRun], gold: list[SpeakerItem]
) -> tuple[dict[str, Score], dict[str, tuple[int, int]]]:
    """Speaker accuracy per split over the gold quotes the analysis shows, and
    per split how many gold quotes it shows at all (found, gold quotes)."""
    shown_by_story = {(r.set, r.story): r for r in runs}
    scores: dict[str, Score] = defaultdict(Score)
    coverage: Counter[tuple[str, bool]] = Counter()
    for item in gold:
        run = shown_by_story[(item.set, item.story)]
        match = next((speaker for side, speaker in run.quotes if _on(item.quote, side)), None)
        score = scores[group(item)]
        where = f"{item.set}/{item.story} doc {item.doc} {item.quote.start}:{item.quote.end}"
        if not item.is_quote:
            if match is not None:
                score.wrong += 1
                score.errors.append(f"no quote at {where} ({item.case}), shown for {match!r}")
            continue
        coverage[(group(item), match is not None)] += 1
        if match is None:
            continue
        if _speaker_right(item, match):
            score.right += 1
        else:
            score.wrong += 1
            truth = item.speaker.text if item.speaker else f"unnamed: {item.speaker_unnamed}"
            score.errors.append(f"{where} ({item.case}): shown {match!r}, gold {truth!r}")
    return scores, {
        s: (coverage[(s, True)], coverage[(s, True)] + coverage[(s, False)]) for s in SPLITS
    }


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def render(
    differences: dict[tuple[str, str], Score],
    recall: dict[str, tuple[int, int]],
    speakers: dict[str, Score],
    coverage: dict[str, tuple[int, int]],
    limit: int,
    seconds: float,
) -> str:
    lines = [
        "## Differences and speakers against the hand gold",
        "",
        f"Machine: {machine()}. Command: `.venv/bin/python bench/differences.py --write` "
        f"({seconds:.0f} s). Gold: `bench/gold` (its README says how it was judged). "
        f"At most {limit} differences per story, as a brief shows them.",
        "",
        "| split | kind | shown | right | wrong | unjudged | precision |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in SPLITS:
        for kind in KINDS:
            s = differences.get((split, kind), Score())
            lines.append(
                f"| {split} | {kind} | {s.shown} | {s.right} | {s.wrong} | {s.unjudged} "
                f"| **{_pct(s.precision)}** |"
            )
    lines += [
        "",
        "| split | true disagreements found (stories read in full) | recall |",
        "|---|---|---|",
    ]
    for split in SPLITS:
        hit, total = recall[split]
        lines.append(f"| {split} | {hit} of {total} | **{_pct(hit / total if total else None)}** |")
    lines += [
        "",
        "| split | gold quotes shown | speaker right | wrong (incl. no-quotes shown) | accuracy |",
        "|---|---|---|---|---|",
    ]
    for split in SPLITS:
        s, (hit, total) = speakers.get(split, Score()), coverage[split]
        lines.append(
            f"| {split} | {hit} of {total} | {s.right} | {s.wrong} | **{_pct(s.precision)}** |"
        )
    lines += ["", "Errors, for review (text in the `--out` files):", ""]
    for split in SPLITS:
        for kind in KINDS:
            for error in differences.get((split, kind), Score()).errors:
                lines.append(f"- {split}, {error}")
        for error in speakers.get(split, Score()).errors:
            lines.append(f"- {split}, speaker: {error}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsdesk-differences"))
    parser.add_argument("--write", action="store_true", help="write into docs/analysis.md")
    args = parser.parse_args()
    started = time.perf_counter()
    pairs, quotes, stories = load_differences(), load_speakers(), load_stories()
    read = {(s.set, s.story) for s in stories}
    split_of = {
        (set_name, story): split
        for set_name, story, split in [
            *((i.set, i.story, group(i)) for i in pairs),
            *((i.set, i.story, group(i)) for i in quotes),
            *((i.set, i.story, group(i)) for i in stories),
        ]
    }
    encoder = Embedder()
    limit = BriefWriter(encoder).max_differences
    runs = [
        run_story(name, story, split, encoder, limit)
        for (name, story), split in sorted(split_of.items())
    ]
    differences, recall = score_differences(runs, pairs, read)
    speakers, coverage = score_speakers(runs, quotes)
    text = render(differences, recall, speakers, coverage, limit, time.perf_counter() - started)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "differences.txt").write_text(
        "\n\n".join(r for run in runs for r in run.review) + "\n"
    )
    if args.write:
        write_section(
            "differences", text, Path(__file__).resolve().parents[1] / "docs" / "analysis.md"
        )


if __name__ == "__main__":
    main()
