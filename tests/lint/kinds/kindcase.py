"""``KindCase``: run one kind on one post with given parameters and assert exactly what it yields.

Like yamllint's ``RuleTestCase``: a test class names its kind, and each test
gives a post, the parameters (merged with the kind's defaults as the engine
merges them) and, when the kind reads them, settings and a consent register's
records; then the exact list of
(line, column, values) the kind yields, in order. The parameters are checked
against the kind's part of the rule schema first, so a test cannot use a
parameter that a rule file could not.
"""

from __future__ import annotations

import json
import re
import textwrap
from pprint import pformat
from typing import Any, ClassVar

from jsonschema import Draft202012Validator

from checks.lint.kinds import KINDS, Context, with_defaults
from checks.policy.loader import load_policy
from checks.repo.post import Post, parse_post
from checks.repo.settings import settings_from_data

Found = tuple[int, int, dict[str, Any]]


def run_kind(
    kind: str,
    post: str,
    settings: dict[str, Any] | None = None,
    register: list[dict[str, Any]] | None = None,
    **parameters: Any,
) -> list[Found]:
    """What ``kind`` yields for ``post`` (dedented; it starts at its ``---``), as (line, column, values)."""
    policy = load_policy()
    schema = json.loads((policy.schema_dir / "rule.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema["$defs"][f"parameters-{kind}"]).validate(parameters)
    module = KINDS[kind]
    context = Context(policy, settings_from_data(settings or {}, policy, register=register))
    check = module.prepare(with_defaults(module.PARAMETERS, parameters), context)
    parsed = parse_post(textwrap.dedent(post).lstrip("\n").encode("utf-8"), "post.md")
    assert isinstance(parsed, Post), parsed
    if check is None:
        return []
    return [(problem.line, problem.column, problem.values) for problem in check(parsed)]


class KindCase:
    """Base of a kind's test class: set ``kind``, then call ``self.check`` in each test."""

    kind: ClassVar[str]

    def check(
        self,
        post: str,
        *expected: Found,
        settings: dict[str, Any] | None = None,
        register: list[dict[str, Any]] | None = None,
        **parameters: Any,
    ) -> list[Found]:
        found = run_kind(self.kind, post, settings, register, **parameters)
        # kindcase.py is not a test module, so pytest does not rewrite this assert: say what was found.
        assert found == list(expected), f"{self.kind} yields:\n{pformat(found)}\nnot:\n{pformat(list(expected))}"
        for _, _, values in found:  # what a kind yields it declares, so a message naming it passes the loader
            assert set(values) <= set(KINDS[self.kind].VALUES), values
        return found


def docstring_example(kind: str, label: str) -> str:
    """The first ``code`` on the kind docstring's line that starts with ``label`` ("Passes", "Fails")."""
    doc = KINDS[kind].__doc__ or ""
    line = next(line for line in doc.splitlines() if line.startswith(label))
    found = re.search(r"``(.+?)``", line)
    assert found, f"{kind}'s docstring line {line!r} quotes no example"
    return found[1]
