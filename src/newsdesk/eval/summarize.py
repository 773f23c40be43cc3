"""``newsdesk eval summarize``: newsdesk's summarizer against its peers, one run.

Every system is scored on the same clusters with the same settings: newsdesk,
Lead, six sumy methods at the same length, and the outputs shipped with the
data. Per-cluster scores are kept so that newsdesk can be compared with each
peer by paired tests (see :mod:`newsdesk.eval.stats`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from newsdesk.eval.baselines import SUMY_METHODS, lead, newsdesk_summarizer, sumy_summarizer
from newsdesk.eval.mds import MdsData
from newsdesk.eval.rouge import ROUGE_TYPES, Rouge, truncate
from newsdesk.eval.stats import PairedComparison, compare

NEWSDESK = "newsdesk"


@dataclass
class SystemResult:
    """One system's summaries and scores, cluster by cluster."""

    name: str
    kind: str  # "newsdesk", "baseline" (run here) or "shipped" (outputs from the data)
    scores: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def mean(self, measure: str, rouge_type: str) -> float:
        return mean(s[measure][rouge_type] for s in self.scores.values())

    def per_cluster(self, measure: str, rouge_type: str, ids: list[str]) -> list[float]:
        return [self.scores[i][measure][rouge_type] for i in ids]


@dataclass
class SummarizeReport:
    data: MdsData
    systems: list[SystemResult]
    comparisons: dict[str, PairedComparison]

    @property
    def measure(self) -> str:
        return self.data.settings.measure

    def ranked(self) -> list[SystemResult]:
        return sorted(self.systems, key=lambda s: -s.mean(self.measure, "rouge2"))

    def table(self) -> str:
        settings = self.data.settings
        cut = (
            f", summaries and references cut to {settings.truncate_words} words as by "
            "ROUGE-1.5.5 -l"
            if settings.truncate_words
            else ""
        )
        lines = [
            f"{self.data.name}: {len(self.data.clusters)} clusters; ROUGE {self.measure} "
            f"(rouge-score, Porter stemming{cut}; mean over references). Extractive systems "
            f"produce {self.data.words} words. R-L = LCS over the whole text (rougeL); "
            "R-Lsum = summary-level LCS over sentences (rougeLsum). newsdesk takes the "
            "path of a run (clean, mark near copies, choose sentences); the baselines run "
            "here are given every document as it comes.",
            "",
            "| system | kind | mean words | R-1 | R-2 | R-L | R-Lsum |",
            "|---|---|---|---|---|---|---|",
        ]
        for system in self.ranked():
            values = " | ".join(f"{system.mean(self.measure, t):.2f}" for t in ROUGE_TYPES)
            words = mean(system.words.values())
            lines.append(f"| {system.name} | {system.kind} | {words:.0f} | {values} |")
        lines += [
            "",
            f"newsdesk against each system, R-2 {self.measure} per cluster: mean difference, "
            "clusters won/lost/tied, paired bootstrap p (one-sided, 10,000 resamples) and "
            "sign test p (two-sided).",
            "",
            "| against | R-2 diff | won | lost | tied | bootstrap p | sign p |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, c in sorted(self.comparisons.items(), key=lambda kv: -kv[1].mean_difference):
            lines.append(
                f"| {name} | {c.mean_difference:+.2f} | {c.wins} | {c.losses} | {c.ties} | "
                f"{c.bootstrap_p:.3f} | {c.sign_p:.3f} |"
            )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.data.name,
            "measure": self.measure,
            "words": self.data.words,
            "truncate_words": self.data.settings.truncate_words,
            "clusters": [c.id for c in self.data.clusters],
            "systems": {
                s.name: {
                    "kind": s.kind,
                    "seconds": round(s.seconds, 3),
                    "mean_words": mean(s.words.values()),
                    "mean": {
                        m: {t: s.mean(m, t) for t in ROUGE_TYPES}
                        for m in ("recall", "precision", "f1")
                    },
                    "per_cluster": s.scores,
                }
                for s in self.ranked()
            },
            "paired_r2_vs_newsdesk": {
                name: {
                    "mean_difference": c.mean_difference,
                    "wins": c.wins,
                    "losses": c.losses,
                    "ties": c.ties,
                    "bootstrap_p": c.bootstrap_p,
                    "sign_p": c.sign_p,
                }
                for name, c in self.comparisons.items()
            },
        }


def _shipped(outputs: dict[str, str]) -> Callable[[str], str]:
    """A shipped system: its summary for a cluster, or nothing where it has none."""
    return lambda cluster_id: outputs.get(cluster_id, "")


def evaluate_summaries(
    data: MdsData,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> SummarizeReport:
    """Run and score every system on ``data``."""
    rouge = Rouge(data.settings)
    runners: list[tuple[str, str, Callable[[str], str]]] = []

    def run_with(summarize: Callable[..., str]) -> Callable[[str], str]:
        by_id = {c.id: c for c in data.clusters}
        return lambda cluster_id: summarize(by_id[cluster_id], data.words)

    runners.append((NEWSDESK, "newsdesk", run_with(newsdesk_summarizer())))
    runners.append(("Lead (first document)", "baseline", run_with(lead)))
    for method in SUMY_METHODS:
        runners.append((f"sumy {method}", "baseline", run_with(sumy_summarizer(method))))
    for system, outputs in sorted(data.outputs.items()):
        runners.append((system, "shipped", _shipped(outputs)))

    results = []
    for name, kind, summarize in runners:
        advance = progress(name, len(data.clusters)) if progress else (lambda _: None)
        result = SystemResult(name, kind)
        started = time.perf_counter()
        for cluster in data.clusters:
            summary = summarize(cluster.id)
            result.scores[cluster.id] = rouge.score(summary, cluster.references)
            result.words[cluster.id] = len(truncate(summary, data.settings.truncate_words).split())
            advance(1)
        result.seconds = time.perf_counter() - started
        results.append(result)

    ids = [c.id for c in data.clusters]
    ours = results[0].per_cluster(data.settings.measure, "rouge2", ids)
    comparisons = {
        r.name: compare(ours, r.per_cluster(data.settings.measure, "rouge2", ids))
        for r in results[1:]
    }
    return SummarizeReport(data, results, comparisons)
