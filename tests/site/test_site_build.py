"""Building the site: it fails closed, publishes the policy as data, and shows the policy's review state."""

from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import PROJECT, Build, build_site, copy_project, page_file

from checks.policy.loader import load_policy
from checks.site import environment, markup, text

# -- the configuration fails closed ---------------------------------------------------


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_the_build_stops_on_any_warning(config: dict[str, Any]) -> None:
    assert config["strict"] is True
    assert config["validation"] == {
        "omitted_files": "warn",
        "not_found": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
        "anchors": "warn",
    }
    macros = next(plugin["macros"] for plugin in config["plugins"] if isinstance(plugin, dict) and "macros" in plugin)
    assert macros["on_error_fail"] is True
    assert macros["on_undefined"] == "strict"


def test_the_theme_asks_nothing_of_another_host(config: dict[str, Any], policy: Any) -> None:
    assert config["theme"]["font"] is False, "Google Fonts would be a request to another host"
    assert config["extra"]["generator"] is False
    assert config["site_url"] == policy.meta.site_url, "mkdocs.yml and policy/policy.yaml must agree on site_url"


@dataclass(frozen=True)
class Breakage:
    """A way to break a copy of the site's sources, and what the failed build must say."""

    page: str
    append: str
    expected: str  # a regular expression; {line} is the line of the appended text
    variables: tuple[tuple[str, str], ...] = ()


BREAKAGES = {
    "unknown-macro": Breakage(
        "index.md", "{{ no_such_macro() }}", r"index\.md, line {line}: 'no_such_macro' is undefined"
    ),
    "undefined-variable": Breakage(
        "staff/index.md", "{{ no_such_variable }}", r"staff/index\.md, line {line}: 'no_such_variable' is undefined"
    ),
    "unknown-clause": Breakage(
        "residents/complaints.md",
        '{{ policy_text("service-standards.no-such-clause") }}',
        r"residents/complaints\.md, line {line}: no section, subsection or clause "
        r"'service-standards\.no-such-clause' in the policy",
    ),
    "broken-link": Breakage(
        "about/index.md", "[gone](no-such-page.md)", r"about/index\.md.*'no-such-page\.md'.*not found"
    ),
    "broken-anchor": Breakage(
        "about/index.md",
        "[gone](accessibility.md#no-such-heading)",
        r"about/index\.md.*does not contain an anchor '#no-such-heading'",
    ),
    "bad-today": Breakage(
        "index.md",
        "",
        r"HART_POLICY_TODAY is 'next Tuesday', not an ISO date",
        (("HART_POLICY_TODAY", "next Tuesday"),),
    ),
    "broken-policy": Breakage(
        "index.md",
        "",
        r"The policy data is broken: \S*policy\.yaml:\d+:\d+: expected ',' or '\]', but got",
        (("HART_POLICY_DIR", "{broken_policy}"),),
    ),
}


def _break(root: Path, breakage: Breakage) -> tuple[dict[str, str], int]:
    """Break a copy of the sources as described; returns the build's variables and the broken line's number."""
    copy_project(root)
    page = root / "docs" / breakage.page
    lines = page.read_text(encoding="utf-8").splitlines()
    if breakage.append:
        lines += ["", breakage.append]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    policy_copy = root / "policy"
    if any(name == "HART_POLICY_DIR" for name, _value in breakage.variables):
        _broken_policy(policy_copy)
    variables = {name: value.format(broken_policy=policy_copy) for name, value in breakage.variables}
    return variables, len(lines)


def _broken_policy(target: Path) -> None:
    """A copy of policy/ whose policy.yaml has a YAML syntax error: an unclosed bracket in its version."""
    shutil.copytree(PROJECT / "policy", target)
    source = target / "policy.yaml"
    text = source.read_text(encoding="utf-8")
    assert "\nversion: " in text, "the test expects a version line in policy.yaml"
    source.write_text(text.replace("\nversion: ", "\nversion: [", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def broken_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Build, int]]:
    """Each breakage built in its own copy, two at a time."""

    def run(name: str) -> tuple[Build, int]:
        root = tmp_path_factory.mktemp(f"broken-{name}")
        variables, line = _break(root / "project", BREAKAGES[name])
        return build_site(root / "project", root / "site", **variables), line

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(BREAKAGES, pool.map(run, BREAKAGES), strict=True))


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_a_broken_page_or_policy_stops_the_build_with_a_clear_message(
    broken_builds: dict[str, tuple[Build, int]], name: str
) -> None:
    build, line = broken_builds[name]
    assert build.returncode != 0, f"the build went on despite {name}:\n{build.output}"
    assert re.search(BREAKAGES[name].expected.format(line=line), build.output), build.output
    assert "Traceback" not in build.output, build.output


# -- the policy as data -----------------------------------------------------------------


def test_policy_json_holds_the_policy_as_the_loader_reads_it(built_site: Any, policy: Any) -> None:
    data = json.loads((built_site.root / "policy.json").read_text(encoding="utf-8"))
    meta = policy.meta
    assert (data["id"], data["title"], data["organisation"]) == (meta.id, meta.title, meta.organisation)
    assert (data["version"], data["effective"], data["review_due"]) == (meta.version, meta.effective, meta.review_due)
    on_disk = {path.relative_to(PROJECT / "policy").as_posix() for path in (PROJECT / "policy").rglob("*.yaml")}
    assert set(data["files"]) == on_disk, "policy.json must hold every policy file"
    assert data["files"] == json.loads(json.dumps(policy.raw)), "policy.json must hold what the loader read"
    for name, loaded in data["files"].items():
        if name.startswith("rules/"):
            assert loaded["id"] == policy.rules[loaded["id"]].id == Path(name).stem


def test_the_json_schemas_are_published_with_their_absolute_ids(built_site: Any, policy: Any) -> None:
    # On disk a schema has no $id and relative $refs (it resolves offline); the site gives each its stable $id.
    sources = sorted((PROJECT / "policy" / "schemas").glob("*.json"))
    assert sources, "policy/schemas holds no schemas"
    published = sorted((built_site.root / "schemas").glob("*"))
    assert [path.name for path in published] == [path.name for path in sources]
    for source in sources:
        copy = built_site.root / "schemas" / source.name
        schema = json.loads(copy.read_text(encoding="utf-8"))
        assert schema["$id"] == f"{policy.meta.site_url}schemas/{source.name}"
        assert list(schema)[:2] == ["$schema", "$id"]
        unpublished = {key: value for key, value in schema.items() if key != "$id"}
        assert unpublished == json.loads(source.read_text(encoding="utf-8")), f"{source.name} differs from its source"
    data = json.loads((built_site.root / "policy.json").read_text(encoding="utf-8"))
    assert data["schemas"] == {path.name: f"{policy.meta.site_url}schemas/{path.name}" for path in sources}


# -- the review state ---------------------------------------------------------------------


class _Banner(HTMLParser):
    """The review banner of a page: its state, and the text of the paragraphs that are not hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.states: list[str] = []
        self.shown: list[str] = []
        self._open: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "data-review-due" in values:
            self.states.append(values.get("data-state") or "")
        if tag == "p" and (values.get("class") or "").startswith("review-state__"):
            shown = "hidden" not in values
            self._open.append(shown)
            if shown:
                self.shown.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1]:
            self.shown[-1] += data


def banner(html: str) -> tuple[list[str], str]:
    parser = _Banner()
    parser.feed(html)
    return parser.states, " ".join(" ".join(text.split()) for text in parser.shown)


def _expected_banner(policy: Any, overdue: bool) -> str:
    due = markup.long_date(policy.meta.review_due)
    if not overdue:
        return f"This is version {policy.meta.version} of the policy. Its next review is due by {due}."
    return (
        f"This policy is overdue for review. It was due to be reviewed by {due}, so parts of it may be out of date. "
        f"To check, email the {policy.meta.owner} at {policy.meta.contact}."
    )


@pytest.mark.parametrize(("days_after_due", "overdue"), [(-400, False), (0, False), (1, True), (900, True)])
def test_the_banner_is_overdue_only_after_the_review_date(policy: Any, days_after_due: int, overdue: bool) -> None:
    day = date.fromisoformat(policy.meta.review_due) + timedelta(days=days_after_due)
    assert text.is_overdue(policy, day) is overdue
    states, shown = banner(text.review_banner(policy, day))
    assert states == ["overdue" if overdue else "current"]
    assert shown == _expected_banner(policy, overdue)


def test_the_build_date_can_be_faked_and_must_be_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(environment.TODAY_VARIABLE, "2027-04-01")
    assert environment.today() == date(2027, 4, 1)
    monkeypatch.setenv(environment.TODAY_VARIABLE, "1 April")
    with pytest.raises(markup.SiteError, match="HART_POLICY_TODAY is '1 April', not an ISO date"):
        environment.today()
    monkeypatch.delenv(environment.TODAY_VARIABLE)
    assert environment.today() == date.today()


def test_every_page_of_todays_build_shows_the_version_and_review_date(built_site: Any, policy: Any) -> None:
    overdue = date.today() > date.fromisoformat(policy.meta.review_due)
    for path in built_site.pages:
        states, text = banner(page_file(built_site.root, path).read_text(encoding="utf-8"))
        assert states == ["overdue" if overdue else "current"], path or "/"
        assert text == _expected_banner(policy, overdue), path or "/"


def test_every_page_of_a_build_after_the_review_date_says_plainly_it_is_overdue(overdue_site: Any, policy: Any) -> None:
    for path in overdue_site.pages:
        states, text = banner(page_file(overdue_site.root, path).read_text(encoding="utf-8"))
        assert states == ["overdue"], path or "/"
        assert text == _expected_banner(policy, overdue=True), path or "/"


def test_the_site_policy_can_come_from_another_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(environment.POLICY_DIR_VARIABLE, str(PROJECT / "policy"))
    assert environment.load_site_policy() is load_policy((PROJECT / "policy").resolve())
