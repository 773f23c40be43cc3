"""The checks of bench/brief_readability.py: pure functions over a digest's stories.

``sentences`` and ``new_sentences`` are each checked as a sequence:

1. **missing referent**: the shown sentence opens (past quotation marks or
   brackets) on a word of :data:`OPENERS`, and the one before it is not the
   sentence right before it in the same source article (edits undone). Not
   counted: an opening "[" (an editor's insert), "It's not clear if", a
   demonstrative of time ("This week"), and an unquoted opening he or she,
   which check 2 judges by the names before it. Counted as well: a share of
   "it" or "them" opening the sentence or what its first said-verb reports
   (no comma or semicolon before it, quotations blanked: "Police said none
   of it had spilled"), and an opening quantity with no noun ("Many are
   sleeping at the hall"). Further in, the sentence itself has most often
   named what "them" are ("four false claims -- all of them ...").
2. **unnamed he/she**: he, she, him, his, her or hers outside quotation marks
   with no person name earlier in the sequence or the sentence, nor opening
   the main clause when the pronoun sits before the first comma ("Standing
   by his claim, GOP nominee Donald Trump..."). A name is a proxy: 2+
   capitalised words in a row (a leading function, day or month word
   dropped), "Mr. Lund", a capitalised word before "said" or another verb
   of :data:`_SAYS`, the last word of such a name in the story's reports
   ("Cuomo"), or an editor's "[...]". A quote left open runs to the end; a
   closing mark with no opening one closes a quote from the start.
3. **repeated facts**: pairs of the sources' words (edits undone), also brief
   against new, giving one figure (percent, currency, or a bare number of 3+
   digits or with a decimal point, except a 4-digit year 1800-2100 and a
   number named by a capitalised word, "S&P 500"; "3,200" = "3200", "3.25%"
   = "3.25 percent"), or whose content words (:data:`STOPWORDS` aside)
   overlap by 0.6+ of the shorter's (4+).
4. **same report in other words** (not among the issue's five counts, which
   a paraphrase passes): pairs as in check 3 whose sentences embed at cosine
   :data:`SAME_REPORT` or more (all-MiniLM-L6-v2, the brief's own
   corroboration threshold, at which it takes another outlet's sentence for
   the same report), unless both give figures and share none ("6.6 million
   filed" against "nearly 17 million since"). Read by hand in the briefs of
   60 NeuS val clusters, 12 of the 13 pairs at 0.75 or more told one fact twice, against
   6 of 11 between 0.70 and 0.75.
5. **source-count mismatch**: ``independent_sources`` != distinct ``outlets``.
6. **path leaks**: a site file but ``digest.json`` holding the input folder's
   path or name, or a source's ``path`` or file name.
7. **lead rate**: briefs whose first sentence (edits undone) opens its
   article's first stored paragraph, perhaps after a dateline (80 characters
   at most, in capitals or ending in a dash, ``_``, ``:`` or ``)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsdesk.embed import TextEncoder
from newsdesk.model import BriefSentence, Edit
from newsdesk.summarize.repeats import SAME_REPORT


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CHECKS = ("opener", "he/she", "repeats", "restated", "count", "leaks")
OPENERS = _words(
    "but however also still yet and so meanwhile then this these that those "
    "he she it they his her its their him them"
)
PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
STOPWORDS = _words(
    "a an the and or but if of to in on at by for from with as into about after before over "
    "under than then that this these those there here is are was were be been being has have "
    "had do does did not no it its he she him his her they them their we us our you your i "
    "me my who whom which what when where while will would can could should may might must "
    "said says say also more most some any all one two up out so such just only very"
)
_LEADING = _words(
    "The A An In On At But And For Of To By With As After Before When While If This That These "
    "Those It He She They We I His Her Its Their Our Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October "
    "November December"
)
_CAP = r"[A-Z][\w'’-]+"
_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Dr)\.")
_SAYS = r"\s(?:said|says|told|added|wrote|argued|emphasized|stressed|noted|warned|insisted)\b"
NAME = re.compile(
    rf"\[[^\]]+\]|(?:Mr|Mrs|Ms|Dr)\.\s+{_CAP}|{_CAP}(?:\s+(?:[A-Z]\.\s+)?{_CAP})+"
    rf"|{_CAP}(?={_SAYS})"
)
FIGURE = re.compile(
    r"(?<![\w:.,])([$£€¥])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w:]|[.,]\d)"
    r"(?:\s?(million|billion|trillion)\b)?"
    r"(?:\s?(%|percent\b|per cent\b|dollars\b|euros\b|pounds\b))?"
)
_UNITS = {"%": "%", "percent": "%", "per cent": "%", "dollars": "$", "euros": "€", "pounds": "£"}
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|``.*?(?:''|$)")
_EXPLETIVE = re.compile(
    r"It(?:'s|’s| is| was) (?:not |no )?\w+ (?:that|whether|if|what|how|why|who)\b"
)
_CALENDAR = re.compile(
    r"(?:This|That|These|Those) (?:morning|afternoon|evening|night|week|weekend|month|year"
    r"|season|summer|winter|spring|autumn|fall|decade|century|time)\b"
)
_SHARE = re.compile(
    r"^[\"“‘'`(]*(?:[^,;]*?\b(?:said|says|say|told|added|confirmed|reported|stated)\s+)?"
    r"(?:none|all|some|most|much|many|any|each|both|half|part|several|few)\s+of\s+(?:it|them)\b"
    r"|^[\"“‘'`(]*(?:many|some|most|others|several|few|both|all|none)\s+"
    r"(?:are|were|will|would|can|could|did|do)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"(?:--|[-—–_:)])$")


def norm(text: str) -> str:
    return " ".join(text.split())


def source_text(sentence: dict[str, Any]) -> str:
    """The source span of a digest sentence, as the model rebuilds it from its ``edits``."""
    edits = tuple(Edit(**e) for e in sentence.get("edits") or ())
    return BriefSentence(sentence["text"], sentence["article_id"], (), edits=edits).source_text()


def opens_on_missing_referent(
    sentence: dict[str, Any], previous: dict[str, Any] | None, bodies: dict[str, str]
) -> bool:
    """Check 1 for ``sentence``, shown after ``previous`` (None: it comes first)."""
    shown = sentence["text"].lstrip()
    if shown.startswith("[") or not (_leaning_opener(shown) or _SHARE.search(_first_clause(shown))):
        return False
    if previous is None or previous["article_id"] != sentence["article_id"]:
        return True
    pair = f"{norm(source_text(previous))} {norm(source_text(sentence))}".lower()
    return pair not in norm(bodies.get(sentence["article_id"], "")).lower()


def _leaning_opener(shown: str) -> bool:
    """Whether the shown sentence opens on a word of :data:`OPENERS` that needs
    a referent (the exceptions of check 1 aside)."""
    first = re.match(r"[\"“‘'`(]*([A-Za-z]+)", shown)
    if not first or first[1].casefold() not in OPENERS or _EXPLETIVE.match(shown):
        return False
    if PRONOUN.fullmatch(first[1]) and first.start(1) == 0:
        return False  # a he or she of the sentence's own words: check 2 asks for a name
    return not _CALENDAR.match(shown)  # "This week": the calendar, not the sentence before


def _first_clause(shown: str) -> str:
    """The sentence up to its first comma or semicolon, quotations blanked."""
    return re.split(r"[,;]", unquoted(shown), maxsplit=1)[0]


def unquoted(text: str) -> str:
    """``text`` with what stands inside quotation marks blanked out (same length)."""
    close, open_ = text.find("”"), text.find("“")
    if close >= 0 and (open_ < 0 or close < open_):
        text = " " * (close + 1) + text[close + 1 :]
    return _QUOTED.sub(lambda m: " " * len(m[0]), text)


def name_starts(text: str, surnames: frozenset[str] = frozenset()) -> list[int]:
    """Where the person names (the proxy of check 2) of one sentence begin;
    ``surnames`` are last words of full names in the story's reports, each a
    name on its own ("Cuomo" of "Andrew Cuomo")."""
    starts = []
    for match in NAME.finditer(text):
        words, at = match[0].split(), match.start()
        while not match[0].startswith("[") and words and words[0] in _LEADING:
            at += len(words.pop(0)) + 1
        speaks = bool(words) and re.match(_SAYS, text[match.end() :]) is not None
        if match[0].startswith("[") or _TITLED.match(match[0]) or len(words) >= 2 or speaks:
            starts.append(at)
    starts += [m.start() for m in re.finditer(_CAP, text) if m[0] in surnames]
    return sorted(starts)


def story_surnames(texts: Iterable[str]) -> frozenset[str]:
    """The last words of the two-word capitalised names in ``texts``."""
    found = set()
    for text in texts:
        for match in NAME.finditer(text):
            words = [w for w in match[0].split() if w not in _LEADING]
            if len(words) >= 2 and not match[0].startswith("["):
                found.add(words[-1])
    return frozenset(found)


def named_after_opening_clause(text: str, pronoun: int, surnames: frozenset[str]) -> bool:
    """Whether the pronoun at ``pronoun`` sits before the first comma and the
    clause after it opens on a name, perhaps after a role with no function word
    ("Standing by his contention..., GOP nominee Donald Trump said...")."""
    comma = text.find(",")
    if not 0 <= pronoun < comma:
        return False
    after = text[comma + 1 :]
    names = name_starts(after, surnames)
    role = after[: names[0]].split() if names else ["of"]
    return not any(word.casefold() in STOPWORDS for word in role)


def unnamed_pronouns(texts: Sequence[str], surnames: frozenset[str] = frozenset()) -> list[int]:
    """Check 2: the indexes of the sentences with a he/she that no name can take,
    earlier in the sequence, earlier in the sentence or opening its main clause."""
    named, flagged = False, []
    for i, text in enumerate(texts):
        names = name_starts(text, surnames)
        first_name = min(names, default=len(text) + 1)
        pronouns = [m.start() for m in PRONOUN.finditer(unquoted(text))]
        unplaced = [
            p
            for p in pronouns
            if p < first_name and not named_after_opening_clause(text, p, surnames)
        ]
        if not named and unplaced:
            flagged.append(i)
        named = named or bool(names)
    return flagged


def figures(text: str) -> set[str]:
    """The figures of check 3, normalised: "3,200" -> "3200", "3.25 percent" -> "3.25%"."""
    found = set()
    for match in FIGURE.finditer(text):
        currency, whole, fraction, scale, unit = match.groups()
        number = whole.replace(",", "").lstrip("0") or "0"
        fraction = (fraction or "").rstrip("0").rstrip(".")
        sign = currency or _UNITS.get((unit or "").lower(), "")
        value = number + fraction + (f" {scale.lower()}" if scale else "")
        year = len(whole) == 4 and 1800 <= int(whole) <= 2100  # "1890", not "1,890"
        before = text[: match.start()].split()
        named = (  # "S&P 500", "Boeing 747"; not "In July, 4,400" nor "Monday 400"
            len(before) > 1
            and text[match.start() - 1 : match.start()] == " "
            and before[-1][:1].isupper()
            and before[-1][-1:].isalnum()
            and before[-1] not in _LEADING
        )
        if sign:
            found.add(f"{value}{sign}" if sign == "%" else f"{sign}{value}")
        elif fraction or scale or (len(number) >= 3 and not year and not named):
            found.add(value)
    return found


def content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", text.lower())
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]  # possessives
    return {w for w in words if w not in STOPWORDS and len(w) > 1}


def repeated(first: str, second: str) -> str | None:
    """Why two sentences give the same fact (check 3), or None."""
    shared = sorted(figures(first) & figures(second))
    if shared:
        return "figure " + ", ".join(shared)
    a, b = content_words(first), content_words(second)
    shorter = min(len(a), len(b))
    if shorter >= 4 and len(a & b) >= 0.6 * shorter:
        return f"words {len(a & b)}/{shorter}"
    return None


def _pairs(brief: Sequence[str], new: Sequence[str]) -> list[tuple[str, str]]:
    """The pairs checks 3 and 4 look at: within the brief, within its new
    sentences, and the one against the other."""
    pairs = [(x, y) for seq in (brief, new) for i, x in enumerate(seq) for y in seq[i + 1 :]]
    return pairs + [(x, y) for x in brief for y in new]


def repeated_pairs(brief: Sequence[str], new: Sequence[str]) -> list[tuple[str, str, str]]:
    """Check 3 over a brief and its new sentences."""
    return [(x, y, why) for x, y in _pairs(brief, new) if (why := repeated(x, y))]


def restated_pairs(
    brief: Sequence[str], new: Sequence[str], encoder: TextEncoder
) -> list[tuple[str, str, float]]:
    """Check 4 over a brief and its new sentences, with each pair's cosine."""
    texts = list(dict.fromkeys([*brief, *new]))
    if len(texts) < 2:
        return []
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    found = []
    for x, y in _pairs(brief, new):
        cosine = float(vectors[x] @ vectors[y])
        if cosine >= SAME_REPORT:
            a, b = figures(x), figures(y)
            if not (a and b and not a & b):
                found.append((x, y, cosine))
    return found


def count_mismatch(story: dict[str, Any]) -> bool:
    return int(story["independent_sources"]) != len(set(story["outlets"]))


def is_lead(source: str, paragraphs: Sequence[str]) -> bool:
    """Check 6: whether ``source`` opens the first paragraph, a dateline aside."""
    if not paragraphs:
        return False
    first, wanted = norm(paragraphs[0]), norm(source)
    at = first.lower().find(wanted.lower())
    prefix = first[:at].rstrip()
    return at == 0 or (0 < at <= 80 and bool(_DATELINE.search(prefix) or prefix.isupper()))


def path_leaks(site: Path, needles: Iterable[str]) -> list[tuple[str, str]]:
    """Check 5: (site file, needle) for every needle found in a file but digest.json."""
    wanted = sorted({n for n in needles if n})
    leaks = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != "digest.json"):
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [(str(path.relative_to(site)), n) for n in wanted if n in text]
    return leaks
