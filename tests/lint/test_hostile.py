"""Hostile content repos: policy-check never crashes, hangs, runs code or leaks a file.

Every hostile post becomes one clear finding (a format rule, at the place that
is wrong) and a clean post beside it in the same run is still reported clean.
Every broken settings file is a usage error (exit 2) naming the file, the key
and the problem. Cases run through the real command, in process (fast), or as
a subprocess where process-level behaviour matters (encodings, worker
processes, FIFOs).
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import inspect
import json
import os
import pkgutil
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
import yaml

import checks
from checks.cli import main
from checks.lint.engine import Engine
from checks.policy import yamlio
from checks.repo.settings import Settings, glob_pattern
from checks.repo.textscan import WordsPattern

HERE = Path(__file__).resolve().parent
CLEAN = (HERE.parent / "fixtures" / "small-repo" / "posts" / "clean.md").read_text(encoding="utf-8")
HEAD = "---\ntitle: T\nchannels: [facebook, x]\npublish_at: 2027-12-20\ntype: news\napproved_by: comms-team\n"
# A post with findings on several lines, to compare line endings and byte order marks.
FINDINGS_POST = (
    "---\n"
    "title: Pond day\n"
    "channels: [facebook, x]\n"
    "publish_at: 2027-12-20\n"
    "type: news\n"
    "approved_by: comms-team\n"
    "media:\n"
    "  - file: images/pond.jpg\n"
    "    alt: photo\n"
    "    credit: Hart District Council\n"
    "---\n"
    "Call 07700 900123 or write to jo.pond@gmail.com about the CONFIDENTIAL plan.\n"
    "![](images/duck.png)\n"
    "[click here](https://www.hart.gov.uk/ponds)\n"
)
FORMATS = ("text", "json", "github", "sarif", "junit")
MiB = 1024 * 1024


@dataclasses.dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.stdout)

    def findings(self, path: str) -> list[tuple[str, int, int]]:
        return [(f["rule"], f["line"], f["column"]) for f in self.report["findings"] if f["path"] == path]

    def messages(self, path: str) -> list[str]:
        return [f["message"] for f in self.report["findings"] if f["path"] == path]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content repo with settings and one clean post, as the working folder."""
    root = tmp_path / "repo"
    (root / "posts").mkdir(parents=True)
    (root / ".policy-check.yaml").write_text("approvers: [comms-team]\n", encoding="utf-8")
    (root / "posts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repo holding a post whose words must never appear in any report."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(CLEAN.replace("Bin collections move", "ZEBRASECRET move"), encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> Run:
    code = main(list(arguments))
    out, err = capsys.readouterr()
    return Run(code, out, err)


def check_posts(capsys: pytest.CaptureFixture[str], *arguments: str) -> Run:
    """Check as JSON: a normal run (exit 0 or 1, the contract's shape, nothing on stderr).

    When the whole repo is checked, the clean post must also be in the run and
    reported clean (JUnit lists every file checked).
    """
    done = run(capsys, "--format", "json", *(arguments or (".",)))
    assert done.code in (0, 1), done.stderr
    assert done.stderr == ""
    report = done.report
    assert list(report) == ["policy_version", "files_checked", "findings"]
    if not arguments:
        junit = ElementTree.fromstring(run(capsys, "--format", "junit", ".").stdout)
        cases = {case.get("file"): case for case in junit.iter("testcase")}
        assert len(cases) == report["files_checked"]
        assert cases["posts/clean.md"].find("failure") is None
        assert done.findings("posts/clean.md") == []
    return done


def check_beside_clean(capsys: pytest.CaptureFixture[str], path: str) -> Run:
    """One JSON run of the post and the clean post only: for large posts, whose output is large."""
    done = check_posts(capsys, path, "posts/clean.md")
    assert done.report["files_checked"] == 2
    assert done.findings("posts/clean.md") == []
    return done


def write(name: str, content: str | bytes) -> str:
    path = Path("posts") / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path.as_posix()


def only(done: Run, path: str) -> tuple[str, int, int]:
    """The file's one finding (a format rule stops every other rule)."""
    found = done.findings(path)
    assert len(found) == 1, found
    return found[0]


# -- YAML: aliases, tags, duplicates, nesting, tabs ----------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"lol{level}: &lol{level} [{', '.join([f'*lol{level - 1}'] * 9)}]")
    return "\n".join(lines)


def test_billion_laughs_is_refused_at_the_first_alias(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("bomb.md", "---\n" + billion_laughs() + "\n---\nBody\n")
    done = check_posts(capsys)
    assert only(done, path) == ("front-matter-invalid", 3, 14)  # the "*" of "lol1: &lol1 [*lol0"
    assert "aliases are not allowed" in done.messages(path)[0]


def test_an_alias_repeating_long_text_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 300 copies of 20,000 characters of alt text took minutes to check before aliases were refused.
    items = ", {file: a.jpg, alt: *words, credit: Hart District Council}" * 300
    front = HEAD + f"media: [{{file: a.jpg, alt: &words {'word ' * 4000}, credit: Hart District Council}}{items}]\n"
    path = write("amplified.md", front + "---\nBody\n")
    done = check_posts(capsys)
    rule, line, _ = only(done, path)
    assert (rule, line) == ("front-matter-invalid", 7)


DANGEROUS_TAGS = (
    '!!python/object/apply:os.system ["touch {marker}"]',
    "!!python/object/apply:subprocess.check_call [[touch, {marker}]]",
    '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    "!!python/object/apply:builtins.exec [\"open('{marker}', 'w')\"]",
    "!!python/name:os.system",
    "!!python/module:os",
)


@pytest.mark.parametrize("tag", DANGEROUS_TAGS)
def test_python_tags_run_nothing(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str) -> None:
    marker = tmp_path / "ran"
    value = tag.format(marker=marker)
    first = write("tag-value.md", HEAD.replace("title: T", f"title: {value}") + "---\nBody\n")
    nested = write("tag-alt.md", HEAD + f"media:\n  - file: a.jpg\n    alt: {value}\n---\nBody\n")
    done = check_posts(capsys)
    assert only(done, first) == ("front-matter-invalid", 2, 8)
    assert only(done, nested) == ("front-matter-invalid", 9, 10)
    assert "is not allowed" in done.messages(first)[0]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!foo bar", "the tag '!foo' is not allowed"),
        ("!!set {a, b}", "the tag '!!set' is not allowed"),
        ("!!binary aGVsbG8=", "the tag '!!binary' is not allowed"),
        ("!!timestamp 2027-02-30", "the tag '!!timestamp' is not allowed"),
        ("!!int abc", "'abc' is not a whole number"),
        ("!!bool maybe", "'maybe' is not true or false"),
        ("!!map [1]", "this list is not a mapping"),
        ("9" * 5000, "is too long a number"),  # past Python's limit on digits
        ("0x" + "f" * 5000, "is too long a number"),  # no limit on reading, but one on printing
    ],
)
def test_other_tags_and_unreadable_values_are_findings(
    repo: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    path = write("tagged.md", HEAD.replace("title: T", f"title: {value}") + "---\nBody\n")
    done = check_posts(capsys)
    assert only(done, path) == ("front-matter-invalid", 2, 8)
    assert message in done.messages(path)[0]


def test_the_loader_can_build_only_plain_data() -> None:
    """Nothing but plain values can be constructed, whatever the text asks for."""
    plain = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map")}
    assert set(yamlio.StrictLoader.yaml_constructors) == plain | {None}
    assert not yamlio.StrictLoader.yaml_multi_constructors


def test_duplicate_keys_are_reported_at_the_second(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    top = write("dup-top.md", HEAD + "title: Again\n---\nBody\n")
    nested = write("dup-nested.md", HEAD + "media:\n  - file: a.jpg\n    alt: One\n    alt: Two\n---\nBody\n")
    done = check_posts(capsys)
    assert only(done, top) == ("front-matter-invalid", 7, 1)
    assert "duplicate key 'title' (first at line 1)" in done.messages(top)[0]
    assert only(done, nested) == ("front-matter-invalid", 10, 5)


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")])
def test_ten_thousand_levels_of_nesting(
    repo: Path, capsys: pytest.CaptureFixture[str], opening: str, closing: str
) -> None:
    path = write("deep.md", HEAD.replace("title: T", "title: " + opening * 10_000 + "1" + closing * 10_000) + "---\n")
    done = check_posts(capsys)
    rule, line, _ = only(done, path)
    assert (rule, line) == ("front-matter-invalid", 2)


@pytest.mark.parametrize("levels", [50, 990])
def test_nesting_deeper_than_any_post_needs(repo: Path, capsys: pytest.CaptureFixture[str], levels: int) -> None:
    # 50 lists in the front matter's mapping is one level too many; 990 is below libyaml's own
    # limit of 1,000 but near Python's recursion limit.
    path = write("deep.md", HEAD.replace("title: T", "title: " + "[" * levels + "]" * levels) + "---\n")
    done = check_posts(capsys)
    assert only(done, path) == ("front-matter-invalid", 2, 8 + yamlio.MAX_DEPTH - 1)  # at the "[" too deep
    assert f"nested more than {yamlio.MAX_DEPTH} deep" in done.messages(path)[0]


def test_nesting_up_to_the_limit_is_read(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("deep.md", HEAD.replace("title: T", "title: " + "[" * 49 + "]" * 49) + "---\n")
    assert only(check_posts(capsys), path) == ("front-matter-schema", 2, 8)  # read, and not text


def test_deep_block_nesting(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("deep-block.md", "---\n" + "".join(" " * level + "a:\n" for level in range(1200)) + "---\n")
    done = check_posts(capsys)
    rule, _, _ = only(done, path)
    assert rule == "front-matter-invalid"


def test_tabs_in_indentation(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("tabs.md", HEAD + "media:\n\t- file: a.jpg\n---\nBody\n")
    done = check_posts(capsys)
    assert only(done, path) == ("front-matter-invalid", 8, 1)
    assert "tab character" in done.messages(path)[0]


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("- a\n- b\n", "Front matter must be a mapping of keys, not a list"),
        ("Just a sentence\n", "Front matter must be a mapping of keys, not a single value"),
        ("42\n", "Front matter must be a mapping of keys, not a single value"),
        ("", "Front matter is missing required keys 'title', 'channels', 'publish_at' and 'type'"),
        ("~\n", "Front matter is missing required keys 'title', 'channels', 'publish_at' and 'type'"),
    ],
)
def test_front_matter_that_is_not_a_mapping(
    repo: Path, capsys: pytest.CaptureFixture[str], front: str, message: str
) -> None:
    path = write("odd.md", "---\n" + front + "---\nBody\n")
    done = check_posts(capsys)
    assert only(done, path) == ("front-matter-schema", 2, 1)
    assert done.messages(path) == [message]


@pytest.mark.parametrize(
    "value", ["2027-02-30", "2027-02-29", "2027-13-01", "2027-02-30T09:00:00+00:00", "2027-01-01T25:00:00Z"]
)
def test_impossible_dates(repo: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    path = write("date.md", HEAD.replace("2027-12-20", value) + "---\nBody\n")
    done = check_posts(capsys)
    assert only(done, path) == ("front-matter-schema", 4, 13)
    assert f"'{value}', which is not a real date" in done.messages(path)[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (HEAD + "Body but no closing line\n", ("front-matter-invalid", 1, 1)),
        ("---", ("front-matter-invalid", 1, 1)),
        ("---\n", ("front-matter-invalid", 1, 1)),
        ("", ("front-matter-missing", 1, 1)),
        ("\n\n   \n", ("front-matter-missing", 1, 1)),
        ("\ufeff", ("front-matter-missing", 1, 1)),
        ("Just text, no front matter\n", ("front-matter-missing", 1, 1)),
        (" ---\ntitle: T\n---\n", ("front-matter-missing", 1, 1)),
    ],
)
def test_unclosed_missing_and_empty(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str, expected: tuple[str, int, int]
) -> None:
    path = write("odd.md", content)
    assert only(check_posts(capsys), path) == expected


# -- bytes: line endings, byte order marks, encodings, NUL, size ---------------


def test_crlf_cr_and_bom_give_the_same_findings_as_lf(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    variants = {
        "lf.md": FINDINGS_POST.encode(),
        "crlf.md": FINDINGS_POST.replace("\n", "\r\n").encode(),
        "cr.md": FINDINGS_POST.replace("\n", "\r").encode(),
        "bom.md": b"\xef\xbb\xbf" + FINDINGS_POST.encode(),
        "bom-crlf.md": b"\xef\xbb\xbf" + FINDINGS_POST.replace("\n", "\r\n").encode(),
    }
    for name, content in variants.items():
        write(name, content)
    report = check_posts(capsys).report
    by_file: dict[str, list[tuple[int, int, str, str]]] = {}
    for f in report["findings"]:
        by_file.setdefault(f["path"].removeprefix("posts/"), []).append(
            (f["line"], f["column"], f["rule"], f["message"])
        )
    expected = [(9, 10, "alt-text-placeholder"), (12, 6, "personal-phone"), (12, 31, "personal-email")]
    assert [finding[:3] for finding in by_file["lf.md"][:3]] == expected
    rules = {rule for *_, rule, _ in by_file["lf.md"]}
    assert rules >= {"confidential-marking", "alt-text-missing", "link-text-generic"}
    for name in variants:
        assert by_file[name] == by_file["lf.md"], name


@pytest.mark.parametrize(
    ("content", "position", "byte"),
    [
        (HEAD.encode() + b"---\nCaf\xe9 opens\n", (8, 4), "0xE9"),  # Latin-1
        (HEAD.encode() + b"---\n\xed\xa0\x80\n", (8, 1), "0xED"),  # an encoded surrogate
        (HEAD.encode() + b"---\n\xc0\xaf\n", (8, 1), "0xC0"),  # an overlong "/"
        (HEAD.encode() + b"---\nEnds mid-character \xe2\x82", (8, 20), "0xE2"),
        (b"---\ntitle: \xff\xfe\n---\n", (2, 8), "0xFF"),
    ],
)
def test_invalid_utf8(
    repo: Path, capsys: pytest.CaptureFixture[str], content: bytes, position: tuple[int, int], byte: str
) -> None:
    path = write("bytes.md", content)
    done = check_posts(capsys)
    assert only(done, path) == ("file-unreadable", *position)
    assert done.messages(path) == [f"File is not UTF-8 text (byte {byte})"]


def test_nul_bytes_and_utf16(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nul = write("nul.md", HEAD + "---\nBo\x00dy\n")
    utf16 = write("utf16.md", FINDINGS_POST.encode("utf-16"))
    done = check_posts(capsys)
    assert only(done, nul) == ("file-unreadable", 8, 3)
    assert done.messages(nul) == ["File holds NUL bytes"]
    assert only(done, utf16)[0] == "file-unreadable"


def test_size_limit_is_one_mib_exactly(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "Bins.\n"
    fits = HEAD + "---\n" + body
    fits += " " * (MiB - len(fits.encode()))
    write("exactly.md", fits)
    over = write("over.md", fits + " ")
    done = check_posts(capsys)
    assert done.findings("posts/exactly.md") == []
    assert only(done, over) == ("file-unreadable", 1, 1)
    assert done.messages(over) == ["File is larger than 1 MiB"]


def test_a_50_mib_file_is_refused_without_reading_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = Path("posts/huge.md")
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.write(HEAD.encode() + b"---\n")
        handle.truncate(50 * MiB)
    tracemalloc.start()
    try:
        done = check_posts(capsys)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert only(done, "posts/huge.md") == ("file-unreadable", 1, 1)
    assert peak < 8 * MiB  # it read at most 1 MiB and a byte, not 50 MiB


TOO_LONG = ("channel-too-long", 8, 1)  # facebook allows 63,206 characters
LONG_LINES = {
    "letters": ("a", [TOO_LONG]),
    "capitals": ("A", [("all-caps", 8, 1), TOO_LONG]),
    "brackets": ("[", [TOO_LONG]),
    "image brackets": ("![", [TOO_LONG]),
    "dots": (".", [TOO_LONG]),
    "hashes": ("#", [TOO_LONG]),
    "at signs": ("a@", [TOO_LONG]),
    "digits": ("1", [TOO_LONG]),
    # a run of more than 3 at its start, and the 7th in the post
    "emoji": ("\U0001f600", [TOO_LONG, ("emoji-overuse", 8, 1), ("emoji-overuse", 8, 7)]),
}


@pytest.mark.parametrize("name", LONG_LINES)
def test_a_line_of_almost_one_mib(repo: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    unit, expected = LONG_LINES[name]
    head = HEAD.replace("[facebook, x]", "[facebook]") + "---\n"
    count = (MiB - len(head.encode()) - 16) // len(unit.encode())
    path = write("long.md", head + unit * count + "\n")
    done = check_beside_clean(capsys, path)
    found = [f for f in done.findings(path) if f[0] != "readability"]
    assert sorted(found) == sorted(expected)


# One finding for every few characters of a long line: each is placed without rescanning the line.
# Each unit repeats; the finding's column is where its text starts in the unit (0 for the unit's start).
MANY_FINDINGS = {
    "national insurance numbers": ("AB123456C ", "national-insurance-number", 0),
    "markings": ("CONFIDENTIAL ", "confidential-marking", 0),
    "phone numbers": ("07700 900123 ", "personal-phone", 0),
    "e-mail addresses": ("jo@gmail.com ", "personal-email", 0),
    "capitals": ("LOUD ", "all-caps", 0),
    "inline images": ("![a](b.png) ", "media-credit-missing", 0),
    "full stops and no space": ("." * 64 + "x", "", 0),
    "links and capitals": ("http://a.uk LOUD ", "all-caps", 12),
    "bare domains": ("a.uk b.com ", "", 0),
    "links and emoji": ("http://a.uk \U0001f600 ", "", 0),
}
MANY_LENGTH = 128 * 1024


@pytest.mark.parametrize("name", list(MANY_FINDINGS))
def test_a_long_line_with_thousands_of_findings(repo: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    unit, rule, offset = MANY_FINDINGS[name]
    count = MANY_LENGTH // len(unit)
    path = write("many.md", HEAD + "---\n" + unit * count + "\n")
    done = check_beside_clean(capsys, path)
    if rule:
        columns = [column for found, line, column in done.findings(path) if found == rule and line == 8]
        assert columns == [1 + offset + number * len(unit) for number in range(count)]


def test_thousands_of_findings_in_a_literal_block(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit, lines, per_line = "AB123456C ", 20, 500
    block = "".join("    " + unit * per_line + "\n" for _ in range(lines))
    path = write("block.md", HEAD + "text:\n  x: |\n" + block + "---\nBody\n")
    done = check_posts(capsys)
    found = [(line, column) for rule, line, column in done.findings(path) if rule == "national-insurance-number"]
    assert found == [(9 + row, 5 + number * len(unit)) for row in range(lines) for number in range(per_line)]


# -- regular expressions: linear time on adversarial text ---------------------

ADVERSARIAL_LENGTH = 50_000


def adversarial_texts(pattern: re.Pattern[str]) -> Iterator[str]:
    """Long runs that make a backtracking pattern retry from every position."""
    n = ADVERSARIAL_LENGTH
    yield "a" * n + "!"
    yield "A" * n + "1"
    yield "1" * n + "x"
    yield " " * n + "x"
    yield "\n" * n + "x"
    yield "[" * n
    yield "![" * (n // 2)
    yield "[a](" * (n // 4)
    yield "." * n + "x"
    yield "a." * (n // 2) + "_"
    yield "a@" * (n // 2)
    yield "www." * (n // 4)
    yield "http://" + "a" * n + "("
    yield "@" * n
    yield "#" * n
    yield "Cllr " * (n // 5)
    yield "0 " * (n // 2)
    yield "+44" * (n // 3)
    yield "AAAA-" * (n // 5)
    yield "\U0001d400 " * (n // 2) + "!"
    yield "\U0001f600\u200d" * (n // 2)
    # Runs of each character the pattern names, so that its own classes and literals repeat.
    for char in sorted(set(re.sub(r"\\.", "", pattern.pattern)) - set("()[]{}?*+|^$\\"))[:12]:
        yield char * n + "\x00"


def _parameters(function: Callable[..., object]) -> list[str]:
    return list(inspect.signature(function).parameters)


def _patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern in checks/ and every pattern the rules compile from policy/."""
    found: dict[str, re.Pattern[str]] = {}

    def collect(value: object, where: str, depth: int = 0) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault(value.pattern, value)
            names.setdefault(value.pattern, where)
        elif isinstance(value, WordsPattern):  # compiled when first needed: compiled here to be run
            collect(value.regex, where, depth + 1)
            collect(value.regex_in_lower_case, where, depth + 1)
        elif depth < 6 and callable(value) and hasattr(value, "cache_info") and not _parameters(value):
            collect(value(), where, depth + 1)  # what a rule builds when a post first needs it, built here
        elif depth < 6 and isinstance(value, list | tuple | set | frozenset):
            for item in value:
                collect(item, where, depth + 1)
        elif depth < 6 and isinstance(value, dict):
            for item in value.values():
                collect(item, where, depth + 1)
        elif depth < 6 and callable(value) and getattr(value, "__closure__", None):
            for cell in value.__closure__ or ():
                try:
                    collect(cell.cell_contents, where, depth + 1)
                except ValueError:  # an empty cell
                    continue
        elif depth < 6 and dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                collect(getattr(value, item.name), where, depth + 1)

    names: dict[str, str] = {}
    for module_info in pkgutil.walk_packages(checks.__path__, "checks."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for attribute, value in vars(module).items():
            if re.search(rf"^{attribute}\b[^=\n]*= *re\.compile\(", source, re.MULTILINE):  # defined here
                collect(value, f"{module_info.name}.{attribute}")
    from checks.policy.loader import load_policy

    engine = Engine(load_policy(), Settings(people=["Jo Bloggs", "@JoForHart"], partners=["@HantsFRS"]))
    for rule, prepared in engine.checks:
        collect(prepared, f"rule {rule.id}")
    numbered: dict[str, re.Pattern[str]] = {}
    for key, value in found.items():  # ids such as "checks.repo.post.INLINE" or "rule all-caps 2"
        label = names[key]
        while label in numbered:
            label = f"{names[key]} {sum(1 for other in numbered if other.startswith(names[key])) + 1}"
        numbered[label] = value
    return numbered


PATTERNS = _patterns()
# Patterns that backtrack in quadratic time, with where they run and the fix; see the report of issue 7.
KNOWN_SLOW: dict[str, str] = {}


def _marks(name: str) -> list[pytest.MarkDecorator]:
    slow = KNOWN_SLOW.get(name)
    return [pytest.mark.xfail(run=False, reason=slow)] if slow else []


@pytest.mark.parametrize("name", [pytest.param(name, marks=_marks(name)) for name in PATTERNS])
def test_every_pattern_is_linear_on_adversarial_text(name: str) -> None:
    """Each pattern is run over 50,000-character adversarial strings; a backtracking one takes minutes.

    Nothing here asserts a time: a pattern that is not linear shows in the
    durations (pytest --durations), and makes this test hang, not pass.
    """
    pattern = PATTERNS[name]
    for text in adversarial_texts(pattern):
        for _ in pattern.finditer(text):
            pass


def test_the_pattern_list_covers_the_rules_and_the_reader() -> None:
    assert len(PATTERNS) >= 20
    assert "checks.repo.post.INLINE" in PATTERNS
    assert "rule national-insurance-number" in PATTERNS
    assert "rule offensive-language" in PATTERNS
    assert set(KNOWN_SLOW) <= set(PATTERNS)


def test_globs_from_settings_are_linear() -> None:
    """`**/` repeated, or many `*` in one name, made the regular expression backtrack for hours."""
    deep = "a/" * 1500 + "b.md"
    assert not glob_pattern("**/" * 40 + "x").fullmatch(deep)
    assert glob_pattern("**/" * 40 + "b.md").fullmatch(deep)
    assert not glob_pattern("*a" * 30 + "*b").fullmatch("a" * 250 + ".md")
    assert not glob_pattern("**a" * 30 + "**b").fullmatch("a/" * 2000)
    assert glob_pattern("**/*a*/" * 20 + "**").fullmatch("aa/" * 1000 + "c")


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        ("**/README.md", "README.md", True),
        ("**/README.md", "a/b/README.md", True),
        ("**/README.md", "a/bREADME.md", False),
        ("*.md", "a/b.md", False),
        ("*.md", "b.md", True),
        ("posts/**", "posts/2027/a.md", True),
        ("posts/**", "postsx/a.md", False),
        ("drafts**", "drafts-old/a.md", True),
        ("posts/*/a?.md", "posts/x/ab.md", True),
        ("posts/*/a?.md", "posts/x/y/ab.md", False),
        ("posts/*/a?.md", "posts/x/a/.md", False),
        ("**/**/x.md", "x.md", True),
        ("a/**/b/**/c.md", "a/b/c.md", True),
        ("a/**/b/**/c.md", "a/x/y/b/z/c.md", True),
        ("a/**/b/**/c.md", "a/x/y/z/c.md", False),
        ("[x].md", "[x].md", True),
        ("[x].md", "x.md", False),
        ("café déjà vu.md", "café déjà vu.md", True),
    ],
)
def test_glob_meaning(glob: str, path: str, expected: bool) -> None:
    assert glob_pattern(glob).fullmatch(path) is expected


# -- files: symbolic links, FIFOs, folders named x.md, odd names --------------


def _all_outputs(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    outputs = []
    for output_format in FORMATS:
        done = run(capsys, "--format", output_format, *arguments)
        assert done.code in (0, 1), done.stderr
        outputs.append(done.stdout + done.stderr)
    return "\n".join(outputs)


def test_linked_files_leading_out_are_never_read(repo: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "posts" / "passwd.md").symlink_to("/etc/passwd")
    (repo / "posts" / "secret.md").symlink_to(outside / "secret.md")
    (repo / "posts" / "zero.md").symlink_to("/dev/zero")
    (repo / "posts" / "inside.md").symlink_to("clean.md")
    (repo / "posts" / "dangling.md").symlink_to("nowhere.md")
    (repo / "posts" / "loop-a.md").symlink_to("loop-b.md")
    (repo / "posts" / "loop-b.md").symlink_to("loop-a.md")
    done = check_posts(capsys)
    leads_out = "File is a symbolic link that leads outside the checked folder, so it was not read"
    for name in ("passwd", "secret", "zero"):
        assert only(done, f"posts/{name}.md") == ("file-unreadable", 1, 1)
        assert done.messages(f"posts/{name}.md") == [leads_out]
    for name in ("dangling", "loop-a", "loop-b"):
        assert done.messages(f"posts/{name}.md") == ["File is a symbolic link that leads nowhere"]
    assert done.findings("posts/inside.md") == []
    everything = _all_outputs(capsys, ".") + _all_outputs(capsys, "posts/secret.md", "posts/passwd.md")
    assert "ZEBRASECRET" not in everything
    assert "root:" not in everything


def test_linked_folders_leading_out_are_never_walked(
    repo: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "posts" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (repo / "etc").symlink_to("/etc", target_is_directory=True)
    walked = check_posts(capsys)
    assert {f["path"] for f in walked.report["findings"]} == set()
    assert walked.report["files_checked"] == 1
    named = check_posts(capsys, "posts/elsewhere", "posts/elsewhere/secret.md", "posts/clean.md")
    assert named.messages("posts/elsewhere") == [
        "Folder is a symbolic link that leads outside the checked folder, so it was not read"
    ]
    assert named.messages("posts/elsewhere/secret.md") == [
        "File is reached through a symbolic link that leads outside the checked folder, so it was not read"
    ]
    assert named.findings("posts/clean.md") == []
    everything = _all_outputs(capsys, ".") + _all_outputs(capsys, "posts/elsewhere", "posts/elsewhere/secret.md")
    assert "ZEBRASECRET" not in everything


def test_a_link_to_a_folder_inside_the_repo_is_checked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "current").symlink_to("posts", target_is_directory=True)
    done = check_posts(capsys, "current")
    assert done.report["files_checked"] == 1
    assert done.report["findings"] == []


def check_in_a_process(repo: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """policy-check with JSON output in a process of its own, where process-level behaviour matters."""
    command = [sys.executable, "-m", "checks", "--format", "json", *arguments]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.integration
def test_fifos_and_devices_do_not_hang(repo: Path, tmp_path: Path) -> None:
    """A FIFO named like a post, walked or named, must not be opened (that would wait forever)."""
    os.mkfifo(repo / "posts" / "pipe.md")
    (repo / "posts" / "to-pipe.md").symlink_to("pipe.md")
    done = check_in_a_process(repo, ".", "posts/pipe.md")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    messages = {f["path"]: f["message"] for f in report["findings"]}
    assert messages == {"posts/to-pipe.md": "File is a symbolic link to something that is not a file"}


def test_a_folder_named_like_a_post(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "posts" / "folder.md").mkdir()
    (repo / "posts" / "folder.md" / "inner.md").write_text(FINDINGS_POST, encoding="utf-8")
    done = check_posts(capsys)
    assert done.report["files_checked"] == 2
    assert {f["path"] for f in done.report["findings"]} == {"posts/folder.md/inner.md"}
    named = check_posts(capsys, "posts/folder.md")
    assert named.report["files_checked"] == 1


ODD_NAMES = ("café déjà vu.md", "a,b:c%d #1.md", "Ŵelsh ŷ – “quotes”.md", "日本語.md")


def test_names_with_spaces_and_letters_beyond_ascii(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ODD_NAMES:
        write(name, HEAD + "---\nCall 07700 900123 today.\n")
    wanted = {f"posts/{name}" for name in ODD_NAMES}
    report = check_posts(capsys).report
    assert {f["path"] for f in report["findings"]} == wanted

    text = run(capsys, "--format", "text", ".").stdout
    for path in wanted:
        assert f"{path}:8:6: error [personal-phone]" in text

    github = run(capsys, "--format", "github", ".").stdout
    annotated = {line.split(",line=")[0].removeprefix("::error file=") for line in github.splitlines()[:-1]}
    # GitHub's own escaping: % , and : in a property; everything else as it is.
    assert {a.replace("%2C", ",").replace("%3A", ":").replace("%25", "%") for a in annotated} == wanted

    sarif = json.loads(run(capsys, "--format", "sarif", ".").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert all(uri.isascii() and " " not in uri for uri in uris)
    assert {unquote(uri) for uri in uris} == wanted

    junit = ElementTree.fromstring(run(capsys, "--format", "junit", ".").stdout)
    failing = {case.get("file") for case in junit.iter("testcase") if case.find("failure") is not None}
    assert failing == wanted


@pytest.mark.integration
def test_names_that_are_not_utf8_or_hold_control_characters(repo: Path) -> None:
    """Process level: the name reaches stdout through the real encoder, in every format."""
    for raw in (b"posts/\xff\xfe bad.md", b"posts/new\nline.md", b"posts/bell\x07.md"):
        Path(os.fsdecode(raw)).write_text(HEAD + "---\nCall 07700 900123 today.\n", encoding="utf-8")
    shown = {"posts/\\xff\\xfe bad.md", "posts/new\\x0aline.md", "posts/bell\\x07.md"}
    for output_format in FORMATS:
        done = subprocess.run(
            [sys.executable, "-m", "checks", "--format", output_format, "."],
            cwd=repo,
            capture_output=True,
            env={**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert done.stderr == b""
        out = done.stdout.decode("utf-8")  # valid UTF-8 whatever the names held
        if output_format == "json":
            assert {f["path"] for f in json.loads(out)["findings"]} == shown
        elif output_format == "junit":
            ElementTree.fromstring(out)  # no control character broke the XML
        elif output_format == "sarif":
            assert len(json.loads(out)["runs"][0]["results"]) == 3
        else:
            assert len(out.splitlines()) == 4  # three findings and the summary: no forged lines


# -- several hostile files in one run, with worker processes -------------------


@pytest.mark.integration
def test_many_hostile_files_in_one_run_with_workers(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hostile = {
        "bomb.md": "---\n" + billion_laughs() + "\n---\n",
        "python.md": HEAD.replace("title: T", f'title: !!python/object/apply:os.system ["touch {marker}"]') + "---\n",
        "deep.md": HEAD.replace("title: T", "title: " + "[" * 990 + "]" * 990) + "---\n",
        "nul.md": HEAD + "---\n\x00\n",
        "dup.md": HEAD + "type: news\n---\n",
        "unclosed.md": HEAD,
        "list.md": "---\n- a\n---\n",
    }
    for name, content in hostile.items():
        (repo / "posts" / name).write_text(content, encoding="utf-8")
    done = check_in_a_process(repo, "--jobs", "2", ".")
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    report = json.loads(done.stdout)
    assert report["files_checked"] == len(hostile) + 1
    rules = {f["path"].removeprefix("posts/"): f["rule"] for f in report["findings"]}
    assert set(rules) == set(hostile)
    assert set(rules.values()) <= {"front-matter-invalid", "front-matter-schema", "file-unreadable"}
    assert not marker.exists()


@pytest.mark.integration
def test_a_reader_that_stops_early_gets_no_traceback(repo: Path) -> None:
    """`policy-check . | head -c 5`: the pipe closes while megabytes of JSON are still to come."""
    write("loud.md", HEAD + "---\n" + "LOUD " * 20_000 + "\n")
    with subprocess.Popen(
        [sys.executable, "-m", "checks", "--format", "json", "."],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(5) == b'{\n  "'
        process.stdout.close()
        errors = process.stderr.read()
        assert process.wait(timeout=120) == 1
    assert errors == b""


# -- broken settings: exit 2, naming the file, the key and the problem --------

BROKEN_SETTINGS = [
    ("rules: [\n", "2:1", "not valid YAML"),
    ("rules: {all-caps: off, all-caps: error}\n", "1:24", "duplicate key 'all-caps'"),
    ("rules:\n\tall-caps: off\n", "2:1", "tab character"),
    ("rules: {no-such-rule: off}\n", "1:9", "key 'rules': unknown rule id 'no-such-rule'"),
    ("rules: {all-caps: loud}\n", "1:19", "key 'rules': 'loud' is not one of"),
    ("election_periods: [{name: May, start: 2027-02-30, end: 2027-03-01}]\n", "1:32", "'2027-02-30' is not a valid"),
    ("election_periods: [{name: May, start: 2027-03-01, end: 2027-02-01}]\n", "1:51", "is before start"),
    ("incidents: [{name: Flood, start: '2027-01-01T25:00', end: 2027-01-02}]\n", "1:27", "is not a valid date"),
    ("colour: red\n", "1:1", "unknown key 'colour'"),
    ("partners: 5\n", "1:11", "key 'partners'"),
    ("people: [Jo, 2]\n", "1:14", "key 'people'"),
    ("include: [1]\n", "1:11", "key 'include'"),
    ("- a\n- b\n", "1:1", "must be a mapping of settings (key: value), not a list"),
    ("just words\n", "1:1", "must be a mapping of settings (key: value), not a single value"),
    ("partners: &p ['@a']\npeople: *p\n", "2:9", "aliases are not allowed"),
    ("partners: !!python/object/apply:os.system ['touch {marker}']\n", "1:11", "the tag"),
    ("people: !!set {a, b}\n", "1:9", "the tag '!!set' is not allowed"),
    ("people: " + "[" * 60 + "]" * 60 + "\n", "1:58", "nested more than"),  # the 50th "[", 51 deep
    ("people: " + "[" * 10_000 + "]" * 10_000 + "\n", "1:", "not valid YAML"),
    ("people: [\x01]\n", "1:10", "special characters are not allowed (U+0001)"),
]


@pytest.mark.parametrize(("text", "where", "problem"), BROKEN_SETTINGS)
def test_broken_settings_are_usage_errors(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str, problem: str
) -> None:
    marker = tmp_path / "ran"
    settings = repo / ".policy-check.yaml"
    settings.write_text(text.replace("{marker}", str(marker)), encoding="utf-8")
    done = run(capsys, "--format", "json", ".")
    assert done.code == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"policy-check: {settings}:{where}")
    assert problem in done.stderr
    assert "Traceback" not in done.stderr
    assert not marker.exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"partners: ['caf\xe9']\n", ":1:16: is not UTF-8 text (byte 0xE9)"),
        (b"people: []\n" + b"#" * MiB, ": is larger than 1 MiB"),
    ],
)
def test_settings_that_are_not_text(
    repo: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    settings = repo / ".policy-check.yaml"
    settings.write_bytes(content)
    done = run(capsys, "--format", "json", ".")
    assert done.code == 2
    assert done.stderr == f"policy-check: {settings}{problem}\n"


def test_settings_with_a_byte_order_mark_and_crlf(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policy-check.yaml").write_bytes(b"\xef\xbb\xbfapprovers: [comms-team]\r\nrules: {all-caps: off}\r\n")
    assert check_posts(capsys).report["findings"] == []


def test_a_glob_bomb_in_settings_on_a_deep_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = repo / "posts" / Path(*["d"] * 60)
    deep.mkdir(parents=True)
    (deep / "x.md").write_text(FINDINGS_POST, encoding="utf-8")
    (repo / ".policy-check.yaml").write_text(
        "approvers: [comms-team]\nexclude: ['" + "**/" * 30 + "y.md', '" + "*d" * 20 + "*e']\n", encoding="utf-8"
    )
    done = check_posts(capsys)
    assert done.report["files_checked"] == 2
    assert {f["path"] for f in done.report["findings"]} == {deep.relative_to(repo).as_posix() + "/x.md"}


def test_changed_since_refuses_an_option_as_a_ref(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = run(capsys, "--changed-since=--output=/tmp/x", ".")
    assert done.code == 2
    assert "'--output=/tmp/x' is not a git ref" in done.stderr


def test_settings_data_path_is_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policy-check.yaml").write_text(
        "election_periods:\n  - name: May\n    start: 2027-05-01\n    end: 2027-05-06\n    extra: 1\n",
        encoding="utf-8",
    )
    done = run(capsys, ".")
    assert done.code == 2
    assert done.stderr.rstrip().endswith("at $.election_periods[0].extra")
    assert ":5:5: key 'election_periods': unknown key 'extra'" in done.stderr


def test_yaml_errors_never_escape_the_loader() -> None:
    """Straight at the loader: each of these is a YAMLProblem with a position, never another exception."""
    texts = [
        "a: !!float x",
        "a: !!null x: y",
        "a: [1, 2",
        "a: 'unclosed",
        "? [a]\n: 1",
        'a: "\\ud800"',
        "a: 0x" + "f" * 5000,
        "<<: {b: 1}",
        "%YAML 9.9\n---\na: 1",
        "%TAG ! tag:evil.example,2000:\n---\na: !x 1",
        "a: b\n---\nc: d",
    ]
    for text in texts:
        with pytest.raises(yamlio.YAMLProblem) as problem:
            yamlio.load(text)
        assert problem.value.line >= 1 and problem.value.column >= 1, text


def test_plain_yaml_still_loads() -> None:
    assert yamlio.load("a: 1\nb: [true, null, 1.5, text]\nc: {d: 2027-02-30}") == {
        "a": 1,
        "b": [True, None, 1.5, "text"],
        "c": {"d": "2027-02-30"},
    }
    # PyYAML's own loaders are left as they were.
    assert "tag:yaml.org,2002:timestamp" in yaml.SafeLoader.yaml_constructors
    assert yaml.safe_load("when: 2027-02-01") == {"when": datetime.date(2027, 2, 1)}
