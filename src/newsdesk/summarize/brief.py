"""Writing a story's brief: candidates, selection, attribution, sources.

Every sentence of a brief is a sentence of one source article, verbatim or
mended by the editor's visible edits (:mod:`newsdesk.summarize.readable`), and
names its outlet; other outlets are named with it only when one of their
articles carries a sentence of the same content (cosine at least
``corroboration``), so an attribution is checked against the text, never
generated. For attribution only sentences that share enough words with a
sentence they are checked against are embedded: the cheap word test first,
the costly embedding where it can change the answer. The editor also embeds
the few sentences it picks, to tell a fact told twice in other words. Wire
reprints are
listed as sources but add no sentences and no independent-source count.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime

from newsdesk.analyze import (
    DisagreementJudge,
    StoryAnalysis,
    StoryAnalyzer,
    find_differences,
    notable_quotes,
)
from newsdesk.embed import RememberingEncoder, TextEncoder
from newsdesk.model import (
    UNNAMED_SOURCE,
    Article,
    Brief,
    BriefSentence,
    OutletOrigin,
    shown_outlets,
)
from newsdesk.summarize.base import Candidate, Summarizer
from newsdesk.summarize.candidates import story_sentences
from newsdesk.summarize.concepts import ConceptSummarizer
from newsdesk.summarize.readable import Editor
from newsdesk.summarize.referents import Shown, StoryText
from newsdesk.summarize.repeats import SAME_REPORT, SameReport
from newsdesk.summarize.sources import headline, source_refs, timeline
from newsdesk.text.words import content_words


def independent_sources(articles: Sequence[Article]) -> int:
    """How many independent sources may report the story (reprints do not
    count; each report of unknown outlet may be another outlet's): a story
    with fewer than the writer's ``min_sources`` gets no brief."""
    return len({a.source_key for a in articles if a.duplicate_of is None})


def _named_outlet(article: Article) -> Article:
    """The article as a reader sees it: an outlet known only by its folder
    ("Roundups") is no outlet's name, so the brief calls it an unnamed source."""
    if article.outlet_origin is not OutletOrigin.FOLDER:
        return article
    return replace(article, outlet=UNNAMED_SOURCE)


class BriefWriter:
    """Turns a story's articles into a :class:`~newsdesk.model.Brief`.

    Parameters
    ----------
    embedder:
        Encodes sentences for the same-content checks (the costly step: for
        attribution it runs only on pairs that share enough words).
    summarizer:
        Chooses the sentences; :class:`ConceptSummarizer` by default.
    max_sentences, max_words:
        The brief's length budget.
    min_sources:
        Stories with fewer independent sources get no brief.
    corroboration:
        Cosine at which another outlet's sentence counts as the same report.
    shared_words:
        Share of the shorter sentence's content words another sentence must
        have to be embedded and compared at all.
    update_sentences, update_words:
        The budget of the "new since" part.
    analyzer:
        Finds quotes, speakers and the outlets a sentence credits.
    judge:
        Decides which statements disagree (the default is
        :class:`~newsdesk.analyze.CueJudge`).
    max_quotes, max_differences:
        How many speakers the brief quotes, and how many disagreements it
        shows; 0 leaves that part out.
    same_meaning:
        Cosine at which two sentences are one fact told twice in other words
        (:class:`~newsdesk.summarize.repeats.SameReport`); by default the
        cosine at which the brief credits another outlet's sentence as the
        same report (without that test's shared words), unless the two give
        different specific numbers. Since the editor keeps the telling whose
        words the story's reports use most, it costs no ROUGE measured: NeuS
        val R-2 17.72 without it, 17.73 with it (``bench/summarize_editing.py``,
        2026-12-08). None tells a fact once only when a figure or most words
        repeat (:func:`~newsdesk.summarize.repeats.repeats`).
    """

    def __init__(
        self,
        embedder: TextEncoder,
        summarizer: Summarizer | None = None,
        max_sentences: int = 5,
        max_words: int = 150,
        min_sources: int = 2,
        corroboration: float = SAME_REPORT,
        shared_words: float = 0.3,
        update_sentences: int = 3,
        update_words: int = 90,
        analyzer: StoryAnalyzer | None = None,
        judge: DisagreementJudge | None = None,
        max_quotes: int = 4,
        max_differences: int = 3,
        same_meaning: float | None = SAME_REPORT,
    ) -> None:
        self.embedder = embedder
        self.summarizer = summarizer or ConceptSummarizer()
        self.editor = Editor(self.summarizer)
        self.max_sentences = max_sentences
        self.max_words = max_words
        self.min_sources = min_sources
        self.corroboration = corroboration
        self.shared_words = shared_words
        self.update_sentences = update_sentences
        self.update_words = update_words
        self.analyzer = analyzer or StoryAnalyzer()
        self.judge = judge
        self.max_quotes = max_quotes
        self.max_differences = max_differences
        self.same_meaning = same_meaning
        for name in ("max_quotes", "max_differences"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more, got {getattr(self, name)}")

    def write(
        self,
        story_id: str,
        articles: Sequence[Article],
        written: datetime,
        earlier: Collection[str] = frozenset(),
        since: datetime | None = None,
    ) -> Brief | None:
        """The story's brief, written at ``written``, or None when it has too few
        independent sources or no sentence fits the budget. Its ``updated`` is
        ``written`` too until the pipeline dates it by the story's newest report,
        which needs the store (a report without a date counts from its arrival).

        ``earlier`` holds the ids of the articles the story had when its
        previous brief was written at ``since``; the brief then also says
        what the other articles add.
        """
        if independent_sources(articles) < self.min_sources:
            return None
        articles = [_named_outlet(a) for a in articles]
        candidates, context = story_sentences(articles)
        analysis = self.analyzer.analyze(articles, candidates)
        story = StoryText(articles, candidates, analysis.people)
        encoder = RememberingEncoder(self.embedder)  # for this story's sentences only
        alike = None if self.same_meaning is None else SameReport(encoder, self.same_meaning)
        shown = self.editor.compose(
            candidates, story, self.max_sentences, self.max_words, context=context, alike=alike
        )
        if not shown:
            return None
        words = [set(content_words(c.text)) for c in candidates]
        # The analysis lists the candidates' statements first, in their order.
        credits = [s.credit for s in analysis.statements[: len(candidates)]]
        sentences = tuple(self._attributed(encoder, candidates, words, credits, shown))
        new_sentences: tuple[BriefSentence, ...] = ()
        if since is not None and earlier:
            new_sentences = self._new_since_sentences(
                encoder, articles, candidates, words, credits, earlier, analysis, shown, alike
            )
        sources = tuple(source_refs(articles))
        return Brief(
            story_id=story_id,
            headline=headline(articles, candidates[shown[0].candidate]),
            sentences=sentences,
            sources=sources,
            updated=written,
            written=written,
            # As many as the outlets shown: reports of unknown outlet count once.
            independent_sources=len(shown_outlets(sources)),
            new_since=since if new_sentences else None,
            new_sentences=new_sentences,
            timeline=timeline(articles, candidates, story.reads_alone),
            quotes=notable_quotes(
                analysis.quotes, self.max_quotes, shown=[s.text for s in sentences]
            ),
            differences=tuple(
                find_differences(analysis.statements, encoder, self.judge, self.max_differences)
            ),
        )

    def _new_since_sentences(
        self,
        encoder: TextEncoder,
        articles: Sequence[Article],
        candidates: Sequence[Candidate],
        words: list[set[str]],
        credits: Sequence[str | None],
        earlier: Collection[str],
        analysis: StoryAnalysis,
        brief: Sequence[Shown],
        alike: SameReport | None,
    ) -> tuple[BriefSentence, ...]:
        """The best sentences of the newer articles that no earlier article
        reports and the brief does not tell already.

        The newer articles are summarized as a story of their own, so their
        number of sources alone decides the rules for stories of few sources.
        """
        fresh = [i for i, c in enumerate(candidates) if c.article_id not in earlier]
        known = {i for i, c in enumerate(candidates) if c.article_id in earlier}
        reported = self._same_content(encoder, candidates, words, fresh, lambda _, j: j in known)
        in_brief = {s.candidate for s in brief}
        novel = [i for i in fresh if not reported[i] and i not in in_brief]
        subset = [candidates[i] for i in novel]
        shown = self.editor.compose(
            subset,
            StoryText(articles, subset, analysis.people),
            self.update_sentences,
            self.update_words,
            told=[s.text for s in brief],
            lead=False,
            alike=alike,
        )
        return tuple(
            self._attributed(
                encoder,
                candidates,
                words,
                credits,
                [s._replace(candidate=novel[s.candidate]) for s in shown],
            )
        )

    def _attributed(
        self,
        encoder: TextEncoder,
        candidates: Sequence[Candidate],
        words: list[set[str]],
        credits: Sequence[str | None],
        shown: Sequence[Shown],
    ) -> list[BriefSentence]:
        """The shown sentences, each naming its outlet, the outlets that carry
        a sentence of the same content, and the outlet it credits, if any."""
        same = self._same_content(
            encoder,
            candidates,
            words,
            [s.candidate for s in shown],
            lambda i, j: candidates[j].source != candidates[i].source,
        )
        sentences = []
        for sentence in shown:
            i = sentence.candidate
            outlets = [candidates[i].outlet]
            for j in same[i]:
                if candidates[j].outlet not in outlets:
                    outlets.append(candidates[j].outlet)
            sentences.append(
                BriefSentence(
                    sentence.text,
                    candidates[i].article_id,
                    tuple(outlets),
                    credits[i],
                    sentence.edits,
                )
            )
        return sentences

    def _same_content(
        self,
        encoder: TextEncoder,
        candidates: Sequence[Candidate],
        words: list[set[str]],
        queries: Sequence[int],
        eligible: Callable[[int, int], bool],
    ) -> dict[int, list[int]]:
        """For each query sentence, the eligible sentences of the same content
        (cosine at least ``corroboration``). Only pairs that share enough
        words are embedded and compared."""
        likely = {
            i: [
                j
                for j in range(len(candidates))
                if j != i and eligible(i, j) and self._share(words[i], words[j])
            ]
            for i in queries
        }
        to_embed = sorted({i for i in queries if likely[i]}.union(*likely.values()))
        if not to_embed:
            return {i: [] for i in queries}
        row = {index: n for n, index in enumerate(to_embed)}
        vectors = encoder.encode([candidates[i].text for i in to_embed])
        return {
            i: [
                j
                for j in likely[i]
                if float(vectors[row[i]] @ vectors[row[j]]) >= self.corroboration
            ]
            for i in queries
        }

    def _share(self, ours: set[str], theirs: set[str]) -> bool:
        shorter = min(len(ours), len(theirs))
        return shorter > 0 and len(ours & theirs) >= self.shared_words * shorter
