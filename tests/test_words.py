"""Words, content words and proper names.

Every person and place in these inputs is invented.
"""

from __future__ import annotations

import random
import re

from newsdesk.text.words import _CAPITALISED_RUN, _NAME_STOPWORDS, content_words, names, words


def test_words_are_lower_cased_and_keep_apostrophes() -> None:
    assert words("Kestrel Bay’s council voted 9-4, didn't it?") == [
        "kestrel",
        "bay's",
        "council",
        "voted",
        "9",
        "4",
        "didn't",
        "it",
    ]
    assert words("snake_case and — dashes") == ["snake", "case", "and", "dashes"]


def test_content_words_drop_stopwords_numbers_and_single_letters() -> None:
    text = (
        "The council said on Monday that 12 pools in Kestrel Bay would close by a vote of 9 to 4."
    )
    assert content_words(text) == ["council", "pools", "kestrel", "bay", "close", "vote"]


def test_multi_word_names_give_each_token() -> None:
    text = "The talks were led by Moussa Ibrahim and the Bank of Kestrel Bay."
    assert names(text) == {"moussa", "ibrahim", "bank", "kestrel", "bay"}


def test_single_capitalised_word_at_sentence_start_is_not_a_name() -> None:
    assert names("Residents voted. Engineers found cracks! Why? Councillors met.") == set()
    assert names("Engineers said Valtonen would decide.") == {"valtonen"}
    # Stopwords (days, months) are not names, even capitalised inside a sentence.
    assert names("The vote on Monday in May was held at Quay Street.") == {"quay", "street"}


def test_names_after_a_quote_colon_or_line_break_at_sentence_start() -> None:
    quoted = 'She said: "Repairs would cost too much." “Valtonen agrees,” she added.'
    assert names(quoted) == set()
    assert names('He said: "Ines Valtonen agrees."') == {"ines", "valtonen"}
    # A line break after a full stop starts a sentence, with any whitespace between.
    assert names("The pool closed.\n\n  Engineers left.\nMoussa Ibrahim stayed.") == {
        "moussa",
        "ibrahim",
    }
    # A line break alone does not: a headline has no full stop.
    assert names("Pool closes\nEngineers found cracks.") == {"engineers"}


def _names_before_the_linear_rewrite(text: str) -> set[str]:
    """The original algorithm, which rescanned the whole prefix for every match."""
    found: set[str] = set()
    for match in _CAPITALISED_RUN.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        sentence_start = not before or before[-1] in '.!?"“”:\n'
        tokens = [t.strip(".'’-").casefold() for t in match.group(1).split()]
        tokens = [t for t in tokens if t and t not in _NAME_STOPWORDS and not t.isdigit()]
        if sentence_start and len(tokens) < 2:
            continue
        found.update(tokens)
    return found


def _generated_text(length: int, seed: int = 7) -> str:
    """Prose-like text whose capitalised words are mostly unique, so that the
    set of names records the decision taken at almost every match."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "ren", "va", "tis", "mor", "el", "dun", "sa", "qu"]
    common = ["council", "voted", "the", "of", "and", "pool", "said", "—", "2026", "St.", "A"]
    joins = [" ", " ", " ", "  ", "\n", "\n\n", " \u00a0", "\t", "\u2003", ""]
    enders = [".", "!", "?", ":", ",", ";", '"', "“", "”", "'", "’", ")", "-"]
    parts: list[str] = []
    size = 0
    while size < length:
        if rng.random() < 0.5:
            word = "".join(rng.choice(syllables) for _ in range(3)).capitalize()
        else:
            word = rng.choice(common)
        ender = rng.choice(enders) if rng.random() < 0.3 else ""
        part = word + ender + rng.choice(joins)
        parts.append(part)
        size += len(part)
    return "".join(parts)


def test_names_match_the_original_algorithm_on_a_long_text() -> None:
    text = _generated_text(60_000)
    assert len(re.findall(r"[.!?]", text)) > 100
    expected = _names_before_the_linear_rewrite(text)
    assert len(expected) > 300
    assert names(text) == expected
    for piece in (text[:997], text[1234:5678], text[-2000:], "", "  ", "\nKestrel", "A B"):
        assert names(piece) == _names_before_the_linear_rewrite(piece)
