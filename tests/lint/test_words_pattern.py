"""A word list's pattern (checks.repo.textscan.words_pattern) finds what the plain alternation finds.

The pattern is a trie, searched in lower case for ASCII text without case, and
compiled only when a text holds the longest word of an entry. The reference is
the plain alternation of the entries, longest first, as whole words with
flexible white space. Entries and texts come from a small alphabet that holds
what makes words tricky: case, punctuation, digits, underscores, letters whose
case folds across ASCII ("ſ" is "s", "K" is "k" without case) and white space.

Runs are reproducible (derandomised, no example database) and kept short;
raise the number of examples locally with HYPOTHESIS_EXAMPLES=5000.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.repo.textscan import words_pattern

PROPERTY = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "400")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
LETTERS = "abAB1_é-.'ſKk"
ENTRIES = st.lists(st.text(LETTERS + " ", min_size=1, max_size=8), min_size=1, max_size=6)
TEXTS = st.text(LETTERS + " \n\t", max_size=60)


def reference(entries: list[str], text: str, ignore_case: bool) -> list[tuple[int, int, str]]:
    ordered = sorted({entry.strip() for entry in entries if entry.strip()}, key=len, reverse=True)
    parts = [r"\s+".join(re.escape(piece) for piece in entry.split()) for entry in ordered]
    regex = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE if ignore_case else 0)
    return [(match.start(), match.end(), match[0]) for match in regex.finditer(text)]


@PROPERTY
@given(ENTRIES, TEXTS, st.booleans())
def test_the_pattern_finds_what_the_alternation_finds(entries: list[str], text: str, ignore_case: bool) -> None:
    pattern = words_pattern(entries, ignore_case=ignore_case)
    if pattern is None:
        assert not any(entry.strip() for entry in entries)
        return
    expected = reference(entries, text, ignore_case)
    assert [(match.start(), match.end(), match[0]) for match in pattern.finditer(text)] == expected
    list(pattern.finditer("x " + " ".join(entries)))  # the entries compile the patterns, which then search alone
    assert [(match.start(), match.end(), match[0]) for match in pattern.finditer(text)] == expected


def test_a_text_without_the_longest_word_of_an_entry_compiles_nothing() -> None:
    pattern = words_pattern(["the Greens", "blast"], ignore_case=True)
    assert pattern is not None
    assert list(pattern.finditer("The blasted green bins")) == []  # "the" alone, and no "greens" or "blast"
    assert "regex" not in vars(pattern) and "regex_in_lower_case" not in vars(pattern)
    assert [match[0] for match in pattern.finditer("Vote for THE\ngreens!")] == ["THE\ngreens"]
