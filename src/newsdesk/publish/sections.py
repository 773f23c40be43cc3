"""Sections of the digest: a small config file, and each story placed by its words.

A section is a name and a list of words. A story goes to the section whose
words its headline (counted twice) and brief use most, by stem, so "votes"
and "voting" meet "vote"; a story that uses none goes to the default
section. Words, not a model: a reader can see why a story is where it is,
and change it by editing the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import Stemmer

from newsdesk.errors import ConfigError
from newsdesk.model import Brief
from newsdesk.text.words import content_words

_stemmer = Stemmer.Stemmer("porter")


def _stems(text: str) -> list[str]:
    return list(_stemmer.stemWords(content_words(text)))


def slug(name: str) -> str:
    """A file-name form of a section name: "Science and technology" -> "science-and-technology"."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "section"


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    words: frozenset[str]

    @property
    def slug(self) -> str:
        return slug(self.name)


class Sections:
    """The sections, in display order, and which one is the default."""

    def __init__(self, sections: Sequence[Section], default: str) -> None:
        names = [s.name for s in sections]
        if not sections:
            raise ConfigError("the sections config names no section")
        if len(set(map(slug, names))) != len(names):
            raise ConfigError(f"two sections share a name: {names}")
        if default not in names:
            raise ConfigError(f"the default section {default!r} is not one of {names}")
        self.sections = tuple(sections)
        self.default = default

    @classmethod
    def load(cls, path: str | Path | None = None) -> Sections:
        """The sections of a TOML file; the bundled defaults when ``path`` is None."""
        where = str(path) if path else "the bundled sections.toml"
        try:
            if path is None:
                text = files("newsdesk.publish").joinpath("sections.toml").read_text("utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
            data = tomllib.loads(text)
            entries = data["section"]
            sections = [
                Section(str(e["name"]), frozenset(_stems(str(e["words"])))) for e in entries
            ]
            default = str(data.get("default", sections[0].name if sections else ""))
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{where}: cannot be read ({error})") from error
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{where}: not valid TOML ({error})") from error
        except (KeyError, TypeError) as error:
            raise ConfigError(
                f"{where}: each [[section]] needs a name and words ({error} is missing or wrong)"
            ) from error
        try:
            return cls(sections, default)
        except ConfigError as error:
            raise ConfigError(f"{where}: {error}") from error

    def place(self, brief: Brief) -> str:
        """The name of the section ``brief`` belongs to."""
        words = _stems(brief.headline) * 2 + [
            stem for sentence in brief.sentences for stem in _stems(sentence.text)
        ]
        scores = [(sum(w in s.words for w in words), -n) for n, s in enumerate(self.sections)]
        best, position = max(scores)
        return self.sections[-position].name if best > 0 else self.default

    def group(self, briefs: Iterable[Brief]) -> list[tuple[Section, list[Brief]]]:
        """``briefs`` by section, in section order, keeping their order within each."""
        placed: dict[str, list[Brief]] = {s.name: [] for s in self.sections}
        for brief in briefs:
            placed[self.place(brief)].append(brief)
        return [(s, placed[s.name]) for s in self.sections]
