"""Summarize: a story's articles in, an attributed extractive brief out."""

from newsdesk.summarize.base import Candidate, Summarizer
from newsdesk.summarize.brief import BriefWriter
from newsdesk.summarize.centroid import CentroidSummarizer

__all__ = ["BriefWriter", "Candidate", "CentroidSummarizer", "Summarizer"]
