"""MkDocs hooks: one generated page per rule of policy-check, at ``/rules/<id>/``, listed in the nav.

The pages are rendered by ``checks.site.render`` from the rules' data when the site is
built, so every rule in ``policy/rules`` has a page and none can go stale.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from checks.site import render as site
from checks.policy.errors import DataError


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config.nav = site.nav_with_rules(config.nav or [], site.load_site_policy())
    except (DataError, site.SiteError) as error:
        raise PluginError(f"Cannot build the site: {error}") from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        pages = site.rule_pages(site.load_site_policy())
    except (DataError, site.SiteError) as error:
        raise PluginError(f"Cannot build the rule pages: {error}") from None
    for src_uri, markdown in pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files
