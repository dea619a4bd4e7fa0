"""Rendering for the public website: every function takes the loaded policy and returns Markdown or HTML.

The macros module (``checks/macros.py``) and the MkDocs hooks (``checks/site_hooks.py``)
only call these functions, so the site's wording of the policy always comes from
``policy/*.yaml`` and a missing id is an error that fails the build.

Policy text is written as raw HTML blocks inside the Markdown, so that each
clause can carry its id as an HTML anchor (ids hold dots, which Markdown's
attribute lists would read as classes). Links to other pages are written as
Markdown links, relative to the page they stand on, so that MkDocs checks them.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from checks.policy.loader import LINK_REFERENCE, load_policy
from checks.policy.model import Channel, ChannelRef, Clause, ContentItem, Example, Policy, Rule, Section, Subsection

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE_REPO = PROJECT / "examples" / "content-repo"  # its files are shown whole on the content repo page
ACTION = PROJECT / "action.yml"
# Where the pages of the site live, by source path in docs/ (MkDocs' src_uri).
POLICY_PAGE = "policy.md"
RULES_INDEX = "rules/index.md"
# Set to an ISO date to build the site as if it were that day (tests use it for the overdue state).
TODAY_VARIABLE = "HART_POLICY_TODAY"
# Set to a folder to build the site from that copy of the policy instead of ``policy/``.
POLICY_DIR_VARIABLE = "HART_POLICY_DIR"

# An address starts where a run of its characters does: this keeps the scan linear on any text.
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]>#!])")
# Text inside inline HTML, escaped in one pass: HTML's own characters, and the characters
# Markdown reads as syntax as numeric character references.
INLINE_CODE_REFERENCES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    | {char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!|~:"}
)
# C0 controls other than tab and line feed, and DEL: shown as Unicode control pictures in examples.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SiteError(Exception):
    """A page asked for something the policy does not hold; the build must stop."""


def load_site_policy() -> Policy:
    """The policy the site is built from: ``policy/``, or the folder ``HART_POLICY_DIR`` names.

    Loaded once per build (``load_policy`` caches by folder); a broken file raises ``DataError``.
    """
    given = os.environ.get(POLICY_DIR_VARIABLE, "").strip()
    return load_policy(Path(given).resolve() if given else None)


def macro_error(error: Exception, page: str) -> str:
    """A failed macro call as one line: the page, the line of the call in its Markdown, and the problem.

    Jinja puts the template's own line numbers into the traceback as frames named
    ``<template>``; the innermost one is the call that failed.
    """
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    where = f"{page}, line {lines[-1]}" if lines else page
    return f"{where}: {error}"


# -- dates and the review state ------------------------------------------------


def today() -> date:
    """The build's date: today, unless ``HART_POLICY_TODAY`` gives another (for tests)."""
    given = os.environ.get(TODAY_VARIABLE, "").strip()
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise SiteError(f"{TODAY_VARIABLE} is '{given}', not an ISO date (YYYY-MM-DD)") from None


def long_date(value: str | date) -> str:
    """A date as GOV.UK writes it: 31 March 2027."""
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


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
    contact = _mailto(meta.contact)
    current = f"This is version {_e(meta.version)} of the policy. Its next review is due by {due}."
    late = (
        f"<strong>This policy is overdue for review.</strong> It was due to be reviewed by {due}, "
        f"so parts of it may be out of date. To check, email the {_e(meta.owner)} at {contact}."
    )
    return (
        f'<div class="review-state" data-review-due="{_e(meta.review_due)}" '
        f'data-state="{"overdue" if overdue else "current"}">'
        f'<p class="review-state__current"{" hidden" if overdue else ""}>{current}</p>'
        f'<p class="review-state__overdue"{"" if overdue else " hidden"}>{late}</p>'
        "</div>"
    )


# -- policy text ---------------------------------------------------------------


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
        shown = _e(match[1])
        out.append(f'<a href="{_e(link.url)}">{shown}</a>' if link.url else shown)
        position = match.end()
    out.append(_text_html(text[position:]))
    return "".join(out)


def _text_html(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in EMAIL.finditer(text):
        out.append(_e(text[position : match.start()]))
        out.append(_mailto(match[0]))
        position = match.end()
    out.append(_e(text[position:]))
    return "".join(out)


def _mailto(address: str) -> str:
    return f'<a href="mailto:{_e(address)}">{_e(address)}</a>'


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _md(text: str) -> str:
    """Plain text made safe to stand in Markdown: a heading, a link's text or a table cell."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def _block(*parts: str) -> str:
    """Markdown blocks separated by blank lines, with blank lines around the whole."""
    return "\n\n" + "\n\n".join(part.strip("\n") for part in parts if part.strip()) + "\n\n"


def _clause_html(policy: Policy, clause: Clause, *, anchors: bool) -> str:
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


def _id(clause_id: str, anchors: bool) -> str:
    return f' id="{_e(clause_id)}"' if anchors else ""


def _heading(level: int, text: str, anchor: str | None = None) -> str:
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {_md(text)}{suffix}"


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
            blocks.append(_clause_html(render.policy, item, anchors=render.anchors))
            if render.anchors:
                blocks.append(_rule_note(render, item))
        elif isinstance(item, Subsection):
            anchor = item.id if render.anchors else None
            blocks.append(_heading(render.level, item.title, anchor))
            inner = _Render(render.policy, render.page, render.anchors, render.level + 1)
            blocks.append(_content_markdown(inner, item.content))
        else:
            channel = _channel(render.policy, item)
            anchor = f"channel-{channel.id}" if render.anchors else None
            blocks.append(_heading(render.level, channel.heading, anchor))
            blocks.append(_content_markdown(render, channel.content))
    return _block(*blocks)


def _channel(policy: Policy, ref: ChannelRef) -> Channel:
    try:
        return policy.channels[ref.channel]
    except KeyError:
        raise SiteError(f"no channel '{ref.channel}' in the policy") from None


def _rule_note(render: _Render, clause: Clause) -> str:
    """Under a clause of the full policy: the policy-check rules that enforce it or its items."""
    ids = {clause.id, *(item.id for item in _walk(clause.items))}
    rules = [rule for rule in render.policy.rules.values() if rule.clause in ids]
    if not rules:
        return ""
    links = ", ".join(f"[{rule.id}]({_relative(render.page, rule_src(rule.id))})" for rule in rules)
    label = "policy-check rule" if len(rules) == 1 else "policy-check rules"
    return f"Checked by {label} {links}\n{{: .clause-rules }}"


def _walk(items: tuple[ContentItem, ...]) -> Iterator[Clause]:
    for item in items:
        if isinstance(item, Clause):
            yield item
            yield from _walk(item.items)


def _relative(page: str, target: str) -> str:
    """A link from one docs page to another (both as paths in docs/), keeping any #anchor."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return f"{link}#{anchor}" if anchor else link


def _site_root(page: str) -> str:
    """The relative URL from a page to the site's root, with directory URLs (``about/index.md`` → ``../``)."""
    folder = posixpath.dirname(page)
    stem = posixpath.splitext(posixpath.basename(page))[0]
    depth = (len(folder.split("/")) if folder else 0) + (0 if stem in ("index", "README") else 1)
    return "../" * depth if depth else "./"


def full_policy(policy: Policy, page: str = POLICY_PAGE) -> str:
    """The whole policy in order: every section, subsection and clause with its id as its anchor."""
    render = _Render(policy, page, anchors=True, level=3)
    contents = "\n".join(
        f"- [{_md(section_heading(section))}](#{section.id}): {_md(section.summary)}" for section in policy.sections
    )
    blocks = ["## Contents {#contents}", contents]
    for section in policy.sections:
        blocks.append(_heading(2, section_heading(section), section.id))
        blocks.append(_content_markdown(render, section.content))
    return _block(*blocks)


def policy_part(policy: Policy, part_id: str, page: str, *, level: int = 3, source: bool = True) -> str:
    """A section, subsection or clause of the policy for a reader's page: its text, without anchors.

    ``level`` is the heading level of any subsection or channel inside it. With
    ``source`` the text is followed by a link to the same place in the full policy.
    """
    part = _part(policy, part_id)
    content = (part,) if isinstance(part, Clause) else part.content
    body = _content_markdown(_Render(policy, page, anchors=False, level=level), content)
    return _block(body, policy_source(policy, part_id, page) if source else "")


def policy_text(policy: Policy, clause_ids: Iterable[str], page: str, *, source: bool = True) -> str:
    """Some clauses of the policy for a reader's page, in the order given, followed by where they come from."""
    ids = list(clause_ids)
    if not ids:
        raise SiteError("policy_text needs at least one clause id")
    clauses = []
    for clause_id in ids:
        part = _part(policy, clause_id)
        if not isinstance(part, Clause):
            raise SiteError(f"'{clause_id}' is a section or subsection: use policy_part for it")
        clauses.append(_clause_html(policy, part, anchors=False))
    return _block(*clauses, policy_source(policy, ids[0], page) if source else "")


def policy_source(policy: Policy, clause_id: str, page: str) -> str:
    """A line linking to the place of a clause in the full policy."""
    where = clause_location(policy, clause_id)
    link = _relative(page, f"{POLICY_PAGE}#{clause_id}")
    return f"Read this in the full policy: [{_md(where)}]({link}).\n{{: .policy-source }}"


def _part(policy: Policy, part_id: str) -> Clause | Subsection | Section:
    try:
        return policy.clauses[part_id]
    except KeyError:
        raise SiteError(f"no section, subsection or clause '{part_id}' in the policy") from None


def clause_location(policy: Policy, clause_id: str) -> str:
    """Where a clause stands, in words: ``section 4, Service standards: Freedom of Information requests``."""
    for section in policy.sections:
        where = _find(policy, section.content, clause_id, [])
        if section.id == clause_id or where is not None:
            label = section.label if not section.label.isdigit() else f"section {section.label}"
            return ": ".join([f"{label}, {section.title}", *(where or [])])
    raise SiteError(f"no section, subsection or clause '{clause_id}' in the policy")


def _find(policy: Policy, content: tuple[ContentItem, ...], clause_id: str, trail: list[str]) -> list[str] | None:
    for item in content:
        if isinstance(item, Clause):
            if item.id == clause_id or any(inner.id == clause_id for inner in _walk(item.items)):
                return trail
        elif isinstance(item, Subsection):
            if item.id == clause_id:
                return [*trail, item.title]
            found = _find(policy, item.content, clause_id, [*trail, item.title])
            if found is not None:
                return found
        else:
            channel = _channel(policy, item)
            found = _find(policy, channel.content, clause_id, [*trail, channel.heading])
            if found is not None:
                return found
    return None


def policy_summary(policy: Policy, page: str) -> str:
    """The sections of the policy with their one-line summaries, each linked to its place in the full policy."""
    return _block(
        "\n".join(
            f"- [{_md(section_heading(section))}]({_relative(page, f'{POLICY_PAGE}#{section.id}')}): "
            f"{_md(section.summary)}"
            for section in policy.sections
        )
    )


# -- about this policy -----------------------------------------------------------


def policy_facts(policy: Policy) -> str:
    """The policy's title, owner, contact, version and dates as a table."""
    meta = policy.meta
    rows = [
        ("Title", _md(meta.title)),
        ("Published by", _md(meta.organisation)),
        ("Owned by", _md(meta.owner)),
        ("Contact", f"[{_md(meta.contact)}](mailto:{meta.contact})"),
        ("Version", _md(meta.version)),
        ("In effect from", long_date(meta.effective)),
        ("Next review due by", long_date(meta.review_due)),
    ]
    return _table(("About the policy", "Details"), rows)


def revision_history(policy: Policy) -> str:
    rows = [(_md(r.version), long_date(r.date), _md(r.summary)) for r in reversed(policy.meta.revisions)]
    return _table(("Version", "Date", "What changed"), rows)


def links_to_supply(policy: Policy, page: str) -> str:
    """The policy's links whose address the council has still to give, with where each one stands."""
    pending = [link for link in policy.links.values() if link.url is None]
    if not pending:
        return _block("The council has supplied every link in the policy.")
    rows = []
    for link in pending:
        places = [clause_id for clause_id, text in _clause_texts(policy) if f"][{link.id}]" in text]
        where = "; ".join(
            f"[{_md(clause_location(policy, clause_id))}]({_relative(page, f'{POLICY_PAGE}#{clause_id}')})"
            for clause_id in places
        )
        rows.append((_md(link.text), _md(link.note), where or "Not used in the text"))
    count = len(pending)
    intro = (
        f"The published policy has {count} {'link' if count == 1 else 'links'} whose address the council "
        "has not given yet. Until it does, each shows as plain text, not as a link."
    )
    return _block(intro, _table(("Link text", "What the council needs to supply", "Where it appears"), rows))


def _clause_texts(policy: Policy) -> Iterator[tuple[str, str]]:
    for section in policy.sections:
        yield from _texts(policy, section.content)


def _texts(policy: Policy, content: tuple[ContentItem, ...]) -> Iterator[tuple[str, str]]:
    for item in content:
        if isinstance(item, Clause):
            yield item.id, item.text
            yield from _texts(policy, item.items)
        elif isinstance(item, Subsection):
            yield from _texts(policy, item.content)
        else:
            yield from _texts(policy, _channel(policy, item).content)


def machine_readable(policy: Policy, page: str) -> str:
    """Links to ``policy.json`` and the JSON Schemas, which ``write_machine_readable`` puts in the build."""
    root = _site_root(page)
    schemas = "\n".join(
        f'<li><a href="{root}schemas/{_e(path.name)}"><code>{_e(path.name)}</code></a>: {_e(_schema_title(path))}</li>'
        for path in schema_files(policy)
    )
    return _block(
        f'<p>The whole policy as data: <a href="{root}policy.json"><code>policy.json</code></a> '
        f"(version {_e(policy.meta.version)}). It holds every file of the policy, including the rules.</p>",
        f"<p>The JSON Schemas that check each file:</p>\n<ul>{schemas}</ul>",
    )


def _schema_title(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    title = data.get("title")
    if not isinstance(title, str):
        raise SiteError(f"{path.name} has no title")
    return title


def schema_files(policy: Policy) -> list[Path]:
    files = sorted(policy.schema_dir.glob("*.json"))
    if not files:
        raise SiteError(f"no JSON Schemas in {policy.schema_dir}")
    return files


def policy_data(policy: Policy) -> dict[str, Any]:
    """What ``policy.json`` holds: the policy's metadata and every policy file's data as loaded."""
    meta = policy.meta
    return {
        "id": meta.id,
        "title": meta.title,
        "organisation": meta.organisation,
        "version": meta.version,
        "effective": meta.effective,
        "review_due": meta.review_due,
        "site_url": meta.site_url,
        "schemas": {path.name: f"{meta.site_url.rstrip('/')}/schemas/{path.name}" for path in schema_files(policy)},
        "files": policy.raw,
    }


def write_machine_readable(policy: Policy, site_dir: str | Path) -> list[Path]:
    """Write ``policy.json`` and ``schemas/*.json`` into the built site; returns the files written."""
    site = Path(site_dir)
    target = site / "policy.json"
    target.write_text(json.dumps(policy_data(policy), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written = [target]
    schema_dir = site / "schemas"
    schema_dir.mkdir(parents=True, exist_ok=True)
    for path in schema_files(policy):
        written.append(published_schema(policy, path, schema_dir / path.name))
    return written


def published_schema(policy: Policy, source: Path, target: Path) -> Path:
    """Write the schema as the site publishes it: with its absolute, stable ``$id`` under the site's ``schemas/``.

    On disk the schemas have no ``$id`` and relative ``$ref``s, so they resolve offline;
    the published copy's relative ``$ref``s resolve against its ``$id`` to the published siblings.
    """
    from checks.policy.schemas import with_id

    base = f"{policy.meta.site_url.rstrip('/')}/schemas/"
    schema = with_id(json.loads(source.read_text(encoding="utf-8")), source.name, base)
    target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


# -- staff: how to get a post through policy-check ---------------------------------


def rule_counts(policy: Policy) -> str:
    """A sentence: how many rules there are, and how many are errors and warnings."""
    rules = list(policy.rules.values())
    errors = sum(rule.severity == "error" for rule in rules)
    warnings = len(rules) - errors
    return (
        f"There are {len(rules)} rules: {errors} {'error' if errors == 1 else 'errors'} "
        f"and {warnings} {'warning' if warnings == 1 else 'warnings'}."
    )


def schema_fields(policy: Policy, schema: str, definition: str | None = None) -> str:
    """A table of the keys a JSON Schema allows, with whether each is required and what it means."""
    path = policy.schema_dir / f"{schema}.schema.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise SiteError(f"no JSON Schema '{schema}' in {policy.schema_dir}") from None
    if definition is not None:
        try:
            data = data["$defs"][definition]
        except KeyError:
            raise SiteError(f"schema '{schema}' has no definition '{definition}'") from None
    required = set(data.get("required", []))
    rows = []
    for key, spec in data["properties"].items():
        description = spec.get("description")
        if not description:
            raise SiteError(f"schema '{schema}' gives no description for '{key}'")
        allowed = ", ".join(f"`{value}`" for value in spec["enum"]) if "enum" in spec else ""
        meaning = _md(description) + (f" One of: {allowed}." if allowed else "")
        rows.append((f"`{key}`", "yes" if key in required else "no", meaning))
    return _table(("Key", "Required", "What it means"), rows)


def example_post(policy: Policy, rule_id: str, outcome: str = "pass", number: int = 0) -> str:
    """One of a rule's example posts as a code block, so that a page can show a post that is known to pass."""
    rule = _rule(policy, rule_id)
    examples = rule.passing if outcome == "pass" else rule.failing
    if not 0 <= number < len(examples):
        raise SiteError(f"rule '{rule_id}' has no {outcome} example {number}")
    return _block(_code_block(examples[number].post, "markdown"))


def example_findings(policy: Policy, rule_id: str, number: int = 0) -> str:
    """The findings policy-check gives for one of a rule's failing examples, in the JSON shape."""
    rule = _rule(policy, rule_id)
    if not 0 <= number < len(rule.failing):
        raise SiteError(f"rule '{rule_id}' has no failing example {number}")
    example = rule.failing[number]
    findings = _findings(policy, rule, example, path=f"posts/{rule_id}-example.md")
    return _block(_code_block(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2), "json"))


# -- the rules catalogue and one page per rule ------------------------------------


def categories(policy: Policy) -> list[str]:
    """Rule categories in the order the rule schema lists them."""
    schema = json.loads((policy.schema_dir / "rule.schema.json").read_text(encoding="utf-8"))
    order: list[str] = schema["properties"]["category"]["enum"]
    used = {rule.category for rule in policy.rules.values()}
    return [category for category in order if category in used]


def category_title(category: str) -> str:
    """A category id as a heading: ``pre-election`` → ``Pre-election``."""
    return category.capitalize()


def rule_src(rule_id: str) -> str:
    """The docs path of a rule's page; with directory URLs it is served at ``/rules/<id>/``."""
    return f"rules/{rule_id}.md"


def rules_catalogue(policy: Policy, page: str = RULES_INDEX) -> str:
    """Every rule, grouped by category: id (linked to its page), severity and what it flags."""
    blocks = []
    for category in categories(policy):
        rules = [rule for rule in policy.rules.values() if rule.category == category]
        blocks.append(_heading(2, category_title(category), category))
        rows = [
            (f"[{rule.id}]({_relative(page, rule_src(rule.id))})", rule.severity, _one_line(rule.summary))
            for rule in rules
        ]
        blocks.append(_table(("Rule", "Severity", "What it flags"), rows))
    return _block(*blocks)


def rules_nav(policy: Policy) -> list[dict[str, list[dict[str, str]]]]:
    """Navigation entries for the rule pages, one group per category."""
    return [
        {
            category_title(category): [
                {rule.id: rule_src(rule.id)} for rule in policy.rules.values() if rule.category == category
            ]
        }
        for category in categories(policy)
    ]


def nav_with_rules(nav: list[Any], policy: Policy) -> list[Any]:
    """The site's nav with the rule pages added after the rules index, wherever that stands."""
    found = False

    def visit(entries: list[Any]) -> list[Any]:
        nonlocal found
        out: list[Any] = []
        for entry in entries:
            if isinstance(entry, dict):
                (title, value), *_ = entry.items()
                if isinstance(value, list):
                    children = visit(value)
                    if any(_is_rules_index(child) for child in value):
                        found = True
                        children = [*children, *rules_nav(policy)]
                    out.append({title: children})
                    continue
            out.append(entry)
        return out

    result = visit(nav)
    if not found:
        raise SiteError(f"the nav has no section holding {RULES_INDEX}, so the rule pages have nowhere to go")
    return result


def _is_rules_index(entry: Any) -> bool:
    if isinstance(entry, str):
        return entry == RULES_INDEX
    return isinstance(entry, dict) and RULES_INDEX in entry.values()


def rule_pages(policy: Policy) -> dict[str, str]:
    """Every rule's page as Markdown, by docs path. Macros are off on them: they are already rendered."""
    return {
        rule_src(rule.id): f"---\nrender_macros: false\n---\n{rule_page(policy, rule.id)}"
        for rule in policy.rules.values()
    }


def rule_page(policy: Policy, rule_id: str, page: str | None = None) -> str:
    """One rule's page, in fixed sections like ruff's: what it flags, why, the clause, the fix, parameters, examples."""
    rule = _rule(policy, rule_id)
    page = page or rule_src(rule.id)
    clause = _part(policy, rule.clause)
    clause_link = _relative(page, f"{POLICY_PAGE}#{rule.clause}")
    severity = (
        "error (a finding fails the check)"
        if rule.severity == "error"
        else "warning (a finding does not fail the check)"
    )
    facts = "\n".join(
        [
            f"- Category: [{category_title(rule.category)}]({_relative(page, RULES_INDEX)}#{rule.category})",
            f"- Severity: {severity}",
            f"- Kind of check: `{rule.kind}`",
            f"- Defined in: `policy/{rule.source}`",
        ]
    )
    quoted = _clause_html(policy, clause, anchors=False) if isinstance(clause, Clause) else f"<p>{_e(clause.title)}</p>"
    return _block(
        f"# {rule.id}",
        facts,
        "## What it flags",
        rule.summary,
        "## Why it matters",
        rule.why,
        "## The policy clause it enforces",
        f"<blockquote>\n{quoted}\n</blockquote>",
        f"From the policy: [{_md(clause_location(policy, rule.clause))}]({clause_link}).",
        "## How to fix it",
        rule.how_to_fix,
        "## The message it gives",
        f"{_inline_code(rule.message)}, with the parts in braces filled in from the post.",
        "## Parameters",
        _parameters(policy, rule),
        "## Examples",
        _examples(policy, rule),
    )


def _rule(policy: Policy, rule_id: str) -> Rule:
    try:
        return policy.rules[rule_id]
    except KeyError:
        raise SiteError(f"no rule '{rule_id}' in policy/rules") from None


def _parameters(policy: Policy, rule: Rule) -> str:
    from checks.lint.kinds import KINDS

    defaults: dict[str, Any] = dict(getattr(KINDS[rule.kind], "PARAMETERS", {}))
    names = [*defaults, *(name for name in rule.parameters if name not in defaults)]
    if not names:
        return f"This rule has no parameters: the kind of check `{rule.kind}` takes none."
    rows = []
    for name in names:
        value = rule.parameters.get(name, defaults.get(name))
        shown = _inline_code(_value(value))
        if name.endswith("list") and isinstance(value, str) and value in policy.lists:
            word_list = policy.lists[value]
            shown += f": {_md(_one_line(word_list.description))} ({len(word_list.entries)} entries, in `policy.json`)"
        where = "set by this rule" if name in rule.parameters else "default"
        rows.append((f"`{name}`", shown, where))
    return _table(("Parameter", "Value", "From"), rows)


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _examples(policy: Policy, rule: Rule) -> str:
    blocks = [
        "policy-check runs these examples as tests, so they always behave as shown.",
        "### Posts it passes",
    ]
    for number, example in enumerate(rule.passing, start=1):
        blocks += _example(example, number, "Passing example")
    blocks.append("### Posts it fails")
    for number, example in enumerate(rule.failing, start=1):
        blocks += _example(example, number, "Failing example")
        findings = _findings(policy, rule, example, path="post.md")
        lines = "\n".join(f"- Line {f.line}, column {f.column}: {_md(f.message)}" for f in findings)
        blocks.append(f"policy-check reports:\n\n{lines}" if lines else "")
    return _block(*blocks)


def _example(example: Example, number: int, label: str) -> list[str]:
    title = f"{label} {number}" + (f": {example.description}" if example.description else "")
    blocks = [f"**{_md(title)}**"]
    if example.settings:
        settings = yaml.safe_dump(example.settings, sort_keys=False, allow_unicode=True)
        blocks += ["With these settings in `.policy-check.yaml`:", _code_block(settings, "yaml")]
    if CONTROL.search(example.post):
        blocks.append("Control characters in the post, such as NUL bytes, are shown as symbols (␀).")
    blocks.append(_code_block(show_controls(example.post), "markdown"))
    return blocks


def show_controls(text: str) -> str:
    """Control characters as their Unicode control pictures (NUL as ␀), so they show in a code block."""
    return CONTROL.sub(lambda m: chr(0x2421) if m[0] == "\x7f" else chr(0x2400 + ord(m[0])), text)


# One engine per distinct example settings, built on first use: compiling the rules takes a moment.
_ENGINES: dict[tuple[int, str], Any] = {}


def _findings(policy: Policy, rule: Rule, example: Example, path: str) -> list[Any]:
    from checks.lint.engine import Engine
    from checks.lint.settings import settings_from_data

    key = (id(policy), json.dumps(example.settings, sort_keys=True, default=str))
    if key not in _ENGINES:
        _ENGINES[key] = Engine(policy, settings_from_data(example.settings, policy))
    findings = _ENGINES[key].check_text(example.post, path)
    return [finding for finding in findings if finding.rule == rule.id]


# -- small Markdown helpers ------------------------------------------------------


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"

    lines = [row(header), "| " + " | ".join("---" for _ in header) + " |", *(row(cells) for cells in rows)]
    return _block("\n".join(lines))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _inline_code(text: str) -> str:
    """Text from the data as inline code, written as HTML: a Markdown code span holding ``<![`` breaks MkDocs.

    Markdown still reads the text inside an inline HTML tag, so its special characters
    are written as character references: a regular expression such as ``[a-z](?:x)``
    must not become a link.
    """
    return f"<code>{text.translate(INLINE_CODE_REFERENCES)}</code>"


def _code_block(text: str, language: str) -> str:
    """Text from the data as a code block, written as HTML so that no character of it is read as Markdown."""
    return f'<pre><code class="language-{language}">{_e(text.rstrip(chr(10)))}</code></pre>'


def example_file(relative: str) -> str:
    """A file of ``examples/content-repo``, shown whole, so the page's copy-paste set-up is the tested one."""
    path = EXAMPLE_REPO / relative
    if not path.is_file():
        raise SiteError(f"examples/content-repo/{relative} does not exist")
    language = "yaml" if path.suffix in {".yml", ".yaml"} else "text"
    return _code_block(path.read_text(encoding="utf-8"), language)


def action_inputs() -> str:
    """The GitHub Action's inputs, read from ``action.yml``: name, default and description."""
    inputs = yaml.safe_load(ACTION.read_text(encoding="utf-8"))["inputs"]
    rows = (
        (
            _inline_code(name),
            _inline_code(str(spec["default"])) if spec.get("default") else "(empty)",
            _one_line(spec["description"]),
        )
        for name, spec in inputs.items()
    )
    return _table(("Input", "Default", "What it does"), rows)
