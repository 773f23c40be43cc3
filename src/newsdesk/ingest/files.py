"""Reading input files safely: size, emptiness, binary content and encoding.

Each check raises :class:`~newsdesk.errors.InputError` naming the file and the
problem, so that the caller can report it and go on with the rest of the batch.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from newsdesk.errors import InputError

MAX_FILE_BYTES = 64 * 1024 * 1024
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
