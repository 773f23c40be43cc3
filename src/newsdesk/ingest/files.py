"""Reading input files safely: size, emptiness, binary content and encoding.

Each check raises :class:`~newsdesk.errors.InputError` naming the file and the
problem, so that the caller can report it and go on with the rest of the batch.

Sizes are bounded twice: a file (gunzipped, for ``.gz``) is read only up to
``MAX_FILE_BYTES``, and one report's text only up to ``MAX_TEXT_CHARS``
(``MAX_PAGE_BYTES`` for an HTML page before extraction). A report past its
limit is refused, not truncated: a cut-off text would be quoted in briefs as
if it were whole. The longest news reports run to about 100,000 characters;
the limits leave ten times that, and keep the cost of one report to about a
second and 60 MB (docs/reliability.md).
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from pathlib import Path

from newsdesk.errors import InputError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
MAX_PAGE_BYTES = 10 * 1024 * 1024
_MAX_MESSAGE_CHARS = 160
_SNIFF_BYTES = 8192
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when the name ends in ``.gz``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                str(path), f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} limit"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror or error})") from error
    if path.suffix.lower() == ".gz":
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(str(path), f"is not a valid gzip file ({error})") from error
    if not data.strip():
        raise InputError(str(path), "file is empty")
    return data


def _gunzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        out = stream.read(MAX_FILE_BYTES + 1)
    if len(out) > MAX_FILE_BYTES:
        raise OSError(f"decompresses to over {MAX_FILE_BYTES:,} bytes")
    return out


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 (or UTF-16 with a byte-order mark), refusing binary data.

    A mis-encoded file is reported rather than guessed at: a wrong guess
    silently garbles names and quotes, which a brief must keep verbatim.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(path, f"is not valid {encoding} ({error.reason})") from error
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(path, "looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise InputError(
            path, f"is not valid UTF-8 (byte 0x{bad} at offset {error.start}); save it as UTF-8"
        ) from error


def check_text_size(path: str, text: str) -> str:
    """``text``, or an InputError when it is longer than one report may be."""
    problem = oversize(text)
    if problem:
        raise InputError(path, problem)
    return text


def check_page_size(path: str, data: bytes) -> bytes:
    """``data``, or an InputError when it is larger than one HTML page may be."""
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(
            path, f"page is {len(data):,} bytes, over the {MAX_PAGE_BYTES:,} limit for one page"
        )
    return data


def oversize(text: str) -> str | None:
    """Why ``text`` is too long for one report, or None when it is not."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    return f"text is {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit for one report"


def is_number_too_long(error: Exception) -> bool:
    """True for Python's refusal to convert an integer of too many digits.

    JSON allows numbers of any length; ``json`` turns them into ``int``,
    which refuses more than ``sys.get_int_max_str_digits()`` digits with a
    plain ValueError.
    """
    return isinstance(error, ValueError) and "integer string conversion" in str(error)


def number_too_long() -> str:
    """The problem of a number past Python's digit limit, in our words."""
    return f"a number in it is over {sys.get_int_max_str_digits():,} digits long"


def one_line(text: object) -> str:
    """``text`` as one short line: a library's message may quote megabytes of input."""
    first = str(text).strip().split("\n", 1)[0].strip()
    if len(first) > _MAX_MESSAGE_CHARS:
        return first[: _MAX_MESSAGE_CHARS - 1] + "…"
    return first


def describe_failure(error: Exception) -> str:
    """One line for an exception no reader expected, naming the known cases."""
    if is_number_too_long(error):
        return number_too_long()
    if isinstance(error, OverflowError):
        return f"a length or number in it is out of range ({one_line(error)})"
    if isinstance(error, MemoryError):
        return "too large to read in the memory there is"
    detail = one_line(error)
    name = type(error).__name__
    return f"could not be read ({name}: {detail})" if detail else f"could not be read ({name})"
