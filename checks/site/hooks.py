"""MkDocs hooks: one generated page per rule of policy-check, at ``/rules/<id>/``, listed in the nav.

The pages are rendered by ``checks.site.rules`` from the rules' data when the site is
built, so every rule in ``policy/rules`` has a page and none can go stale.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from checks.policy.errors import DataError
from checks.site import environment, markup, rules


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config.nav = rules.nav_with_rules(config.nav or [], environment.load_site_policy())
    except (DataError, markup.SiteError) as error:
        raise PluginError(f"Cannot build the site: {error}") from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        pages = rules.rule_pages(environment.load_site_policy())
    except (DataError, markup.SiteError) as error:
        raise PluginError(f"Cannot build the rule pages: {error}") from None
    for src_uri, markdown in pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files
