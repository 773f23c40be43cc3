"""Cluster: articles into stories, online, one article at a time."""

from newsdesk.cluster.stream import (
    ArticleSignal,
    Assignment,
    StoryClusterer,
    StoryState,
    signal_of,
)

__all__ = ["ArticleSignal", "Assignment", "StoryClusterer", "StoryState", "signal_of"]
