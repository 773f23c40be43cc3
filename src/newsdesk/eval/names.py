"""The data sets each evaluation reads, in a module light enough for the CLI to import."""

SUMMARIZE_DATASETS = ("duc2004", "multinews", "neus")
CLUSTER_DATASETS = ("ecb",)
EXTRACT_DATASETS = ("zyte", "trafilatura")
