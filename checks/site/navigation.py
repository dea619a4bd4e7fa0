"""The site's navigation as page content: the pages of a section, listed from the nav of mkdocs.yml.

An index page that lists its section's pages by hand drifts from the menu when a
page is added to one and not the other. ``section_pages`` reads the one list, the
nav MkDocs builds the menu from, so a page added to the nav is listed at once.
"""

from __future__ import annotations

from typing import Any

from checks.site.markup import SiteError, markdown_text, relative


def section_pages(nav: list[Any], page: str) -> str:
    """A Markdown list of links to every other page of the nav section that holds ``page`` (its index page),
    each titled as the nav titles it; a section inside it is listed with its own pages under it."""
    section = _section_holding(nav, page)
    if section is None:
        raise SiteError(f"'{page}' is not in a section of the nav in mkdocs.yml, so it has no pages to list")
    lines = _list_lines(section, page, depth=0)
    if not lines:
        raise SiteError(f"the nav section of '{page}' has no other pages to list")
    return "\n\n" + "\n".join(lines) + "\n\n"


def nav_title(entries: list[Any], docs_page: str) -> str | None:
    """The title the nav gives a page of the docs, searched depth first; None when the nav has no title for it."""
    for entry in entries:
        if isinstance(entry, dict):
            (title, value), *_ = entry.items()
            found = title if value == docs_page else nav_title(value, docs_page) if isinstance(value, list) else None
            if found:
                return str(found)
    return None


def _section_holding(entries: list[Any], page: str) -> list[Any] | None:
    """The list of nav entries that has ``page`` as one of its own entries, searched depth first."""
    if any(_target(entry) == page for entry in entries):
        return entries
    for entry in entries:
        if isinstance(entry, dict):
            (value,) = entry.values()
            found = _section_holding(value, page) if isinstance(value, list) else None
            if found is not None:
                return found
    return None


def _target(entry: Any) -> Any:
    """What a nav entry points at: a page's path or an address (``str``), or a section's entries (``list``)."""
    if isinstance(entry, dict):
        (value,) = entry.values()
        return value
    return entry


def _list_lines(entries: list[Any], page: str, depth: int) -> list[str]:
    indent = "    " * depth
    lines = []
    for entry in entries:
        target = _target(entry)
        if target == page:
            continue
        if not isinstance(entry, dict):
            if depth and entry is entries[0]:
                continue  # a nested section's index page: its title links to it
            raise SiteError(f"the nav entry '{entry}' has no title: write it in mkdocs.yml as 'Title: {entry}'")
        (title,) = entry.keys()
        if isinstance(target, list):
            index = target[0] if target and isinstance(target[0], str) else None
            shown = f"[{markdown_text(str(title))}]({_link(page, index)})" if index else markdown_text(str(title))
            lines.append(f"{indent}- {shown}")
            lines += _list_lines(target, page, depth + 1)
        else:
            lines.append(f"{indent}- [{markdown_text(str(title))}]({_link(page, str(target))})")
    return lines


def _link(page: str, target: str) -> str:
    """A page of the docs as a link relative to ``page``; an address as it is."""
    return target if "://" in target else relative(page, target)
