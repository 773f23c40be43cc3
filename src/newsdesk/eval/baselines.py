"""The summarizers newsdesk is compared with, all at one length and deterministic.

- ``lead``: the first words of the cluster's first document (DUC's Lead uses
  the most recent document; our copy of DUC has no dates, so the first).
- sumy's LexRank, TextRank, LSA, Luhn, KL-Sum and SumBasic. sumy normally
  needs NLTK's punkt data; it is handed newsdesk's own sentence splitter
  instead. LSA numbers its terms in ``frozenset`` order, which follows
  Python's hash seed; here the terms are sorted, so every run agrees.
- ``newsdesk``: clean, mark near copies, then the brief's candidate
  sentences and :class:`~newsdesk.summarize.ConceptSummarizer`, the path
  ``newsdesk run`` takes (its settings are the defaults briefs use). A near
  copy (a wire write-through, one report filed twice) adds no sentences and
  is not counted as a second source, as in a run.

Every extractive system takes sentences in its own order of merit until the
length is reached; the text is then cut to exactly that many words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from newsdesk.analyze import StoryAnalyzer
from newsdesk.clean import Cleaner
from newsdesk.dedup import Deduplicator
from newsdesk.embed import Embedder, RememberingEncoder
from newsdesk.eval.mds import Cluster
from newsdesk.eval.rouge import truncate
from newsdesk.model import Article, Document
from newsdesk.pipeline import PipelineConfig
from newsdesk.summarize import ConceptSummarizer, Summarizer
from newsdesk.summarize.candidates import StorySentences, story_sentences
from newsdesk.summarize.readable import Editor
from newsdesk.summarize.referents import StoryText
from newsdesk.summarize.repeats import SAME_REPORT, SameReport
from newsdesk.text.sentences import split_sentences

Summarize = Callable[[Cluster, int], str]
# The settings of a run with no options: evaluation prepares documents as it does.
_RUN = PipelineConfig()
_WORD = re.compile(r"\w+(?:['’]\w+)*")


class SplitterTokenizer:
    """sumy's tokenizer interface over newsdesk's splitter: no NLTK data needed."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


class SortedLsaSummarizer(LsaSummarizer):  # type: ignore[misc]
    """sumy's LSA with its terms in sorted order, independent of the hash seed."""

    def _create_dictionary(self, document: Any) -> dict[str, int]:
        words = (self.normalize_word(w) for w in document.words)
        terms = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
        return {term: row for row, term in enumerate(terms)}


SUMY_METHODS: dict[str, type] = {
    "LexRank": LexRankSummarizer,
    "TextRank": TextRankSummarizer,
    "LSA": SortedLsaSummarizer,
    "Luhn": LuhnSummarizer,
    "KL-Sum": KLSummarizer,
    "SumBasic": SumBasicSummarizer,
}


def lead(cluster: Cluster, words: int) -> str:
    return truncate(cluster.documents[0], words)


def sumy_summarizer(method: str) -> Summarize:
    """A sumy method as a :data:`Summarize` function."""
    summarizer = SUMY_METHODS[method](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = SplitterTokenizer()

    def summarize(cluster: Cluster, words: int) -> str:
        parser = PlaintextParser.from_string("\n\n".join(cluster.documents), tokenizer)

        def until_length(ranked: Sequence[Any]) -> list[Any]:
            taken, total = [], 0
            for info in ranked:  # best first
                taken.append(info)
                total += len(str(info.sentence).split())
                if total >= words:
                    break
            return taken

        chosen = summarizer(parser.document, until_length)
        return truncate(" ".join(str(s) for s in chosen), words)

    return summarize


def cluster_articles(cluster: Cluster, mark_copies: bool = True) -> list[Article]:
    """The cluster's documents as ``newsdesk run`` prepares them for a brief:
    cleaned, one outlet each, and near copies marked by the dedup stage with
    a run's settings (the documents carry no dates, so the first of two
    copies is the original). Unlike a run, a document is kept however short
    it is: the data set, not the cleaner, decides what belongs to a cluster.

    ``mark_copies=False`` skips dedup, to measure what it is worth. An
    article's ``path`` is ``"<cluster id>/<document number>"``.
    """
    documents = [
        Document(path=f"{cluster.id}/{n}", index=0, text=text, folder=f"doc{n}")
        for n, text in enumerate(cluster.documents)
    ]
    articles = Cleaner(_RUN.min_repeats, min_body_words=1).run(documents)[0]
    return Deduplicator(_RUN.duplicate_threshold).run(articles)[0] if mark_copies else articles


def summary_of(summarizer: Summarizer, sentences: StorySentences, words: int) -> str:
    """The summary of exactly ``words`` words that ``summarizer`` makes of a story."""
    candidates, context = sentences
    # One sentence past the budget, then cut: every system ends at exactly ``words``.
    chosen = summarizer.select(candidates, words, words, overflow=True, context=context)
    return truncate(" ".join(candidates[i].text for i in chosen), words)


def newsdesk_summarizer(
    summarizer: Summarizer | None = None, same_meaning: float | None = SAME_REPORT
) -> Summarize:
    """newsdesk's path: clean each document, mark near copies, then choose the
    sentences and mend them as a brief does (:class:`~newsdesk.summarize.readable.Editor`);
    ``same_meaning`` as :class:`~newsdesk.summarize.BriefWriter` takes it."""
    editor = Editor(summarizer or ConceptSummarizer())
    analyzer = StoryAnalyzer()
    meaning = None if same_meaning is None else (Embedder(), same_meaning)

    def summarize(cluster: Cluster, words: int) -> str:
        articles = cluster_articles(cluster)
        candidates, context = story_sentences(articles)
        story = StoryText(articles, candidates, analyzer.analyze(articles, candidates).people)
        alike = None
        if meaning is not None:
            alike = SameReport(RememberingEncoder(meaning[0]), meaning[1])
        shown = editor.compose(candidates, story, words, words, context, overflow=True, alike=alike)
        return truncate(" ".join(s.text for s in shown), words)

    return summarize
