"""Where the sources differ: aligned statements that disagree.

Two statements are compared only when they come from different parties
(two speakers, or two outlets' own accounts) of different sources, and
only on a matter both state: the same quantity of the same thing
(:mod:`newsdesk.analyze.figures`, which needs no model to compare; pairs
whose figures differ are embedded only to show the closest first), or a
claim that one of them denies. Denial pairs are embedded, and a
:class:`DisagreementJudge` decides on each from the pair and its
similarity. The default :class:`CueJudge` reads negation cues; an
entailment model can take its place through the same interface when one
is available under a clear license.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from newsdesk.analyze.cues import clauses, denied_phrases, is_open, names, negation_scope, stems
from newsdesk.analyze.figures import Figure, differing_figures, figures, same_figure
from newsdesk.analyze.quotes import quote_spans
from newsdesk.analyze.speakers import Speaker
from newsdesk.embed import TextEncoder
from newsdesk.model import Claim, Difference


@dataclass(frozen=True, slots=True)
class Statement:
    """A candidate (a sentence, or a quotation of several kept whole) as a claim by a party.

    ``claim`` is the part that asserts something: the quoted words, or
    what follows "X said that"; the reporting clause is left out.
    ``credit`` is the outlet the sentence credits ("CNN reports").
    ``quoted`` marks a statement that is the words of a quotation alone,
    without its frame: one too long to be a candidate.
    """

    text: str
    claim: str
    article_id: str
    outlet: str
    source: str
    speaker: Speaker | None = None
    credit: str | None = None
    quoted: bool = False

    @property
    def party(self) -> str:
        """Who makes the claim: the speaker, else the credited outlet, else the source."""
        if self.speaker is not None:
            return f"speaker:{self.speaker.key}"
        return f"outlet:{(self.credit or self.source).casefold()}"

    def as_claim(self) -> Claim:
        # A sentence that is one quotation and nothing else is shown as its words,
        # marked quoted, as a Claim's contract says (the page puts the marks back).
        words = _quoted_words(self.text.strip())
        return Claim(
            text=self.text if words is None else words,
            article_id=self.article_id,
            outlet=self.outlet,
            speaker=self.speaker.display if self.speaker else None,
            via=self.credit,
            quoted=self.quoted or words is not None,
        )


def _quoted_words(text: str) -> str | None:
    """The words of ``text`` when it is one quotation and nothing else
    ('"No session is set."'), else None."""
    spans = quote_spans(text)
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][3] == len(text):
        return text[spans[0][1] : spans[0][2]]
    return None


@dataclass(frozen=True, slots=True)
class _Features:
    words: frozenset[str]
    scope: frozenset[str] | None
    figures: tuple[Figure, ...]
    open: bool
    names: frozenset[str]


class DisagreementJudge(Protocol):
    """Decides whether a claim and another that denies something disagree."""

    def judge(self, first: Statement, second: Statement, similarity: float) -> Difference | None:
        """The difference between the two, or None when they do not disagree.

        ``similarity`` says how close they are on their matter: the cosine
        of the closest denied phrase and the other claim or one of its clauses.
        """
        ...


_DENIAL = "one account denies the other"


class CueJudge:
    """A denial from negation cues, on claims about the same matter.

    A denial counts only between two named parties (two speakers), and
    only when a common word it denies (not a name) is one the other claim
    uses: an outlet's narration that adds "nobody was hurt" to another's
    account denies nothing that account says. Two claims that both name
    someone or somewhere, and not the same, are about different matters.

    Parameters
    ----------
    same_matter:
        Closeness (see :class:`DisagreementJudge`) above which a denial is
        about what the other claim states.
    """

    def __init__(self, same_matter: float = 0.5) -> None:
        self.same_matter = same_matter

    def judge(self, first: Statement, second: Statement, similarity: float) -> Difference | None:
        ours, theirs = features(first), features(second)
        if (ours.scope is None) == (theirs.scope is None):
            return None
        denial, other = (ours, theirs) if ours.scope is not None else (theirs, ours)
        anchored = bool(denial.scope and denial.scope & other.words)
        if denial.open or other.open:
            return None  # a hedge affirms nothing and denies nothing
        if denial.names and other.names and not denial.names & other.names:
            return None  # "no rebels in Lebanon" denies nothing said of Damascus
        if first.speaker and second.speaker and anchored and similarity >= self.same_matter:
            affirms, denies = (second, first) if denial is ours else (first, second)
            return Difference("denial", _DENIAL, *_claims(affirms, denies))
        return None


def _claims(first: Statement, second: Statement) -> tuple[Claim, Claim]:
    return first.as_claim(), second.as_claim()


@lru_cache(maxsize=8192)
def features(statement: Statement) -> _Features:
    """The cues of a statement's claim (cached: the judge asks for them per pair)."""
    return _Features(
        words=stems(statement.claim),
        scope=negation_scope(statement.claim),
        figures=figures(statement.claim),
        open=is_open(statement.claim),
        names=names(statement.claim),
    )


Pair = tuple[int, int]
# A judged pair: its difference (None when it has none), the two statements,
# and the two figures that differ (none for a denial).
_Judged = tuple[Difference | None, int, int, tuple[Figure, ...]]


def _candidate_pairs(
    statements: Sequence[Statement], feats: Sequence[_Features], central: frozenset[str]
) -> tuple[list[Pair], list[Pair]]:
    """The pairs worth judging, found through indexes rather than by trying all:
    pairs that state a figure of the same measure or unit, with the same
    polarity; and denials between two speakers whose denied words meet the
    other claim on one of the story's central words.

    Both sides come from different parties in different sources (two
    speakers of one report are its own account of both sides).
    """
    parties = [s.party for s in statements]
    affirmed_by_word: dict[str, list[int]] = {}
    denials: list[int] = []
    by_quantity: dict[str, list[int]] = {}
    for k, (statement, feature) in enumerate(zip(statements, feats, strict=True)):
        if statement.speaker is not None:
            if feature.scope is not None:
                denials.append(k)
            else:
                for word in feature.words & central:
                    affirmed_by_word.setdefault(word, []).append(k)
        # A figure reads its own hedges and conditions (see figures.py).
        for key in {f.measure or f.unit for f in feature.figures}:
            by_quantity.setdefault(key, []).append(k)

    def apart(i: int, j: int) -> bool:
        return parties[i] != parties[j] and statements[i].source != statements[j].source

    denial_pairs: set[Pair] = set()
    for i in denials:
        for word in sorted((feats[i].scope or frozenset()) & central):
            denial_pairs.update(
                (min(i, j), max(i, j)) for j in affirmed_by_word.get(word, []) if apart(i, j)
            )
    figure_pairs: set[Pair] = set()
    for members in by_quantity.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                same_polarity = (feats[i].scope is None) == (feats[j].scope is None)
                if same_polarity and apart(i, j):
                    figure_pairs.add((i, j))
    return sorted(figure_pairs), sorted(denial_pairs)


def central_words(statements: Sequence[Statement], features: Sequence[_Features]) -> frozenset[str]:
    """The stems that at least half of the story's sources use (and at least two):
    what the story is about. A denial that meets another claim only on a
    side word ("the tension", "the airport") is about something else."""
    sources: dict[str, set[str]] = {}
    for statement, feature in zip(statements, features, strict=True):
        sources.setdefault(statement.source, set()).update(feature.words)
    counts = Counter(word for words in sources.values() for word in words)
    needed = max(2, (len(sources) + 1) // 2)
    return frozenset(word for word, count in counts.items() if count >= needed)


def _matter(vectors: np.ndarray, rows: dict[int, _Rows], i: int, j: int) -> float:
    """How close two statements are on their matter.

    When one of them denies something, the closest pair of one of its
    denied phrases and one of the other's clauses (or its whole claim): a
    denial answers one point, not a whole sentence. Otherwise the cosine of
    the two claims.
    """
    a, b = rows[i], rows[j]
    if bool(a.denied) != bool(b.denied):
        denial, other = (a, b) if a.denied else (b, a)
        targets = [other.claim, *other.clauses]
        return max(float(vectors[d] @ vectors[t]) for d in denial.denied for t in targets)
    return float(vectors[a.claim] @ vectors[b.claim])


@dataclass(frozen=True, slots=True)
class _Rows:
    """Where a statement's claim, clauses and denied phrases sit among the embedded texts."""

    claim: int
    clauses: list[int]
    denied: list[int]


def find_differences(
    statements: Sequence[Statement],
    encoder: TextEncoder,
    judge: DisagreementJudge | None = None,
    limit: int = 3,
) -> list[Difference]:
    """The strongest disagreements among ``statements``, at most one per pair
    of parties, one per statement, and none that tells again a figure shown
    already (a reader learns that five dead against one is in dispute once,
    not again as "at least five against one"); at most ``limit`` of them.
    Differing figures come first (a reader can check them at a glance), the
    closest claims first, then denials, closest first."""
    if limit <= 0:
        return []
    judge = judge or CueJudge()
    feats = [features(s) for s in statements]
    figure_pairs, denial_pairs = _candidate_pairs(
        statements, feats, central_words(statements, feats)
    )
    judged = _figure_differences(statements, feats, figure_pairs, encoder)
    if denial_pairs:
        similarity = _denial_similarity(statements, denial_pairs, encoder)
        scored = sorted(((similarity[p], *p) for p in denial_pairs), reverse=True)
        judged += [
            (judge.judge(statements[i], statements[j], sim), i, j, ()) for sim, i, j in scored
        ]
    found: list[Difference] = []
    used: set[int] = set()
    parties: set[frozenset[str]] = set()
    told: list[Figure] = []
    for difference, i, j, differing in judged:
        key = frozenset((statements[i].party, statements[j].party))
        if difference is None or i in used or j in used or key in parties:
            continue
        if any(same_figure(f, t) for f in differing for t in told):
            continue  # a figure of a dispute shown already: the same dispute told again
        found.append(difference)
        used.update((i, j))
        parties.add(key)
        told.extend(differing)
        if len(found) == limit:
            break
    return found


def _figure_differences(
    statements: Sequence[Statement],
    feats: Sequence[_Features],
    pairs: Sequence[Pair],
    encoder: TextEncoder,
) -> list[_Judged]:
    """The pairs whose figures of one quantity differ, the closest claims
    first: the nearer two sentences are, the surer it is that they count the
    same thing of the same event (a toll beside a past disaster's is far)."""
    differing = []
    for i, j in pairs:
        found = differing_figures(feats[i].figures, feats[j].figures)
        if found:
            differing.append((found, i, j))
    if not differing:
        return []
    involved = sorted({k for _, i, j in differing for k in (i, j)})
    vectors = dict(
        zip(involved, encoder.encode([statements[k].claim for k in involved]), strict=True)
    )
    differing.sort(key=lambda d: -float(vectors[d[1]] @ vectors[d[2]]))
    judged: list[_Judged] = []
    for (ours, theirs), i, j in differing:
        detail = f"{ours.text} against {theirs.text}"
        difference = Difference("figures", detail, *_claims(statements[i], statements[j]))
        judged.append((difference, i, j, (ours, theirs)))
    return judged


def _denial_similarity(
    statements: Sequence[Statement], pairs: Sequence[Pair], encoder: TextEncoder
) -> dict[Pair, float]:
    """Each pair's closeness on its matter (see :func:`_matter`), from one
    encoding of the claims, the denied phrases and the clauses they answer."""
    flat: list[str] = []
    rows: dict[int, _Rows] = {}

    def add(texts: list[str]) -> list[int]:
        flat.extend(texts)
        return list(range(len(flat) - len(texts), len(flat)))

    involved = sorted({k for pair in pairs for k in pair})
    denied = {k: denied_phrases(statements[k].claim) or [] for k in involved}
    # A claim's clauses are read only against a denial (see _matter): embed no others.
    answering = {
        k for i, j in pairs for k, other in ((i, j), (j, i)) if denied[other] and not denied[k]
    }
    for k in involved:
        claim = statements[k].claim
        rows[k] = _Rows(
            add([claim])[0], add(clauses(claim) if k in answering else []), add(denied[k])
        )
    vectors = encoder.encode(flat)
    return {(i, j): _matter(vectors, rows, i, j) for i, j in pairs}
