"""Linguistic cues of disagreement: what a claim denies, and whether it states at all.

Sentence embeddings tell whether two claims are about the same matter, but
hardly whether they agree: "the meeting was a first step" and "the meeting
was not a first step" sit close together. These cues carry the polarity
that the embeddings miss (the figures are in :mod:`newsdesk.analyze.figures`).
"""

from __future__ import annotations

import re

import Stemmer

from newsdesk.text.words import content_words, wordset
from newsdesk.text.words import names as name_words

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without)\b|n['’]t\b"
    r"|\b(?:den(?:y|ies|ied)|refus(?:e|es|ed)|reject(?:s|ed)?|disputed|dismiss(?:es|ed)?)\b"
    # Not knowing is not affirming: "too early to say" agrees with "not yet known".
    r"|\b(?:too early to|unclear|unknown|declined to)\b"
    # Being unable to find out, not being unable to act: "unable to obtain
    # materials" states a fact that agrees with "a lack of materials".
    r"|\bunable to (?:confirm|say|determine|verify|establish|identify|explain)\b",
    re.I,
)
# Negations that do not deny the claim ("not only", "no longer than", "whether or not").
_NOT_A_DENIAL = re.compile(
    r"\bnot only\b|\bor not\b|\bno (?:longer|later|sooner|more|less|fewer) than\b"
    r"|\bnot least\b|\bno doubt\b|\bnevertheless\b"
    # Advice and requests are not denials: "should not stop", "urged banks not to".
    r"|\b(?:should|must) not\b|(?:^|[:;,.!?]\s+)(?:please\s+)?(?:do not|don['’]t|never)\b"
    r"|\b(?:urged|asked|told|advised|warned|encouraged|called on)\b[^.;]{0,40}?\bnot to\b"
    # What might or could not be is no fact denied: "would not bring any progress".
    # ... and a "nor" that goes on with it: "cannot bear another war nor more tension".
    r"|(?:\b(?:would|could|can|may|might)\s+not\b|\b(?:cannot|can['’]t|wouldn['’]t|couldn['’]t))"
    r"(?:[^,.;]{0,40}?\bnor\b)?",
    re.I,
)
# A denial of one's own stance answers no fact another source states: the first
# person ("we have no part in this"), or a he, she or they who did not think, know
# or want something ("he never thought it was murder"). "He did not fire" stays.
_OWN_STANCE = re.compile(r"\b(?:i|we|you)\b(?:\s+[\w'’]+){0,2}\s*$", re.I)
_THIRD_PERSON = re.compile(r"\b(?:he|she|they)\b(?:\s+[\w'’]+){0,2}\s*$", re.I)
_STANCE_VERB = re.compile(
    r"\s*(?:think|thought|believe|believed|know|knew|want|wanted|feel|felt|expect|expected)\b",
    re.I,
)
_SCOPE_WORDS = 6
# A relative clause says something about a noun, not the claim itself
# ("the supplier, which it did not name").
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose|whom)\b[^,;]*(?=[,;]|$)")
# Words too general to anchor a denial to the other claim.
_GENERAL = wordset(
    "say said says know think make made take get go come want see tell told like give yet "
    "one also would could will may might much many"
)
_stemmer = Stemmer.Stemmer("porter")
# Whom "none of ..." is about: "none of the performers" denies something of them.
_RESTRICTOR = re.compile(r"^\s*of\s+(?:(?:the|those|these|its|their|our)\s+)?[\w'’-]+", re.I)
_PHRASE_END = re.compile(
    r"[,;:.!?—–]|\s(?:and|but|or|because|while|although|who|which|that|whose|when|where|if"
    r"|after|before|until|since)\s"
)


def denied_phrases(claim: str) -> list[str] | None:
    """What a claim denies, phrase by phrase, or None when it has no negation.
    A claim whose negations only deny its speaker's own stance gives an empty
    list: it denies nothing another source says, and affirms nothing either.

    Each phrase runs from a negation cue to the next punctuation or
    conjunction, at most a few words: "the meeting was not the start of
    talks and there is no plan to hold another session" denies "the start
    of talks" and "plan to hold another session".
    """
    cleaned = _RELATIVE_CLAUSE.sub("", _NOT_A_DENIAL.sub(" ", claim))
    matches = list(_NEGATION.finditer(cleaned))
    if not matches:
        return None
    phrases = []
    for match in matches:
        before = cleaned[max(0, match.start() - 30) : match.start()]
        if _OWN_STANCE.search(before) or (
            _THIRD_PERSON.search(before) and _STANCE_VERB.match(cleaned[match.end() :])
        ):
            continue
        tail = _PHRASE_END.split(cleaned[match.end() :], maxsplit=1)[0]
        if match.group(0).casefold() in ("none", "neither"):
            tail = _RESTRICTOR.sub("", tail)  # "none of the performers were shot" denies "shot"
        phrase = " ".join(tail.split()[:_SCOPE_WORDS])
        if phrase:
            phrases.append(phrase)
    return phrases


# A claim that leaves its matter open ("whether", "may") affirms nothing to deny,
# nor does one that declines to speak of it ("would not talk about any suspects").
# Lower-case "may" only: "May 3" is a date.
_OPEN = re.compile(
    r"\b(?i:whether|might|can|could|possibly|perhaps|if)\b|\bmay\b|\?"
    r"|\b(?i:(?:would|will|did|could)\s+not|(?:would|did|could)n['’]t|won['’]t"
    r"|(?:declined|declines|refused|refuses) to)"
    r"\s+(?i:talk|comment|discuss|say|speculate|elaborate|confirm)\b"
)


def is_open(claim: str) -> bool:
    """Whether ``claim`` asks, hedges or declines to speak rather than states."""
    return _OPEN.search(claim) is not None


_POSSESSIVE_END = re.compile(r"['’]s$")


def plain_name(word: str) -> str:
    """A name without its possessive: "Korea's" is "Korea"."""
    return _POSSESSIVE_END.sub("", word)


def names(text: str) -> frozenset[str]:
    """The name words of ``text`` (:func:`newsdesk.text.words.names`: folded, no
    sentence openers, days or months), less their possessives: whom and where
    a claim is about."""
    return frozenset(plain_name(word) for word in name_words(text))


def stems(text: str) -> frozenset[str]:
    """The stemmed content words of ``text`` ("negotiations" and "negotiate" meet)."""
    return frozenset(_stemmer.stemWords([w for w in content_words(text) if w not in _GENERAL]))


_CLAUSE_BREAK = re.compile(r";\s*|,\s+(?:and\s+|but\s+)?(?:that\s+)?|\s+(?:and|but)\s+that\s+")


def clauses(claim: str) -> list[str]:
    """The claim's clauses of three words or more, for aligning a denied phrase to one."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(claim)]
    return [p for p in parts if len(p.split()) >= 3]


def negation_scope(claim: str) -> frozenset[str] | None:
    """The stems of the common words (not names) of :func:`denied_phrases`, or
    None when the claim denies nothing.

    Names are left out: a story's names are its topic, shared by claims
    that agree and claims that do not, so they anchor nothing.
    """
    phrases = denied_phrases(claim)
    if phrases is None:
        return None
    common = " ".join(w for phrase in phrases for w in phrase.split() if not w[:1].isupper())
    return stems(common)
