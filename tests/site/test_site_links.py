"""No broken link and no missing anchor on any page of the built site.

linkchecker crawls the site over HTTP for pages and links (its AnchorCheck plugin is
off: it is not reliable); tests/site/anchors.py reads the built files for anchors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from anchors import check_anchors, resolve
from sitekit import OUTPUT, LinkCheck

# The fewest links to an anchor the site can hold (it had 932 when this was written):
# fewer means the checker found no links, not that the site has none.
LEAST_ANCHORS = 300


def _problems(rows: list[dict[str, str]]) -> list[str]:
    return [
        f"{row['urlname']} on {row['parentname']} (line {row['line']}): {row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or (row["warningstring"] and "Data URL" not in row["result"])
    ]


def _href(problem: str) -> str:
    """The link in one of check_anchors' problems: ``page: href: what is wrong``."""
    return problem.split(": ")[1]


def test_no_link_is_broken(linkcheck: LinkCheck) -> None:
    problems = _problems(linkcheck.rows())
    assert not problems, f"{len(problems)} broken link(s):\n  " + "\n  ".join(problems)


def test_linkchecker_reached_every_page(linkcheck: LinkCheck, built_site: Any) -> None:
    pages = {row["url"].split("#")[0] for row in linkcheck.rows()}
    for path in built_site.pages:
        if path != "404.html":
            assert any(url.endswith("/" + path) for url in pages), f"{path or '/'} was not reached"


def test_no_anchor_is_missing(built_site: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Every link to an anchor, on every page, lands on an element with that id. The counts go to test-output/."""
    report = check_anchors(built_site.root)
    figures = report.figures()
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "anchors.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    with capsys.disabled():
        print(f"\nanchors: {report.resolved} of {report.checked} links to an anchor resolved on {report.pages} pages")
    assert not report.problems, f"{len(report.problems)} missing anchor(s):\n  " + "\n  ".join(report.problems)
    assert report.pages == len(built_site.pages)
    assert report.resolved > LEAST_ANCHORS, f"only {report.resolved} links to an anchor were checked: {figures}"


def _planted_site(folder: Path) -> Path:
    """Three problems, planted: an anchor missing on this page, a missing page, an anchor missing on another page."""
    folder.mkdir()
    (folder / "index.html").write_text(
        '<!doctype html><title>t</title><h1 id="here">Here</h1><a href="#here">ok</a> <a href="#gone">gone</a>'
        ' <a href="missing/">missing</a> <a href="other.html#nope">other</a> <a href="other.html#yes">yes</a>',
        encoding="utf-8",
    )
    (folder / "other.html").write_text('<!doctype html><title>o</title><p id="yes">x</p>', "utf-8")
    return folder


def test_the_planted_site_gives_exactly_its_three_problems(tmp_path: Path) -> None:
    """The checks can fail: linkchecker finds the missing page, the anchor check the two missing anchors."""
    site = _planted_site(tmp_path / "site")
    job = LinkCheck(site, tmp_path / "home")
    try:
        pages = _problems(job.rows())
    finally:
        job.stop()
    anchors = check_anchors(site)
    assert [p.split(" ")[0] for p in pages] == ["missing/"], pages
    assert [_href(p) for p in anchors.problems] == ["#gone", "other.html#nope"], anchors.problems
    assert (anchors.checked, anchors.resolved) == (4, 2)
    assert sorted([p.split(" ")[0] for p in pages] + [_href(p) for p in anchors.problems]) == [
        "#gone",
        "missing/",
        "other.html#nope",
    ]


# -- the anchor check alone, on small sites in a temporary folder ---------------


def _write(site: Path, files: dict[str, str]) -> Path:
    for name, html in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<!doctype html><title>{name}</title>{html}", encoding="utf-8")
    return site


@pytest.mark.unit
def test_the_anchor_check_resolves_every_kind_of_link(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "index.html": (
                '<h2 id="top">x</h2><a name="old-style"></a><p id="café">x</p>'
                '<a href="#top">a</a><a href="#old-style">b</a><a href="#caf%C3%A9">c</a>'
                '<a href="rules/one/#r1">d</a><a href="rules/one/index.html#r1">e</a><a href="rules/one#r1">f</a>'
                '<a href="/rules/two/#r2">g</a><a href="./rules/two/#r2">h</a>'
                # not links to an anchor in the site: never counted
                '<a href="#">top</a><a href="rules/one/">page</a><a href="https://example.org/#x">out</a>'
                '<a href="mailto:a@b.invalid#x">mail</a><a href="//example.org/#x">out</a><link href="style.css">'
            ),
            "rules/one/index.html": '<p id="r1">x</p><a href="../two/#r2">to two</a><a href="../../#top">home</a>',
            "rules/two/index.html": '<div id="r2">x</div><a href="../one/#r1">to one</a><a href="/#caf%C3%A9">c</a>',
        },
    )
    report = check_anchors(site)
    assert report.problems == []
    assert (report.pages, report.checked, report.resolved) == (3, 12, 12)
    assert report.anchors == {"/#top", "/#old-style", "/#café", "/rules/one/#r1", "/rules/two/#r2"}


@pytest.mark.unit
def test_the_anchor_check_reports_each_problem_once_sorted_with_its_page(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "index.html": '<p id="here">x</p><a href="#gone">a</a><a href="b/#nope">b</a><a href="#Here">case</a>',
            "b/index.html": '<p id="yes">x</p><a href="../#here">ok</a><a href="/nowhere/#x">c</a>',
            "a.html": '<a href="sitemap.xml#x">d</a><a href="b/#yes">ok</a><a href="#here">e</a>',
            "sitemap.xml": "<urlset/>",
        },
    )
    report = check_anchors(site)
    assert report.problems == [
        "/: #Here: no element with id 'Here' on /",
        "/: #gone: no element with id 'gone' on /",
        "/: b/#nope: no element with id 'nope' on /b/",
        "/a.html: #here: no element with id 'here' on /a.html",
        "/a.html: sitemap.xml#x: /sitemap.xml is not an HTML page",
        "/b/: /nowhere/#x: no page at /nowhere/",
    ]
    assert (report.checked, report.resolved) == (8, 2)
    assert check_anchors(site).problems == report.problems  # the same answer every time


@pytest.mark.unit
@pytest.mark.parametrize(
    ("page", "href", "expected"),
    [
        ("/", "#a", ("/", "a")),
        ("/rules/x/", "#a%20b", ("/rules/x/", "a b")),
        ("/rules/x/", "../y/#a", ("/rules/y/", "a")),
        ("/rules/x/", "../../#a", ("/", "a")),
        ("/rules/x/", "/about/#a", ("/about/", "a")),
        ("/404.html", "rules/#a", ("/rules/", "a")),
        ("/rules/x/", "http://site.invalid/a/#b", ("/a/", "b")),
        ("/", "#", None),
        ("/", "page.html", None),
        ("/", "https://example.org/#a", None),
        ("/", "javascript:void(0)#a", None),
    ],
)
def test_resolve(page: str, href: str, expected: tuple[str, str] | None) -> None:
    assert resolve(page, href) == expected
