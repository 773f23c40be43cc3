"""Store: the SQLite database under every stage."""

from newsdesk.store.sqlite import Store, StoreBusyError

__all__ = ["Store", "StoreBusyError"]
