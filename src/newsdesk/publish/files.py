"""Writing the digest's files so that an unchanged file is left alone.

Feed readers, static hosts and backups go by a file's date: a run that adds
nothing must not look like news, so a file is written only when its bytes
differ from what is on disk.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` (UTF-8) to ``path`` unless it already holds exactly that;
    say whether it wrote."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
