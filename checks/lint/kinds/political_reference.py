"""political_reference: a post that names a party, a councillor or candidate, or campaign words.

Inside an election period (``when: inside``) this is the pre-election check:
parties, the people of the settings' register, councillors (Cllr or
Councillor and a capitalised name) and electioneering words, in the text,
media credits and ``shared_from``. Outside (``when: outside``) it flags
parties in the text. Post types in the ``exempt_types_key`` list of
pre-election.yaml are never checked.

Party names are proper nouns and match with their capitals ("Labour" but not
"the labour market"); people, handles, titles and words match without case,
all on word boundaries. A channel URL (``https://x.com/SamPatelYateley``)
names the account of its handle. Overlapping matches ("Cllr Sam Patel" is a
councillor and a person of the register) are one finding, at the first.

Passes (inside a period): ``Bins are collected as normal.``
Fails (inside a period): ``Cllr Sam Patel opened the play area.``

These examples run as tests, in tests/lint/kinds/test_political_reference.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from checks.lint.kinds.base import LIST_ID, Check, Context, Parameter, Problem
from checks.repo.post import Post
from checks.repo.textscan import WordsPattern, handle_of, inside, url_spans, words_pattern

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("when", "inside", "Inside or outside an election period.", {"enum": ["inside", "outside"]}),
    Parameter(
        "match",
        ("parties",),
        "What to look for.",
        {"type": "array", "items": {"enum": ["parties", "people", "councillors", "electioneering"]}},
    ),
    Parameter("electioneering_list", "electioneering-words", "List of electioneering words.", LIST_ID),
    Parameter(
        "exempt_types_key",
        "exempt_types",
        "The list in pre-election.yaml of post types exempt from the rule.",
        {"enum": ["exempt_types", "political_reference_exempt_types"]},
    ),
    Parameter(
        "also_check",
        (),
        "Front matter fields checked besides the text.",
        {"type": "array", "items": {"enum": ["credits", "shared_from"]}},
    ),
)
VALUES: dict[str, str] = {
    "period": "The election period the post goes out in (empty outside one).",
    "what": "What the text names, in words: \"the political party 'Labour'\".",
}

Finder = tuple[re.Pattern[str] | WordsPattern, str]
Found = tuple[int, int, str]  # start, end, what


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    pre_election = context.policy.pre_election
    exempt = frozenset(getattr(pre_election, parameters["exempt_types_key"]))

    @cache
    def finders() -> list[Finder]:
        """Built when a post first needs them: the rule for election periods reads no post outside one."""
        return _finders(parameters, context)

    handles = (
        frozenset(handle_of(p) for p in context.people if p.strip().startswith("@"))
        if "people" in parameters["match"]
        else frozenset()
    )
    inside_period = parameters["when"] == "inside"
    also = parameters["also_check"]

    def named(value: str) -> list[Found]:
        """What a piece of text names: words outside URLs, and channel URLs of people's accounts."""
        urls = url_spans(value)
        found = [hit for hit in _found(finders(), value) if not inside(hit[0], urls)]
        found += [
            (s, e, f"the councillor or candidate '{value[s:e]}'") for s, e in urls if handle_of(value[s:e]) in handles
        ]
        return _first_of_overlaps(found)

    def check(post: Post) -> Iterator[Problem]:
        if post.type in exempt:
            return
        period = context.period_at(context.election_periods, post.publish)
        if (period is not None) != inside_period:
            return
        values = {"period": period.name if period else ""}
        for text in post.texts:
            for start, _, what in named(text.value):
                yield Problem(*text.position(start), {**values, "what": what})
        if "credits" in also:
            for item in post.media:
                credit = item.fields.get("credit")
                if item.index is not None and isinstance(credit, str):
                    for _, _, what in named(credit):
                        yield Problem(*post.locate("media", item.index, "credit", key=False), {**values, "what": what})
        shared = post.front.get("shared_from")
        if "shared_from" in also and isinstance(shared, str):
            hits = named(shared)
            if not hits and handle_of(shared) in handles:  # a channel address without https://
                hits = [(0, len(shared), f"the councillor or candidate '{shared.strip()}'")]
            for _, _, what in hits:
                yield Problem(*post.locate("shared_from", key=False), {**values, "what": what})

    return check


def _finders(parameters: dict[str, Any], context: Context) -> list[Finder]:
    wanted = parameters["match"]
    pre_election = context.policy.pre_election
    finders: list[Finder] = []
    if "parties" in wanted:
        names = [name for party in pre_election.parties for name in party.names]
        _add(finders, words_pattern(names, ignore_case=False), "the political party")
    if "people" in wanted:
        _add(finders, words_pattern(context.people, ignore_case=True), "the councillor or candidate")
    if "councillors" in wanted:
        # The title in any case ("cllr"), with a full stop only when abbreviated ("Cllr.", not "Councillor.",
        # which ends a sentence); then one or two capitalised words, on the same line or the next.
        titles = "|".join(
            re.escape(title) + (r"\.?" if len(title) <= 4 else "") for title in pre_election.councillor_titles
        )
        space = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
        name = r"[A-Z][\w'’-]*"
        pattern = re.compile(rf"(?<!\w)(?i:{titles}){space}{name}(?:[ \t]+{name})?")
        _add(finders, pattern, "the councillor")
    if "electioneering" in wanted:
        words = context.policy.words(parameters["electioneering_list"])
        _add(finders, words_pattern(words, ignore_case=True), "the electioneering words")
    return finders


def _add(finders: list[Finder], pattern: re.Pattern[str] | WordsPattern | None, label: str) -> None:
    if pattern is not None:
        finders.append((pattern, label))


def _found(finders: list[Finder], text: str) -> list[Found]:
    return [
        (match.start(), match.end(), f"{label} '{' '.join(match[0].split())}'")
        for pattern, label in finders
        for match in pattern.finditer(text)
    ]


def _first_of_overlaps(found: list[Found]) -> list[Found]:
    """One finding per stretch of text: the earliest (and longest) match wins over those inside it."""
    kept: list[Found] = []
    for hit in sorted(found, key=lambda f: (f[0], -f[1])):
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept
