"""newsdesk: a news roundup engine.

Raw reports from many outlets go in; story briefs whose every sentence is
quoted from, and names, its sources come out. The pipeline is
``ingest -> clean -> dedup -> cluster -> summarize -> publish`` over a
SQLite store; see :class:`newsdesk.pipeline.Pipeline`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
