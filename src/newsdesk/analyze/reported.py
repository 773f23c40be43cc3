"""Reported reporting: a sentence that credits another outlet ("CNN reports").

A roundup passes on other outlets' reports. The brief credits the outlet
that reported it first ("according to CNN, as reported by the Monitor"), so
a claim is not mistaken for the roundup's own. A phrase counts as an outlet
when the story's own outlets include it, when it is a well-known news
organisation, or when it ends in a word that names a publication ("the
Valley Signal", "the Los Angeles Times"), so a person or a ministry before
"said" is not taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.text.words import wordset

# Well-known outlets and agencies, and the short names they go by.
_WELL_KNOWN = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "reuters": "Reuters",
    "upi": "UPI",
    "cnn": "CNN",
    "bbc": "BBC",
    "npr": "NPR",
    "abc": "ABC",
    "cbs": "CBS",
    "nbc": "NBC",
    "msnbc": "MSNBC",
    "pbs": "PBS",
    "fox news": "Fox News",
    "al jazeera": "Al Jazeera",
    "bloomberg": "Bloomberg",
    "xinhua": "Xinhua",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "interfax": "Interfax",
    "tass": "TASS",
    "itar-tass": "ITAR-TASS",
    "dpa": "DPA",
    "politico": "Politico",
    "axios": "Axios",
    "tmz": "TMZ",
    "guardian": "The Guardian",
    "times": "The Times",
    "independent": "The Independent",
    "telegraph": "The Telegraph",
    "economist": "The Economist",
    "observer": "The Observer",
}
# Last words of a publication's name.
_MEDIA_WORDS = wordset(
    "times post journal herald news press tribune telegraph gazette courier signal ledger "
    "monitor guardian observer chronicle star mail express independent radio television tv "
    "magazine review examiner standard daily wire inquirer globe sun mirror record bulletin "
    "dispatch register sentinel reporter today week weekly online network channel"
)
_OUTLET = r"(?P<outlet>(?:[A-Z][\w&.'’-]*|al|de|of|the|and)(?:\s+(?:[A-Z][\w&.'’-]*|al|of|and))*)"
_PATTERNS = (
    re.compile(rf"(?i:\baccording to)\s+(?:(?i:the)\s+)?{_OUTLET}"),
    re.compile(
        rf"(?:^|[,;(—–]\s*|\b(?i:the)\s+){_OUTLET}\s+(?:has\s+|had\s+)?"
        r"(?:reports|reported|said|says|quoted|cited|wrote|writes|noted|revealed|broke the news)\b"
    ),
    re.compile(rf"\b(?:reports|reported|wrote|writes)\s+(?:(?i:the)\s+)?{_OUTLET}"),
    re.compile(rf"\b(?:told|in an interview with)\s+(?:(?i:the)\s+)?{_OUTLET}"),
    re.compile(rf"\b(?:quoted by|cited by|reported by|in a report by)\s+(?:(?i:the)\s+)?{_OUTLET}"),
)

_CLOSING_CREDIT = re.compile(
    rf",\s+(?:(?i:the)\s+)?{_OUTLET}\s+(?:reports|reported|said|says|wrote|writes)[.!?]$"
)


def _key(name: str) -> str:
    name = name.strip()
    if name.casefold().startswith("the "):
        name = name[4:]
    return name.casefold().replace("’", "'")


class OutletCredits:
    """Finds the outlet a sentence credits, given the outlets already known.

    ``known`` are outlet names seen in the store (they are matched first,
    in their own spelling); ``own`` is skipped, since an article naming its
    own outlet ("told the Courier") credits nobody else.
    """

    def __init__(self, known: Iterable[str] = ()) -> None:
        self._known = {_key(name): name for name in known}

    def extended(self, names: Iterable[str]) -> OutletCredits:
        """These credits, knowing ``names`` as outlets too."""
        return OutletCredits([*self._known.values(), *names])

    def credited(self, sentence: str, own: str = "") -> str | None:
        """The outlet ``sentence`` credits with its content, or None."""
        for pattern in _PATTERNS:
            for match in pattern.finditer(sentence):
                name = self._outlet_name(match.group("outlet"))
                if name and _key(name) != _key(own):
                    return name
        return None

    def is_outlet(self, phrase: str) -> bool:
        """Whether ``phrase`` as a whole names an outlet."""
        name = self._outlet_name(phrase)
        return name is not None and _key(name) == _key(phrase)

    def without_credit(self, text: str) -> str:
        """``text`` without a closing credit clause (", CNN reports.")."""
        match = _CLOSING_CREDIT.search(text)
        if match and self._outlet_name(match.group("outlet")):
            return text[: match.start()] + text[match.end() - 1 :]
        return text

    def _outlet_name(self, phrase: str) -> str | None:
        tokens = phrase.split()
        # The longest leading part of the phrase that names an outlet.
        for size in range(len(tokens), 0, -1):
            candidate = " ".join(tokens[:size]).rstrip(".,'’")
            key = _key(candidate)
            if key in self._known:
                return self._known[key]
            if key in _WELL_KNOWN:
                return _WELL_KNOWN[key]
            last = candidate.split()[-1].casefold() if candidate else ""
            if size >= 2 and last in _MEDIA_WORDS and candidate[:1].isupper():
                return candidate[4:] if candidate.startswith("the ") else candidate
        return None
