"""Benchmark policy-inbox triage on generated, realistic inbox exports.

    .venv/bin/python benchmarks/inbox.py                    # 100,000 rows, JSON and CSV output (about a minute)
    .venv/bin/python benchmarks/inbox.py --rows 10000,100000 --formats json

For each size: write an export of that many rows (benchmarks' own invented
residents: comments, mentions and private messages on all five networks over
three months, unsorted by time as exports can be, with questions, FOI requests,
complaints, consultation comments, abuse, threats, spam bursts, look-alike
accounts, phone numbers, e-mail addresses, postcodes, emergencies and
safeguarding worries), then run ``policy-inbox triage`` on it as a process and
print the wall time, rows per second and the process's peak memory (its
maxrss, from ``resource.getrusage``). Targets: 100,000 rows in under 20 s,
peak memory under 200 MB. Exit status 0 when every target is met, 1 otherwise.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

POLICY_INBOX = Path(sys.executable).parent / "policy-inbox"
SECONDS_TARGET = 20.0  # for 100,000 rows
MEMORY_TARGET_MB = 200.0
TEXTS = (
    ("comment", "What day is the garden waste collected in {place}?"),
    ("comment", "Lovely photos of {place} this morning, thank you for sharing"),
    ("comment", "The bins in {place} were missed again this week"),
    ("comment", "I want to make a complaint about the state of the footpath in {place}"),
    ("comment", "How much did the council spend on the new signs in {place}?"),
    ("comment", "Our bin was missed on {place} Road. Please ring me on 07700 900{n:03d}"),
    ("comment", "There is a fallen tree blocking the road near {place}"),
    ("comment", "Whoever planned the roadworks in {place} is an idiot"),
    ("mention", "@HartDC when will the car park in {place} reopen?"),
    ("mention", "@HartDC strong smell of gas on the high street in {place}"),
    ("mention", "@HartDC my email is resident{n}@example.com, please get in touch"),
    ("message", "Hello, this is an FOI request for the cost of the {place} play area. My email is r{n}@example.org"),
    ("message", "My council tax bill for {place} shows the wrong band. Who do I speak to?"),
    ("message", "I'm worried about my neighbour in {place}, I think she is being abused"),
    ("message", "Approve those flats in {place} and you'll pay for this"),
)
SPAM = "You have WON a £1000 voucher!! Click the link in our profile"
PLACES = ("Fleet", "Hook", "Yateley", "Odiham", "Blackwater", "Church Crookham", "Hartley Wintney", "Crondall")
NETWORKS = ("facebook", "x", "instagram", "linkedin", "youtube")
FIRST_NAMES = ("Ruth", "Arjun", "Fenella", "Tobias", "Hazel", "Owen", "Gwen", "Mary", "Priya", "Colin", "Zoë", "Ken")
LAST_NAMES = ("Penrose", "Mehta", "Ross", "Greaves", "Moyo", "Lacey", "Abbott", "Okonjo", "Sharma", "Marsh", "Clarke")


def write_export(path: Path, rows: int, seed: int = 13) -> None:
    """``rows`` messages from about one author per 20 rows; one row in 200 starts a burst of three spam comments."""
    chance = random.Random(seed)
    start = datetime(2027, 3, 1, tzinfo=UTC)
    authors = max(rows // 20, 10)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "network", "kind", "received_at", "author", "author_name", "text", "post_type", "replied_at"]
        )
        number = 0
        while number < rows:
            person = chance.randrange(authors)
            at = start + timedelta(seconds=chance.randrange(90 * 24 * 3600))
            if chance.random() < 0.005 and number + 3 <= rows:
                for burst in range(3):
                    number += 1
                    moment = (at + timedelta(minutes=20 * burst)).isoformat()
                    writer.writerow(
                        [f"m-{number}", "youtube", "comment", moment, f"@prizes{person}", "Win Big", SPAM, "news", ""]
                    )
                continue
            number += 1
            kind, template = chance.choice(TEXTS)
            text = template.format(place=chance.choice(PLACES), n=chance.randrange(1000))
            name = f"{FIRST_NAMES[person % len(FIRST_NAMES)]} {LAST_NAMES[person % len(LAST_NAMES)]}"
            post_type = chance.choice(("news", "consultation", "service-update")) if kind == "comment" else ""
            replied = (at + timedelta(hours=chance.randrange(1, 48))).isoformat() if chance.random() < 0.6 else ""
            writer.writerow(
                [
                    f"m-{number}",
                    chance.choice(NETWORKS),
                    kind,
                    at.isoformat(),
                    f"@resident{person}",
                    name,
                    text,
                    post_type,
                    replied,
                ]
            )


def triage(export: Path, output_format: str) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of ``policy-inbox triage`` on the export, as a process of its own."""
    began = time.perf_counter()
    done = subprocess.run(
        [
            str(POLICY_INBOX),
            "triage",
            "--format",
            output_format,
            "-o",
            str(export.with_name(f"triage.{output_format}")),
            str(export),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"policy-inbox exited {done.returncode}: {done.stderr}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far, in KiB on Linux
    return seconds, peak_kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="100000", help="comma-separated export sizes (default: 100000)")
    parser.add_argument("--formats", default="json,csv", help="comma-separated output formats (default: json,csv)")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="inbox-bench-") as folder:
        for rows in (int(size) for size in args.rows.split(",")):
            export = Path(folder) / f"export-{rows}.csv"
            write_export(export, rows)
            size_mb = export.stat().st_size / 1024 / 1024
            for output_format in args.formats.split(","):
                seconds, peak_mb = triage(export, output_format)
                target = SECONDS_TARGET * rows / 100_000
                ok = seconds < target and peak_mb < MEMORY_TARGET_MB
                failed |= not ok
                print(
                    f"{rows:>7} rows ({size_mb:.1f} MB) --format {output_format:<4}  {seconds:6.2f} s  "
                    f"{rows / seconds:8.0f} rows/s  peak {peak_mb:6.1f} MB  {'PASS' if ok else 'FAIL'}"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
