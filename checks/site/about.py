"""The "About this policy" pages: facts, revision history, links still to supply, and the machine-readable copies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checks.policy.model import Clause, Link, Policy, walk_content
from checks.policy.schemas import with_id
from checks.site.environment import POLICY_PAGE
from checks.site.markup import SiteError, escape, long_date, markdown_blocks, markdown_text, relative, site_root, table
from checks.site.navigation import nav_title
from checks.site.text import clause_location


def policy_facts(policy: Policy) -> str:
    """The policy's title, owner, contact, version and dates as a table."""
    meta = policy.meta
    rows = [
        ("Title", markdown_text(meta.title)),
        ("Published by", markdown_text(meta.organisation)),
        ("Owned by", markdown_text(meta.owner)),
        ("Contact", f"[{markdown_text(meta.contact)}](mailto:{meta.contact})"),
        ("Version", markdown_text(meta.version)),
        ("In effect from", long_date(meta.effective)),
        ("Next review due by", long_date(meta.review_due)),
    ]
    return table(("About the policy", "Details"), rows)


def revision_history(policy: Policy) -> str:
    rows = [
        (markdown_text(r.version), long_date(r.date), markdown_text(r.summary)) for r in reversed(policy.meta.revisions)
    ]
    return table(("Version", "Date", "What changed"), rows)


def links_to_supply(policy: Policy, page: str, nav: list[Any]) -> str:
    """The links whose address the council has still to give, the policy's and the site's, with where each stands."""
    pending = [link for link in policy.links.values() if link.url is None]
    pending_on_site = [link for link in policy.site_links.values() if link.url is None]
    if not pending and not pending_on_site:
        return markdown_blocks("The council has supplied every link in the policy and on this website.")
    rows = [(link, _places_in_text(policy, link, page)) for link in pending]
    rows += [(link, _page_link(link, page, nav)) for link in pending_on_site]
    cells = [(markdown_text(link.text), markdown_text(link.note), where) for link, where in rows]
    count = len(rows)
    intro = (
        f"The published policy and this website have {count} {'link' if count == 1 else 'links'} whose address "
        "the council has not given yet. Until it does, each shows as plain text, not as a link."
    )
    return markdown_blocks(intro, table(("Link text", "What the council needs to supply", "Where it appears"), cells))


def _places_in_text(policy: Policy, link: Link, page: str) -> str:
    places = [clause.id for clause in _clauses(policy) if f"][{link.id}]" in clause.text]
    where = "; ".join(
        f"[{markdown_text(clause_location(policy, clause_id))}]({relative(page, f'{POLICY_PAGE}#{clause_id}')})"
        for clause_id in places
    )
    return where or "Not used in the text"


def _page_link(link: Link, page: str, nav: list[Any]) -> str:
    """A link to the docs page a site link stands on, named as the site's navigation names it."""
    title = nav_title(nav, link.page)
    if title is None:
        raise SiteError(f"site link '{link.id}' names page '{link.page}', which is not in the nav")
    return f"[{markdown_text(title)}]({relative(page, link.page)})"


def site_link(policy: Policy, link_id: str) -> str:
    """A link of the site's own: an HTML link once the council gives its address, plain text until then."""
    link = policy.site_links.get(link_id)
    if link is None:
        raise SiteError(f"no site link '{link_id}' in policy/policy.yaml")
    return f'<a href="{escape(link.url)}">{escape(link.text)}</a>' if link.url else escape(link.text)


def _clauses(policy: Policy) -> Iterator[Clause]:
    """Every clause of the policy's sections, channels' descriptions included, in document order."""
    for section in policy.sections:
        for item, _ in walk_content(section.content, policy.channels):
            if isinstance(item, Clause):
                yield item


def machine_readable(policy: Policy, page: str) -> str:
    """Links to ``policy.json`` and the JSON Schemas, which ``write_machine_readable`` puts in the build."""
    root = site_root(page)
    schemas = "\n".join(
        f'<li><a href="{root}schemas/{escape(path.name)}"><code>{escape(path.name)}</code></a>: '
        f"{escape(_schema_title(path))}</li>"
        for path in schema_files(policy)
    )
    return markdown_blocks(
        f'<p>The whole policy as data: <a href="{root}policy.json"><code>policy.json</code></a> '
        f"(version {escape(policy.meta.version)}). It holds every file of the policy, including the rules.</p>",
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
    base = f"{policy.meta.site_url.rstrip('/')}/schemas/"
    schema = with_id(json.loads(source.read_text(encoding="utf-8")), source.name, base)
    target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
