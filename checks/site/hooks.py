"""MkDocs hooks: one generated page per rule of policy-check, at ``/rules/<id>/``, listed in the nav;
and the files the staff page "Check a draft" runs in the browser.

The pages are rendered by ``checks.site.rules`` from the rules' data when the site is
built, so every rule in ``policy/rules`` has a page and none can go stale. The
page's files are built by ``checks.site.draftcheck``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from checks.policy.errors import DataError
from checks.site import draftcheck, environment, markup, rules


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
    try:
        check = draftcheck.for_site(environment.load_site_policy(), config)
    except (DataError, markup.SiteError) as error:
        raise PluginError(f"Cannot build 'Check a draft': {error}") from None
    for asset in check.assets:
        source = None if asset.source is None else str(asset.source)
        files.append(File.generated(config, asset.path, content=asset.content, abs_src_path=source))
    return files
