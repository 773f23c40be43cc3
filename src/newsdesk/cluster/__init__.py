"""Cluster: articles into stories, online, one article at a time."""

from newsdesk.cluster.index import StoryIndex
from newsdesk.cluster.stream import (
    ArticleSignal,
    Assignment,
    StoryClusterer,
    StoryState,
    lead_sentence,
    signal_of,
)

__all__ = [
    "ArticleSignal",
    "Assignment",
    "StoryClusterer",
    "StoryIndex",
    "StoryState",
    "lead_sentence",
    "signal_of",
]
