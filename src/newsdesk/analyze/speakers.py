"""Resolving speaker mentions to the fullest name and role a story gives.

Reports name a speaker fully once and shortly after: "Libyan government
spokesman Moussa Ibrahim" becomes "Ibrahim", "the Libyan spokesman" or
"he". A :class:`SpeakerBook` collects every mention of a story, across its
articles, and maps each one to one :class:`Speaker`, so a quote is credited
to "Moussa Ibrahim, Libyan government spokesman" in whichever report it was
found, and two reports quoting the same person count as one party.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from newsdesk.analyze.cues import plain_name
from newsdesk.analyze.frames import ADVERBIAL, BRACKETED_PARTY, SPEECH_VERBS
from newsdesk.analyze.mentions import ORGANISATION_WORDS, Mention, is_full_name, is_title
from newsdesk.analyze.quotes import quote_spans
from newsdesk.analyze.reported import is_well_known_outlet
from newsdesk.text.sentences import split_sentences
from newsdesk.text.words import STOPWORDS, wordset

# Two capitalised words, the second not followed by another: a person's full name.
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# A capitalised word, perhaps after a surname prefix ("McCann", "DeSantis",
# "O'Brien"; not "YouTube" or "PayPal"), perhaps double-barrelled.
_NAME_PART = rf"(?:Mc|Mac|O['’]|De|Di|Da|La|Le)?[{_UPPER}][{_LOWER}]+"
_NAME_WORD = rf"{_NAME_PART}(?:-{_NAME_PART})?"
_CAPITALISED = re.compile(rf"(?<![\w'’-])[{_UPPER}][\w'’-]*")
_FULL_NAME = re.compile(rf"(?<![\w'’./-]){_NAME_WORD} {_NAME_WORD}(?![\w-]| [A-Z])")
# "Maren Lund, a spokeswoman for the port, ...": a name with its role in apposition.
_APPOSITION = re.compile(
    rf"(?<![\w'’.-])(?P<name>{_NAME_WORD} {_NAME_WORD}), (?:a|an|the) "
    r"(?P<role>[a-z][^,.;:“”\"]{2,60}),"
)


_SPEECH_VERB = rf"(?:{SPEECH_VERBS})"
# How far back a "he said" looks for the person it stands for (about two paragraphs).
_PRONOUN_REACH = 600
# A name right after a preposition or "the" is an object ("a spokesman for Velm West").
_AFTER_PREPOSITION = re.compile(
    r"\b(?:for|of|at|in|on|to|with|from|by|against|about|than|the)\s+$", re.IGNORECASE
)
# Between a body's name and the person whose title it opens: " manager ", " port
# manager ", "'s deputy ". No verb in between: "Pritchard thanked deputy mayor Lund".
_TITLE_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z][\w-]*(?<!ed)\s+)?(?P<title>[a-z][\w-]*)\s+")
_OWNED = re.compile(r"\b(?:her|his|their|its|our|my|your)\s+$", re.IGNORECASE)
# A name that speaks in its sentence: "McMaster said", "Brekke, the harbour master,
# said", '"...," said Ozkok'. Not "the wife of Anwar Ibrahim, told reporters" (the
# comma closes her apposition), nor "told Brekke" (he listens).
_SPEAKS_AFTER = re.compile(
    rf"^(?:\s+(?:[a-z][\w-]*\s+){{0,2}}?|,\s+(?:a|an|the)\s[^,]{{1,60}},\s+){_SPEECH_VERB}\b"
)
_PRONOUN_FIRST = re.compile(r"^\W*(?:he|she)\b", re.IGNORECASE)
_SPEAKS_BEFORE = re.compile(r"[\"”']\s*,?\s*(?:said|says)\s+$")
# A first word that describes, not a given name: "Jewish Life", "Chief Financial
# Officer", "Judaic Studies" (a list: "Ashish", "Therese" and "Pascual" end alike).
_DESCRIBING = wordset(
    "jewish judaic islamic muslim catholic protestant political financial national "
    "international federal social economic democratic republican executive legislative "
    "medical legal public royal military criminal civil"
)
# A name in a clause of these is not the sentence's subject: "after Brekke said so".
_SUBORDINATE = re.compile(r"\b(?:after|before|when|because|since|while|although|though|if)\b")
# An opening clause before the subject: "According to Lund, ", "After meeting Lund, ".
_OPENING_CLAUSE = re.compile(
    rf"^\W*(?:according to|{'|'.join(map(re.escape, sorted(ADVERBIAL)))})\b[^,]*,",
    re.IGNORECASE,
)


# Two capitalised words that name a place, a thing or a day, not a person, by
# their first or last word: "Southeast Asia", "Times Square", "Holy Quran".
_PLACE_FIRST = wordset(
    "north south east west northern southern eastern western central southeast southwest "
    "northeast northwest great holy new upper lower saint st asked el la le les der die das"
)
_PLACE_LAST = wordset(
    "asia africa america europe arabia lakes lake square city county island islands street "
    "avenue road river sea ocean mountains valley bay gulf coast state states province "
    "republic kingdom union university college school hospital church cathedral mosque "
    "temple quran bible engineering council committee ministry department agency service "
    "news times post journal cross house court party group bank airport station centre "
    "center institute foundation monday tuesday wednesday thursday friday saturday sunday"
)


def _is_person_name(name: str) -> bool:
    """Two capitalised words that are not a sentence opening ("The Trump",
    "Among Ecevit"), a body ("America Online") or a place ("Saudi Arabia")."""
    words = name.casefold().split()
    return (
        is_full_name(name)
        and words[0] not in STOPWORDS
        and words[0] not in ADVERBIAL
        and words[0] not in _PLACE_FIRST
        and words[-1] not in _PLACE_LAST
        and words[0] not in _DESCRIBING
    )


def _may_be_surname(word: str) -> bool:
    """Whether a lone capitalised word that speaks may be a person's surname:
    not an acronym or a body ("NATO", "Reuters"), nor a place ("Russia")."""
    folded = word.casefold()
    return not (
        word.isupper()
        or folded in ORGANISATION_WORDS
        or folded in _PLACE_FIRST
        or folded in _PLACE_LAST
        or is_well_known_outlet(word)
    )


def _surname_key(word: re.Match[str]) -> str:
    """How a capitalised word is looked up among surnames: folded, a possessive dropped."""
    return plain_name(word.group(0)).casefold()


class _Named(NamedTuple):
    """A known person named in a sentence: where, and whether in full."""

    name: str
    start: int
    end: int
    in_full: bool


def _without_quotations(paragraph: str) -> str:
    """``paragraph`` with the words of its quotations blanked out, so that a
    name someone quotes is not read as the paragraph's own. The marks and a
    quotation's closing stop stay, so sentences still end where they did."""
    for _, start, end, _ in reversed(quote_spans(paragraph)):
        inner = paragraph[start:end].rstrip()
        stop = inner[-1] if inner[-1:] in (".", "!", "?") else ""
        paragraph = paragraph[:start] + " " * (end - start - len(stop)) + stop + paragraph[end:]
    return paragraph


def _opens_title(gap: str) -> bool:
    """Whether the words between two names make the first open the second's
    title: "Halvard Rovers manager Carys Mountford", not "Lacovara then
    asked Warren-Boulton"."""
    match = _TITLE_GAP.fullmatch(gap)
    return bool(match and is_title(match.group("title")))


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: a person's name with their role, or a role or body alone."""

    name: str | None
    role: str | None

    @property
    def display(self) -> str:
        if self.name and self.role:
            return f"{self.name}, {self.role}"
        return self.name or _capitalise(self.role or "")

    @property
    def key(self) -> str:
        """What identifies the party: a person's surname (so "Grosso" and "David
        Grosso" are one party even where the full name went unresolved), else
        the role."""
        if self.name:
            return _surname(self.name)
        return (self.role or "").casefold()


def _surname(name: str) -> str:
    """The last word of a name, folded, a party tag aside: "pelosi" of "Nancy
    Pelosi (D-San Francisco)"."""
    return BRACKETED_PARTY.sub("", name).split()[-1].casefold()


def _given(name: str) -> str:
    """A full name without its surname: "Eamon" of "Eamon Hickey"."""
    return BRACKETED_PARTY.sub("", name).rsplit(" ", 1)[0]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tokens(role: str) -> frozenset[str]:
    return frozenset(t.casefold().strip(".,'’") for t in role.split()) - {"the", "a", "an"}


class SpeakerBook:
    """Every speaker mention of one story, and what each resolves to.

    Build it with :meth:`add` for every mention first, then :meth:`resolve`.
    A surname resolves to the one full name ending in it; a role alone
    ("the Libyan spokesman") to the one named person whose role holds all
    its words, else to the fullest role with the same last word ("the
    official" -> "U.S. State Department official"); a pronoun to the
    subject of a sentence shortly before it (see :meth:`antecedent`).
    """

    def __init__(self) -> None:
        self._roles: dict[str, str | None] = {}
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        self._unnamed_roles: set[str] = set()
        self._named_in_text: dict[str, set[str]] = defaultdict(set)
        self._surnames_speaking: set[str] = set()  # "McMaster said", never named in full
        self._known: dict[str, set[str]] | None = None  # _people(), until a name is learned

    def add(self, mention: Mention | None) -> None:
        if mention is None or mention.pronoun:
            return
        self._known = None
        if mention.name and len(mention.name.split()) >= 2:
            known = self._roles.get(mention.name)
            if mention.role and (known is None or len(mention.role) > len(known)):
                self._roles[mention.name] = mention.role
            else:
                self._roles.setdefault(mention.name, known)
            self._by_surname[_surname(mention.name)].add(mention.name)
        elif mention.name and not mention.role and mention.name.casefold() not in STOPWORDS:
            self._surnames_speaking.add(mention.name)
        elif mention.name is None and mention.role:
            self._unnamed_roles.add(mention.role)

    def add_all(self, mentions: Iterable[Mention | None]) -> None:
        for mention in mentions:
            self.add(mention)

    def add_names_in(self, text: str) -> None:
        """Learn the full names that ``text`` mentions outside any speech frame
        ("Jonah Arkwright curled in the winner"), so a later "Arkwright said"
        resolves, and the roles given beside them ("Maren Lund, a spokeswoman
        for the port,"); a full name given in a frame still comes first."""
        self._known = None
        for match in _FULL_NAME.finditer(text):
            name = match.group(0)
            # "her Little Monsters", "his Red Sox": what someone has, not who they are.
            owned = _OWNED.search(text[max(0, match.start() - 8) : match.start()])
            if _is_person_name(name) and not owned:
                self._named_in_text[_surname(name)].add(name)
        for match in _APPOSITION.finditer(text):
            name, role = match.group("name"), match.group("role")
            if _is_person_name(name) and not self._roles.get(name):
                self._roles[name] = role
                self._by_surname[_surname(name)].add(name)

    def resolve(self, mention: Mention | None, before: str = "") -> Speaker | None:
        """The speaker ``mention`` stands for; ``before`` is the article text
        preceding it, read only to resolve a pronoun."""
        if mention is None:
            return None
        if mention.pronoun:
            return self.antecedent(before) if mention.pronoun in ("he", "she") else None
        if mention.name:
            full = self._full_name(mention.name)
            role = self._roles.get(full) or mention.role
            return Speaker(full, role)
        if mention.role and mention.is_organisation:
            return Speaker(None, mention.role)
        return self._by_role(mention.role) if mention.role else None

    def introduced(self, name: str) -> bool:
        """Whether the story gives ``name`` as a speaker or with a role: someone a
        reader may be told a pronoun stands for, unlike a capitalised phrase
        seen only in passing ("Border Patrol")."""
        return name in self._roles

    def _full_name(self, name: str) -> str:
        if len(name.split()) >= 2:
            return name
        for known in (self._by_surname, self._named_in_text):
            candidates = known.get(name.casefold(), set())
            if candidates:
                return next(iter(candidates)) if len(candidates) == 1 else name
        return name

    def _by_role(self, role: str) -> Speaker:
        words = _tokens(role)
        people = [n for n, r in self._roles.items() if r and words <= _tokens(r)]
        if len(people) == 1:
            return Speaker(people[0], self._roles[people[0]])
        head = role.split()[-1].casefold()
        fuller = [
            r
            for r in self._unnamed_roles
            if r.split()[-1].casefold() == head and words <= _tokens(r)
        ]
        return Speaker(None, max(sorted(fuller), key=len) if fuller else role)

    def antecedent(self, before: str) -> Speaker | None:
        """The known person a "he said" stands for, read from the few hundred
        characters before it (about two short paragraphs): the subject of the
        latest sentence there that names a known person. None when nobody
        known is named there.

        A "she said" goes on about the subject, not about a person named in
        passing: after "Rovers manager Carys Mountford refused to blame the
        referee for Domin's dismissal.", the quote is Mountford's. The
        subject is taken to be the first person the sentence names in its own
        words (quotations are left out), ranked so that a name in an opening
        clause ("According to Lund, ..."), after a preposition ("a spokesman
        for Velm West") or opening another's title ("Halvard Rovers manager
        Carys Mountford", "Pritchard's deputy Maren Lund") comes last, then a
        name never seen speaking nor given with a role, then a bare surname.
        A sentence whose subject is a he or she already ("He also praised
        Hansen.") is passed over: the people it names are not who "he" is.
        """
        people = self._people()
        for paragraph in reversed(before[-_PRONOUN_REACH:].split("\n")):
            for sentence in reversed(split_sentences(_without_quotations(paragraph))):
                if _PRONOUN_FIRST.match(sentence):
                    continue  # "He also praised Hansen": its names are not who "he" is
                named = self._named_in(sentence, people)
                if named:
                    opening = _OPENING_CLAUSE.match(sentence)
                    name = min(
                        named, key=lambda n: self._subject_rank(n, named, sentence, opening)
                    ).name
                    return Speaker(name, self._roles.get(name))
        return None

    def named(self, text: str) -> list[str]:
        """The known people ``text`` names in its own words (quotations left
        out), in order: whom a reader takes a later "he" in the sentence for."""
        return [n.name for n in self._named_in(_without_quotations(text), self._people())]

    def names_anyone(self, text: str) -> bool:
        """Whether ``text`` names a known person in its own words, if only by a
        surname two people share ("Barker" of Matt and Jenny Barker): a reader
        takes a later "she" in the same sentence for someone named there, even
        where :meth:`named` cannot say whom."""
        people = self._people()
        return any(
            people.get(_surname_key(match))
            for match in _CAPITALISED.finditer(_without_quotations(text))
        )

    def _subject_rank(
        self, named: _Named, every: list[_Named], text: str, opening: re.Match[str] | None
    ) -> tuple[bool, bool, bool, bool, int]:
        """Sort key of ``named`` as the subject of ``text``: lowest first. Who
        speaks in the sentence ("McMaster said") comes before anyone it names."""
        following = [n for n in every if n.start >= named.end][:1]
        speaks = not _SUBORDINATE.search(text[: named.start]) and bool(
            _SPEAKS_AFTER.match(text[named.end :]) or _SPEAKS_BEFORE.search(text[: named.start])
        )
        # "Asked how he felt, McMaster said": a speaker in the opening clause still speaks.
        aside = (
            bool(opening and named.start < opening.end() and not speaks)
            or bool(_AFTER_PREPOSITION.search(text[: named.start]))
            or bool(following and _opens_title(text[named.end : following[0].start]))
        )
        speaks = speaks and not aside
        return (not speaks, aside, named.name not in self._roles, not named.in_full, named.start)

    @staticmethod
    def _named_in(text: str, people: dict[str, set[str]]) -> list[_Named]:
        """Each of ``people`` (full names by surname) that ``text`` names, in order."""
        found = []
        for match in _CAPITALISED.finditer(text):
            names = people.get(_surname_key(match))
            if names and len(names) > 1:  # two Hickeys: "Eamon Hickey" says which
                names = {n for n in names if text[: match.start()].endswith(f"{_given(n)} ")}
            if not names or len(names) != 1:
                continue
            name = next(iter(names))
            given = f"{_given(name)} "
            in_full = text[: match.start()].endswith(given)
            start = match.start() - len(given) if in_full else match.start()
            found.append(_Named(name, start, match.end(), in_full))
        return found

    def _people(self) -> dict[str, set[str]]:
        """Every known person, by surname: built once for all the questions
        asked of a finished book (an editor asks one per pronoun and clause)."""
        if self._known is not None:
            return self._known
        people: dict[str, set[str]] = defaultdict(set)
        for names in (self._by_surname, self._named_in_text):
            for surname, full_names in names.items():
                # A frame may name a place or a paper as its speaker ("North Korea
                # said"): it speaks, but a "he said" never stands for it.
                people[surname] |= {n for n in full_names if _is_person_name(n)}
        # A surname that speaks stands for its person when no full name is known
        # (a body or a place speaks too, "Reuters said", but is nobody's "he").
        for name in sorted(self._surnames_speaking):  # sorted: the same book every run
            if name.casefold() not in people and _may_be_surname(name):
                people[name.casefold()] = {name}
        self._known = people
        return people
