"""Speech frames: who is said to say something, read from the words around it.

A frame is the reporting clause of a sentence: ``"...," said X, a
spokesman for Y``, ``X told reporters: "..."``, ``according to X, ...``,
``X called the talks a "first step"``. These functions find the speaker
mention in such a clause; ``mentions.py`` splits it into a name and a role.
They are rules over the words, not a parser: a reporting clause in news
copy is short and formulaic, and the rules run only on sentences that
quote or report speech.
"""

from __future__ import annotations

import re

from newsdesk.analyze.mentions import (
    ARTICLES,
    Mention,
    looks_like_name,
    split_name_role,
    strip_article,
)
from newsdesk.text.words import STOPWORDS, wordset

#: Verbs that introduce reported speech or a characterisation.
SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|asked|stated|declared|explained|noted|wrote|writes|"
    "warned|argued|insisted|acknowledged|admitted|announced|claimed|replied|recalled|urged|"
    "called|calls|described|describes|continued|conceded|complained|cautioned|predicted|"
    "promised|vowed|suggested|stressed|emphasized|emphasised|remarked|observed|responded|"
    "testified|tweeted|commented|maintained|contended|countered|agreed|denied|confirmed"
)
_VERB = rf"(?:{SPEECH_VERBS})"
#: One of :data:`SPEECH_VERBS` as a word anywhere in a text.
SPEECH_VERB = re.compile(rf"\b{_VERB}\b")
# Reported speech without quotation marks needs a verb that only reports speech:
# "agreed" or "called" before a clause is as often an act as a saying.
_SAYING = (
    r"(?:said|says|told|tells|added|stated|declared|announced|insisted|argued|claimed"
    r"|acknowledged|warned|maintained|contended|denied|confirmed|reported|explained|noted)"
)

# Words that open an adverbial part before the subject ("On Tuesday, X said").
_OPENERS = wordset(
    "on in at after before during speaking later earlier early late asked meanwhile however "
    "but and "
    "still yet when while since although though as also so then instead now"
)
#: "Nancy Pelosi (D-San Francisco)": a party and state tag in brackets after a name.
BRACKETED_PARTY = re.compile(r"\s*\([RDI]-[A-Z][^()]*\)")
# "Rep. Jerrold Nadler, D-N.Y.": a party and state tag, not part of the speaker.
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][\w. ]*$")
# Things that "say" in a report but are not speakers to quote.
_DOCUMENTS = wordset(
    "statement report letter survey study document poll memo article editorial filing "
    "ruling complaint indictment lawsuit suit release"
)
# Where a reporting clause stops naming its speaker.
_SPEAKER_END = re.compile(
    r",\s*(?:who|which|whose|speaking|adding|referring|noting|while|when|as|in|on|at|after"
    r"|before|during|citing)\b"
    r"|\s+(?:on|at)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the condition"
    r"|condition|a\s+(?:rally|news conference|press conference|briefing|meeting)|an?\s+event)\b"
    r"|\s+(?:in|during)\s+(?:a|an|his|her|their)\s+(?:statement|interview|speech|address|email"
    r"|letter|post|briefing)\b"
    r"|\s+(?:to|told)\s+reporters\b|\s+(?:yesterday|today|tonight|last\s+\w+|this\s+week)\b"
    r"|\s+(?:after|before|when|while|during)\s"
)
# The end of a clause: a stop that is not part of an abbreviation ("U.S.", "Mr.").
_STOP = re.compile(r"[.!?;](?=\s|$)")
# Abbreviations whose full stop ends no clause ("Rep. Jerrold Nadler", "U.S. officials").
ABBREVIATIONS = wordset(
    "mr mrs ms dr st jr sr lt co rep sen gov gen col sgt capt maj adm rev prof inc corp ltd "
    "no mt ft ave dept univ jan feb aug sept oct nov dec"
)
_LAST_TOKEN = re.compile(r"[\w.]+$")


def is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    word = _LAST_TOKEN.search(text, max(0, stop - 30), stop)
    token = word.group(0).casefold() if word else ""
    if token == "no":  # "No. 10" is an abbreviation, "said no." ends a sentence
        return text[stop + 1 : stop + 3].strip()[:1].isdigit()
    return len(token) == 1 or "." in token or token in ABBREVIATIONS


def _plausible(mention: Mention | None) -> Mention | None:
    """None for a mention that ends in a function word ("Doctors in") or that
    names a document rather than a speaker ("the report")."""
    if mention is None or mention.pronoun:
        return mention
    text = mention.role if mention.name is None else mention.name
    last = ((text or "").split()[-1:] or [""])[0].casefold()
    first = ((text or "").split()[:1] or [""])[0].casefold()
    if last in STOPWORDS or (mention.name is None and _DOCUMENTS & {first, last}):
        return None  # "a letter faxed to news agencies" wrote it; nobody is named
    if mention.name is None and _FINITE.intersection((text or "").casefold().split()):
        return None  # "authorities had several suspects": a clause, not a speaker
    if last.endswith(("'s", "’s")):
        return None
    return mention


def parse_speaker(phrase: str) -> Mention | None:
    """The mention in a subject phrase, appositions included.

    ``"Dominic Vasko, general secretary of the union"`` gives a name and a
    role; ``"the Libyan spokesman, Moussa Ibrahim"`` gives the role first
    and the name after. A clause that only adds circumstance (", who was
    not authorized...", " on Tuesday") is cut off first.
    """
    phrase = _SPEAKER_END.split(phrase.replace("''", " ").replace("``", " "), maxsplit=1)[0]
    # "Nancy Pelosi (D-San Francisco)": the party tag stays with the name it follows.
    tag = BRACKETED_PARTY.search(phrase)
    if tag:
        mention = parse_speaker(phrase[: tag.start()] + phrase[tag.end() :])
        if (
            mention is not None
            and mention.name
            and phrase[: tag.start()].rstrip().endswith(mention.name)
        ):
            return Mention(name=f"{mention.name} {tag.group(0).strip()}", role=mention.role)
        return mention
    parts = [p.strip(" \"“”‘’'") for p in phrase.split(",")]
    parts = [p for p in parts if p and not _PARTY_TAG.match(p) and not p.isdigit()]
    while len(parts) > 1 and parts[0].split()[0].casefold() in _OPENERS:
        parts = parts[1:]
    if not parts:
        return None
    head = parts[0].split()
    while head and head[0].casefold() in _OPENERS:
        head = head[1:]
    mention = _plausible(split_name_role(" ".join(head)))
    if mention is None or mention.pronoun:
        return mention
    for part in parts[1:]:
        first = part.split()[0]
        if mention.name is None and not mention.is_organisation and looks_like_name(part):
            inner = split_name_role(part)
            if inner and inner.name:
                mention = Mention(name=inner.name, role=mention.role)
                continue
        if mention.role is None and (first.casefold() in ARTICLES or first[:1].islower()):
            mention = Mention(name=mention.name, role=strip_article(part))
            continue
        break
    return mention


_RELATIVES = wordset("where who whose which whom when while as and but that whereas")
# Where a long subject's noun phrase ends: an auxiliary, or a past-tense verb.
_VERB_LIKE = re.compile(
    r"^(?:[a-z]+ed|has|have|had|is|was|were|are|will|would|could|met|held|came|went|left|spent"
    r"|took|gave|made|began|won|lost)$"
)
_AUXILIARIES = wordset(
    "has have had is was were are will would could also previously repeatedly later earlier "
    "again once first publicly privately then still already"
)
_SUBJECT_WORDS = 8
# A part that opens with one of these is a circumstance, not a subject ("Early in the
# investigation", "While Dunham").
ADVERBIAL = wordset(
    "on in at after before during early late later earlier while whether when although though "
    "since until if as for with without despite among"
)
# "the magistrate who first obtained his arrest": the relative clause is not the speaker.
_RELATIVE_TAIL = re.compile(r"\s(?:who|which|that|whose)\s")
_ADVERB = re.compile(r"^(?:[a-z]+ly|recently|first|later|earlier|again|then|now|today|yesterday)$")
# "are being asked", "was told": the subject is spoken to, not speaking.
_PASSIVE = wordset("be been being is are was were")


_CLAUSE_OPENERS = wordset("who whose which")
# An aside between dashes: "Asked about it -- a sore point -- McMaster said".
_ASIDE = re.compile(r"\s*(--|—|–)\s*[^—–]*?\s*\1\s*", re.S)
# A finite verb in a role makes it a clause.
_FINITE = wordset("has have had is was were are will would could did does")
# "Blair quoted in the El Mundo newspaper said": who is quoted where is no part of the speaker.
_WHERE_QUOTED = re.compile(
    r"\s+(?:quoted|cited|speaking|writing|interviewed)\s+(?:in|by|to|on)\b[^,]*"
)


def parse_subject(phrase: str) -> Mention | None:
    """The mention in the words before a speech verb: the subject nearest the verb.

    ``"Disclosure came first in Tripoli, where a Libyan spokesman"`` gives
    "a Libyan spokesman"; ``"Lena Fairweather, a spokeswoman for the
    authority,"`` keeps the name and its apposition; "The government has"
    drops the auxiliary. A subject longer than a few words is more likely a
    clause than a speaker, and gives None.
    """
    phrase = _ASIDE.sub(", ", _WHERE_QUOTED.sub("", phrase))
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if not parts:
        return None
    parts = [_RELATIVE_TAIL.split(p, maxsplit=1)[0].strip() or p for p in parts]
    # "X, who is heading the inquiry, said": the relative clause is about X.
    parts = [p for p in parts if p.split()[0].casefold() not in _CLAUSE_OPENERS] or parts
    tokens = parts[-1].split()
    if not tokens or tokens[-1].casefold() in _PASSIVE or tokens[0].casefold() in ADVERBIAL:
        return None
    while tokens and tokens[0].casefold() in _RELATIVES:
        tokens = tokens[1:]
    while tokens and (tokens[-1].casefold() in _AUXILIARIES or _ADVERB.match(tokens[-1])):
        tokens = tokens[:-1]
    if len(tokens) > _SUBJECT_WORDS:
        return leading_noun_phrase(" ".join(tokens))
    if not tokens:
        return None
    last = " ".join(tokens)
    if len(parts) >= 2 and looks_like_name(parts[-2]) and _is_apposition(last):
        return parse_speaker(f"{parts[-2]}, {last}")
    if len(parts) >= 2 and looks_like_name(last) and _is_apposition(parts[-2]):
        return parse_speaker(f"{parts[-2]}, {last}")
    return parse_speaker(last)


def leading_noun_phrase(text: str) -> Mention | None:
    """The mention that opens ``text``, up to its first verb-like word.

    "Leaders of the striking dockworkers emerged from a meeting" gives
    "Leaders of the striking dockworkers": for a participle frame (",
    saying ...") the speaker is the subject of the whole sentence.
    """
    tokens = text.split()
    for n, token in enumerate(tokens[1 : _SUBJECT_WORDS + 1], start=1):
        if _VERB_LIKE.match(token):
            return parse_speaker(" ".join(tokens[:n]))
    return None


def _is_apposition(part: str) -> bool:
    first = part.split()[0]
    return first.casefold() in ARTICLES or first[:1].islower()


def clause_end(text: str) -> int:
    """Where the first clause of ``text`` ends (its stop), or its length."""
    for match in _STOP.finditer(text):
        if not is_abbreviation(text, match.start()):
            return match.start()
    return len(text)


# After a quotation: '," said X ...' or '," X said ...'.
_VERB_THEN_SPEAKER = re.compile(rf"^\s*[,—–-]?\s*{_VERB}\s+(?P<who>.+)$", re.S)
_SPEAKER_THEN_VERB = re.compile(rf"^\s*[,—–-]?\s*(?P<who>[^,“”\"]{{1,90}}?)\s+{_VERB}\b", re.S)
# '," Mariano Fernandez, Chile's deputy foreign minister, said': a name, its role, the verb.
_APPOSED_THEN_VERB = re.compile(
    rf"^\s*[,—–-]?\s*(?P<who>[A-Z][^,“”\"]{{1,60}},[^,“”\"]{{2,80}}),\s+{_VERB}\b", re.S
)
# A quotation relayed by an outlet: '," El Mundo quoted Hiriart as saying', '," he
# was quoted as saying', 'The agency quoted him as saying: "...': the one quoted spoke.
_QUOTED_AS = re.compile(
    r"^\s*[,—–-]?\s*(?:(?P<subject>[^,“”\"]{1,60}?)\s+(?:(?:was|were|is|are)|(?:has|have|had)"
    r"\s+been)\s+quoted(?:\s+by\s+[^,“”\"]{1,60}?)?"
    r"|(?P<by>[^,“”\"]{1,60}?)\s+quoted\s+(?P<who>[^,“”\"]{1,60}?))\s+as\s+saying\b",
    re.S,
)
# Before a quotation: 'According to X, "...', 'X said: "...', 'X called it a "...'.
_ACCORDING_TO = re.compile(r"(?i:\baccording to)\s+(?P<who>[^“”\"]+?),?\s*$", re.S)
_SPEAKER_BEFORE = re.compile(rf"^(?P<who>[^“”\"]+?)\s+{_VERB}\b(?P<rest>[^“”\"]*)$", re.S)


def speaker_after(text: str) -> Mention | None:
    """The speaker named by the clause right after a closing quotation mark."""
    clause = text[: clause_end(text)]
    relayed = _quoted_as(clause)
    if relayed is not None:
        return relayed
    match = _VERB_THEN_SPEAKER.match(clause)
    if match:
        return parse_speaker(match.group("who"))
    match = _SPEAKER_THEN_VERB.match(clause)
    if match:
        return parse_subject(match.group("who"))
    match = _APPOSED_THEN_VERB.match(clause)
    return parse_speaker(match.group("who")) if match else None


def _quoted_as(clause: str) -> Mention | None:
    """The person a "quoted ... as saying" clause names, not the outlet that quotes."""
    match = _QUOTED_AS.match(clause)
    if match is None:
        return None
    who = match.group("who") or match.group("subject")
    # "Jones said Reuters quoted Smith as saying", "Reuters quoted Jones as saying the
    # talks failed, but Smith said:": another frame speaks, and the usual reading holds.
    if any(
        SPEECH_VERB.search(part) for part in (match.group("by") or "", who, clause[match.end() :])
    ):
        return None
    # "quoted him as saying": the object pronoun stands for the same person.
    return parse_subject({"him": "he", "her": "she", "them": "they"}.get(who.casefold(), who))


def speaker_before(text: str) -> Mention | None:
    """The speaker named by the clause that leads into an opening quotation mark.

    ``text`` runs from the start of the sentence (or the end of the previous
    quotation in it) up to the mark.
    """
    match = _ACCORDING_TO.search(text)
    if match:
        return parse_speaker(match.group("who"))
    relayed = _quoted_as(text.strip())
    if relayed is not None:
        return relayed
    match = _SPEAKER_BEFORE.match(text.strip())
    if match is None:
        return None
    return parse_subject(match.group("who"))


# Reported speech without quotation marks: 'X said (that) ...', '..., X said.'
_SAID_THAT = re.compile(
    rf"^(?P<who>[^“”\"]{{2,120}}?)\s+{_SAYING}(?:\s+(?:on|in|at|late|early)\s+\w+(?:\s+\w+)?)?"
    r"(?:\s+that)?\s+(?P<claim>\S.+)$",
    re.S,
)
_CLAIM_SAID = re.compile(
    rf"^(?P<claim>.+?),\s+(?:{_SAYING}\s+(?P<after>[^“”\"]+?)|(?P<before>[^,“”\"]{{1,70}}?)"
    rf"\s+{_SAYING}(?:\s+[^,\s“”\"]+){{0,4}})[.!?]$",
    re.S,
)
_PARTICIPLE = re.compile(
    r"^(?P<subject>[^,“”\"]+?)\s.+?,?\s+(?:saying|adding|insisting|arguing|claiming|warning"
    r"|noting|stressing)\s+(?:that\s+)?(?P<claim>\S.+)$",
    re.S,
)
_ACCORDING_LEAD = re.compile(
    r"^(?i:according to)\s+(?P<who>[^,“”\"]+(?:,\s+(?:a|an|the)\s[^,“”\"]+)?),\s+(?P<claim>.+)$",
    re.S,
)


_COORDINATED = re.compile(r",\s+(?:but|and|while|whereas)\s+|;\s+")


def reported_speech(sentence: str) -> tuple[Mention, str] | None:
    """The speaker and the claim of a sentence that reports speech, else None.

    ``"The official said that the meeting was not the start of talks."``
    gives the official, and the claim from "the meeting". The claim is what
    a disagreement is judged on, so the reporting clause does not count.
    """
    for pattern in (_ACCORDING_LEAD, _CLAIM_SAID, _SAID_THAT, _PARTICIPLE):
        match = pattern.match(sentence.strip())
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("subject"):
            # The subject of the clause the participle ends: "X suggested murder,
            # but the siblings pushed back saying ..." is the siblings'.
            head = _COORDINATED.split(sentence.strip()[: match.start("claim")])[-1]
            mention = leading_noun_phrase(head)
        elif groups.get("after"):
            mention = parse_speaker(groups["after"])
        else:
            mention = parse_subject(groups.get("who") or groups.get("before") or "")
        if mention is not None and (mention.name or mention.role or mention.pronoun):
            return mention, match.group("claim")
    return None


_AFTER_FIRST_VERB = re.compile(rf"\b{_VERB}\s+(?:that\s+)?(?P<claim>\S.+)$", re.S)


def claim_after_verb(sentence: str) -> str | None:
    """What follows the first speech verb: the claim of a sentence such as
    'X called the talks a "first step"', whose quotation is only a phrase."""
    match = _AFTER_FIRST_VERB.search(sentence)
    return match.group("claim") if match else None
