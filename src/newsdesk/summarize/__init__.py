"""Summarize: a story's articles in, an attributed extractive brief out."""

from newsdesk.summarize.base import Candidate, Summarizer
from newsdesk.summarize.brief import BriefWriter
from newsdesk.summarize.concepts import ConceptSummarizer

__all__ = ["BriefWriter", "Candidate", "ConceptSummarizer", "Summarizer"]
