"""The staff page "Handling messages from the public": every inbox label from its data, with its examples.

Rendered from ``policy/labels/`` (``checks.policy.labels``), the same data that
``policy-inbox`` triages with and whose examples run as tests, so the page and
the command cannot disagree. Labels to act on at once come first.
"""

from __future__ import annotations

from pathlib import Path

from checks.policy.labels import Label, LabelExample, load_labels
from checks.policy.model import Policy
from checks.site.environment import POLICY_PAGE
from checks.site.markup import SiteError, heading, markdown_blocks, markdown_text, one_line, relative, table
from checks.site.text import clause_location

KIND_WORDS = {"comment": "A comment", "mention": "A mention", "message": "A private message"}


def site_labels(policy: Policy) -> list[Label]:
    """The labels, those to act on at once ("Now, ...") first, then by id."""
    labels = load_labels(Path(policy.folder))
    return sorted(labels.values(), key=lambda label: (not label.when.startswith("Now"), label.id))


def inbox_labels_table(policy: Policy, page: str) -> str:
    """One row per label: its id (linked to its section below), what to do, and by when."""
    rows = [
        (f"[`{label.id}`](#{label.id})", markdown_text(label.action), markdown_text(one_line(label.when)))
        for label in site_labels(policy)
    ]
    return table(("Label", "What to do", "By when"), rows)


def inbox_labels(policy: Policy, page: str) -> str:
    """A section per label: what it means, what to do and by when, why, its clause, and its examples."""
    return markdown_blocks(*(_label_section(policy, label, page) for label in site_labels(policy)))


def _label_section(policy: Policy, label: Label, page: str) -> str:
    if label.clause not in policy.clauses:
        raise SiteError(f"label '{label.id}' names clause '{label.clause}', which the policy does not hold")
    link = relative(page, f"{POLICY_PAGE}#{label.clause}")
    todo = markdown_text(label.action)
    if label.action_otherwise:
        todo += f"; otherwise, {markdown_text(label.action_otherwise)}"
    parts = [
        heading(3, label.id, label.id),
        markdown_text(one_line(label.summary)),
        f"**What to do:** {todo}.  \n**By when:** {markdown_text(one_line(label.when))}.",
        f"**Why:** {markdown_text(one_line(label.why))}",
        f"From the policy: [{markdown_text(clause_location(policy, label.clause))}]({link}).",
    ]
    if label.clause_note:
        parts.append(f"*About this clause:* {markdown_text(one_line(label.clause_note))}")
    if label.house_rule_breach:
        parts.append("A breach of the house rules: a repeat breacher's messages add the action **block**.")
    parts.append("Messages that get this label:\n\n" + _examples(label.failing))
    parts.append("Messages that do not:\n\n" + _examples(label.passing))
    return markdown_blocks(*parts)


def _examples(examples: tuple[LabelExample, ...]) -> str:
    return "\n".join(f"- {markdown_text(example.description)}: {_messages(example)}" for example in examples)


def _messages(example: LabelExample) -> str:
    shown = [_message(row) for row in (*example.earlier, example.message, *example.later)]
    return shown[0] if len(shown) == 1 else "; then ".join(shown)


def _message(row: dict[str, str]) -> str:
    kind = row.get("kind", "comment")
    where = f" under a {row['post_type']} post" if kind == "comment" and row.get("post_type") else ""
    who = row.get("author_name") or row.get("author", "")
    sender = f" from {markdown_text(who)}" if who else ""
    return f"{KIND_WORDS[kind]}{where}{sender}: “{markdown_text(row['text'])}”"
