"""Property-based tests: whatever a post holds, policy-check reports it in the contract's shape.

Random front matter (the contract's keys with values of any type, unknown
keys, YAML-ish text) and random bodies (control characters, any unicode but
lone surrogates, Markdown images and links, phone numbers, e-mail addresses)
go through the real command in process. It must never crash: exit 0 or 1,
nothing on stderr, and JSON that matches the contract.

Runs are reproducible (derandomised, no example database) and kept short;
raise the number of examples locally with HYPOTHESIS_EXAMPLES=2000.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.cli import main
from checks.policy.loader import load_policy
from checks.policy.model import Policy

POLICY: Policy = load_policy()
PROPERTY = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "120")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FINDING_KEYS = ["path", "line", "column", "rule", "category", "severity", "message", "clause", "url", "waived"]
KEYS = ["title", "channels", "publish_at", "type", "approved_by", "media", "links", "shared_from", "text", "waivers"]
MEDIA_KEYS = ["file", "alt", "kind", "people", "children", "consent", "credit", "permission", "captions"]
CHANNELS = [*POLICY.channels, "tiktok", "X", ""]
TYPES = ["news", "event", "service-update", "consultation", "emergency", "job-vacancy", "share"]
TYPES += ["election-information", "advert", ""]
DATES = ["2027-02-01", "2027-02-30", "2027-05-04T09:30:00+01:00", "2027-05-04T09:30:00", "2027-03-28T23:30:00Z"]
DATES += ["2027-13-01", "27-01-01", "2027-05-04 10:00+00:00", "tomorrow"]
FRAGMENTS = [
    "![](images/a.jpg)",
    "![photo](images/a.jpg)",
    "![A heron on Fleet Pond at dawn](images/heron.jpg)",
    "[click here](https://www.hart.gov.uk)",
    "[the bins page](https://www.hart.gov.uk/bins)",
    "[a](",
    "](",
    "![",
    "07700 900123",
    "+44 1252 622122",
    "01252 622122",
    "999",
    "jo.bloggs@gmail.com",
    "info@hart.gov.uk",
    "AB 12 34 56 C",
    "#HartNews",
    "#hartnewsdaily",
    "@HantsFRS",
    "@JoForHart",
    "Cllr Smith",
    "Vote for Labour",
    "Conservatives",
    "CONFIDENTIAL",
    "OFFICIAL-SENSITIVE",
    "shit",
    "\U0001d400\U0001d401\U0001d402",
    "\U0001f600\U0001f600\U0001f600\U0001f600",
    "https://x.com/HantsFRS/status/1",
    "www.hart.gov.uk",
    "hart.gov.uk",
    "\n---\n",
    "\n...\n",
    "\t",
    "\x0b\x0c\x1b\x7f\x85\u2028\ufeff",
]
SETTINGS = {
    "approvers": ["comms-team"],
    "partners": ["@HantsFRS"],
    "people": ["Jo Bloggs", "@JoForHart"],
    "election_periods": [{"name": "Local elections 2027", "start": "2027-03-20", "end": "2027-05-06"}],
    "incidents": [{"name": "Flood", "start": "2027-02-01T00:00:00Z", "end": "2027-02-02T00:00:00Z"}],
}

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
    st.sampled_from(CHANNELS + TYPES + DATES + MEDIA_KEYS + list(POLICY.rules)),
)
keys = st.one_of(st.sampled_from(KEYS + MEDIA_KEYS + CHANNELS + ["rule", "reason"]), text)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)
media_item = st.dictionaries(st.sampled_from(MEDIA_KEYS), st.one_of(scalars, st.sampled_from(["a.jpg", "v.mp4"])))
# Front matter that mostly passes the schema, so that the rules themselves run on random values.
near_valid = st.fixed_dictionaries(
    {
        "title": text,
        "channels": st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=3),
        "publish_at": st.sampled_from(DATES),
        "type": st.sampled_from(TYPES),
    },
    optional={
        "approved_by": st.one_of(st.none(), st.sampled_from(["comms-team", "", "someone"])),
        "media": st.lists(media_item, max_size=3),
        "links": st.lists(text, max_size=2),
        "shared_from": st.sampled_from(["@HantsFRS", "@hantsfrs", "@JoForHart", "https://x.com/HantsFRS", ""]),
        "text": st.dictionaries(st.sampled_from(CHANNELS), text, max_size=2),
        "waivers": st.lists(
            st.fixed_dictionaries({"rule": st.sampled_from([*POLICY.rules, "nope"])}, optional={"reason": text}),
            max_size=2,
        ),
    },
)
anything = st.dictionaries(keys, values, max_size=8)
body = st.lists(st.one_of(text, st.sampled_from(FRAGMENTS)), max_size=12).map("".join)
YAML_PIECES = [*":-[]{}&*!|>'\"%@`#,?\n\t ~.0123456789abcxyz\\", "---", "...", "\n  ", "!!python/name:os.system"]
yamlish = st.lists(st.sampled_from(YAML_PIECES), max_size=60).map("".join)


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".policy-check.yaml").write_text(yaml.safe_dump(SETTINGS), encoding="utf-8")
        yield root


def check(workspace: Path, content: bytes, name: str = "post.md") -> dict[str, Any]:
    """Check one file through the command; assert a normal run and the contract's JSON shape."""
    path = workspace / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    arguments = ["--format", "json", "--config", str(workspace / ".policy-check.yaml"), str(path)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(arguments)
    assert err.getvalue() == ""
    assert code in (0, 1)
    report = json.loads(out.getvalue())
    assert_contract_shape(report, content)
    assert code == (1 if any(f["severity"] == "error" and not f["waived"] for f in report["findings"]) else 0)
    return report


def assert_contract_shape(report: dict[str, Any], content: bytes) -> None:
    assert list(report) == ["policy_version", "files_checked", "findings"]
    assert report["policy_version"] == POLICY.meta.version
    assert report["files_checked"] == 1
    findings = report["findings"]
    lines = content.count(b"\n") + content.count(b"\r") + 1  # at most, whatever the line endings
    for finding in findings:
        assert list(finding) == FINDING_KEYS
        rule = POLICY.rules[finding["rule"]]
        assert finding["category"] == rule.category
        assert finding["clause"] == rule.clause
        assert finding["url"] == POLICY.rule_url(rule.id)
        assert finding["severity"] in ("error", "warning")
        assert isinstance(finding["waived"], bool)
        assert isinstance(finding["message"], str) and finding["message"].strip()
        assert isinstance(finding["line"], int) and 1 <= finding["line"] <= lines
        assert isinstance(finding["column"], int) and finding["column"] >= 1
    places = [(f["path"], f["line"], f["column"]) for f in findings]
    assert places == sorted(places)
    format_rules = {f["rule"] for f in findings if f["category"] == "format"}
    if format_rules:  # a post that cannot be read, or breaks the schema, has only that rule's findings
        assert {f["rule"] for f in findings} == format_rules
        assert len(format_rules) == 1


def post(front: dict[str, Any], text_body: str) -> bytes:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{dumped}---\n{text_body}".encode()


@PROPERTY
@given(front=near_valid, text_body=body)
def test_random_posts_near_the_schema(workspace: Path, front: dict[str, Any], text_body: str) -> None:
    check(workspace, post(front, text_body))


@PROPERTY
@given(front=anything, text_body=body)
def test_random_front_matter_of_any_shape(workspace: Path, front: dict[str, Any], text_body: str) -> None:
    content = post(front, text_body)
    report = check(workspace, content)
    if set(front) - set(KEYS) and b"\x00" not in content:  # an unknown key is always caught by the schema
        assert report["findings"]
        assert {f["rule"] for f in report["findings"]} == {"front-matter-schema"}


@PROPERTY
@given(front_text=yamlish, text_body=body)
def test_yaml_ish_text_between_the_lines(workspace: Path, front_text: str, text_body: str) -> None:
    check(workspace, f"---\n{front_text}\n---\n{text_body}".encode())


@PROPERTY
@given(content=st.binary(max_size=400), after_front_matter=st.booleans())
def test_random_bytes(workspace: Path, content: bytes, after_front_matter: bool) -> None:
    check(workspace, (b"---\ntitle: T\n---\n" if after_front_matter else b"") + content)


@settings(PROPERTY, max_examples=max(PROPERTY.max_examples // 2, 1))  # two runs an example
@given(
    front=near_valid,
    text_body=body.map(lambda value: value.replace("\r", "")),
    bom=st.booleans(),
    ending=st.sampled_from([b"\r\n", b"\r"]),
)
def test_crlf_and_a_byte_order_mark_change_nothing(
    workspace: Path, front: dict[str, Any], text_body: str, bom: bool, ending: bytes
) -> None:
    content = post(front, text_body)

    def seen(report: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [(f["line"], f["column"], f["rule"], f["message"], f["waived"]) for f in report["findings"]]

    other = (b"\xef\xbb\xbf" if bom else b"") + content.replace(b"\n", ending)
    assert seen(check(workspace, other)) == seen(check(workspace, content))
