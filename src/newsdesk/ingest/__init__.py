"""Ingest: files and folders in, :class:`~newsdesk.model.Document` records out.

The format is chosen by file extension (``.gz`` is unwrapped first); XML
files are read as feeds when their root element is one. A file that cannot be
read becomes an :class:`~newsdesk.model.InputProblem` naming it, and the rest
of the batch goes on: whatever a reader or a library raises costs that file
alone, never the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.ingest.feeds import FEED_ROOTS, read_feed, root_element
from newsdesk.ingest.files import check_text_size, decode_text, describe_failure, read_bytes
from newsdesk.ingest.html import read_html_page
from newsdesk.ingest.records import read_json, read_jsonl
from newsdesk.ingest.warc import read_warc, read_warc_file
from newsdesk.model import Document, InputProblem
from newsdesk.parallel import InProcessExecutor, ordered_map

__all__ = ["SUPPORTED_SUFFIXES", "Ingested", "discover", "read_file", "read_files", "read_paths"]

Reader = Callable[[str, bytes, str], Iterable[Document | InputProblem]]


def _read_text(path: str, data: bytes, folder: str) -> Iterator[Document]:
    text = check_text_size(path, decode_text(data, path))
    yield Document(path=path, index=0, text=text, folder=folder)


def _read_xml(path: str, data: bytes, folder: str) -> Iterable[Document | InputProblem]:
    """A feed or an XHTML page, by its root element; any other XML is neither."""
    root = root_element(data)
    if root is None or root in FEED_ROOTS:
        # No root found (damaged XML): feedparser reads what it can, and says why not.
        return read_feed(path, data, folder)
    if root == "html":
        return read_html_page(path, data, folder)
    raise InputError(path, f"not a feed: its root element is <{root}>, not <rss>, <feed> or <rdf>")


_READERS: dict[str, Reader] = {
    ".html": read_html_page,
    ".htm": read_html_page,
    ".xhtml": read_html_page,
    ".txt": _read_text,
    ".text": _read_text,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".rdf": read_feed,
    ".xml": _read_xml,
    ".warc": read_warc,
}
SUPPORTED_SUFFIXES = frozenset(_READERS)


@dataclass
class Ingested:
    """What a batch of paths gave: documents, problems, and skipped files."""

    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _format_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[str], list[InputProblem]]:
    """Files to read (sorted within each folder), unsupported files, missing paths.

    Hidden files and folders are ignored; files of other types inside a
    folder are listed as skipped, while a file named explicitly must be of a
    supported type.
    """
    files: list[Path] = []
    skipped: list[str] = []
    problems: list[InputProblem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.is_file():
                    supported = _format_suffix(child) in SUPPORTED_SUFFIXES
                    (files.append(child) if supported else skipped.append(str(child)))
        elif path.is_file():
            if _format_suffix(path) in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                problems.append(InputProblem(str(path), f"unsupported file type (use {kinds})"))
        else:
            problems.append(InputProblem(str(path), "no such file or folder"))
    return files, skipped, problems


def read_file(path: Path, root: Path | None = None) -> list[Document | InputProblem]:
    """Every document of one file, and a problem for what could not be read.

    A failure part-way through a file (a corrupt archive record, a truncated
    feed) keeps the documents read before it. A relative ``path`` is taken
    from ``root`` (default: the working folder), and named as given: a worker
    elsewhere reads the files a user named from their own folder.
    """
    name = str(path)
    located = root / path if root is not None else path
    items: list[Document | InputProblem] = []
    try:
        # A bare name ("report.txt") lies in the working folder, which names it.
        folder = path.parent.name or located.absolute().parent.name or "."
        suffix = _format_suffix(path)
        if suffix == ".warc":
            items.extend(read_warc_file(located, folder))
        else:
            items.extend(_READERS[suffix](name, read_bytes(located), folder))
    except InputError as error:
        items.append(InputProblem(name, error.problem))
    except RecursionError:
        items.append(InputProblem(name, "nesting too deep to parse"))
    except Exception as error:  # a bug of ours or a library's costs this file, not the batch
        items.append(InputProblem(name, describe_failure(error)))
    return items


def read_files(
    files: Iterable[Path],
    on_file: Callable[[Path], None] | None = None,
    executor: Executor | None = None,
    window: int | None = None,
) -> Ingested:
    """Read ``files``, one work unit each on ``executor`` (default: in this
    process), keeping their order, with ``window`` files in flight (see
    :func:`~newsdesk.parallel.ordered_map`); ``on_file`` is told of each file once it is read."""
    result = Ingested()
    files = list(files)
    read = ordered_map(executor or InProcessExecutor(), read_file, files, window)
    for path, items in zip(files, read, strict=True):
        for item in items:
            if isinstance(item, InputProblem):
                result.problems.append(item)
            else:
                result.documents.append(item)
        if on_file is not None:
            on_file(path)
    return result


def read_paths(paths: Iterable[str | Path]) -> Ingested:
    """Read every supported file under ``paths``."""
    files, skipped, problems = discover(paths)
    result = read_files(files)
    result.problems[:0] = problems
    result.skipped = skipped
    return result
