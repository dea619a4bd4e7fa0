"""The front matter against the post schema: ``front-matter-schema``'s problems, one per place, in file order.

Most posts are valid, so a quick check of the schema runs first and
jsonschema (slow to import, slower to run) only when the quick check cannot
vouch for the post. Two values are checked more closely than the schema can,
with messages of their own: ``publish_at`` (a real date or date-time) and the
rule each waiver names (a rule that exists, with the nearest id suggested).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from checks.lint.kinds import Problem
from checks.lint.waivers import waivers_of
from checks.policy.model import Policy
from checks.policy.quickschema import QuickSchema
from checks.repo.post import Post, publish_time_problem

if TYPE_CHECKING:  # jsonschema takes a tenth of a second to import: only a post the quick check doubts needs it
    from jsonschema import Draft202012Validator

Where = tuple[str | int, ...]


class FrontMatterCheck:
    """The post schema, prepared once per run."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.quick_schema = QuickSchema.of(policy.post_schema)
        self._validator: Draft202012Validator | None = None

    @property
    def validator(self) -> Draft202012Validator:
        """jsonschema's validator of the post schema, built when first needed."""
        if self._validator is None:
            from checks.policy import schemas

            self._validator = schemas.validator(self.policy.schema_dir, "post")
        return self._validator

    def problems(self, post: Post) -> list[Problem]:
        """Every place the front matter breaks the schema; empty when it is valid."""
        found: dict[tuple[int, int, str], Problem] = {}
        closer = [*self._publish_time(post), *self._unknown_waiver_rules(post)]
        for _, problem in closer:
            found[(problem.line, problem.column, problem.values["detail"])] = problem
        for problem in self._schema_errors(post, skip={where for where, _ in closer}):
            found.setdefault((problem.line, problem.column, problem.values["detail"]), problem)
        return sorted(found.values(), key=lambda p: (p.line, p.column))

    def _publish_time(self, post: Post) -> Iterator[tuple[Where, Problem]]:
        detail = publish_time_problem(post.front.get("publish_at"))
        if detail:
            yield ("publish_at",), Problem(*post.locate("publish_at", key=False), {"detail": detail})

    def _unknown_waiver_rules(self, post: Post) -> Iterator[tuple[Where, Problem]]:
        for waiver in waivers_of(post.front):
            if isinstance(waiver.rule, str) and waiver.rule not in self.policy.rules:
                from checks.policy.schemas import suggestion

                hint = suggestion(waiver.rule, self.policy.rules)
                detail = f"Waiver {waiver.number + 1} names unknown rule '{waiver.rule}'{hint}"
                where = ("waivers", waiver.number, "rule")
                yield where, Problem(*post.locate(*where, key=False), {"detail": detail})

    def _schema_errors(self, post: Post, skip: set[Where]) -> Iterator[Problem]:
        """jsonschema's errors in words, less those about a value checked more closely above."""
        if self.quick_schema is not None and self.quick_schema.valid(post.front):
            return
        from checks.policy.schemas import describe_front_matter

        for error in self.validator.iter_errors(post.front):
            if tuple(error.absolute_path) in skip:
                continue
            for path, at_key, detail in describe_front_matter(error):
                yield Problem(*post.locate(*path, key=at_key), {"detail": detail})
