"""Sentence splitting: verbatim spans, and no cut after a title before a name.

Every person and place in these inputs is invented.
"""

from __future__ import annotations

from newsdesk.text.sentences import sentence_spans, split_sentences


def test_a_title_before_a_name_ends_no_sentence() -> None:
    paragraph = (
        "The trainee fell ill in the pool on Friday, Naval Training Centre spokesman "
        "Lt. Oren Vasko said. Divers were called. She met Gov. Ilse Marrow on Monday."
    )
    assert split_sentences(paragraph) == [
        "The trainee fell ill in the pool on Friday, Naval Training Centre spokesman "
        "Lt. Oren Vasko said.",
        "Divers were called.",
        "She met Gov. Ilse Marrow on Monday.",
    ]
    assert all(paragraph[a:b] for a, b in sentence_spans(paragraph))


def test_sentences_after_an_ordinary_stop_stay_apart() -> None:
    assert split_sentences("It sailed on Monday. Skippers cheered. Gov. Marrow waved.") == [
        "It sailed on Monday.",
        "Skippers cheered.",
        "Gov. Marrow waved.",
    ]
