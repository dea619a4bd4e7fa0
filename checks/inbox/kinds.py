"""The label test kinds: one small function per kind, a message in, whether it gets the label out.

A kind knows nothing of label ids or actions; the triage adds them. Each
``prepare`` takes a label's parameters and the ``Context`` and gives a test.
Words are found by the word patterns that the post checks use too
(``checks.repo.textscan``), e-mail addresses, phone numbers and postcodes by
the shared patterns of ``checks.repo.patterns``, and National Insurance numbers
by the pattern of policy-check's rule, so the inbox and the post checks agree.
The kind ``repeated`` looks at an author's other messages, so the triage
applies it once every row is read (``checks.inbox.breaches``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from checks.inbox.export import Message
from checks.inbox.settings import InboxSettings, account_key
from checks.policy.model import Policy
from checks.repo.patterns import ADDRESS, PERSONAL_PHONE_PREFIXES, PHONE_NUMBER, POSTCODE
from checks.repo.settings import Settings
from checks.repo.textscan import inside, merged, phone_digits, url_spans, words_pattern

NAME_SEPARATOR = r"[ _.\-]?"  # the spaces inside a name may be left out or written as _, - or .


@dataclass(frozen=True)
class Context:
    policy: Policy
    settings: Settings
    inbox: InboxSettings


class Scan:
    """A message with its text as the word tests read it: a typographic apostrophe counts as a straight one."""

    def __init__(self, message: Message) -> None:
        self.message = message
        self.text = message.text.replace("\u2019", "'")

    @cached_property
    def addresses(self) -> list[re.Match[str]]:
        return list(ADDRESS.finditer(self.text)) if "@" in self.text else []

    @cached_property
    def excluded(self) -> list[tuple[int, int]]:
        """Where the e-mail addresses and URLs are: words inside them do not count."""
        return merged([*url_spans(self.text), *(match.span() for match in self.addresses)])

    def finds(self, pattern: Any) -> bool:
        """Whether ``pattern`` (a compiled regex or a word pattern) matches outside the addresses and URLs."""
        return any(not inside(match.start(), self.excluded) for match in pattern.finditer(self.text))


Test = Callable[[Scan], bool]


def words(parameters: dict[str, Any], context: Context) -> Test:
    patterns = [
        words_pattern(_entries(context, parameters.get("lists", [])), ignore_case=True),
        words_pattern(parameters.get("words_with_case", []), ignore_case=False),
    ]
    found = [pattern for pattern in patterns if pattern is not None]
    return lambda scan: any(scan.finds(pattern) for pattern in found)


def word_start(parameters: dict[str, Any], context: Context) -> Test:
    starts = "|".join(re.escape(start) for start in parameters["starts"])
    pattern = re.compile(rf"(?<!\w)(?:{starts})\w*", re.IGNORECASE)
    return lambda scan: scan.finds(pattern)


def comment_on(parameters: dict[str, Any], context: Context) -> Test:
    post_types = frozenset(parameters["post_types"])
    return lambda scan: scan.message.kind == "comment" and scan.message.post_type in post_types


def reply_expected(parameters: dict[str, Any], context: Context) -> Test:
    private, questions = frozenset(parameters["private_kinds"]), frozenset(parameters["question_kinds"])
    return lambda scan: scan.message.kind in private or (scan.message.kind in questions and "?" in scan.text)


def author_names(parameters: dict[str, Any], context: Context) -> Test:
    names = [*_entries(context, parameters["lists"]), *context.settings.organisation_names]
    spelled = [NAME_SEPARATOR.join(re.escape(word) for word in name.split()) for name in names if name.strip()]
    pattern = re.compile(rf"(?<![^\W_])(?:{'|'.join(spelled)})(?![^\W_])", re.IGNORECASE)
    council = context.inbox.council_accounts

    def test(scan: Scan) -> bool:
        author = scan.message.author
        if account_key(author) in council:
            return False
        return bool(pattern.search(author.removeprefix("@")) or pattern.search(scan.message.author_name))

    return test


def personal_data(parameters: dict[str, Any], context: Context) -> Test:
    public = frozenset(parameters["message_kinds"])
    finders = [_finder(context, context.policy.rules[rule_id]) for rule_id in parameters["rules"]]
    if parameters.get("postcode", False):
        finders.append(lambda scan: POSTCODE.search(scan.text) is not None)
    return lambda scan: scan.message.kind in public and any(find(scan) for find in finders)


def _finder(context: Context, rule: Any) -> Test:
    """The test of a policy-check rule's pattern, by its kind: email, phone or pattern."""
    if rule.kind == "email":
        allowed = tuple(domain.lower() for domain in _allowed_domains(context))
        return lambda scan: any(not _allowed(match[1], allowed) for match in scan.addresses)
    if rule.kind == "phone":
        prefixes = tuple(rule.parameters.get("personal_prefixes", PERSONAL_PHONE_PREFIXES))
        allowed_phones = frozenset(phone_digits(phone) for phone in context.settings.allowed_phones)
        return lambda scan: any(
            phone_digits(match[0]).startswith(prefixes)
            and phone_digits(match[0]) not in allowed_phones
            and not inside(match.start(), url_spans(scan.text))
            for match in PHONE_NUMBER.finditer(scan.text)
        )
    if rule.kind == "pattern":
        compiled = [
            re.compile(entry["pattern"], re.IGNORECASE if entry.get("ignore_case") else 0)
            for entry in rule.parameters["patterns"]
        ]
        return lambda scan: any(pattern.search(scan.text) for pattern in compiled)
    raise ValueError(f"rule '{rule.id}' is of kind '{rule.kind}', which finds no personal data")


def _allowed_domains(context: Context) -> list[str]:
    return [*context.policy.words("allowed-email-domains"), *context.settings.allowed_email_domains]


def _allowed(domain: str, allowed: tuple[str, ...]) -> bool:
    domain = domain.lower().rstrip(".")
    return any(domain == ok or domain.endswith("." + ok) for ok in allowed)


def _entries(context: Context, list_ids: Iterable[str]) -> list[str]:
    return [str(entry) for list_id in list_ids for entry in context.policy.words(list_id)]


# Kinds whose test reads one message; "repeated" reads an author's messages together (breaches.py).
ROW_KINDS: dict[str, Callable[[dict[str, Any], Context], Test]] = {
    "author_names": author_names,
    "comment_on": comment_on,
    "personal_data": personal_data,
    "reply_expected": reply_expected,
    "word_start": word_start,
    "words": words,
}
GROUP_KINDS = frozenset({"repeated"})
