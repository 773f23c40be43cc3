"""``newsdesk eval``: the evaluation harness on the command line.

Each command prints a Markdown table. With ``--json`` the machine-readable
figures (per-cluster or per-page scores included) go to standard output and
the table to standard error, so ``newsdesk eval ... --json > figures.json``
still shows the table.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console

from newsdesk.cluster import StoryClusterer
from newsdesk.embed import Embedder
from newsdesk.eval.names import CLUSTER_DATASETS, EXTRACT_DATASETS, SUMMARIZE_DATASETS
from newsdesk.progress import StageBars


def add_eval_commands(commands: Any) -> None:
    """Register ``newsdesk eval summarize|cluster|extract``."""
    evaluate = commands.add_parser("eval", help="score newsdesk against peers on public data")
    kinds = evaluate.add_subparsers(dest="eval_command", required=True)
    specs = [
        ("summarize", SUMMARIZE_DATASETS, "ROUGE of newsdesk, Lead, sumy and shipped outputs"),
        (
            "cluster",
            CLUSTER_DATASETS,
            "story clustering against ECB+ events, with a TF-IDF baseline",
        ),
        ("extract", EXTRACT_DATASETS, "article extraction against gold bodies or snippets"),
    ]
    for name, datasets, help_text in specs:
        parser = kinds.add_parser(name, help=help_text, description=help_text)
        parser.add_argument("--dataset", required=True, choices=datasets)
        parser.add_argument(
            "--data", required=True, type=Path, help="the data set's file or folder"
        )
        parser.add_argument(
            "--json", action="store_true", help="figures as JSON on stdout, table on stderr"
        )


def run_eval(args: argparse.Namespace, console: Console, errors: Console) -> int:
    """Run the chosen evaluation; print its table (and JSON with ``--json``).

    The evaluation modules load ROUGE, sumy and NLTK, which take seconds to
    import: they are imported here, so ``newsdesk run`` never pays for them.
    """
    from newsdesk.eval.ecb import evaluate_clustering
    from newsdesk.eval.extract import evaluate_extraction
    from newsdesk.eval.mds import load
    from newsdesk.eval.summarize import evaluate_summaries

    with StageBars(errors, transient=True) as bars:
        if args.eval_command == "summarize":
            report: Any = evaluate_summaries(load(args.dataset, args.data), bars.stage)
        elif args.eval_command == "cluster":
            report = evaluate_clustering(
                args.data, Embedder(), StoryClusterer(), progress=bars.stage
            )
        else:
            report = evaluate_extraction(args.dataset, args.data, bars.stage)
    if args.json:
        errors.print(report.table(), markup=False, highlight=False)
        console.print_json(json.dumps(report.to_json()))
    else:
        console.print(report.table(), markup=False, highlight=False)
    return 0
