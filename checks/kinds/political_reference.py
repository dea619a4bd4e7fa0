"""political_reference: a post that names a party, a councillor or candidate, or campaign words.

Inside an election period (``when: inside``) this is the pre-election check:
parties, the people of the settings' register, councillors (Cllr or
Councillor and a name) and electioneering words, in the text, media credits
and ``shared_from``. Outside (``when: outside``) it flags parties in the text.
Party names are proper nouns and match with their capitals; people, handles
and words match without case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.kinds import Check, Context, Problem
from checks.post import Post
from checks.textscan import URL, handle_of, inside, spans, words_pattern

PARAMETERS: dict[str, Any] = {
    "when": "inside",  # inside or outside an election period
    "match": ["parties"],  # any of: parties, people, councillors, electioneering
    "electioneering_list": "electioneering-words",
    "exempt_types_key": "exempt_types",  # which list of pre-election.yaml names the exempt post types
    "also_check": [],  # any of: credits, shared_from
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    pre_election = context.policy.pre_election
    exempt = frozenset(getattr(pre_election, parameters["exempt_types_key"]))
    finders = _finders(parameters, context)
    inside_period = parameters["when"] == "inside"
    also = parameters["also_check"]

    def check(post: Post) -> Iterator[Problem]:
        if post.type in exempt:
            return
        period = context.period_at(context.election_periods, post.publish)
        if (period is not None) != inside_period:
            return
        period_name = period.name if period else ""
        for text in post.texts:
            urls = spans(URL, text.value)
            for offset, what in _found(finders, text.value):
                if not inside(offset, urls):
                    yield Problem(*text.position(offset), {"what": what, "period": period_name})
        if "credits" in also:
            for item in post.media:
                credit = item.fields.get("credit")
                if item.index is not None and isinstance(credit, str):
                    for _, what in _found(finders, credit):
                        yield Problem(
                            *post.locate("media", item.index, "credit", key=False),
                            {"what": what, "period": period_name},
                        )
        shared = post.front.get("shared_from")
        if "shared_from" in also and isinstance(shared, str):
            for _, what in _found(finders, shared) or _handle_matches(shared, context):
                yield Problem(*post.locate("shared_from", key=False), {"what": what, "period": period_name})

    return check


Finder = tuple[re.Pattern[str], str]


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
        titles = "|".join(re.escape(title) for title in pre_election.councillor_titles)
        _add(
            finders, re.compile(rf"(?<!\w)(?:{titles})\.?[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?"), "the councillor"
        )
    if "electioneering" in wanted:
        words = context.policy.words(parameters["electioneering_list"])
        _add(finders, words_pattern(words, ignore_case=True), "the electioneering words")
    return finders


def _add(finders: list[Finder], pattern: re.Pattern[str] | None, label: str) -> None:
    if pattern is not None:
        finders.append((pattern, label))


def _found(finders: list[Finder], text: str) -> list[tuple[int, str]]:
    found = [(match.start(), f"{label} '{match[0]}'") for pattern, label in finders for match in pattern.finditer(text)]
    return sorted(found)


def _handle_matches(source: str, context: Context) -> list[tuple[int, str]]:
    """A shared account that is a person of the register, named by handle or URL."""
    handle = handle_of(source)
    people = {handle_of(person) for person in context.people if person.startswith("@")}
    return [(0, f"the councillor or candidate '{source}'")] if handle in people else []
