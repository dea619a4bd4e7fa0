"""Time policy-schedule on many posts: the Sprout export and the content calendar.

    .venv/bin/python benchmarks/schedule.py                 # 10,000 posts
    .venv/bin/python benchmarks/schedule.py --count 1000

Generates that many clean, approved posts in a temporary folder, 20 minutes
apart so that none clash, on one or two of facebook, x and linkedin, then runs
``policy-schedule sprout`` and ``policy-schedule calendar`` on them as a content
repo would, and prints the wall time and posts per second of each.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent / "policy-schedule"
START = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
NOW = "2027-01-01T00:00:00+00:00"
CHANNELS = (["facebook"], ["x"], ["linkedin"], ["facebook", "x"], ["facebook", "linkedin"])
TOPICS = ("Fleet library", "Hook play area", "Yateley lido", "Odiham car park", "Hartley Wintney common")
SETTINGS = "approvers: [comms-team]\nexclude: [README.md]\n"


def post(number: int) -> str:
    topic = TOPICS[number % len(TOPICS)]
    channels = ", ".join(CHANNELS[number % len(CHANNELS)])
    when = (START + timedelta(minutes=20 * number)).isoformat()
    return (
        f"---\ntitle: {topic} update {number}\nchannels: [{channels}]\npublish_at: {when}\n"
        "type: news\napproved_by: comms-team\n---\n"
        f"News from {topic} this week. Opening times are on our website. Update {number}. #Hart\n"
    )


def generate(folder: Path, count: int) -> None:
    (folder / ".policy-check.yaml").write_text(SETTINGS, encoding="utf-8")
    for number in range(count):
        month = folder / "posts" / f"{number // 1000:02}"
        month.mkdir(parents=True, exist_ok=True)
        (month / f"post-{number:05}.md").write_text(post(number), encoding="utf-8")


def timed(arguments: list[str], folder: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run([str(BIN), *arguments], cwd=folder, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="posts to generate (default 10,000)")
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory(prefix="schedule-bench-") as name:
        folder = Path(name)
        generate(folder, count)
        runs = {
            "sprout": ["sprout", "--now", NOW, "--out", "out", "posts"],
            "calendar": ["calendar", "--now", NOW, "--out", "out/calendar.ics", "posts"],
        }
        failed = False
        for label, arguments in runs.items():
            seconds, done = timed(arguments, folder)
            failed |= done.returncode != 0
            print(f"policy-schedule {label:<8} {count:>7,} posts  {seconds:7.2f} s  {count / seconds:8,.0f} posts/s")
            if done.returncode != 0:
                print(f"  exit {done.returncode}: {done.stderr.strip()[:500]}")
        files = sorted(path.name for path in (folder / "out").iterdir())
        print(f"wrote {len(files)} files: {', '.join(files[:6])}{', …' if len(files) > 6 else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
