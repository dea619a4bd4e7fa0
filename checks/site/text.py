"""The policy's own words on the site: the full policy, parts of it for readers' pages, and the review banner.

Policy text is written as raw HTML blocks inside the Markdown, so that each
clause can carry its id as an HTML anchor (ids hold dots, which Markdown's
attribute lists would read as classes). Links to other pages are written as
Markdown links, relative to the page they stand on, so that MkDocs checks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from checks.policy.loader import LINK_REFERENCE
from checks.policy.model import (
    Channel,
    ChannelRef,
    Clause,
    ContentItem,
    Policy,
    Section,
    Subsection,
    walk_clauses,
    walk_content,
)
from checks.site.environment import POLICY_PAGE, rule_src
from checks.site.markup import SiteError, escape, heading, long_date, mailto, markdown_blocks, markdown_text, relative

# An address starts where a run of its characters does: this keeps the scan linear on any text.
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def is_overdue(policy: Policy, on: date) -> bool:
    """Whether the policy's review date has passed on the given day (the due date itself is not overdue)."""
    return on > date.fromisoformat(policy.meta.review_due)


def review_banner(policy: Policy, on: date) -> str:
    """The banner on every page: version and next review date, or plainly that the review is overdue.

    Both messages are in the HTML; the build shows the one that is true on ``on``,
    and ``assets/site.js`` shows the one that is true on the reader's day, from
    ``data-review-due``, so an old build still says when it has become overdue.
    """
    meta = policy.meta
    due = long_date(meta.review_due)
    overdue = is_overdue(policy, on)
    contact = mailto(meta.contact)
    current = f"This is version {escape(meta.version)} of the policy. Its next review is due by {due}."
    late = (
        f"<strong>This policy is overdue for review.</strong> It was due to be reviewed by {due}, "
        f"so parts of it may be out of date. To check, email the {escape(meta.owner)} at {contact}."
    )
    return (
        f'<div class="review-state" data-review-due="{escape(meta.review_due)}" '
        f'data-state="{"overdue" if overdue else "current"}">'
        f'<p class="review-state__current"{" hidden" if overdue else ""}>{current}</p>'
        f'<p class="review-state__overdue"{"" if overdue else " hidden"}>{late}</p>'
        "</div>"
    )


def inline_html(policy: Policy, text: str) -> str:
    """One clause's text as HTML: ``[text][link-id]`` links and e-mail addresses become links.

    A link the council has not supplied yet (``url: null``) is plain text, never a dead link.
    """
    out: list[str] = []
    position = 0
    for match in LINK_REFERENCE.finditer(text):
        out.append(_text_html(text[position : match.start()]))
        link = policy.links.get(match[2])
        if link is None:
            raise SiteError(f"link '{match[1]}' refers to link id '{match[2]}', which does not exist")
        shown = escape(match[1])
        out.append(f'<a href="{escape(link.url)}">{shown}</a>' if link.url else shown)
        position = match.end()
    out.append(_text_html(text[position:]))
    return "".join(out)


def _text_html(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in EMAIL.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(mailto(match[0]))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def clause_html(policy: Policy, clause: Clause, *, anchors: bool) -> str:
    """A clause as a paragraph, followed by its items as a list (items nest)."""
    paragraph = f"<p{_id(clause.id, anchors)}>{inline_html(policy, clause.text)}</p>"
    if not clause.items:
        return paragraph
    return paragraph + "\n" + _items_html(policy, clause.items, anchors=anchors)


def _items_html(policy: Policy, items: tuple[ContentItem, ...], *, anchors: bool) -> str:
    entries = []
    for item in items:
        if not isinstance(item, Clause):
            raise SiteError(f"list items must be clauses, not {type(item).__name__}")
        inner = _items_html(policy, item.items, anchors=anchors) if item.items else ""
        entries.append(f"<li{_id(item.id, anchors)}>{inline_html(policy, item.text)}{inner}</li>")
    return "<ul>" + "".join(entries) + "</ul>"


def excerpt_html(policy: Policy, clauses: Iterable[Clause]) -> list[str]:
    """Clauses for a reader's page, each as the full policy shows it: a paragraph, or a list item under
    the words that introduce its list (``Our commitment:``), never a list item standing alone as a bare
    line. Items of one list that come together share one list."""
    parents = _list_parents(policy)
    blocks: list[str] = []
    for parent_id, group in groupby(clauses, key=lambda clause: parents.get(clause.id)):
        items = tuple(group)
        if parent_id is None:
            blocks += [clause_html(policy, clause, anchors=False) for clause in items]
        else:
            lead = f"<p>{inline_html(policy, policy.clauses[parent_id].text)}</p>"
            blocks.append(lead + "\n" + _items_html(policy, items, anchors=False))
    return blocks


def _list_parents(policy: Policy) -> dict[str, str]:
    """The id of each list item of the policy, with the id of the clause whose list holds it."""
    return {
        child.id: item.id
        for section in policy.sections
        for item, _ in walk_content(section.content, policy.channels)
        if isinstance(item, Clause)
        for child in item.items
    }


def _id(clause_id: str, anchors: bool) -> str:
    return f' id="{escape(clause_id)}"' if anchors else ""


def section_heading(section: Section) -> str:
    """``4. Service standards``, or ``Appendix A: Social media house rules``."""
    separator = "." if section.label.isdigit() else ":"
    return f"{section.label}{separator} {section.title}"


@dataclass(frozen=True)
class _Render:
    """How to render policy content: on the full policy page (anchors, rule notes) or on a reader's page."""

    policy: Policy
    page: str
    anchors: bool
    level: int


def _content_markdown(render: _Render, content: tuple[ContentItem, ...]) -> str:
    blocks: list[str] = []
    for item in content:
        if isinstance(item, Clause):
            blocks.append(clause_html(render.policy, item, anchors=render.anchors))
            if render.anchors:
                blocks.append(_rule_note(render, item))
        elif isinstance(item, Subsection):
            anchor = item.id if render.anchors else None
            blocks.append(heading(render.level, item.title, anchor))
            inner = _Render(render.policy, render.page, render.anchors, render.level + 1)
            blocks.append(_content_markdown(inner, item.content))
        else:
            channel = _channel(render.policy, item)
            anchor = f"channel-{channel.id}" if render.anchors else None
            blocks.append(heading(render.level, channel.heading, anchor))
            blocks.append(_content_markdown(render, channel.content))
    return markdown_blocks(*blocks)


def _channel(policy: Policy, ref: ChannelRef) -> Channel:
    try:
        return policy.channels[ref.channel]
    except KeyError:
        raise SiteError(f"no channel '{ref.channel}' in the policy") from None


def _rule_note(render: _Render, clause: Clause) -> str:
    """Under a clause of the full policy: the policy-check rules that enforce it or its items."""
    ids = {clause.id, *(item.id for item in walk_clauses(clause.items))}
    rules = [rule for rule in render.policy.rules.values() if rule.clause in ids]
    if not rules:
        return ""
    links = ", ".join(f"[{rule.id}]({relative(render.page, rule_src(rule.id))})" for rule in rules)
    label = "policy-check rule" if len(rules) == 1 else "policy-check rules"
    return f"Checked by {label} {links}\n{{: .clause-rules }}"


def full_policy(policy: Policy, page: str = POLICY_PAGE) -> str:
    """The whole policy in order: every section, subsection and clause with its id as its anchor."""
    render = _Render(policy, page, anchors=True, level=3)
    contents = "\n".join(
        f"- [{markdown_text(section_heading(section))}](#{section.id}): {markdown_text(section.summary)}"
        for section in policy.sections
    )
    blocks = ["## Contents {#contents}", contents]
    for section in policy.sections:
        blocks.append(heading(2, section_heading(section), section.id))
        blocks.append(_content_markdown(render, section.content))
    return markdown_blocks(*blocks)


def policy_part(policy: Policy, part_id: str, page: str, *, level: int = 3, source: bool = True) -> str:
    """A section, subsection or clause of the policy for a reader's page: its text, without anchors.

    ``level`` is the heading level of any subsection or channel inside it. With
    ``source`` the text is followed by a link to the same place in the full policy.
    """
    part = find_part(policy, part_id)
    content = (part,) if isinstance(part, Clause) else part.content
    body = _content_markdown(_Render(policy, page, anchors=False, level=level), content)
    return markdown_blocks(body, policy_source(policy, part_id, page) if source else "")


def policy_text(policy: Policy, clause_ids: Iterable[str], page: str, *, source: bool = True) -> str:
    """Some clauses of the policy for a reader's page, in the order given, followed by where they come from."""
    ids = list(clause_ids)
    if not ids:
        raise SiteError("policy_text needs at least one clause id")
    clauses = []
    for clause_id in ids:
        part = find_part(policy, clause_id)
        if not isinstance(part, Clause):
            raise SiteError(f"'{clause_id}' is a section or subsection: use policy_part for it")
        clauses.append(part)
    return markdown_blocks(*excerpt_html(policy, clauses), policy_source(policy, ids[0], page) if source else "")


def policy_source(policy: Policy, clause_id: str, page: str) -> str:
    """A line linking to the place of a clause in the full policy."""
    where = clause_location(policy, clause_id)
    link = relative(page, f"{POLICY_PAGE}#{clause_id}")
    return f"Read this in the full policy: [{markdown_text(where)}]({link}).\n{{: .policy-source }}"


def find_part(policy: Policy, part_id: str) -> Clause | Subsection | Section:
    try:
        return policy.clauses[part_id]
    except KeyError:
        raise SiteError(f"no section, subsection or clause '{part_id}' in the policy") from None


def clause_location(policy: Policy, clause_id: str) -> str:
    """Where a clause stands, in words: ``section 4, Service standards: Freedom of Information requests``."""
    for section in policy.sections:
        where = _trail(policy, section, clause_id)
        if section.id == clause_id or where is not None:
            label = section.label if not section.label.isdigit() else f"section {section.label}"
            return ": ".join([f"{label}, {section.title}", *(where or ())])
    raise SiteError(f"no section, subsection or clause '{clause_id}' in the policy")


def _trail(policy: Policy, section: Section, clause_id: str) -> tuple[str, ...] | None:
    """The subsection titles and channel headings a clause stands in, down to a subsection itself; None if absent."""
    for item, trail in walk_content(section.content, policy.channels):
        if item.id == clause_id:
            return (*trail, item.title) if isinstance(item, Subsection) else trail
    return None


def policy_summary(policy: Policy, page: str) -> str:
    """The sections of the policy with their one-line summaries, each linked to its place in the full policy."""
    return markdown_blocks(
        "\n".join(
            f"- [{markdown_text(section_heading(section))}]({relative(page, f'{POLICY_PAGE}#{section.id}')}): "
            f"{markdown_text(section.summary)}"
            for section in policy.sections
        )
    )
