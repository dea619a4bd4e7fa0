"""Fixtures for the website tests: the site built once, served once, and one browser for every page.

The build goes to a temporary folder, never to ``site/``; screenshots and the
build's figures go to ``test-output/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sitekit import (
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    OUTPUT,
    PROJECT,
    VARIANTS,
    Crawl,
    LinkCheck,
    build_site,
    crawl_variant,
    new_context,
    page_paths,
    serve,
)


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    pages: list[str]
    seconds: float


def _build(tmp_path_factory: pytest.TempPathFactory, name: str, **variables: str) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp(name) / "site"
    build = build_site(PROJECT, site_dir, **variables)
    assert build.returncode == 0, f"mkdocs build failed:\n{build.output}"
    return BuiltSite(site_dir, page_paths(site_dir), build.seconds)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site as ``mkdocs build --strict`` makes it today. Its build time and page count go to test-output/."""
    site = _build(tmp_path_factory, "site")
    OUTPUT.mkdir(exist_ok=True)
    figures = {"build_seconds": round(site.seconds, 2), "pages": len(site.pages)}
    (OUTPUT / "site-build.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def overdue_site(tmp_path_factory: pytest.TempPathFactory, policy: Any) -> BuiltSite:
    """The site built as if on the day after the policy's review date."""
    from datetime import date, timedelta

    day_after = date.fromisoformat(policy.meta.review_due) + timedelta(days=1)
    return _build(tmp_path_factory, "overdue-site", HART_POLICY_TODAY=day_after.isoformat())


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.root) as url:
        yield url


@pytest.fixture(scope="session")
def linkcheck(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LinkCheck]:
    """linkchecker over the built site, started at once and read by tests/site/test_site_links.py."""
    job = LinkCheck(built_site.root, tmp_path_factory.mktemp("linkchecker"))
    yield job
    job.stop()


@pytest.fixture(scope="session")
def overdue_url(overdue_site: BuiltSite) -> Iterator[str]:
    with serve(overdue_site.root) as url:
        yield url


# -- the browser -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run `bash scripts/setup.sh --tests`")
    if not AXE.exists():
        pytest.fail(f"axe-core is not at {AXE}: run `bash scripts/setup.sh --tests`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def variant_pages(browser: Any) -> Iterator[dict[str, Any]]:
    """One page object per variant, shared by the keyboard and screenshot tests (the crawl has contexts of its own)."""
    contexts = {variant.name: new_context(browser, variant) for variant in VARIANTS}
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def crawl(built_site: BuiltSite, site_url: str, browser: Any, linkcheck: LinkCheck) -> dict[str, Crawl]:
    """Every page loaded in every variant: axe-core's violations, the colour scheme, every request made.

    Each variant is crawled in a fresh browser context of its own (no state left by another test's pages),
    with reduced motion, and axe runs on each page once it has settled (``sitekit.run_axe``).
    Asks for ``linkcheck`` so that linkchecker (one core, in Python) runs while Chromium loads pages.
    """
    return {variant.name: crawl_variant(browser, variant, site_url, built_site.pages) for variant in VARIANTS}
