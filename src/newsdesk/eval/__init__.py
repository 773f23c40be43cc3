"""Evaluation beside the pipeline: metrics and runners on public data sets."""
