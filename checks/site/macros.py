"""The mkdocs-macros module: registers the site's macros and variables, and writes the machine-readable copies.

Nothing is rendered here: every macro calls a rendering module of
``checks.site`` (``policy_text``, ``about``, ``staff``, ``rules``) with the
policy, loaded once per build, and the page it stands on (for relative links).
A broken policy file, a missing clause id or an unknown macro stops the build
with one line naming the file, the line and the problem. When the site moves
off Material for MkDocs, only this module and ``hooks`` change.
"""

from __future__ import annotations

from typing import Any

from jinja2 import UndefinedError
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from checks.policy.errors import DataError
from checks.policy.model import Policy
from checks.site import (
    about,
    draftcheck,
    draftpage,
    environment,
    inbox,
    markup,
    navigation,
    performance,
    rules,
    staff,
    text,
)


def _policy() -> Policy:
    """The policy, or a one-line build error naming the file, line and problem (no traceback)."""
    try:
        return environment.load_site_policy()
    except DataError as error:
        raise PluginError(f"The policy data is broken: {error}") from None


@format_error.register(markup.SiteError)
@format_error.register(UndefinedError)
def _macro_error(error: Exception, markdown: str, page: Any) -> str:
    # mkdocs-macros prints this, then stops the build (on_error_fail): a missing
    # clause id or an unknown macro or variable names its page and line, with no traceback.
    return environment.macro_error(error, str(page.file.src_path))


def define_env(env: Any) -> None:
    policy = _policy()
    try:
        built_on = environment.today()
    except markup.SiteError as error:
        raise PluginError(str(error)) from None

    def page() -> str:
        return str(env.page.file.src_uri)

    env.variables["policy_meta"] = policy.meta
    env.variables["built_on"] = markup.long_date(built_on)
    # Read by the theme override (docs/overrides/main.html) on every page.
    env.conf["extra"]["review_banner"] = text.review_banner(policy, built_on)

    @env.macro
    def full_policy() -> str:
        return text.full_policy(policy, page())

    @env.macro
    def policy_part(part_id: str, level: int = 3, source: bool = True) -> str:
        return text.policy_part(policy, part_id, page(), level=level, source=source)

    @env.macro
    def policy_text(*clause_ids: str, source: bool = True) -> str:
        return text.policy_text(policy, clause_ids, page(), source=source)

    @env.macro
    def policy_source(clause_id: str) -> str:
        return text.policy_source(policy, clause_id, page())

    @env.macro
    def policy_summary() -> str:
        return text.policy_summary(policy, page())

    @env.macro
    def policy_facts() -> str:
        return about.policy_facts(policy)

    @env.macro
    def revision_history() -> str:
        return about.revision_history(policy)

    @env.macro
    def links_to_supply() -> str:
        return about.links_to_supply(policy, page(), env.conf["nav"])

    @env.macro
    def section_pages() -> str:
        return navigation.section_pages(env.conf["nav"], page())

    @env.macro
    def site_link(link_id: str) -> str:
        return about.site_link(policy, link_id)

    @env.macro
    def machine_readable() -> str:
        return about.machine_readable(policy, page())

    @env.macro
    def rules_catalogue() -> str:
        return rules.rules_catalogue(policy, page())

    @env.macro
    def rule_counts() -> str:
        return staff.rule_counts(policy)

    @env.macro
    def schema_fields(schema: str, definition: str | None = None) -> str:
        return staff.schema_fields(policy, schema, definition)

    @env.macro
    def example_post(rule_id: str, outcome: str = "pass", number: int = 0) -> str:
        return staff.example_post(policy, rule_id, outcome, number)

    @env.macro
    def example_findings(rule_id: str, number: int = 0) -> str:
        return staff.example_findings(policy, rule_id, number)

    @env.macro
    def example_file(relative: str) -> str:
        return staff.example_file(relative)

    @env.macro
    def action_inputs() -> str:
        return staff.action_inputs()

    @env.macro
    def inbox_labels_table() -> str:
        return inbox.inbox_labels_table(policy, page())

    @env.macro
    def inbox_labels() -> str:
        return inbox.inbox_labels(policy, page())

    @env.macro
    def performance_latest() -> str:
        return performance.latest_quarter(policy, environment.reports_dir(), page())

    @env.macro
    def performance_by_quarter() -> str:
        return performance.reply_times_by_quarter(policy, environment.reports_dir(), page())

    @env.macro
    def check_a_draft() -> str:
        return draftpage.draft_check(policy, page(), draftcheck.for_site(policy, env.conf))

    @env.macro
    def long_date(value: str) -> str:
        return markup.long_date(value)


def on_post_build(env: Any) -> None:
    about.write_machine_readable(_policy(), env.conf["site_dir"])
