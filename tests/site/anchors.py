"""Every link to an anchor in a built site must land on an element with that id: read from the files, no server.

linkchecker's AnchorCheck plugin is not used for this: once it has fetched a page it
skips later links to anchors on that page, so what it finds depends on the order its
threads run in. This reads every page once, in a fixed order, and checks every link.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# A link is resolved as if the site were served at the root of this host.
SITE = "site.invalid"


class _PageParser(HTMLParser):
    """The ids a page holds (``id`` on any element, ``name`` on ``<a>``) and every ``href`` on it, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name == "href":
                self.hrefs.append(value)

    handle_startendtag = handle_starttag


@dataclass(frozen=True)
class Page:
    ids: frozenset[str]
    hrefs: tuple[str, ...]


def read_page(file: Path) -> Page:
    parser = _PageParser()
    parser.feed(file.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return Page(frozenset(parser.ids), tuple(parser.hrefs))


@dataclass
class AnchorReport:
    """What checking a site's anchors found: how many links to an anchor, how many resolved, and each problem."""

    pages: int = 0
    checked: int = 0
    resolved: int = 0
    anchors: set[str] = field(default_factory=set)  # "page#id" for every distinct anchor some link reached
    problems: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, int]:
        return {
            "pages": self.pages,
            "links_to_anchors": self.checked,
            "resolved": self.resolved,
            "distinct_anchors": len(self.anchors),
            "problems": len(self.problems),
        }


def _page_url(site_dir: Path, file: Path) -> str:
    """The URL path a file is served at: ``/``, ``/rules/all-caps/``, ``/404.html``."""
    relative = file.relative_to(site_dir).as_posix()
    return "/" + (relative.removesuffix("index.html") if posixpath.basename(relative) == "index.html" else relative)


def target_file(site_dir: Path, path: str) -> Path | None:
    """The file a URL path is served from (a folder by its index.html), or None when there is none."""
    parts = [part for part in unquote(path).split("/") if part]
    if any(part in (".", "..") for part in parts):
        return None
    file = site_dir.joinpath(*parts)
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def resolve(page_url: str, href: str) -> tuple[str, str] | None:
    """The URL path and the (decoded) fragment an ``href`` on ``page_url`` points at.

    None when it is not a link to an anchor inside the site: another scheme or host,
    no fragment, or an empty one (``#`` alone means the top of the page).
    """
    parts = urlsplit(href.strip())
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", SITE) or not parts.fragment:
        return None
    if parts.path.startswith("/"):
        path = parts.path
    elif parts.path:
        path = posixpath.join(posixpath.dirname(page_url), parts.path)
    else:
        path = page_url
    trailing = path.endswith("/") or posixpath.basename(path) in (".", "..")
    path = posixpath.normpath(path)
    if path.startswith("//"):  # normpath keeps a leading double slash
        path = "/" + path.lstrip("/")
    if trailing and not path.endswith("/"):
        path += "/"
    return path, unquote(parts.fragment)


def check_anchors(site_dir: Path) -> AnchorReport:
    """Check every link to an anchor on every HTML page under ``site_dir``; problems come sorted."""
    site_dir = site_dir.resolve()
    files = sorted(site_dir.rglob("*.html"))
    pages = {file: read_page(file) for file in files}
    report = AnchorReport(pages=len(pages))
    for file, page in pages.items():
        page_url = _page_url(site_dir, file)
        for href in page.hrefs:
            target = resolve(page_url, href)
            if target is None:
                continue
            path, fragment = target
            report.checked += 1
            found = target_file(site_dir, path)
            if found is None:
                report.problems.append(f"{page_url}: {href}: no page at {path}")
                continue
            holder = pages.get(found)
            if holder is None:
                report.problems.append(f"{page_url}: {href}: {path} is not an HTML page")
            elif fragment not in holder.ids:
                report.problems.append(f"{page_url}: {href}: no element with id {fragment!r} on {path}")
            else:
                report.resolved += 1
                report.anchors.add(f"{_page_url(site_dir, found)}#{fragment}")
    report.problems.sort()
    return report
