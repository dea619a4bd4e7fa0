"""Counts in words that agree in number: "1 message was answered", "2 messages were answered".

A shared leaf, like ``checks.charts``: every product's sentences that give a
count go through it, so none of them says "1 messages" or "1 were".
"""

from __future__ import annotations

# Nouns whose plural follows no rule of ``plural``.
IRREGULAR = {"person": "people", "child": "children", "this": "these"}
# Verbs and their plural forms, for the verb that follows a count.
VERBS = {"is": "are", "was": "were", "has": "have", "needs": "need", "does": "do"}


def plural(noun: str) -> str:
    """The plural of a noun: an irregular one from the table, "ies" for a consonant and "y", "es" after s, x, ch
    and sh, else the noun plus "s"."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in ("", "a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def noun_for(number: float, noun: str, plural_form: str | None = None) -> str:
    """The noun as a count of ``number`` needs it: singular for exactly 1, plural otherwise (0 messages)."""
    return noun if number == 1 else (plural_form or plural(noun))


def counted(number: int, noun: str, plural_form: str | None = None) -> str:
    """The number and its noun: "1 message", "0 messages", "2 people"."""
    return f"{number} {noun_for(number, noun, plural_form)}"


def verb_for(number: float, verb: str) -> str:
    """The verb after a count: "was" for 1, "were" for 0 or 2 (``VERBS`` holds the pairs)."""
    return verb if number == 1 else VERBS.get(verb, verb)
