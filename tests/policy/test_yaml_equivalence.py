"""One YAML reader: the post reader's fast path gives exactly what the strict loader gives.

``yamlio.load_with_nodes`` builds plain front matter straight from libyaml's
node tree and leaves everything else to ``yamlio.load``. For any text the two
must return the same data (same types, same order) or both refuse it with
YAMLProblem. Texts come from a small YAML grammar (keys, plain and quoted
scalars, flow and block collections, tags, anchors, aliases, merge keys,
duplicate keys, YAML 1.1 numbers and booleans, nulls, deep nesting, several
documents) with stray characters pushed in, from a soup of YAML punctuation,
and from any text.

Text that libyaml and PyYAML's own parser both refuse is refused alike with
libyaml and without it (the pure loader alone, as in the browser): the same
message at the same place (tests/policy/test_yaml_wording.py has the cases by
name).

Runs are reproducible (derandomised, no example database) and kept short;
raise the number of examples locally with HYPOTHESIS_EXAMPLES=5000.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_yaml_wording import libyaml

from checks.policy import yamlio

EQUIVALENCE = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KEYS = ["title", "channels", "text", "media", "alt", "a", "b", "x", "key with space", "1", "2", "yes", "on", "null"]
KEYS += ["~", "<<", "=", "-", "?x", "é", "😀", "true", "0x1F", "2027-01-15"]
WORDS = ["hello", "Fleet Pond", "yes", "no", "on", "off", "Yes", "NO", "Off", "y", "n", "true", "False", "TRUE"]
WORDS += ["null", "Null", "NULL", "~", "", "0", "1", "-1", "+1", "007", "0x1F", "0o17", "0b101", "1_000", "1__0"]
WORDS += ["1e3", "1.5", "-.5", ".inf", "-.Inf", ".NaN", "12:30", "190:20:30", "2027-01-15", "2027-02-30"]
WORDS += ["2027-05-04T09:30:00+01:00", "2027-05-04 10:00:00", "=", "<<", "@x", "a#b", "a # comment", "http://x/y"]
WORDS += ["é", "😀", "a: b", "- a", "[a]", "{a}", "9" * 1001, "it's", 'say "hi"', "back\\slash", "tab\there"]
TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp", "!!map", "!!seq", "!!set"]
TAGS += ["!!omap", "!local", "!", "!<tag:yaml.org,2002:str>", "!!python/none", "!!merge", "!!value"]
STRAY = ["\t", ":", ": ", "#", " #", "*a", "&a ", "|", ">", "'", '"', "[", "]", "{", "}", ",", "-", "- ", "? "]
STRAY += ["\n", "\n  ", "\n- ", "%", "@", "`", "\x07", "\x85", "\ufeff", "\u2028", "!", "---\n", "...\n", "\\"]
PUNCTUATION = [*":-[]{},#&*!|>'\"?%@`~ \t\nab1=<", "\n  ", ": ", "- ", "---", "!!str", "*a", "&a"]


NEEDS_QUOTES = {"?x", "<<", "=", "-", "@x", "a: b", "- a", "[a]", "{a}", "tab\there", "9" * 1001, "a # comment"}
PLAIN_WORDS = ["hello", "Fleet Pond", "yes", "Off", "~", "", "null", "2027-01-15", "it's", "é", "a # comment"]


def _quoted(word: str, style: str) -> str:
    if style == "'":
        return "'" + word.replace("'", "''") + "'"
    if style == '"':
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word


@st.composite
def scalars(draw: st.DrawFn, wild: bool, words: list[str] = WORDS) -> str:
    """A scalar, plain or quoted; when ``wild``, sometimes an alias, an anchor, a tag or an odd escape."""
    if wild and draw(st.integers(0, 20)) == 0:
        return "*a"
    word = draw(st.sampled_from(words if draw(st.booleans()) else PLAIN_WORDS))
    style = draw(st.sampled_from(["", "", "'", '"']))
    if not wild:  # calm text quotes what would break the YAML, so that most of it is read
        return _quoted(word, style or ("'" if word in NEEDS_QUOTES else ""))
    text = _quoted(word, style)
    if text.startswith('"') and draw(st.integers(0, 5)) == 0:
        text = text[:-1] + draw(st.sampled_from(["\\t", "\\x41", "\\u00e9", "\\q", "\\", "\\N"])) + '"'
    prefix = draw(st.sampled_from(["", "", "", "&a ", "&b "])) + draw(st.sampled_from(["", "", "", *TAGS]))
    return (prefix + " " + text).strip() if prefix else text


@st.composite
def flows(draw: st.DrawFn, wild: bool, depth: int) -> str:
    """A scalar or a flow list or mapping, nested ``depth`` deep at most."""
    choice = draw(st.integers(0, 3)) if depth > 0 else 0
    if choice <= 1:
        return draw(scalars(wild))
    prefix = draw(st.sampled_from(["", "", "", "&a ", "!!seq ", "!!map ", "!local "])) if wild else ""
    if choice == 2:
        items = draw(st.lists(flows(wild, depth - 1), max_size=3))
    else:
        pairs = draw(st.lists(st.tuples(scalars(wild, KEYS), flows(wild, depth - 1)), max_size=3))
        items = [f"{key}: {value}" for key, value in pairs]
    trailing = draw(st.sampled_from(["", "", ","])) if items or wild else ""  # `[,]` is not YAML
    opening, closing = "[]" if choice == 2 else "{}"
    return prefix + opening + ", ".join(items) + trailing + closing


@st.composite
def blocks(draw: st.DrawFn, wild: bool, indent: int, depth: int) -> list[str]:
    """Lines of a block mapping or list at ``indent``, with nested blocks, flows and literal text."""
    pad = " " * indent
    is_map = draw(st.booleans())
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        lead = f"{pad}{draw(scalars(wild, KEYS))}:" if is_map else f"{pad}-"
        shape = draw(st.integers(0, 5)) if depth > 0 else draw(st.integers(2, 5))
        if shape <= 1:
            headers = ["", "", " # note", " &a", " !!map", " !!seq", " !local"]
            lines.append(lead + draw(st.sampled_from(headers if wild else headers[:3])))
            steps = [0, 1, 2, 4] if is_map or wild else [1, 2, 4]  # a list item's own lines go deeper
            lines += draw(blocks(wild, indent + draw(st.sampled_from(steps)), depth - 1))
        elif shape == 2:
            lines.append(lead + " " + draw(st.sampled_from(["|", ">", "|-", ">+", "|2"])))
            body = draw(st.lists(st.sampled_from([*WORDS[:14], "", "  indented", "a: b"]), min_size=1, max_size=3))
            lines += [f"{pad}  {line}" for line in body]
        else:
            lines.append(f"{lead} {draw(flows(wild, 2))}".rstrip() if draw(st.integers(0, 9)) else lead)
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A YAML document; a wild one may hold several documents and stray characters pushed in anywhere."""
    wild = draw(st.booleans())
    body = "\n".join(draw(blocks(wild, 0, 3))) if draw(st.integers(0, 3)) else draw(flows(wild, 3))
    prefix = draw(st.sampled_from(["", "", "---\n", "--- ", "%YAML 1.1\n---\n", "# comment\n", "\n"]))
    suffix = draw(st.sampled_from(["", "", "\n", "\n...\n", "\n# end", " # end", "\n---\n", "\n---\nx: 1\n"]))
    text = prefix + body + (suffix if wild else suffix.split("---")[0])
    for _ in range(draw(st.integers(0, 3)) if wild else 0):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(STRAY)) + text[at:]
    return text


def deep() -> st.SearchStrategy[str]:
    """Lists and mappings nested about as deep as the loader allows, in flow and block style."""
    levels = st.integers(yamlio.MAX_DEPTH - 3, yamlio.MAX_DEPTH + 3)
    return st.one_of(
        levels.map(lambda n: "[" * n + "]" * n),
        levels.map(lambda n: "a: " + "{a: " * (n - 1) + "x" + "}" * (n - 1)),
        levels.map(lambda n: "\n".join(" " * i + "a:" for i in range(n)) + " x"),
        levels.map(lambda n: "\n".join(" " * (2 * i) + "-" for i in range(n - 1)) + "\n" + " " * (2 * n - 2) + "- []"),
    )


TEXTS = st.one_of(
    documents(),
    documents(),
    deep(),
    st.lists(st.sampled_from(PUNCTUATION), max_size=40).map("".join),
    st.text(max_size=60),
)


def _outcome(read: Any, text: str) -> str:
    """The data's repr (which tells True from 1 and keeps order; NaN equals itself), or that it was refused."""
    try:
        return repr(read(text))
    except yamlio.YAMLProblem:
        return "refused"


def _fast(text: str) -> Any:
    return yamlio.load_with_nodes(text)[0]


def _paths(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    found = [(path, data)]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for step, value in items:
        found += _paths(value, (*path, step))
    return found


@EQUIVALENCE
@given(TEXTS)
def test_the_fast_path_and_the_strict_loader_agree(text: str) -> None:
    assert _outcome(_fast, text) == _outcome(yamlio.load, text)


@EQUIVALENCE
@given(documents())
def test_the_fast_path_nodes_hold_every_piece_of_its_data(text: str) -> None:
    """The post reader finds a value's position by walking the nodes with the data's path: it must be there."""
    try:
        data, root = yamlio.load_with_nodes(text)
    except yamlio.YAMLProblem:
        event("refused")
        return
    event("fast path" if root is not None else "strict loader")
    if root is None:
        return
    for path, value in _paths(data):
        node = root
        for step in path:
            node = yamlio.child(node, step)[1]
            assert node is not None, (text, path)
        if isinstance(value, str):
            assert isinstance(node, yaml.ScalarNode) and node.value == value, (text, path)


def _refusal(text: str, with_libyaml: bool) -> tuple[str, int, int] | None:
    with libyaml(with_libyaml):
        try:
            yamlio.load(text)
        except yamlio.YAMLProblem as problem:
            return problem.message, problem.line, problem.column
    return None


def _libyaml_refuses(text: str) -> bool:
    try:
        yamlio._read(text, yamlio.StrictLoader)
    except yamlio.YAMLProblem:
        return True
    return False


@pytest.mark.skipif(not yamlio.LIBYAML, reason="PyYAML here has no libyaml")
@EQUIVALENCE
@given(TEXTS)
def test_what_libyaml_refuses_is_worded_as_without_it(text: str) -> None:
    if not _libyaml_refuses(text):
        event("libyaml reads it")
        return
    alone = _refusal(text, with_libyaml=False)
    if alone is None:  # an escaped lone surrogate: tests/policy/test_yaml_wording.py
        event("only libyaml refuses it")
        return
    assert _refusal(text, with_libyaml=True) == alone


@pytest.mark.parametrize(
    "text",
    [
        "title: Walk\nchannels: [facebook, x]\npublish_at: 2027-06-01\nmedia:\n  - {file: a.jpg, alt: 'A pond'}\n",
        "a: yes\nb: Off\nc: ~\nd: !!str 1\ne: ''\nf: |\n  line\n",
    ],
)
def test_plain_text_takes_the_fast_path(text: str) -> None:
    data, nodes = yamlio.load_with_nodes(text)
    assert nodes is not None
    assert repr(data) == repr(yamlio.load(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",  # a number
        "a: &x b\nc: *x\n",  # an alias: refused, by the strict loader
        "a: !!binary aGk=\n",  # a tag that is not allowed
        "1: a\n",  # a key that is not text
        "a: b\na: c\n",  # a duplicate key
        "a: {<<: {b: c}}\n",  # a merge key
        "[" * 51 + "]" * 51,  # too deep
        "a: [\n",  # not YAML
        "a: b\n---\nc: d\n",  # two documents
    ],
)
def test_other_text_is_left_to_the_strict_loader(text: str) -> None:
    assert _outcome(_fast, text) == _outcome(yamlio.load, text)
    try:
        _, nodes = yamlio.load_with_nodes(text)
    except yamlio.YAMLProblem:
        return
    assert nodes is None


@pytest.mark.parametrize(
    ("text", "message"), [("!!int", "'' is not a whole number"), ("a: !!float ", "'' is not a number")]
)
def test_an_empty_tagged_number_is_refused_not_a_crash(text: str, message: str) -> None:
    # Found by the property above: PyYAML reads the first character of the text and raised IndexError.
    assert _outcome(_fast, text) == _outcome(yamlio.load, text) == "refused"
    with pytest.raises(yamlio.YAMLProblem, match=message):
        yamlio.load(text)
