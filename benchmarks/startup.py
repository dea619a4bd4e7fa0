"""Time policy-check on one post with a warm policy cache: what a pre-commit hook or a one-file check pays.

    .venv/bin/python benchmarks/startup.py              # 25 runs per post, about 30 seconds
    .venv/bin/python benchmarks/startup.py --runs 51

For each post (one of examples/content-repo, and one of ../shared/acceptance
when it is beside the project), the real console script ``policy-check POST``
runs in the post's content repo, so that its settings are found as a content
repo's are: once to fill the policy cache, not counted, then ``--runs`` times.
It prints the median, lowest and highest start-to-exit (wall) time and CPU
time (user plus system), beside Python's own start and ``import yaml`` as the
floor no check can go below. Then ``python -X importtime`` of the same check,
``--importtime-runs`` times: the modules with the most import time (median
over the runs, with their imports and alone; what ``importlib.import_module``
imports, such as each kind, counts in its importer's own time), and whether
the modules that one post never needs (multiprocessing, jsonschema, ...) were
imported. Ends with PASS or FAIL for the target (median wall time of each post
at most 0.120 s); exit status 0 when it passes.

Every run has a policy cache and a bytecode cache (``PYTHONPYCACHEPREFIX``) in
a temporary folder of its own: modules are compiled once, as an installed
tool's are, and nothing is written to the project. Other work on the machine
slows every number (wall time most): the load average is printed at the
start and the end. To time another checkout of the code, put it first on the
path: ``PYTHONPATH=/path/to/checkout .venv/bin/python benchmarks/startup.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from run import load_average, positive  # noqa: E402

SHARED = PROJECT.parent / "shared"
BIN = PROJECT / ".venv" / "bin"
POLICY_CHECK = BIN / "policy-check"
PYTHON = BIN / "python"
# (content repo, post): each run's working folder is the content repo, where its settings are.
POSTS = (
    (PROJECT / "examples" / "content-repo", "posts/2027-01-14-blackwater-flood-warning.md"),
    (SHARED / "acceptance", "posts/2026-04-14-garden-waste.md"),
)
TARGET = 0.120  # seconds: median start to exit of one post, warm policy cache
# What checking one post with a warm policy cache never needs: workers, schema validation, git.
NOT_NEEDED = ("multiprocessing", "concurrent.futures", "jsonschema", "subprocess", "tempfile", "hashlib")
TOP = 15  # modules shown by import time


@dataclass(frozen=True)
class Times:
    """Wall and CPU seconds of repeated runs of one command."""

    wall: list[float]
    cpu: list[float]

    def line(self, label: str) -> str:
        wall, cpu = self.wall, self.cpu
        return (
            f"  {label:<46} wall {_ms(statistics.median(wall))} (min {_ms(min(wall))}, max {_ms(max(wall))})"
            f"  cpu {_ms(statistics.median(cpu))} (min {_ms(min(cpu))})"
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


def timed(command: Sequence[str], cwd: Path, env: dict[str, str], runs: int) -> Times:
    """Start-to-exit and CPU time of ``runs`` runs, after one run that is not counted (it fills the caches)."""
    wall: list[float] = []
    cpu: list[float] = []
    for number in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if number:
            wall.append(elapsed)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return Times(wall, cpu)


# One line of -X importtime: "import time:  self [us] | cumulative | <indent>name".
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def import_times(cwd: Path, post: str, env: dict[str, str], runs: int) -> dict[str, tuple[float, float, int]]:
    """Each module's median (self, cumulative) import time in seconds, and its depth, over ``runs`` runs."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    command = [str(PYTHON), "-X", "importtime", str(POLICY_CHECK), post]
    for _ in range(runs):
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        for match in IMPORT_LINE.finditer(done.stderr):
            found.setdefault(match[4], []).append((int(match[1]), int(match[2]), len(match[3]) // 2))
    return {
        name: (
            statistics.median(row[0] for row in rows) / 1e6,
            statistics.median(row[1] for row in rows) / 1e6,
            rows[0][2],
        )
        for name, rows in found.items()
    }


def print_imports(times: dict[str, tuple[float, float, int]], runs: int) -> None:
    print(f"python -X importtime, median of {runs} runs: {len(times)} modules imported")
    print(f"  most time with their imports (top {TOP}):")
    for name, (alone, total, depth) in sorted(times.items(), key=lambda item: -item[1][1])[:TOP]:
        print(f"    {_ms(total)}  {'  ' * depth}{name}  (alone {_ms(alone).strip()})")
    print(f"  most time alone (top {TOP}):")
    for name, (alone, _, _) in sorted(times.items(), key=lambda item: -item[1][0])[:TOP]:
        print(f"    {_ms(alone)}  {name}")
    ours = sum(alone for name, (alone, _, _) in times.items() if name == "checks" or name.startswith("checks."))
    print(f"  this project's modules alone: {_ms(ours).strip()} in all")
    imported = [name for name in NOT_NEEDED if name in times]
    print(f"  not needed for one post, yet imported: {', '.join(imported) if imported else 'none'}")


def environment(work: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {
        "POLICY_CHECK_CACHE_DIR": str(work / "policy-cache"),
        "PYTHONPYCACHEPREFIX": str(work / "bytecode"),
        "NO_COLOR": "1",
    }
    return env


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=25, help="timed runs per command (default 25)")
    parser.add_argument("--importtime-runs", type=positive, default=7, help="runs of -X importtime (default 7)")
    args = parser.parse_args(argv)
    if not POLICY_CHECK.exists():
        sys.stderr.write(f"startup.py: {POLICY_CHECK} not found (install the project into .venv)\n")
        return 2
    posts = [(repo, post) for repo, post in POSTS if (repo / post).is_file()]
    work = Path(tempfile.mkdtemp(prefix="policy-check-startup-"))
    try:
        return _benchmark(posts, environment(work), args.runs, args.importtime_runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _benchmark(posts: list[tuple[Path, str]], env: dict[str, str], runs: int, importtime_runs: int) -> int:
    print("policy-check on one post, warm policy cache")
    print(f"  machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; load average at start: {load_average()}")
    print(f"  median of {runs} runs each, after one uncounted run that fills the policy and bytecode caches")
    floor = [
        ("python -c pass (Python's own start)", [str(PYTHON), "-c", "pass"]),
        ("python -c 'import yaml'", [str(PYTHON), "-c", "import yaml"]),
    ]
    for label, command in floor:
        print(timed(command, PROJECT, env, runs).line(label))
    medians = []
    for repo, post in posts:
        times = timed([str(POLICY_CHECK), post], repo, env, runs)
        medians.append((f"{repo.name}/{post}", statistics.median(times.wall)))
        print(times.line(f"policy-check {post}"))
        print(f"    in {repo}")
    print()
    repo, post = posts[0]
    print_imports(import_times(repo, post, env, importtime_runs), importtime_runs)
    print(f"Load average at end: {load_average()}")
    print()
    print("Target")
    failed = False
    for label, median in medians:
        verdict = "PASS" if median <= TARGET else "FAIL"
        failed = failed or verdict == "FAIL"
        limit = f"at most {TARGET * 1000:.0f} ms (median)"
        print(f"  {verdict}  one post, warm cache, {limit}: {label} {_ms(median).strip()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
