"""Dedup: exact copies and wire reprints are linked to their original."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
from datasketch import MinHash

from conftest import make_article
from newsdesk.dedup import MINHASH_SCHEME, Deduplicator, KnownArticle, body_hash
from newsdesk.model import Article
from newsdesk.text.words import words

WIRE = [
    "HALVARD (NWA) — The Tarnby city council voted 7-2 on Monday to close the old ferry "
    "terminal by the end of March, ending a service that has run since 1911.",
    "Council leader Ines Rask said the terminal lost money every year and that repairs to its "
    "pier would cost more than $4 million.",
    '"We cannot keep a pier standing for sentiment alone," Rask told reporters after the vote.',
    "Ferry users said the nearest crossing is 40 kilometres away and that the closure would cut "
    "off elderly residents of Holm island, who have no bridge to the mainland.",
    "The council said a private operator could bid to run a smaller boat from the marina.",
]
OTHER = [
    "Residents of Holm island fear being stranded after councillors in Tarnby backed the "
    "closure of the ferry terminal that links them to the mainland.",
    "Many of the island's 300 residents are over 70, according to the island association, "
    "whose chair Lars Obel called the decision a betrayal.",
    "The terminal was built in 1911 and carried about 90,000 passengers last year.",
]


def _article(outlet: str, paragraphs: list[str], hour: int) -> Article:
    return make_article(outlet, paragraphs, published=datetime(2026, 3, 2, hour, tzinfo=UTC))


def test_reprint_with_dateline_and_trimmed_ending_points_at_the_wire() -> None:
    wire = _article("North Wire Agency", WIRE, 8)
    reprint_text = ["(NWA) " + WIRE[0].split("— ", 1)[1], *WIRE[1:4]]
    reprint = _article("Tarnby Post", reprint_text, 11)
    independent = _article("Island Echo", OTHER, 9)
    marked, signatures = Deduplicator().run([reprint, independent, wire])
    by_outlet = {a.outlet: a for a in marked}
    assert by_outlet["Tarnby Post"].duplicate_of == wire.id
    assert by_outlet["North Wire Agency"].duplicate_of is None
    assert by_outlet["Island Echo"].duplicate_of is None
    assert set(signatures) == {wire.id, reprint.id, independent.id}


def test_exact_copy_in_another_outlet_is_a_duplicate_of_the_earlier() -> None:
    first = _article("North Wire Agency", WIRE, 8)
    copy = _article("Coast Herald", WIRE, 7)
    marked, _ = Deduplicator().run([first, copy])
    assert {a.outlet: a.duplicate_of for a in marked} == {
        "North Wire Agency": copy.id,
        "Coast Herald": None,
    }


def test_articles_from_earlier_runs_are_originals() -> None:
    dedup = Deduplicator()
    stored = _article("North Wire Agency", WIRE, 8)
    known = KnownArticle(stored.id, body_hash(stored), dedup.signature(stored).hashvalues)
    later = _article("Tarnby Post", WIRE[:4], 6)
    marked, _ = dedup.run([later], known=[known])
    assert marked[0].duplicate_of == stored.id


def test_duplicate_of_a_duplicate_points_at_the_original() -> None:
    wire = _article("North Wire Agency", WIRE, 6)
    copy1 = _article("Tarnby Post", WIRE, 7)
    copy2 = _article("Coast Herald", WIRE[:4], 8)
    marked, _ = Deduplicator().run([copy2, copy1, wire])
    assert {a.duplicate_of for a in marked if a.id != wire.id} == {wire.id}


def test_a_reprint_known_only_by_its_date_does_not_precede_the_timed_wire() -> None:
    wire = _article("North Wire Agency", WIRE, 6)
    reprint = replace(
        _article("Tarnby Post", WIRE[:4], 0), published=datetime(2026, 3, 2, tzinfo=UTC)
    )
    marked, _ = Deduplicator().run([reprint, wire])
    assert {a.outlet: a.duplicate_of for a in marked} == {
        "Tarnby Post": wire.id,
        "North Wire Agency": None,
    }


def test_a_copy_of_a_stored_reprint_points_at_the_stored_original() -> None:
    dedup = Deduplicator()
    wire = _article("North Wire Agency", WIRE, 6)
    reprint = replace(_article("Tarnby Post", WIRE[:4], 7), duplicate_of=wire.id)
    known = [
        KnownArticle(a.id, body_hash(a), dedup.signature(a).hashvalues, a.duplicate_of)
        for a in (wire, reprint)
    ]
    copy = _article("Coast Herald", WIRE[:4], 9)
    marked, _ = dedup.run([copy], known=known)
    assert marked[0].duplicate_of == wire.id


def test_signatures_do_not_depend_on_the_shared_permutations() -> None:
    """A MinHash built with the shared permutation parameters equals one that
    draws its own, so stored signatures from earlier runs still compare."""
    article = make_article(
        "Coast Post", ["The ferry to Holm will sail again on Friday after repairs to the ramp."]
    )
    shared = Deduplicator().signature(article)
    own = MinHash(num_perm=128, scheme=MINHASH_SCHEME)
    tokens = words(article.text)
    own.update_batch([" ".join(tokens[i : i + 3]).encode() for i in range(len(tokens) - 2)])
    np.testing.assert_array_equal(shared.hashvalues, own.hashvalues)
