"""checks.words: a count and its noun and verb agree in number, for 0, 1 and 2."""

from __future__ import annotations

import pytest

from checks.words import counted, noun_for, plural, verb_for


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 messages were answered"), (1, "1 message was answered"), (2, "2 messages were answered")],
)
def test_a_sentence_agrees_with_its_count(number: int, expected: str) -> None:
    assert f"{counted(number, 'message')} {verb_for(number, 'was')} answered" == expected


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("message", "messages"),
        ("reply", "replies"),
        ("emergency", "emergencies"),
        ("day", "days"),
        ("person", "people"),
        ("box", "boxes"),
        ("match", "matches"),
    ],
)
def test_plurals(noun: str, expected: str) -> None:
    assert plural(noun) == expected
    assert noun_for(1, noun) == noun
    assert noun_for(2, noun) == expected


def test_a_given_plural_form_wins_and_a_fraction_is_plural() -> None:
    assert counted(3, "post file", "post files") == "3 post files"
    assert noun_for(1.5, "hour") == "hours"
    assert verb_for(1, "needs") == "needs"
    assert verb_for(0, "needs") == "need"
    assert verb_for(2, "is") == "are"
