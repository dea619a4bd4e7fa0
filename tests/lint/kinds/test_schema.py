"""The rule schema's per-kind part is what the kind modules declare: code and schema cannot drift."""

from __future__ import annotations

import json

from checks.lint.kinds import KINDS
from checks.lint.kinds.schema import generate, main, render, rule_schema_path


def test_the_rule_schema_on_disk_is_generated_from_the_kinds() -> None:
    text = rule_schema_path().read_text(encoding="utf-8")
    assert render(generate(json.loads(text))) == text, "run: .venv/bin/python -m checks.lint.kinds.schema --write"


def test_each_kind_has_its_branch_parameters_and_message_values() -> None:
    schema = json.loads(rule_schema_path().read_text(encoding="utf-8"))
    assert schema["properties"]["kind"]["enum"] == list(KINDS)
    assert [branch["if"]["properties"]["kind"]["const"] for branch in schema["allOf"]] == list(KINDS)
    for name, kind in KINDS.items():
        described = schema["$defs"][f"parameters-{name}"]
        assert list(described["properties"]) == [parameter.name for parameter in kind.PARAMETERS]
        assert described.get("required", []) == [parameter.name for parameter in kind.PARAMETERS if parameter.required]
        assert schema["x-message-values"][name] == kind.VALUES


def test_generation_keeps_every_other_part_of_the_schema() -> None:
    schema = json.loads(rule_schema_path().read_text(encoding="utf-8"))
    other = {"if": {"required": ["defers_to"]}, "then": {"required": ["clause"]}}
    schema["allOf"].insert(0, other)
    schema["$defs"]["parameters-retired"] = {"type": "object"}  # a kind since removed goes
    generated = generate(schema)
    assert generated["allOf"][0] == other
    assert "parameters-retired" not in generated["$defs"]
    assert generated["$defs"]["example"] == schema["$defs"]["example"]
    assert {key: value for key, value in generated.items() if key not in ("allOf", "$defs", "properties")} == {
        key: value for key, value in schema.items() if key not in ("allOf", "$defs", "properties")
    }


def test_the_command_says_when_the_file_is_out_of_date(tmp_path, capsys) -> None:
    stale = tmp_path / "rule.schema.json"
    schema = json.loads(rule_schema_path().read_text(encoding="utf-8"))
    del schema["x-message-values"]["readability"]
    stale.write_text(render(schema), encoding="utf-8")
    assert main([str(stale)]) == 1
    assert "is out of date" in capsys.readouterr().err
    assert main(["--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == rule_schema_path().read_text(encoding="utf-8")
    assert main([str(stale)]) == 0
