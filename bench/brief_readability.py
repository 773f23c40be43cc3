"""Does a brief read on its own? Six checks over the digest of a real `newsdesk run`.

Why this exists: ROUGE says nothing of a brief that opens on "But", says "he"
of nobody, gives one figure twice or shows "7 sources" beside 5 outlets. Each
set runs as a user runs it, `newsdesk run INPUT --db DB --out SITE` in a fresh
temporary folder; then ``SITE/digest.json`` (``stories`` and ``archive``), the
store and the site files are read. Data sets are written there at bench time
as JSON Lines: a file per cluster, a record per document with ``text``,
``outlet``, ``published`` (NeuS also ``title``). Outlets: DUC 2004 (25
clusters here) has no DOCNOs, so "DUC D1" ... "DUC D10" by file; Multi-News
(sample of 50) "Multi-News N" by position; NeuS val (307 x 3 snippets)
AllSides' name where the title matches a ``raw_crawled`` story, else a
fictional "NeuS outlet A/B/C" by position. Cluster ``i`` is dated day ``i``,
documents 30 minutes apart. A data set runs twice, as on two days: each
cluster's first half (2 documents at least), then the rest, so that briefs
get ``new_sentences`` (``--as-of`` the day after the last cluster, then 12
hours on; ``--close-after 1000``). The demo and seeds folders run once, as
they are. ``sentences`` and ``new_sentences`` are each checked as a sequence:

1. **missing referent**: the shown sentence opens (past quotation marks or
   brackets) on a word of :data:`OPENERS`, and the one before it is not the
   sentence right before it in the same source article (edits undone). Not
   counted: an opening "[" (an editor's insert), an "It's not clear if".
2. **unnamed he/she**: he, she, him, his, her or hers outside quotation marks
   with no person name earlier in the sequence or the sentence. A name is a
   proxy: 2+ capitalised words in a row (a leading function, day or month word
   dropped), "Mr. Lund", a capitalised word before "said" or another verb of
   :data:`_SAYS`, or an editor's "[...]"; as any earlier name will do, the
   surname of an earlier name adds nothing. A quote left open runs to the end; a closing
   mark with no opening one closes a quote from the start.
3. **repeated facts**: pairs, also brief against new, giving one figure
   (percent, currency, or a bare number of 3+ digits or with a decimal point,
   except a 4-digit year 1800-2100 and a number named by a capitalised word,
   "S&P 500"; "3,200" = "3200", "3.25%" = "3.25 percent"), or whose content
   words (:data:`STOPWORDS` aside) overlap by 0.6+ of the shorter's (4+).
4. **source-count mismatch**: ``independent_sources`` != distinct ``outlets``.
5. **path leaks**: a site file but ``digest.json`` holding the input folder's
   path or name, or a source's ``path`` or file name.
6. **lead rate**: briefs whose first sentence (edits undone) opens its
   article's first stored paragraph, perhaps after a dateline (80 characters
   at most, in capitals or ending in a dash, ``_``, ``:`` or ``)``).

Examples with text go to ``--out``, outside the repository (the data's
licences forbid copying it in); the docs say only where each one is.

    .venv/bin/python bench/brief_readability.py --write
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from report import machine, write_section

from newsdesk.model import BriefSentence, Edit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
NEWSDESK = Path(sys.executable).with_name("newsdesk")
SETS = ("duc2004", "multinews", "neus", "demo", "seeds")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CHECKS = ("opener", "he/she", "repeats", "count", "leaks")
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
    if shown.startswith("["):
        return False
    first = re.match(r"[\"“‘'`(]*([A-Za-z]+)", shown)
    if not first or first[1].casefold() not in OPENERS or _EXPLETIVE.match(shown):
        return False
    if PRONOUN.fullmatch(first[1]) and first.start(1) == 0:
        return False  # a he or she of the sentence's own words: check 2 asks for a name
    if _CALENDAR.match(shown):
        return False  # "This week": the calendar, not the sentence before
    if previous is None or previous["article_id"] != sentence["article_id"]:
        return True
    pair = f"{norm(source_text(previous))} {norm(source_text(sentence))}".lower()
    return pair not in norm(bodies.get(sentence["article_id"], "")).lower()


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
        named = len(before) > 1 and before[-1][:1].isupper()  # "S&P 500", "Boeing 747"
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


def repeated_pairs(brief: Sequence[str], new: Sequence[str]) -> list[tuple[str, str, str]]:
    """Check 3 over a brief, its new sentences, and the one against the other."""
    pairs = [(x, y) for seq in (brief, new) for i, x in enumerate(seq) for y in seq[i + 1 :]]
    pairs += [(x, y) for x in brief for y in new]
    return [(x, y, why) for x, y in pairs if (why := repeated(x, y))]


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


Cluster = tuple[str, list[dict[str, str]]]  # id, records (text, outlet, title)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def duc2004() -> list[Cluster]:
    clusters = []
    for row in _jsonl(DATA / "duc2004" / "duc2004_task2.jsonl"):
        docs = [{"text": d["text"], "outlet": f"DUC {d['name'][:-4]}"} for d in row["documents"]]
        clusters.append((row["cluster_id"], docs))
    return clusters


def multinews() -> list[Cluster]:
    clusters = []
    for row in _jsonl(DATA / "multi_news_sample50" / "sample50.jsonl"):
        docs = [{"text": d, "outlet": f"Multi-News {n}"} for n, d in enumerate(row["documents"], 1)]
        clusters.append((f"mn-{row['row_id']}", docs))
    return clusters


def _key(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.lower()))


def neus() -> list[Cluster]:
    folder = DATA / "neus_allsides"
    known: dict[str, str] = {}
    for story in _jsonl(folder / "raw_crawled" / "headline_11_2021-10-19_crawled_all.jsonl"):
        for side in (story.get("news") or {}).values():
            if side and side.get("newsTitle") and side.get("newsSource"):
                outlet = re.sub(r"\s*\([^)]*\)$", "", side["newsSource"])
                known[_key(side["newsTitle"])] = outlet
    clusters = []
    lines = (folder / "lrc_roundup_probe" / "val.source").read_text(encoding="utf-8")
    for n, line in enumerate(lines.splitlines()):
        records = []
        for letter, doc in zip("ABC", line.split(" [SEP] "), strict=False):
            title, _, text = doc.replace("TITLE=>", "").partition("ARTICLE=>")
            title = title.strip().removesuffix(".")
            outlet = known.get(_key(title), f"NeuS outlet {letter}")
            records.append({"title": title, "text": text.strip(), "outlet": outlet})
        clusters.append((f"val-{n}", records))
    return clusters


LOADERS = {"duc2004": duc2004, "multinews": multinews, "neus": neus}
FOLDERS = {
    "duc2004": DATA / "duc2004",
    "multinews": DATA / "multi_news_sample50",
    "neus": DATA / "neus_allsides",
    "demo": ROOT / "examples" / "demo",
    "seeds": DATA / "seeds",
}
BASE = datetime(2021, 3, 1, 8, tzinfo=UTC)


def write_inputs(clusters: Sequence[Cluster], folder: Path, later: bool) -> None:
    """Each cluster's first half (at least 2 documents), or with ``later`` the rest."""
    folder.mkdir(exist_ok=True)
    for day, (cluster_id, records) in enumerate(clusters):
        half = max(2, (len(records) + 1) // 2)
        dated = [
            {**r, "published": (BASE + timedelta(days=day, minutes=30 * n)).isoformat()}
            for n, r in enumerate(records)
        ]
        part = dated[half:] if later else dated[:half]
        if part:
            lines = "".join(json.dumps(r) + "\n" for r in part)
            name = f"{cluster_id}-later.jsonl" if later else f"{cluster_id}.jsonl"
            (folder / name).write_text(lines, encoding="utf-8")


def run(command: list[str]) -> float:
    """Seconds of one ``newsdesk run``; exit code 1 (an unreadable input) is tolerated."""
    started = time.perf_counter()
    if (done := subprocess.run(command, capture_output=True, text=True)).returncode > 1:
        raise SystemExit(f"newsdesk run failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - started


@dataclass
class Result:
    name: str
    seconds: float = 0.0
    briefs: int = 0
    sentences: int = 0
    new: int = 0
    leads: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHECKS, 0))
    examples: dict[str, list[str]] = field(default_factory=dict)  # with text: to --out only
    places: dict[str, list[str]] = field(default_factory=dict)  # where: safe for the docs
    keep: int = 5

    def note(self, check: str, text: str, place: str) -> None:
        self.counts[check] += 1
        if len(self.examples.setdefault(check, [])) < self.keep:
            self.examples[check].append(text)
            self.places.setdefault(check, []).append(place)


def check_story(story: dict[str, Any], stored: dict[str, list[str]], result: Result) -> None:
    """Checks 1-4 and 6 on one story with a brief, noted in ``result``."""
    files = {s["article_id"]: Path(s["path"]).stem for s in story["sources"]}
    head, story_id = story["headline"], story["story_id"]
    bodies = {i: "\n\n".join(stored.get(i, [])) for i in files}
    surnames = story_surnames(bodies.values())
    for key, seq in (("s", story["sentences"]), ("n", story["new_sentences"])):
        unnamed = set(unnamed_pronouns([s["text"] for s in seq], surnames))
        for i, sentence in enumerate(seq):
            place = f"{story_id} {key}{i + 1} ({files.get(sentence['article_id'], '?')})"
            if opens_on_missing_referent(sentence, seq[i - 1] if i else None, bodies):
                result.note("opener", f"{head} | {sentence['text']}", place)
            if i in unnamed:
                result.note("he/she", f"{head} | {sentence['text']}", place)
    # The facts told are the sources' own: an editor's "[Name]" tells none.
    texts = [source_text(s) for s in story["sentences"]]
    new = [source_text(s) for s in story["new_sentences"]]
    for x, y, why in repeated_pairs(texts, new):
        result.note("repeats", f"{head} | {why} | {x} || {y}", f"{story_id} {why}")
    if count_mismatch(story):
        text = f"{head} | {story['independent_sources']} sources, outlets {story['outlets']}"
        result.note("count", text, text if result.name == "demo" else story_id)
    first = story["sentences"][0]
    result.briefs += 1
    result.sentences += len(texts)
    result.new += len(new)
    result.leads += is_lead(source_text(first), stored.get(first["article_id"], []))


def check_set(name: str, work: Path, limit: int | None, keep: int) -> Result:
    """Run ``newsdesk run`` on the set in ``work`` and check its digest and site."""
    inputs, db, site = work / f"nd-in-{name}", work / "newsdesk.db", work / "site"
    command = [str(NEWSDESK), "run", str(inputs), "--db", str(db), "--out", str(site), "--quiet"]
    result = Result(name, keep=keep)
    if name not in LOADERS:
        shutil.copytree(FOLDERS[name], inputs)
        result.seconds = run(command)
    else:
        clusters = LOADERS[name]()[:limit]
        end = BASE + timedelta(days=len(clusters))
        command += ["--close-after", "1000"]
        for later in (False, True):
            write_inputs(clusters, inputs, later)
            as_of = (end + timedelta(hours=12 * later)).isoformat()
            result.seconds += run([*command, "--as-of", as_of])
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as store:
        rows = store.execute("SELECT id, paragraphs FROM articles").fetchall()
    stored = {i: json.loads(p) for i, p in rows}
    digest = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    needles = {str(inputs), inputs.name}
    for story in digest["stories"] + digest["archive"]:
        needles |= {n for s in story["sources"] for n in (s["path"], Path(s["path"]).name)}
        if story["sentences"]:
            check_story(story, stored, result)
    for file, needle in path_leaks(site, needles):
        shown = f"{file}: {needle.replace(str(work), '$WORK')}"
        result.note("leaks", shown, shown)
    return result


def table(results: Sequence[Result]) -> str:
    rows = [
        "| set | briefs | sentences (+ new) | opens on missing referent | unnamed he/she | "
        "repeated facts (pairs) | source-count mismatches | path leaks | lead is a first "
        "sentence | run s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c, rate = r.counts, r.leads / r.briefs if r.briefs else 0.0
        rows.append(
            f"| {r.name} | {r.briefs} | {r.sentences} (+ {r.new}) | {c['opener']} | "
            f"{c['he/she']} | {c['repeats']} | {c['count']} | {c['leaks']} | "
            f"{r.leads}/{r.briefs} ({rate:.0%}) | {r.seconds:.0f} |"
        )
    return "\n".join(rows)


def example_list(results: Sequence[Result], text: bool) -> str:
    """The examples: with their text, or (licensed sets) where they are."""
    lines = []
    for r in results:
        own = text or r.name == "demo"  # the demo is fictional; the rest is licensed text
        for check, items in (r.examples if own else r.places).items():
            lines += [f"- **{r.name}, {check}**"] + [f"  - {item}" for item in items]
    return "\n".join(lines) or "- none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--limit", type=int, help="at most this many clusters per data set")
    parser.add_argument("--keep", type=int, default=5, help="examples kept per check and set")
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsdesk-readability.md"))
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    results, started = [], time.perf_counter()
    for name in args.sets:
        if not FOLDERS[name].exists():
            print(f"{name}: skipped, {FOLDERS[name]} is missing", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(prefix="readability-") as work:
            results.append(check_set(name, Path(work), args.limit, args.keep))
        print(f"{name}: {results[-1].seconds:.0f} s", file=sys.stderr)
    total = time.perf_counter() - started
    options = (f" --sets {' '.join(args.sets)}" if args.sets != list(SETS) else "") + (
        f" --limit {args.limit}" if args.limit else ""
    )
    command = f".venv/bin/python bench/brief_readability.py{options} --write"
    notes = (
        "Each data set is given to `newsdesk run` in two runs on a fresh database, the demo "
        "and seeds in one (`run s`: wall time of the runs, start-up included); the checks and "
        "the conversion of each set are in the docstring of `bench/brief_readability.py`. "
        "Targets: 0 for the five counts on every set. "
        f"Examples, up to {args.keep} per check and set (text for the demo only; the "
        "licensed sets by story id, brief position and input file, their text in `--out`):"
    )
    found = example_list(results, False)
    text = (
        f"## Brief readability\n\nReproduce: `{command}`\n\nMachine: {machine()}. "
        f"Total {total:.0f} s.\n\n{table(results)}\n\n{notes}\n\n{found}\n"
    )
    print(f"{table(results)}\n\nTotal {total:.0f} s.\n\n{example_list(results, True)}\n")
    listing = f"# Brief readability examples\n\n{example_list(results, True)}\n"
    args.out.write_text(listing, encoding="utf-8")
    print(f"Examples with text: {args.out}\nReproduce: {command}")
    if args.write:
        write_section("brief_readability", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
