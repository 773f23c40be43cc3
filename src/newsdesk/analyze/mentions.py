"""A speaker mention, and how its words split into a name and a role.

"Libyan government spokesman Moussa Ibrahim" is a name ("Moussa Ibrahim")
after a role; "the Kessrow Port Authority" is a body; "a spokesman for
Northgate West" is a role with no name. News copy writes these phrases in a
few fixed orders, so word rules read them: a trailing run of capitalised
words is the name, title words before it belong to the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.text.words import content_words, wordset

_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
ARTICLES = frozenset(["the", "a", "an"])
# A role that ends in one of these, maybe with "the", takes the capitalised words after
# it as its object: "a spokesman for Northgate West" names a body or place, not a
# person. "from" and "by" are not here: "a letter from Eamon Pritchard" is his.
_ROLE_LINKS = frozenset(["for", "of", "at", "in", "with", "to", "on"])
_HONORIFICS = frozenset(["mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame"])
# A last word that makes a capitalised phrase an organisation, not a person.
ORGANISATION_WORDS = wordset(
    "authority union ministry department council service bank police company inc corp "
    "group association agency office committee commission party government university "
    "hospital power club board court army forces force navy administration house senate "
    "parliament church federation institute foundation organization organisation network "
    "airlines airline corporation ltd plc league team embassy campaign coalition alliance "
    "movement tribunal secretariat cabinet presidency kremlin pentagon guard online"
)
# Words of a title that stands before a name ("Deputy Transport Minister Anneke Solberg").
_TITLES = wordset(
    "minister deputy president vice secretary ambassador chief officer director governor mayor "
    "senator general captain judge professor prof dr mr mrs ms premier chairman chairwoman chair "
    "chancellor king queen prince princess pope bishop rev sen rep gov gen lt col sgt "
    "commissioner inspector superintendent sheriff attorney justice speaker leader coach "
    "manager spokesman spokeswoman sir dame lord lady councillor councilor detective "
    "constable commander admiral marshal rabbi imam father sister brother cardinal"
)
_NAME_PARTICLES = frozenset(["de", "da", "del", "van", "von", "bin", "al", "la", "le", "du"])


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as a frame names them: a name, a role, both, or a pronoun."""

    name: str | None = None
    role: str | None = None
    pronoun: str | None = None

    @property
    def is_organisation(self) -> bool:
        """A body ("the Kessrow Port Authority", "NATO") rather than a person."""
        return self.name is None and self.role is not None and _is_organisation(self.role)


def _is_organisation(phrase: str) -> bool:
    tokens = phrase.split()
    last = tokens[-1].casefold().strip(".,'’") if tokens else ""
    return last in ORGANISATION_WORDS or (len(tokens) == 1 and tokens[0].isupper())


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token.casefold() in _NAME_PARTICLES


def strip_article(phrase: str) -> str:
    """``phrase`` without its leading "the", "a" or "an"."""
    tokens = phrase.split()
    while tokens and tokens[0].casefold() in ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)


# Kin and companions: "the son of X Y" names X Y, not the son.
_KIN = wordset(
    "wife husband widow widower son daughter mother father brother sister aunt uncle "
    "cousin niece nephew grandson granddaughter grandmother grandfather friend girlfriend "
    "boyfriend fiancee fiance partner child children parents"
)


def split_name_role(phrase: str) -> Mention | None:
    """``"Libyan government spokesman Moussa Ibrahim"`` -> name and role.

    The name is the trailing run of capitalised words (at most the last two,
    or three with a middle initial or particle); what comes before is the
    role, less an honorific ("Dr."). A phrase that ends in an organisation
    word ("the Kessrow Port Authority") is an organisation, kept whole as a
    role. A run after "for", "of" and the like is the role's object: the
    name is before it ("Gwen Ifill of NBC News") or there is none ("a
    spokesman for Northgate West").
    """
    tokens = phrase.strip(" ,:;").split()
    while tokens and tokens[0].startswith("(") and tokens[0].endswith(")"):
        tokens = tokens[1:]  # "(CNN) Sen. John McCain": the dateline's outlet tag
    phrase = " ".join(tokens)
    if not tokens or len(tokens) > 9:
        return None
    if len(tokens) == 1 and tokens[0].casefold() in _PRONOUNS:
        return Mention(pronoun=tokens[0].casefold())
    if _is_organisation(phrase):
        return Mention(role=strip_article(phrase))
    run = 0
    while run < len(tokens) and _capitalised(tokens[-1 - run]):
        run += 1
    if run == 0:
        role = strip_article(phrase)
        return Mention(role=role) if role else None
    size = min(run, 2)
    if run >= 3:
        titled = [i for i in range(len(tokens) - run, len(tokens)) if is_title(tokens[i])]
        if titled and titled[-1] < len(tokens) - 1:
            size = min(len(tokens) - 1 - titled[-1], 3)
        elif re.fullmatch(r"[A-Z]\.", tokens[-2]) or tokens[-2] in _NAME_PARTICLES:
            # "Liesbeth Van de Craen": the given name, then every particle, then the surname.
            size = 2
            while size < run and tokens[-1 - size].casefold() in _NAME_PARTICLES:
                size += 1
            size = min(size + 1, run)
        elif _names_an_office(tokens[: len(tokens) - run]):
            # "Secretary of State John Kerry": the office's name, then the person's.
            size = 2
        else:
            # Three capitalised words and no title: a body's name ("Fair Return Aldermark").
            return Mention(role=strip_article(phrase))
    link = len(tokens) - size - 1
    if link > 0 and tokens[link].casefold() in ARTICLES:
        link -= 1
    if link >= 0 and tokens[link].casefold() in _ROLE_LINKS:
        # A name before the link is the speaker, and what follows only says where
        # they are from: "Gwen Ifill of NBC News", "Rep. Nancy Johnson of Connecticut".
        head = split_name_role(" ".join(tokens[:link]))
        if head and head.name and is_full_name(head.name):
            return Mention(name=head.name, role=head.role)
        return Mention(role=strip_article(phrase))
    name_tokens = tokens[-size:]
    if name_tokens[0].casefold() in ARTICLES:
        return Mention(role=strip_article(phrase))  # "The Democrat": a description, no name
    while name_tokens and name_tokens[0].casefold() in _HONORIFICS:
        name_tokens = name_tokens[1:]
    if not name_tokens:
        return None
    # An honorific before the name is a form of address, not a role:
    # "chief executive Dr. Marguerite Toll" is a chief executive.
    role_tokens = tokens[: len(tokens) - size]
    while role_tokens and role_tokens[-1].casefold() in _HONORIFICS:
        role_tokens = role_tokens[:-1]
    role = strip_article(" ".join(role_tokens))
    relation = role.split()[:2]
    if len(relation) == 2 and relation[0].casefold() in _KIN and relation[1] == "of":
        # "the wife of former dictator Augusto Pinochet" is not Pinochet.
        return Mention(role=strip_article(phrase))
    # "That's what Jamie Davis-Smith said": words that say nothing of her are no role.
    says_something = content_words(re.sub(r"['’]s\b", "", role))
    return Mention(name=" ".join(name_tokens), role=role if says_something else None)


def _names_an_office(before: list[str]) -> bool:
    """Whether the words before a run of capitalised ones end in a title and
    "of" or "for": "Secretary of State", "Minister for Foreign Affairs"."""
    return len(before) >= 2 and before[-1].casefold() in ("of", "for") and is_title(before[-2])


def is_title(token: str) -> bool:
    """Whether ``token`` is a word of a title before a name ("minister", "Gov.")."""
    return token.casefold().rstrip(".") in _TITLES


def is_full_name(name: str) -> bool:
    """Whether ``name`` reads as a person's given name and surname: two or more
    words, not opening with an article ("The Times", "The Duke" of "The Duke
    of Edinburgh") and not ending in an organisation word ("Velm University")."""
    words = name.casefold().split()
    return len(words) >= 2 and words[0] not in ARTICLES and words[-1] not in ORGANISATION_WORDS


def looks_like_name(part: str) -> bool:
    """Whether ``part`` is one to four capitalised words, as a name is."""
    tokens = part.split()
    return 1 <= len(tokens) <= 4 and all(_capitalised(t) for t in tokens)
