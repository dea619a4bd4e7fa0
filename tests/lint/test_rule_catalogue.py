"""The rule catalogue as a whole: the contract's 38 ids, their severities, and what every rule and kind must have.

The ids are written out here so that the test runs without ../shared; where
the content contract is beside the project, its rules table is read as well
and the two must agree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks.lint.kinds import KIND_NAMES, KINDS, Parameter
from checks.policy.model import Policy

PROJECT = Path(__file__).resolve().parents[2]
CONTRACT = PROJECT.parent / "shared" / "spec" / "content-contract.md"
KINDS_DIR = PROJECT / "checks" / "lint" / "kinds"
NOT_KINDS = {"__init__", "base", "schema"}  # the package, what kinds share, the schema generator

RULES = 38  # 29 errors and 9 warnings
CONTRACT_IDS = {
    "alt-text-missing",
    "alt-text-placeholder",
    "alt-text-too-long",
    "video-captions-missing",
    "styled-unicode-text",
    "link-text-generic",
    "hashtag-not-camel-case",
    "emoji-overuse",
    "all-caps",
    "readability",
    "pre-election-political-reference",
    "pre-election-new-initiative",
    "political-reference",
    "share-source-not-partner",
    "personal-email",
    "personal-phone",
    "national-insurance-number",
    "image-consent-missing",
    "image-consent-unknown",
    "image-consent-withdrawn",
    "image-consent-withdrawn-after-publishing",
    "image-consent-expired",
    "image-consent-scope",
    "media-credit-missing",
    "media-permission-missing",
    "channel-unknown",
    "channel-too-long",
    "channel-media-required",
    "offensive-language",
    "confidential-marking",
    "approval-missing",
    "waiver-reason-missing",
    "crisis-pause",
    "hashtag-read-as-comment",
    "front-matter-missing",
    "front-matter-invalid",
    "front-matter-schema",
    "file-unreadable",
}

# A row of the contract's rules table: | `id` | category | E or W | fires when |
ROW = re.compile(r"^\|\s*`([a-z]+(?:-[a-z]+)*)`\s*\|\s*([a-z-]+)\s*\|\s*([EW])\s*\|", re.MULTILINE)


@pytest.fixture(scope="module")
def contract_rows() -> dict[str, tuple[str, str]]:
    """Rule id -> (category, severity) from the contract's rules table."""
    if not CONTRACT.is_file():
        pytest.skip("../shared/spec/content-contract.md is not beside the project")
    rows = {
        match[1]: (match[2], "error" if match[3] == "E" else "warning") for match in ROW.finditer(CONTRACT.read_text())
    }
    assert len(rows) == RULES, "the contract's rules table could not be read"
    return rows


def test_the_rules_are_the_contracts_38(policy: Policy) -> None:
    assert len(CONTRACT_IDS) == RULES
    assert set(policy.rules) == CONTRACT_IDS
    severities = [rule.severity for rule in policy.rules.values()]
    assert (severities.count("error"), severities.count("warning")) == (29, 9)


def test_the_literal_ids_match_the_contract(contract_rows: dict[str, tuple[str, str]]) -> None:
    assert set(contract_rows) == CONTRACT_IDS


def test_severities_and_categories_are_the_contracts(policy: Policy, contract_rows: dict[str, tuple[str, str]]) -> None:
    wrong = {
        rule.id: {"has": (rule.category, rule.severity), "contract": contract_rows[rule.id]}
        for rule in policy.rules.values()
        if rule.id in contract_rows and (rule.category, rule.severity) != contract_rows[rule.id]
    }
    assert wrong == {}


def test_every_rule_file_is_named_by_its_id(policy: Policy) -> None:
    misnamed = {rule.id: rule.source for rule in policy.rules.values() if rule.source != f"rules/{rule.id}.yaml"}
    assert misnamed == {}


def test_every_rule_enforces_a_clause_of_the_policy(policy: Policy) -> None:
    unknown = {rule.id: rule.clause for rule in policy.rules.values() if rule.clause not in policy.clauses}
    assert unknown == {}


def test_every_rule_has_two_passing_and_two_failing_examples(policy: Policy) -> None:
    few = {
        rule.id: (len(rule.passing), len(rule.failing))
        for rule in policy.rules.values()
        if len(rule.passing) < 2 or len(rule.failing) < 2
    }
    assert few == {}


def test_every_rule_has_its_words(policy: Policy) -> None:
    blank = {
        rule.id: name
        for rule in policy.rules.values()
        for name in ("message", "summary", "why", "how_to_fix")
        if not getattr(rule, name).strip()
    }
    assert blank == {}


def test_messages_follow_the_style(policy: Policy) -> None:
    """Sentence case (the engine capitalises a leading value) and no full stop at the end."""
    bad = {
        rule.id: rule.message
        for rule in policy.rules.values()
        if rule.message.rstrip().endswith(".") or (rule.message[:1].isalpha() and not rule.message[:1].isupper())
    }
    assert bad == {}


def test_every_kind_module_declares_parameters_values_and_prepare() -> None:
    modules = {path.stem for path in KINDS_DIR.glob("*.py") if path.stem not in NOT_KINDS}
    assert set(KIND_NAMES) == modules, "the kind registry and the modules in checks/lint/kinds differ"
    assert list(KINDS) == sorted(KIND_NAMES)
    lacking = {
        name: [part for part in ("PARAMETERS", "VALUES", "prepare") if not hasattr(module, part)]
        for name, module in KINDS.items()
        if not (
            isinstance(getattr(module, "PARAMETERS", None), tuple)
            and all(isinstance(parameter, Parameter) for parameter in module.PARAMETERS)
            and isinstance(getattr(module, "VALUES", None), dict)
            and callable(getattr(module, "prepare", None))
        )
    }
    assert lacking == {}
    unsaid = {
        name: [p.name for p in module.PARAMETERS if not p.description.strip()]
        + [value for value, said in module.VALUES.items() if not said.strip()]
        for name, module in KINDS.items()
    }
    assert {name: blank for name, blank in unsaid.items() if blank} == {}
    undocumented = [name for name, module in KINDS.items() if not (module.__doc__ or "").strip()]
    assert undocumented == []


def test_every_kind_has_its_own_tests() -> None:
    tests = PROJECT / "tests" / "lint" / "kinds"
    assert [name for name in KIND_NAMES if not (tests / f"test_{name}.py").is_file()] == []


def test_the_rule_schema_lists_exactly_the_kinds(policy: Policy) -> None:
    schema = json.loads((policy.schema_dir / "rule.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["kind"]["enum"]) == set(KINDS)


def test_every_kind_is_used_by_a_rule(policy: Policy) -> None:
    used = {rule.kind for rule in policy.rules.values()}
    assert set(KINDS) - used == set()


def test_rule_parameters_are_known_to_their_kind(policy: Policy) -> None:
    unknown = {rule.id: sorted(set(rule.parameters) - _names(rule.kind)) for rule in policy.rules.values()}
    assert {rule_id: names for rule_id, names in unknown.items() if names} == {}


def test_rule_messages_name_only_what_their_kind_gives(policy: Policy) -> None:
    """The loader refuses such a message; this says which, should the loader's check ever be loosened."""
    from string import Formatter

    unknown = {
        rule.id: sorted(
            {field for _, field, _, _ in Formatter().parse(rule.message) if field is not None}
            - set(KINDS[rule.kind].VALUES)
        )
        for rule in policy.rules.values()
    }
    assert {rule_id: names for rule_id, names in unknown.items() if names} == {}


def _names(kind: str) -> set[str]:
    return {parameter.name for parameter in KINDS[kind].PARAMETERS}


def test_sarif_list_rules_and_the_site_list_the_contracts_rules(
    policy: Policy, contract_rows: dict[str, tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """SARIF's driver, --list-rules and the site's catalogue list the contract's 38 rules (in-process)."""
    import io

    from checks.cli import list_rules
    from checks.lint.findings import Report
    from checks.report.formats import REPORTERS
    from checks.site.rules import rules_catalogue

    stream = io.StringIO()
    REPORTERS["sarif"](Report(policy.meta.version, [], []), policy, stream)
    driver = json.loads(stream.getvalue())["runs"][0]["tool"]["driver"]
    sarif = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in driver["rules"]}
    assert sarif == {rule_id: severity for rule_id, (_, severity) in contract_rows.items()}
    assert list_rules(policy) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert sorted(listed) == sorted(contract_rows) and len(listed) == RULES
    linked = re.findall(r"^\| \[([a-z-]+)\]\(", rules_catalogue(policy), re.MULTILINE)
    assert sorted(linked) == sorted(contract_rows) and len(linked) == RULES
