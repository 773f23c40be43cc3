"""ROUGE through the ``rouge-score`` package, under each dataset's settings.

Names are kept precise because they differ by many points: ``rougeL`` is the
longest common subsequence over the whole text; ``rougeLsum`` (summary-level
LCS, the ROUGE-1.5.5 "ROUGE-L" of the DUC and Multi-News papers) splits both
texts into sentences, one per line, first. On Multi-News the two differ by
about 20 points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rouge_score import rouge_scorer

from newsdesk.text.sentences import split_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
MEASURES = ("recall", "precision", "f1")


@dataclass(frozen=True, slots=True)
class RougeSettings:
    """How a dataset is scored.

    ``truncate_words`` cuts the summary and every reference before scoring
    (DUC: 100 words), as ROUGE-1.5.5's ``-l`` option does: it reads peer and
    model texts alike up to the limit, so a reference longer than the limit
    does not lower every system's recall. ``measure`` is ``"recall"`` or
    ``"f1"``; scores are averaged over the references, not maxed.
    """

    measure: str = "f1"
    stem: bool = True
    truncate_words: int | None = None

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"measure must be recall, precision or f1, got {self.measure!r}")


def _one_sentence_per_line(text: str) -> str:
    return "\n".join(s for p in text.splitlines() for s in split_sentences(p))


def truncate(text: str, words: int | None) -> str:
    """The first ``words`` whitespace-separated words of ``text`` (all when None)."""
    if words is None:
        return text
    return " ".join(text.split()[:words])


class Rouge:
    """Scores a summary against its references, averaging over references."""

    def __init__(self, settings: RougeSettings) -> None:
        self.settings = settings
        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=settings.stem)

    def score(self, summary: str, references: Sequence[str]) -> dict[str, dict[str, float]]:
        """``{measure: {rouge type: percent}}`` for recall, precision and f1,
        each the mean over ``references``."""
        if not references:
            raise ValueError("no reference summaries to score against")
        limit = self.settings.truncate_words
        candidate = _one_sentence_per_line(truncate(summary, limit))
        totals = {m: dict.fromkeys(ROUGE_TYPES, 0.0) for m in MEASURES}
        for reference in references:
            reference = _one_sentence_per_line(truncate(reference, limit))
            scores = self._scorer.score(reference, candidate)
            for name in ROUGE_TYPES:
                totals["recall"][name] += scores[name].recall
                totals["precision"][name] += scores[name].precision
                totals["f1"][name] += scores[name].fmeasure
        return {
            m: {name: 100.0 * total / len(references) for name, total in by_type.items()}
            for m, by_type in totals.items()
        }
