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

from newsdesk.analyze.mentions import is_full_name
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
# A capitalised run, with the article before it when there is one.
_OUTLET = r"(?P<outlet>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|al|of|and))*)"
_VERBS = r"(?:reports|reported|said|says|quoted|cited|wrote|writes|noted|revealed)"
_PATTERNS = (
    re.compile(rf"(?i:\baccording to)\s+{_OUTLET}"),
    re.compile(rf"(?:^|[,;(—–]\s*|\s){_OUTLET}\s+(?:has\s+|had\s+)?{_VERBS}\b"),
    re.compile(rf"\b(?:reports|reported|wrote|writes)\s+{_OUTLET}"),
    re.compile(rf"\b(?:told|in an interview with)\s+{_OUTLET}"),
    re.compile(rf"\b(?:quoted by|cited by|reported by|in a report by)\s+{_OUTLET}"),
)
_CLOSING_CREDIT = re.compile(rf",\s+{_OUTLET}\s+(?:reports|reported|said|says|wrote|writes)[.!?]$")
# Well-known names that are also common words: an outlet only after "the"
# ("according to the Guardian", not "according to Independent monitors").
_NEEDS_ARTICLE = wordset("guardian times independent telegraph economist observer")


def is_well_known_outlet(name: str) -> bool:
    """Whether ``name`` is a well-known outlet or agency ("Reuters", "AP")."""
    return name.casefold() in _WELL_KNOWN


def _key(name: str) -> str:
    name = name.strip()
    if name.casefold().startswith("the "):
        name = name[4:]
    return name.casefold().replace("’", "'")


class OutletCredits:
    """Finds the outlet a sentence credits, given the outlets already known.

    ``known`` are outlet names to recognise, matched first and in their own
    spelling. :meth:`credited` skips the article's ``own`` outlet, since an
    article naming itself ("told the Courier") credits nobody else.
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
        """Whether ``phrase`` as a whole names an outlet, with or without its "the"
        (a speaker phrase comes without it: "Guardian" from "according to the
        Guardian")."""
        return any(
            name is not None and _key(name) == _key(phrase)
            for name in (self._outlet_name(phrase), self._outlet_name(f"the {phrase}"))
        )

    def without_credit(self, text: str) -> str:
        """``text`` without a closing credit clause (", CNN reports.")."""
        match = _CLOSING_CREDIT.search(text)
        if match and self._outlet_name(match.group("outlet")):
            return text[: match.start()] + text[match.end() - 1 :]
        return text

    def _outlet_name(self, phrase: str) -> str | None:
        """The outlet ``phrase`` names as a whole ("the Los Angeles Times"), else None.

        Only the whole capitalised run counts: "The Independent Electoral
        Commission" and "Times Square" name no outlet.
        """
        candidate = phrase.strip().rstrip(".,'’").removesuffix("'s").removesuffix("’s")
        has_article = candidate.casefold().startswith("the ")
        bare = candidate[4:] if has_article else candidate
        key = _key(bare)
        if key in self._known:
            return self._known[key]
        if key in _WELL_KNOWN and (has_article or key not in _NEEDS_ARTICLE):
            return _WELL_KNOWN[key]
        # "Gwen Ifill of NBC News": a person of the outlet; the outlet is what follows
        # "of". "University of Chicago Press" stays whole.
        person, _, outlet = bare.rpartition(" of ")
        name = outlet if person and is_full_name(person) else bare
        words = name.split()
        if len(words) >= 2 and words[-1].casefold() in _MEDIA_WORDS and name[:1].isupper():
            return name
        return None
