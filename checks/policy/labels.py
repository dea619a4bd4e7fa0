"""The inbox labels as data: ``policy/labels/*.yaml``, validated and typed.

Like the rules of ``policy-check``, a label is data (id, clause, test kind and
its parameters, suggested action, by when, why, examples) and its test is one
of a short list of kinds in code (``checks.inbox.kinds``). This module only
reads the data, so that the site can document the labels without importing
the inbox's code. A broken label file raises ``DataError`` with its file, line
and data path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.caches import cached
from checks.policy.datafile import PolicyFile
from checks.policy.errors import DataError
from checks.policy.loader import default_policy_dir, load_policy
from checks.policy.model import Policy

LABEL_FOLDER = "labels"


@dataclass(frozen=True)
class LabelExample:
    """A message that gets the label (``fail``) or does not (``pass``), with the author's other messages."""

    description: str
    message: dict[str, str]
    earlier: tuple[dict[str, str], ...] = ()
    later: tuple[dict[str, str], ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Label:
    id: str
    clause: str
    kind: str
    parameters: dict[str, Any]
    summary: str
    action: str
    when: str
    why: str
    passing: tuple[LabelExample, ...]
    failing: tuple[LabelExample, ...]
    source: str  # the label's file, relative to the policy folder
    clause_note: str = ""  # why the clause is the nearest one, where the contract names another
    unless: tuple[str, ...] = ()
    house_rule_breach: bool = False
    adds: str | None = None  # "foi" or "identified"
    action_otherwise: str = ""


@cached
def load_labels(directory: Path | None = None) -> dict[str, Label]:
    """Every label of the policy in ``directory`` (default: the installed one), by id, checked against the policy.

    The loader has read and validated the label files with the rest of the policy
    (so ``policy.json`` holds them too); here they become typed and cross-checked.
    """
    folder = (directory or default_policy_dir()).resolve()
    policy = load_policy(folder)
    prefix = f"{LABEL_FOLDER}/"
    files = [PolicyFile(folder, name, "label", data) for name, data in policy.raw.items() if name.startswith(prefix)]
    if not files:
        raise DataError(f"policy/{LABEL_FOLDER}", "no label files here")
    labels = {file.data["id"]: _label(file) for file in files}
    for file in files:
        _check_references(file, policy, labels)
    return labels


def _label(file: PolicyFile) -> Label:
    data = file.data
    if f"{LABEL_FOLDER}/{data['id']}.yaml" != file.name:
        raise file.error(("id",), f"label id '{data['id']}' does not match its file name")
    examples = data["examples"]
    return Label(
        id=data["id"],
        clause=data["clause"],
        kind=data["kind"],
        parameters=data["parameters"],
        summary=data["summary"],
        action=data["action"],
        when=data["when"],
        why=data["why"],
        passing=tuple(_example(raw) for raw in examples["pass"]),
        failing=tuple(_example(raw) for raw in examples["fail"]),
        source=file.name,
        clause_note=data.get("clause_note", ""),
        unless=tuple(data.get("unless", [])),
        house_rule_breach=data.get("house_rule_breach", False),
        adds=data.get("adds"),
        action_otherwise=data.get("action_otherwise", ""),
    )


def _example(raw: dict[str, Any]) -> LabelExample:
    return LabelExample(
        raw["description"],
        dict(raw["message"]),
        tuple(dict(row) for row in raw.get("earlier", [])),
        tuple(dict(row) for row in raw.get("later", [])),
        dict(raw.get("settings", {})),
    )


def _check_references(file: PolicyFile, policy: Policy, labels: dict[str, Label]) -> None:
    """Every clause, list, rule and label a label names must exist."""
    label = labels[file.data["id"]]
    if label.clause not in policy.clauses:
        raise file.error(("clause",), f"refers to clause '{label.clause}', which does not exist")
    for number, other in enumerate(label.unless):
        if other not in labels:
            raise file.error(("unless", number), f"refers to label '{other}', which does not exist", key=False)
    for number, list_id in enumerate(label.parameters.get("lists", [])):
        if list_id not in policy.lists:
            raise file.error(("parameters", "lists", number), f"refers to list '{list_id}', which does not exist")
    for number, rule_id in enumerate(label.parameters.get("rules", [])):
        if rule_id not in policy.rules:
            raise file.error(("parameters", "rules", number), f"refers to rule '{rule_id}', which does not exist")
    for number, other in enumerate(label.parameters.get("labels", [])):
        if other not in labels:
            raise file.error(("parameters", "labels", number), f"refers to label '{other}', which does not exist")
    if label.adds and not label.action_otherwise:
        raise file.error(("adds",), f"a label that adds {label.adds} needs action_otherwise")
