"""Clustering at scale: 100,000 articles over 7 simulated days, synthetic embeddings.

Why this exists: issue 5 asks that clustering cost grow with the number of
articles per day, not with its square. The stream is synthetic but shaped
like news: events start at random times over the week and last up to two
days; each has a random direction in the 384-dimension embedding space, and
its articles lie around it (cosine about 0.85 to the event's centre, about
0.7 to each other); each article names its event's main actor (in its lead
sentence, as a news lead does), one or two of the event's three other
distinctive names, and one or two of 60 common ones ("police", "monday"). The
clusterer runs day by day, as ``newsdesk run`` does, with the stories of the
previous days open.

It also clusters single days of 2,000 to 16,000 articles with and without the
index (``exhaustive_below``), to show how each grows, with B-cubed F1 against
the generating events. On this stream every event has distinctive names, so
the F1 check cannot show what the index costs when articles share only common
names; tests/test_cluster.py covers that case.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from datetime import UTC, datetime, timedelta

import numpy as np
from report import machine, write_section

from newsdesk.cluster import ArticleSignal, StoryClusterer, StoryState
from newsdesk.eval.metrics import bcubed

DIMENSIONS = 384
START = datetime(2026, 11, 1, tzinfo=UTC)
COMMON = [f"common{n}" for n in range(60)]
NOISE = 0.6 / np.sqrt(DIMENSIONS)  # cosine to the centre about 0.85


def stream(articles: int, days: float, seed: int) -> tuple[list[ArticleSignal], list[int]]:
    """Synthetic articles in time order, with the event each belongs to."""
    rng = np.random.default_rng(seed)
    signals: list[ArticleSignal] = []
    events: list[int] = []
    event = 0
    while len(signals) < articles:
        centre = rng.standard_normal(DIMENSIONS).astype(np.float32)
        centre /= np.linalg.norm(centre)
        names = [f"name{event}-{k}" for k in range(4)]
        start = rng.uniform(0, days)
        for _ in range(min(int(rng.geometric(0.2)), articles - len(signals))):
            offset = start + rng.uniform(0, 2)
            if offset >= days:  # reports after the last day are not in the stream
                continue
            vector = centre + NOISE * rng.standard_normal(DIMENSIONS).astype(np.float32)
            picked = {names[0], *rng.choice(names[1:], rng.integers(1, 3), replace=False)}
            picked |= set(rng.choice(COMMON, rng.integers(1, 3), replace=False))
            when = START + timedelta(days=offset)
            signals.append(
                ArticleSignal(
                    id=f"a{len(signals)}",
                    vector=vector / np.linalg.norm(vector),
                    names=frozenset(str(n) for n in picked),
                    published=when,
                    lead_names=frozenset({names[0]}),
                )
            )
            events.append(event)
        event += 1
    order = sorted(range(len(signals)), key=lambda i: signals[i].published or START)
    return [signals[i] for i in order], [events[i] for i in order]


def run_days(
    signals: list[ArticleSignal], clusterer: StoryClusterer
) -> tuple[list[tuple[int, int, int, float]], dict[str, str]]:
    """Cluster day by day; per day (day, articles, open stories, seconds)."""
    stories: dict[str, StoryState] = {}
    story_of: dict[str, str] = {}
    rows = []
    by_day: dict[int, list[ArticleSignal]] = {}
    for signal in signals:
        day = ((signal.published or START) - START).days
        by_day.setdefault(day, []).append(signal)
    for day in sorted(by_day):
        today = START + timedelta(days=day)
        window = timedelta(days=clusterer.window_days)
        pool = [s for s in stories.values() if s.latest and today - s.latest <= window]
        started = time.perf_counter()
        outcome = clusterer.assign(by_day[day], pool)
        seconds = time.perf_counter() - started
        for old in outcome.merged:
            stories.pop(old, None)
        stories.update({s.id: s for s in outcome.stories})
        story_of.update(outcome.story_of)
        rows.append((day + 1, len(by_day[day]), len(pool), seconds))
    return rows, story_of


def f1(signals: list[ArticleSignal], events: list[int], story_of: dict[str, str]) -> float:
    return bcubed([story_of[s.id] for s in signals], events).f1


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()

    signals, events = stream(args.articles, 7.0, seed=1)
    started = time.perf_counter()
    rows, story_of = run_days(signals, StoryClusterer(exhaustive_below=0))
    total = time.perf_counter() - started
    week_f1 = f1(signals, events, story_of)
    week_peak = peak_mib()

    growth = []
    for size in (2000, 4000, 8000, 16000):
        day_signals, day_events = stream(size, 1.0, seed=2)
        timings = {}
        for label, limit in (("indexed", 0), ("every story", 10**9)):
            if label == "every story" and size > 8000:
                timings[label] = (float("nan"), float("nan"))
                continue
            started = time.perf_counter()
            outcome = StoryClusterer(exhaustive_below=limit).assign(day_signals)
            timings[label] = (
                time.perf_counter() - started,
                f1(day_signals, day_events, outcome.story_of),
            )
        growth.append((size, timings))

    lines = [
        "## Clustering at scale",
        "",
        f"Reproduce: `.venv/bin/python bench/cluster_scale.py --articles {args.articles} --write`",
        "",
        f"Machine: {machine()}.",
        "",
        f"{len(signals):,} synthetic articles ({len(set(events)):,} events) over 7 days, "
        "clustered day by day with the index (see the script's docstring for how the stream "
        f"is made). Total **{total:.1f} s** ({len(signals) / total:,.0f} articles/s), "
        f"B-cubed F1 against the generating events {week_f1:.3f}, "
        f"{len(set(story_of.values())):,} stories; peak RSS of the process **{week_peak:.0f} MiB** "
        "(signals, stories and the index).",
        "",
        "| day | articles | open stories at start | seconds | articles/s |",
        "|---|---|---|---|---|",
        *(f"| {d} | {n:,} | {o:,} | {s:.1f} | {n / s:,.0f} |" for d, n, o, s in rows),
        "",
        "One day's articles, clustered with the index and by comparing every open story "
        "(the latter stopped at 8,000 articles):",
        "",
        "| articles | indexed s | B3 F1 | every story s | B3 F1 | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for size, timings in growth:
        (fast, fast_f1), (slow, slow_f1) = timings["indexed"], timings["every story"]
        ratio = f"{slow / fast:.1f}" if slow == slow else "-"
        slow_cells = f"{slow:.1f} | {slow_f1:.3f}" if slow == slow else "- | -"
        lines.append(f"| {size:,} | {fast:.1f} | {fast_f1:.3f} | {slow_cells} | {ratio} |")
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section("cluster_scale", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
