"""Helpers for policy-analytics's tests: records of an export written inline, post files, the command in-process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from checks.analytics.cli import main

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE = PROJECT / "examples" / "content-repo"
HEADER = ("Date", "Network", "Profile", "Sent by", "Post", "Impressions", "Reach", "Engagements", "Post Link Clicks")
HEADER += ("Video Views",)
PROFILE_HEADER = ("Date", "Network", "Profile", "Audience", "Net Audience Growth")
STAFF = "Verity Quill-Staff"  # an invented member of staff: never in any output
SETTINGS = "approvers: [comms-team]\nexclude: [README.md]\n"


def line(*cells: object) -> str:
    """One CSV record as the tool writes it (RFC 4180 quoting), without its line ending."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)  # a cell with a line break is then quoted
    return buffer.getvalue().removesuffix("\r\n")


def row(
    date: str,
    network: str,
    text: str,
    impressions: object = 1000,
    engagements: object = 50,
    reach: object = "",
    clicks: object = "",
    video: object = "",
    staff: str = STAFF,
) -> str:
    """A Post Performance record in ``HEADER``'s order."""
    return line(date, network, "Hart District Council", staff, text, impressions, reach, engagements, clicks, video)


def post_file(channels: str, publish_at: str, body: str, *, type_: str = "news", extra: str = "") -> str:
    """A post file's text: front matter with the given channels, time, type and any extra keys, then the body."""
    return (
        f"---\ntitle: A post\nchannels: [{channels}]\npublish_at: {publish_at}\ntype: {type_}\n"
        f"approved_by: comms-team\n{extra}---\n{body}\n"
    )


def report(arguments: list[str], tmp_path: Path, fmt: str = "json") -> tuple[int, Any]:
    """``policy-analytics report --format FMT -o FILE ...`` in this process: its status and output (JSON loaded)."""
    output = tmp_path / f"report-output.{fmt}"
    output.unlink(missing_ok=True)
    status = main(["report", "--format", fmt, "-o", str(output), *arguments])
    if not output.exists():
        return status, None
    text = output.read_text(encoding="utf-8")
    return status, json.loads(text) if fmt == "json" else text
