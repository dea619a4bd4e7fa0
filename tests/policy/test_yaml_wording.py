"""One wording for broken YAML, with libyaml and without (as in the browser, where PyYAML has no libyaml).

libyaml and PyYAML's own parser word many errors differently ("mapping
values are not allowed in this context" against "...allowed here") and often
point at another column. ``yamlio`` rewords what libyaml refuses in the pure
loader's words, at its position, so a post's ``front-matter-invalid`` finding
reads the same on the command line and in the browser. Each test here reads
the same text both ways: with libyaml first (``yamlio.LIBYAML`` true) and with
the pure loader alone (false, as the browser reads).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from checks.lint.engine import Engine
from checks.policy import yamlio
from checks.policy.model import Policy
from checks.repo.files import discover
from checks.repo.settings import find_settings, load_settings

pytestmark = pytest.mark.skipif(not yamlio.LIBYAML, reason="PyYAML here has no libyaml to compare with")

PROJECT = Path(__file__).resolve().parents[2]


@contextmanager
def libyaml(enabled: bool) -> Iterator[None]:
    """yamlio reads with libyaml first (True) or with the pure loader alone (False), as the browser does."""
    saved = yamlio.LIBYAML
    yamlio.LIBYAML = enabled
    try:
        yield
    finally:
        yamlio.LIBYAML = saved


def problem(text: str, *, with_libyaml: bool) -> tuple[str, int, int]:
    with libyaml(with_libyaml), pytest.raises(yamlio.YAMLProblem) as raised:
        yamlio.load(text)
    return raised.value.message, raised.value.line, raised.value.column


def libyaml_alone(text: str) -> tuple[str, int, int]:
    """How libyaml on its own words the problem: what the reader used to say, and says no more."""
    with pytest.raises(yamlio.YAMLProblem) as raised:
        yamlio._within_limits(text, yamlio._read(text, yamlio.StrictLoader), yamlio.StrictLoader)
    return raised.value.message, raised.value.line, raised.value.column


NOT_PLAIN = "is not allowed: use plain text, numbers, lists and mappings"
# Broken YAML as people write it, and what the pure loader (the reference) says about it, where.
BROKEN = [
    pytest.param("\ttitle: Walk\n", ("found a tab character: YAML is indented with spaces, not tabs", 1, 1), id="tab"),
    pytest.param(
        "media:\n\t- file: a.jpg\n", ("found a tab character: YAML is indented with spaces, not tabs", 2, 1), id="tabs"
    ),
    pytest.param("title: Walk\n  channels: [x]\n", ("mapping values are not allowed here", 2, 11), id="indentation"),
    pytest.param(
        "media:\n  - file: a.jpg\n   alt: A pond\n",
        ("expected <block end>, but found '<block mapping start>'", 3, 4),
        id="item-indentation",
    ),
    pytest.param("title: 'Walk\nchannels: [x]\n", ("found unexpected end of stream", 3, 1), id="unclosed-single"),
    pytest.param('title: "Walk\n', ("found unexpected end of stream", 2, 1), id="unclosed-double"),
    pytest.param("title: Walk: in the park\n", ("mapping values are not allowed here", 1, 12), id="mapping-values"),
    pytest.param("channels: [x, facebook\n", ("expected ',' or ']', but got '<stream end>'", 2, 1), id="unclosed-flow"),
    pytest.param("a: {b: c\n", ("expected ',' or '}', but got '<stream end>'", 2, 1), id="unclosed-mapping"),
    pytest.param("title: a\ntitle: b\n", ("duplicate key 'title' (first at line 1)", 2, 1), id="duplicate-key"),
    pytest.param("a: !!binary aGk=\n", (f"the tag '!!binary' {NOT_PLAIN}", 1, 4), id="bad-tag"),
    pytest.param("a: !<tag:x> b\n", (f"the tag 'tag:x' {NOT_PLAIN}", 1, 4), id="verbatim-tag"),
    pytest.param("a: !!int abc\n", ("'abc' is not a whole number", 1, 4), id="bad-number"),
    pytest.param("a: &x b\nc: *x\n", ("anchors and aliases are not allowed", 2, 4), id="alias"),
    pytest.param("a: *x\n", ("found undefined alias 'x'", 1, 4), id="undefined-alias"),
    pytest.param("a: &x b\nc: &x d\n", ("second occurrence", 2, 4), id="anchors"),
    pytest.param("a: b\n---\nc: d\n", ("but found another document", 2, 1), id="two-documents"),
    pytest.param(
        "%YAML 9.9\n---\na: 1\n", ("found incompatible YAML document (version 1.* is required)", 1, 1), id="version"
    ),
    pytest.param(
        "a: |x\n  b\n", ("expected chomping or indentation indicators, but found 'x'", 1, 5), id="block-header"
    ),
    pytest.param('a: "\\q"\n', ("found unknown escape character 'q'", 1, 6), id="escape"),
    pytest.param("a: [b, c]]\n", ("expected <block end>, but found ']'", 1, 10), id="stray-bracket"),
    pytest.param("- a\nb: c\n", ("expected <block end>, but found '?'", 2, 1), id="list-then-mapping"),
    pytest.param("a: b\x01\n", ("special characters are not allowed (U+0001)", 1, 5), id="control-character"),
    pytest.param("? [a]\n: 1\n", ("found unhashable key", 1, 3), id="unhashable-key"),
    pytest.param("a: @b\n", ("found character '@' that cannot start any token", 1, 4), id="reserved-character"),
    pytest.param("a: b\n c: d\n", ("mapping values are not allowed here", 2, 3), id="continuation"),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_broken_yaml_is_worded_alike_with_libyaml_and_without(text: str, expected: tuple[str, int, int]) -> None:
    assert problem(text, with_libyaml=True) == problem(text, with_libyaml=False) == expected


def test_libyaml_words_some_of_them_otherwise_and_is_not_heard() -> None:
    """Without the rewording these differ: the test above would pass on nothing if they did not."""
    differing = [param.values[0] for param in BROKEN if libyaml_alone(param.values[0]) != param.values[1]]
    assert len(differing) >= 5
    assert libyaml_alone("title: Walk: in the park\n")[0] == "mapping values are not allowed in this context"


def test_text_that_only_libyaml_refuses_stays_refused_in_its_words() -> None:
    # PyYAML reads an escaped lone surrogate; libyaml does not, and the command line never did.
    text = 'a: "\\ud800"\n'
    assert problem(text, with_libyaml=True) == ("found invalid Unicode character escape code", 1, 7)


def test_data_is_read_alike_with_libyaml_and_without() -> None:
    text = "title: Walk\nchannels: [facebook, x]\nmedia:\n  - {file: a.jpg, alt: 'A pond'}\ncount: 3\n"
    with libyaml(True):
        fast = yamlio.load(text), yamlio.load_with_nodes(text)[0]
    with libyaml(False):
        pure = yamlio.load(text), yamlio.load_with_nodes(text)[0]
    assert repr(fast) == repr(pure)


# -- whole content repos: every finding alike, front-matter-invalid included -------------------


def findings(repo: Path, policy: Policy, *, with_libyaml: bool) -> list[dict[str, object]]:
    with libyaml(with_libyaml):
        settings = load_settings(find_settings(repo), policy)
        engine = Engine(policy, settings)
        return [
            finding.as_dict()
            for target in discover([repo], settings, repo)
            for finding in engine.check_file(target.path, target.display)
        ]


def _repos(shared: Path) -> list[Path]:
    return [shared / "acceptance", shared / "consent-acceptance", PROJECT / "examples" / "content-repo"]


def test_every_finding_of_the_corpora_is_alike_with_libyaml_and_without(shared: Path, policy: Policy) -> None:
    for repo in _repos(shared):
        assert findings(repo, policy, with_libyaml=True) == findings(repo, policy, with_libyaml=False), repo


def test_the_acceptance_corpus_has_front_matter_that_is_not_yaml(shared: Path, policy: Policy) -> None:
    """So that the test above compares a front-matter-invalid message, and in the reference's words."""
    found = findings(shared / "acceptance", policy, with_libyaml=True)
    invalid = [finding for finding in found if finding["rule"] == "front-matter-invalid"]
    assert invalid
    assert all("in this context" not in str(finding["message"]) for finding in invalid)
