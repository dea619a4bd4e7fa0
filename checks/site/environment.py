"""The build's surroundings: where pages and files are, which policy and which day the site is built from."""

from __future__ import annotations

import os
import traceback
from datetime import date
from pathlib import Path

from checks.policy.loader import load_policy
from checks.policy.model import Policy
from checks.site.markup import SiteError

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
# The public inbox reports "How we're doing" shows, one JSON file per quarter (``policy-inbox report --public``).
REPORTS_DIR = PROJECT / "reports"
# Set to a folder to build the site from the reports there instead of ``reports/`` (tests use it).
REPORTS_DIR_VARIABLE = "HART_REPORTS_DIR"


def load_site_policy() -> Policy:
    """The policy the site is built from: ``policy/``, or the folder ``HART_POLICY_DIR`` names.

    Loaded once per build (``load_policy`` caches by folder); a broken file raises ``DataError``.
    """
    given = os.environ.get(POLICY_DIR_VARIABLE, "").strip()
    return load_policy(Path(given).resolve() if given else None)


def reports_dir() -> Path:
    """The folder of public reports: ``reports/``, or the one ``HART_REPORTS_DIR`` names. It may not exist yet."""
    given = os.environ.get(REPORTS_DIR_VARIABLE, "").strip()
    return Path(given).resolve() if given else REPORTS_DIR


def macro_error(error: Exception, page: str) -> str:
    """A failed macro call as one line: the page, the line of the call in its Markdown, and the problem.

    Jinja puts the template's own line numbers into the traceback as frames named
    ``<template>``; the innermost one is the call that failed.
    """
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    where = f"{page}, line {lines[-1]}" if lines else page
    return f"{where}: {error}"


def today() -> date:
    """The build's date: today, unless ``HART_POLICY_TODAY`` gives another (for tests)."""
    given = os.environ.get(TODAY_VARIABLE, "").strip()
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise SiteError(f"{TODAY_VARIABLE} is '{given}', not an ISO date (YYYY-MM-DD)") from None


def rule_src(rule_id: str) -> str:
    """The docs path of a rule's page; with directory URLs it is served at ``/rules/<id>/``."""
    return f"rules/{rule_id}.md"
