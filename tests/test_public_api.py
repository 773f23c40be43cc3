"""The public names of each stage package, pinned: changing them is a decision."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "newsdesk.ingest": [
        "SUPPORTED_SUFFIXES",
        "Ingested",
        "discover",
        "read_file",
        "read_files",
        "read_paths",
    ],
    "newsdesk.clean": ["Cleaner", "Evidence", "article_id", "paragraphs_of", "without_site_name"],
    "newsdesk.dedup": ["Deduplicator", "KnownArticle"],
    "newsdesk.cluster": [
        "ArticleSignal",
        "Assignment",
        "StoryClusterer",
        "StoryIndex",
        "StoryState",
        "lead_sentence",
        "signal_of",
    ],
    "newsdesk.summarize": ["BriefWriter", "Candidate", "ConceptSummarizer", "Summarizer"],
    "newsdesk.publish": ["Digest", "Sections", "build_digest", "publish"],
    "newsdesk.store": ["Store", "StoreBusyError"],
    "newsdesk.backfill": ["Backfill", "Checkpoint", "FileFacts", "connect"],
    "newsdesk.pipeline": ["Pipeline", "PipelineConfig", "ProgressReporter", "RunReport"],
}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_public_names_are_pinned(module: str) -> None:
    loaded = importlib.import_module(module)
    assert sorted(loaded.__all__) == sorted(PUBLIC[module])
    assert all(hasattr(loaded, name) for name in loaded.__all__)
