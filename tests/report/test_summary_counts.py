"""policy-check's summary sentences agree in number with their counts, for 0, 1 and 2 (checks.words)."""

from __future__ import annotations

import io

import pytest

from checks.lint.findings import Finding, Report
from checks.report import action
from checks.report.formats import REPORTERS, summary_line


def finding(path: str = "posts/a.md", severity: str = "error", waived: bool = False, line: int = 1) -> Finding:
    return Finding(path, line, 1, "alt-text-missing", severity, "Image a.jpg has no alt text", waived=waived)


def report(files: int, findings: list[Finding]) -> Report:
    return Report("2024.1", [f"posts/{name}.md" for name in "abc"[:files]], findings)


A, B = finding("posts/a.md"), finding("posts/b.md")
WARNING = finding(severity="warning")


@pytest.mark.parametrize(
    ("checked", "expected"),
    [
        (report(0, []), "0 files checked: no problems found"),
        (report(1, []), "1 file checked: no problems found"),
        (report(2, []), "2 files checked: no problems found"),
        (report(1, [WARNING]), "1 file checked: 0 errors, 1 warning"),
        (report(1, [A]), "1 file checked: 1 error, 0 warnings in 1 file"),
        (report(2, [A, B, WARNING, WARNING]), "2 files checked: 2 errors, 2 warnings in 2 files"),
        (report(2, [A, finding(waived=True)]), "2 files checked: 1 error, 0 warnings, 1 waived in 1 file"),
    ],
)
def test_the_summary_line_agrees_in_number(checked: Report, expected: str, policy) -> None:
    assert summary_line(checked) == expected
    for name in ("text", "github"):  # both end with it
        stream = io.StringIO()
        REPORTERS[name](checked, policy, stream)
        assert stream.getvalue().endswith(f"\n{expected}\n") or stream.getvalue() == f"{expected}\n"


@pytest.mark.parametrize(("errors", "expected"), [(1, "1 error: alt-text-missing"), (2, "2 errors: alt-text-missing")])
def test_a_junit_failure_counts_its_errors(errors: int, expected: str, policy) -> None:
    stream = io.StringIO()
    REPORTERS["junit"](report(1, [finding(line=line) for line in range(errors)]), policy, stream)
    assert f'<failure message="{expected}"' in stream.getvalue()


@pytest.mark.parametrize(("findings", "expected"), [([A], "1 file with findings."), ([A, B], "2 files with findings.")])
def test_the_job_summary_counts_the_files_with_findings(findings: list[Finding], expected: str) -> None:
    assert f"\n{expected}\n" in action.summary_markdown(report(2, findings))


@pytest.mark.parametrize(
    ("left_out", "expected"),
    [
        (0, None),
        (1, "1 more finding is not shown here: see the log or the SARIF file."),
        (2, "2 more findings are not shown here: see the log or the SARIF file."),
    ],
)
def test_the_job_summary_says_how_many_findings_it_leaves_out(left_out: int, expected: str | None, monkeypatch) -> None:
    monkeypatch.setattr(action, "MAX_ROWS", 1)
    markdown = action.summary_markdown(report(1, [finding(line=line) for line in range(1 + left_out)]))
    assert markdown.count("\n| posts/a.md |") == 1
    if expected is None:
        assert "not shown here" not in markdown
    else:
        assert f"\n{expected}\n" in markdown
