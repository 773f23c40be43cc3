"""Analyze: who said what in a story, which outlet they credit, and where sources differ."""

from newsdesk.analyze.differ import CueJudge, DisagreementJudge, Statement, find_differences
from newsdesk.analyze.reported import OutletCredits
from newsdesk.analyze.speakers import Speaker, SpeakerBook
from newsdesk.analyze.story import StoryAnalysis, StoryAnalyzer, notable_quotes

__all__ = [
    "CueJudge",
    "DisagreementJudge",
    "OutletCredits",
    "Speaker",
    "SpeakerBook",
    "Statement",
    "StoryAnalysis",
    "StoryAnalyzer",
    "find_differences",
    "notable_quotes",
]
