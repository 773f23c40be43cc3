"""newsdesk's exceptions.

``NewsdeskError`` is the root. ``InputError`` carries the file it concerns, so
a reader of the message never has to guess which input of a batch failed.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """An input file (or one record of it) that cannot be read."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Rebuilt from both fields when it crosses from a worker process.
        return (InputError, (self.path, self.problem))


class ModelError(NewsdeskError):
    """The embedding model is missing or is not the file we expect."""


class ConfigError(NewsdeskError, ValueError):
    """A configuration value outside its allowed range."""
