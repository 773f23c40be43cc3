"""``newsdesk eval extract``: how well newsdesk finds an article's text in its page.

Each data set is scored as its makers score it, so the figures sit beside theirs:

- ``zyte`` (Zyte's article-extraction benchmark): ``\\w+`` tokens, multisets of
  4-token shingles; per page, matched, extra and missing shingles are scaled to
  sum to 1 so that long pages weigh no more than short ones. Precision and
  recall are means over pages (a page with no shingles on that side is left
  out), F1 is of the two means, accuracy the share of pages whose tokens equal
  the gold's. The outputs of other extractors shipped with the data are scored too.
- ``trafilatura`` (trafilatura's own set): snippets that must or must not appear
  in the output, matched after whitespace is normalised, counted over all pages
  whose HTML is present.

Live rows: ``newsdesk`` (ingest's ``extract_page``, then a ``Cleaner`` fit on all
pages of the run; the body is the paragraphs, without the title, as neither gold
has it; a rejected page is an empty output) and ``trafilatura`` (``extract`` with
its defaults), on the same pages in this process.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import trafilatura

from newsdesk.clean import Cleaner
from newsdesk.errors import InputError, NewsdeskError
from newsdesk.eval.names import EXTRACT_DATASETS
from newsdesk.ingest.html import extract_page
from newsdesk.model import Article, Document

DATASETS = EXTRACT_DATASETS
SHINGLE_TOKENS = 4
RESAMPLES = 1000
_TOKEN = re.compile(r"\w+")
_HTML_FOLDER = "html"  # both data sets keep their pages here; newsdesk sees it as the folder
_METRIC = {
    "zyte": "4-token shingles of \\w+ tokens, P and R means over pages, F1 of the means, "
    "accuracy = share of pages with exactly the gold's tokens",
    "trafilatura": "must-include / must-exclude snippets, counted over all snippets",
}
Progress = Callable[[str, int], Callable[[int], None]]


@dataclass(frozen=True, slots=True)
class PageCounts:
    """A page's shingle shares (zyte; ``exact``: tokens equal the gold's) or snippet counts."""

    tp: float
    fp: float
    fn: float
    tn: float = 0.0
    exact: bool = False


@dataclass(frozen=True, slots=True)
class ExtractionScores:
    """A system's figures over ``pages`` pages; ``std`` is F1's bootstrap deviation."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int
    std: float | None = None


@dataclass(frozen=True, slots=True)
class SystemRow:
    """One system's scores and the page counts behind them, for paired tests later.

    ``kind`` is ``live`` (run here) or ``shipped`` (outputs that came with the
    data); ``empty`` counts pages where the system gave no text at all.
    """

    system: str
    kind: str
    scores: ExtractionScores
    empty: int
    per_page: Mapping[str, PageCounts] = field(default_factory=dict)
    pages_per_second: float | None = None


@dataclass(frozen=True)
class ExtractionReport:
    """All systems on one data set, best F1 first."""

    dataset: str
    data: Path
    rows: tuple[SystemRow, ...]
    seconds: float
    without_html: int = 0

    def table(self) -> str:
        left_out = f" ({self.without_html} annotated pages without HTML left out)"
        lines = [
            f"{self.dataset}: {self.rows[0].scores.pages} pages from {self.data}"
            f"{left_out if self.without_html else ''}; {_METRIC[self.dataset]}. "
            f"± = F1 std over {RESAMPLES} bootstrap resamples of the pages. "
            f"Evaluated in {self.seconds:.0f} s.",
            "",
            "| system | kind | P | R | F1 | ± | accuracy | pages | empty | pages/s |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in self.rows:
            s = row.scores
            std = f"{s.std:.3f}" if s.std is not None else ""
            speed = f"{row.pages_per_second:.1f}" if row.pages_per_second else ""
            lines.append(
                f"| {row.system} | {row.kind} | {s.precision:.3f} | {s.recall:.3f} | "
                f"{s.f1:.3f} | {std} | {s.accuracy:.3f} | {s.pages} | {row.empty} | {speed} |"
            )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "data": str(self.data),
            "metric": _METRIC[self.dataset],
            "seconds": round(self.seconds, 3),
            "without_html": self.without_html,
            "bootstrap_resamples": RESAMPLES,
            "systems": [
                {
                    "system": row.system,
                    "kind": row.kind,
                    **asdict(row.scores),
                    "empty": row.empty,
                    "pages_per_second": row.pages_per_second,
                    "per_page": {page: asdict(c) for page, c in row.per_page.items()},
                }
                for row in self.rows
            ],
        }


def shingles(text: str, size: int = SHINGLE_TOKENS) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of ``text``.

    A text of 1 to ``size - 1`` tokens is one shorter shingle, as the
    benchmark's own scorer has it, so a very short output still counts.
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))


def shingle_counts(gold: str, output: str) -> PageCounts:
    """Matched, extra and missing shingles of one page, scaled to sum to 1."""
    ours, theirs = shingles(output), shingles(gold)
    tp, fp, fn = (sum(c.values()) for c in (ours & theirs, ours - theirs, theirs - ours))
    total = tp + fp + fn or 1
    exact = _TOKEN.findall(gold) == _TOKEN.findall(output)
    return PageCounts(tp / total, fp / total, fn / total, exact=exact)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(
    output: str, must_include: Sequence[str], must_exclude: Sequence[str]
) -> PageCounts:
    """Snippets found (TP) or missed (FN) among the ones to include; found (FP) or
    absent (TN) among the ones to exclude. Whitespace does not count."""
    text = _normalised(output)
    found = sum(_normalised(s) in text for s in must_include)
    leaked = sum(_normalised(s) in text for s in must_exclude)
    return PageCounts(found, leaked, len(must_include) - found, len(must_exclude) - leaked)


# The measures take counts of shape (resamples, pages, 5): tp, fp, fn, tn, exact, so that
# the point estimate (one "resample": the pages as they are) and the bootstrap share code.
# Each returns precision, recall, F1 and accuracy, one value per resample.
Array = np.ndarray[Any, np.dtype[np.float64]]
Measures = tuple[Array, Array, Array, Array]


def _ratio(a: Array, b: Array) -> Array:
    """``a / b``, and 0 where ``b`` is 0 (nothing to count scores 0)."""
    return np.divide(a, b, out=np.zeros_like(a, dtype=np.float64), where=b > 0)


def _shingle_measures(c: Array) -> Measures:
    tp, fp, fn, exact = c[..., 0], c[..., 1], c[..., 2], c[..., 4]
    has_output, has_gold = tp + fp > 0, tp + fn > 0
    precision = _ratio((_ratio(tp, tp + fp) * has_output).sum(-1), has_output.sum(-1))
    recall = _ratio((_ratio(tp, tp + fn) * has_gold).sum(-1), has_gold.sum(-1))
    return precision, recall, _ratio(2 * precision * recall, precision + recall), exact.mean(-1)


def _snippet_measures(c: Array) -> Measures:
    tp, fp, fn, tn = (c[..., i].sum(-1) for i in range(4))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return precision, recall, f1, _ratio(tp + tn, tp + fp + fn + tn)


def _scores(
    measures: Callable[[Array], Measures], pages: Sequence[PageCounts], resamples: int
) -> ExtractionScores:
    if not pages:
        raise ValueError("no pages to score")
    c = np.array([[p.tp, p.fp, p.fn, p.tn, float(p.exact)] for p in pages])
    precision, recall, f1, accuracy = (float(m[0]) for m in measures(c[None]))
    std = None
    if resamples > 1:  # seeded, so that a rerun prints the same table
        picks = np.random.default_rng(0).integers(0, len(pages), size=(resamples, len(pages)))
        std = float(measures(c[picks])[2].std(ddof=1))
    return ExtractionScores(precision, recall, f1, accuracy, len(pages), std)


def shingle_scores(pages: Sequence[PageCounts], resamples: int = RESAMPLES) -> ExtractionScores:
    """The zyte benchmark's figures over pages scored by :func:`shingle_counts`."""
    return _scores(_shingle_measures, pages, resamples)


def snippet_scores(pages: Sequence[PageCounts], resamples: int = RESAMPLES) -> ExtractionScores:
    """trafilatura's figures over pages scored by :func:`snippet_counts`."""
    return _scores(_snippet_measures, pages, resamples)


@dataclass(frozen=True, slots=True)
class _Page:
    id: str
    html: bytes
    gold: str = ""
    must_include: tuple[str, ...] = ()
    must_exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Data:
    pages: tuple[_Page, ...]
    shipped: dict[str, dict[str, str]]
    without_html: int


_SCORING: dict[str, tuple[Callable[[_Page, str], PageCounts], Callable[..., ExtractionScores]]] = {
    "zyte": (lambda page, text: shingle_counts(page.gold, text), shingle_scores),
    "trafilatura": (
        lambda page, text: snippet_counts(text, page.must_include, page.must_exclude),
        snippet_scores,
    ),
}


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _html(folder: Path, name: str) -> bytes | None:
    """A page's bytes from ``name.gz`` (unzipped) or ``name``; None when neither exists."""
    packed, plain = folder / f"{name}.gz", folder / name
    if packed.is_file():
        return gzip.decompress(packed.read_bytes())
    return plain.read_bytes() if plain.is_file() else None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise TypeError(f"expected a list of strings, got {value!r:.60}")
    return tuple(value)


def parse_shipped(data: Any) -> tuple[str | None, dict[str, str]]:
    """A shipped output file: its version (if it names one) and each page's text.

    Files come as ``{page: {"articleBody": text}}`` or ``{"version": v,
    "output": {page: {"articleBody": text}}}``; a null body is an empty output.
    """
    version = None
    if isinstance(data, dict) and "output" in data and set(data) <= {"output", "version"}:
        version, data = data.get("version"), data["output"]
    if not isinstance(data, dict):
        raise TypeError(f"expected an object of pages, got {type(data).__name__}")
    texts = {page: item.get("articleBody") or "" for page, item in data.items()}
    return (None if version is None else str(version)), texts


def _load_zyte(path: Path) -> _Data:
    """``path``: the benchmark folder, or a ground-truth JSON with ``html/`` beside it."""
    truth_file = path if path.is_file() else path / "ground-truth.json"
    truth = _json(truth_file)
    pages = []
    for page, item in sorted(truth.items()):
        html = _html(truth_file.parent / _HTML_FOLDER, f"{page}.html")
        if html is not None:
            pages.append(_Page(page, html, gold=item.get("articleBody") or ""))
    shipped = {}
    for output in sorted((truth_file.parent / "output").glob("*.json")):
        version, texts = parse_shipped(_json(output))
        shipped[f"{output.stem} {version}" if version else output.stem] = texts
    return _Data(tuple(pages), shipped, len(truth) - len(pages))


def _load_trafilatura(path: Path) -> _Data:
    """``path``: an ``evaldata*.json`` with ``html/`` beside it, or a folder of them
    (merged by URL: the subset file is part of the full one)."""
    files = [path] if path.is_file() else sorted(path.glob("evaldata*.json"))
    if not files:
        raise NewsdeskError(f"{path}: no evaldata*.json annotation file")
    annotations: dict[str, Any] = {}
    for file in files:
        annotations.update(_json(file))
    pages = []
    for url, item in sorted(annotations.items()):
        html = _html(files[0].parent / _HTML_FOLDER, item["file"])
        if html is not None:
            pages.append(_Page(url, html, "", _strings(item["with"]), _strings(item["without"])))
    return _Data(tuple(pages), {}, len(annotations) - len(pages))


def _load(dataset: str, data: Path) -> _Data:
    loaders = {"zyte": _load_zyte, "trafilatura": _load_trafilatura}
    if dataset not in loaders:
        raise NewsdeskError(f"unknown data set {dataset!r}; choose one of {', '.join(DATASETS)}")
    if not data.exists():
        raise NewsdeskError(f"{data} does not exist")
    try:
        loaded = loaders[dataset](data)
    except (OSError, KeyError, TypeError, AttributeError, ValueError) as error:
        raise NewsdeskError(f"{data} is not in the {dataset} format ({error!r})") from error
    if not loaded.pages:
        raise NewsdeskError(f"{data}: no annotated page has its HTML under {_HTML_FOLDER}/")
    return loaded


def _newsdesk(pages: Sequence[_Page], advance: Callable[[int], None]) -> dict[str, str]:
    """newsdesk's ingest and clean stages as a run over these pages would apply them."""
    documents: dict[str, Document] = {}
    for page in pages:
        with contextlib.suppress(InputError):  # a rejected page scores as an empty output
            documents[page.id] = extract_page(page.id, page.html, _HTML_FOLDER)
        advance(1)
    cleaner = Cleaner().fit(documents.values())
    texts = {}
    for page_id, document in documents.items():
        article = cleaner.clean(document)
        texts[page_id] = "\n".join(article.paragraphs) if isinstance(article, Article) else ""
    return texts


def _trafilatura(pages: Sequence[_Page], advance: Callable[[int], None]) -> dict[str, str]:
    """trafilatura alone, with its default settings."""
    texts = {}
    for page in pages:
        texts[page.id] = trafilatura.extract(page.html) or ""
        advance(1)
    return texts


def _row(
    dataset: str, name: str, kind: str, pages: Sequence[_Page], texts: Mapping[str, str]
) -> SystemRow:
    counts, scores = _SCORING[dataset]
    per_page = {page.id: counts(page, texts.get(page.id, "")) for page in pages}
    empty = sum(not _TOKEN.search(texts.get(page.id, "")) for page in pages)
    return SystemRow(name, kind, scores(list(per_page.values())), empty, per_page)


def evaluate_extraction(
    dataset: str, data: Path, progress: Progress | None = None
) -> ExtractionReport:
    """Run the live systems on ``dataset`` read from ``data`` and score every system.

    ``progress(name, pages)`` is called once per live system and returns the
    callback that advances its bar by a number of pages. Raises
    :class:`NewsdeskError` when ``data`` is missing or not in the format.
    """
    started = time.perf_counter()
    loaded = _load(dataset, data)
    live = {"newsdesk": _newsdesk, f"trafilatura {trafilatura.__version__}": _trafilatura}
    rows = []
    for name, system in live.items():
        advance = progress(name, len(loaded.pages)) if progress else (lambda _: None)
        begun = time.perf_counter()
        texts = system(loaded.pages, advance)
        speed = len(loaded.pages) / (time.perf_counter() - begun)
        row = _row(dataset, name, "live", loaded.pages, texts)
        rows.append(replace(row, pages_per_second=speed))
    rows += [_row(dataset, n, "shipped", loaded.pages, t) for n, t in loaded.shipped.items()]
    rows.sort(key=lambda row: -row.scores.f1)
    elapsed = time.perf_counter() - started
    return ExtractionReport(dataset, data, tuple(rows), elapsed, loaded.without_html)
