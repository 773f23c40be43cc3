"""Store: the SQLite database under every stage."""

from newsdesk.store.lock import StoreBusyError
from newsdesk.store.sqlite import Store

__all__ = ["Store", "StoreBusyError"]
