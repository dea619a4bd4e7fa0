"""linkchecker over HTTP against the built site: no broken link and no missing anchor on any page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitekit import LinkCheck


def _problems(rows: list[dict[str, str]]) -> list[str]:
    return [
        f"{row['urlname']} on {row['parentname']} (line {row['line']}): {row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or (row["warningstring"] and "Data URL" not in row["result"])
    ]


def test_no_link_or_anchor_is_broken(linkcheck: LinkCheck) -> None:
    problems = _problems(linkcheck.rows())
    assert not problems, f"{len(problems)} broken link(s) or anchor(s):\n  " + "\n  ".join(problems)


def test_linkchecker_reached_every_page_and_checked_anchors(linkcheck: LinkCheck, built_site: Any) -> None:
    urls = {row["url"] for row in linkcheck.rows()}
    pages = {url.split("#")[0] for url in urls}
    for path in built_site.pages:
        if path != "404.html":
            assert any(url.endswith("/" + path) for url in pages), f"{path or '/'} was not reached"
    assert sum("#" in url for url in urls) > 300, "anchors were not checked"


def test_linkchecker_reports_a_missing_page_or_anchor(tmp_path: Path) -> None:
    """The check can fail: links to a page or an anchor that does not exist are reported."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(
        '<!doctype html><title>t</title><h1 id="here">Here</h1><a href="#here">ok</a> <a href="#gone">gone</a>'
        ' <a href="missing/">missing</a> <a href="other.html#nope">other</a> <a href="other.html#yes">yes</a>',
        encoding="utf-8",
    )
    (tmp_path / "site" / "other.html").write_text('<!doctype html><title>o</title><p id="yes">x</p>', "utf-8")
    job = LinkCheck(tmp_path / "site", tmp_path / "home")
    try:
        problems = _problems(job.rows())
    finally:
        job.stop()
    assert len(problems) == 3, problems
    assert [p.split(" ")[0] for p in sorted(problems)] == ["#gone", "missing/", "other.html#nope"]
