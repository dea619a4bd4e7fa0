"""The kinds of rule: a short, closed list, one small module each.

A kind knows nothing of rule ids or severities. Its module's docstring is the
kind's documentation, and the module declares, once:

- ``PARAMETERS``: a tuple of ``Parameter`` (name, default, what it sets, the
  JSON Schema of its value);
- ``VALUES``: each value its problems carry, which a rule's message may name
  as ``{placeholder}``, with what it holds;
- ``prepare(parameters, context)``: a function that yields ``Problem`` values
  for one post (or None when the kind's problems are found elsewhere).

The engine gives ``prepare`` the defaults overridden by the rule's parameters
(``with_defaults``) and stamps each problem with its rule's id, severity,
message and clause.

The policy data does not import the kinds: the per-kind part of
``policy/schemas/rule.schema.json`` (the ``kind`` enum, one ``allOf`` branch and
one ``$defs/parameters-<kind>`` per kind, and ``x-message-values``, which the
loader checks each message's placeholders against) is generated from these
modules. After changing a kind's parameters or values, or adding a kind (its
name in ``KIND_NAMES``), run::

    .venv/bin/python -m checks.lint.kinds.schema --write

A test fails while the file on disk differs from what the kinds declare.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from checks.lint.kinds.base import Check, Context, Parameter, Problem, with_defaults

__all__ = ["KINDS", "KIND_NAMES", "Check", "Context", "Parameter", "Problem", "with_defaults"]

KIND_NAMES = (
    "approval",
    "channel_known",
    "channel_media",
    "consent",
    "date_window",
    "email",
    "emoji_count",
    "format",
    "hashtag_case",
    "max_length",
    "pattern",
    "phone",
    "placeholder",
    "political_reference",
    "readability",
    "required",
    "share_source",
    "waiver_reason",
    "words",
    "yaml_comment",
)

KINDS: dict[str, ModuleType] = {name: import_module(f"{__name__}.{name}") for name in KIND_NAMES}
