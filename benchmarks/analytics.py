"""Benchmark policy-analytics report: a large post export joined to a large content repo.

    .venv/bin/python benchmarks/analytics.py                       # 100,000 rows, 10,000 posts, json and html
    .venv/bin/python benchmarks/analytics.py --rows 10000,100000 --posts 10000 --formats json

Generates a content repo of realistic posts (``generate.py``) and a Post
Performance export in Sprout Social's shape for it: a row for each channel of
each post at its London minute (rule 1), some moved by hand later the same day
(rule 2), some edited and moved (no match), and the rest posted by hand in the
tool at random times, with texts that often start like a post's of that day,
so that rule 2's index is asked and answered both ways. Each size is run as a
process of its own (``policy-analytics report --posts``) and the wall time and
peak memory (the process's maxrss) are printed. Targets: 100,000 rows against
10,000 posts in under 10 s and 200 MB. Exit status 0 when every target is met.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from generate import generate
from run import load_average

from checks.policy.london import LONDON
from checks.repo.post import Post, read_post

POLICY_ANALYTICS = Path(sys.executable).parent / "policy-analytics"
SECONDS_TARGET = 10.0  # for 100,000 rows against 10,000 posts
MEMORY_TARGET_MB = 200.0
HEADER = [
    "Date",
    "Post ID",
    "Network",
    "Post Type",
    "Content Type",
    "Profile",
    "Sent by",
    "Link",
    "Post",
    "Impressions",
    "Reach",
    "Engagements",
    "Engagement Rate (per Impression)",
    "Reactions",
    "Comments",
    "Shares",
    "Post Link Clicks",
    "Video Views",
]
NETWORK_NAMES = {
    "facebook": "Facebook",
    "x": "X",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
}
STAFF = ("Perpetua Oddie", "Lambert Quayle", "Saskia Thorne")  # invented, in the export's Sent by


def messages(root: Path) -> list[tuple[str, object, str]]:
    """(channel, London publish time, published text) for every channel of every readable post, in file order."""
    found = []
    for path in sorted(root.rglob("*.md")):
        post = read_post(path, str(path))
        if isinstance(post, Post) and post.publish.tzinfo is not None:
            for channel, text in post.published_texts.items():
                if channel in NETWORK_NAMES:
                    found.append((channel, post.publish.astimezone(LONDON), text))
    return found


def write_export(path: Path, rows: int, published: list[tuple[str, object, str]], seed: int = 21) -> None:
    chance = random.Random(seed)
    records = []
    for channel, when, text in published:
        roll = chance.random()
        if roll < 0.05:  # moved by hand later that day: rule 2
            when = when + timedelta(minutes=chance.randrange(11, 120))
        elif roll < 0.08:  # edited and moved: posted by hand, as far as the files can tell
            when, text = when + timedelta(minutes=7), "Edited: " + text
        records.append((channel, when, text))
        if len(records) >= rows:
            break
    while len(records) < rows:
        channel, when, text = chance.choice(published)
        start = text[: chance.choice((20, 39, 60))]
        records.append((channel, when + timedelta(minutes=chance.randrange(1, 600)), start + " (by hand)"))
    chance.shuffle(records)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, (channel, when, text) in enumerate(records):
            impressions = chance.randrange(0, 20_000)
            engagements = chance.randrange(0, max(1, impressions // 15))
            reach = "-" if channel == "x" else f"{impressions * 4 // 5:,}"
            clicks = "N/A" if channel == "instagram" else str(chance.randrange(0, 100))
            writer.writerow(
                [
                    when.strftime("%d/%m/%Y %H:%M"),  # type: ignore[attr-defined]
                    f"id-{number}",
                    NETWORK_NAMES[channel],
                    "Post",
                    "Text",
                    "Hart District Council",
                    chance.choice(STAFF),
                    f"https://example.invalid/{number}",
                    text,
                    f"{impressions:,}",
                    reach,
                    f"{engagements:,}",
                    "1.00%",
                    "0",
                    "0",
                    "0",
                    clicks,
                    "" if channel != "youtube" else str(chance.randrange(0, 5000)),
                ]
            )


def run(export: Path, repo: Path, output_format: str) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MB) and the first line of the text report, of one run as a process of its own."""
    output = export.with_name(f"report.{output_format}")
    command = [
        str(POLICY_ANALYTICS),
        "report",
        "--posts",
        str(repo),
        "--format",
        output_format,
        "-o",
        str(output),
        str(export),
    ]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode not in (0, 1):  # 1: a row had a problem (a time moved into the hour the clocks skip)
        raise SystemExit(f"policy-analytics exited {done.returncode}: {done.stderr}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far, in KiB on Linux
    return seconds, peak_kb / 1024, output.read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="100000", help="comma-separated export sizes (default: 100000)")
    parser.add_argument("--posts", type=int, default=10_000, help="posts in the content repo (default: 10000)")
    parser.add_argument("--formats", default="json,html", help="comma-separated output formats (default: json,html)")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="analytics-bench-") as folder:
        repo = Path(folder) / "repo"
        generate(repo, args.posts)
        published = messages(repo / "posts")
        print(f"{args.posts:,} posts, {len(published):,} messages from them; load average at start: {load_average()}")
        for rows in (int(size) for size in args.rows.split(",")):
            export = Path(folder) / f"export-{rows}.csv"
            write_export(export, rows, published)
            size_mb = export.stat().st_size / 1024 / 1024
            for output_format in args.formats.split(","):
                seconds, peak_mb, report = run(export, repo, output_format)
                ok = seconds < SECONDS_TARGET * max(rows, 100_000) / 100_000 and peak_mb < MEMORY_TARGET_MB
                failed |= not ok
                verdict = "PASS" if ok else "FAIL"
                print(
                    f"{rows:>7} rows ({size_mb:.1f} MB) x {args.posts} posts --format {output_format:<4}  "
                    f"{seconds:6.2f} s  {rows / seconds:8.0f} rows/s  peak {peak_mb:6.1f} MB  {verdict}"
                )
                if output_format == "json":
                    print(f"    {_matched(report)}")
    print(f"load average at end: {load_average()}")
    return 1 if failed else 0


def _matched(report: str) -> str:
    import json

    data = json.loads(report)
    by_hand = data["by_type"].get("not-from-content-repo", {}).get("posts", 0)
    matched = data["rows_counted"] - by_hand
    problems = len(data["problems"])
    return f"{data['rows_counted']:,} rows counted, {matched:,} matched to a post file, {problems} problems"


if __name__ == "__main__":
    sys.exit(main())
