"""Benchmark policy-check against markdownlint-cli2 on generated posts.

    .venv/bin/python benchmarks/run.py                      # 1,000, 10,000 and 100,000 posts (about 9 minutes)
    .venv/bin/python benchmarks/run.py --sizes 1000,10000   # the speed targets only (about 2 minutes)

For each size: generate that many realistic posts (benchmarks/generate.py) in a
temporary folder, run markdownlint-cli2 (its default rules) and policy-check
over the same files, and print the wall time, posts per second, CPU time and
peak memory of each, with the ratio. Then the time for one file (start to
exit, median of several runs) and the speed-up of ``--jobs 2`` over
``--jobs 1`` on 10,000 posts, and PASS or FAIL for each target. Exit status 0
when no target fails, 1 otherwise.

Wall times are the best of ``--repeat`` runs (3 by default; 100,000 posts run
once), so that a burst of other work on the machine does not decide a target.
CPU time is user plus system time of the tool and every process it started.

Peak memory is that of the whole process tree (the tool and policy-check's
workers), sampled every 50 ms from /proc/PID/smaps_rollup. The memory target
is judged on the sum of the proportional set sizes (Pss): a page that forked
workers share with their parent counts once in that sum, split among them,
so it is the memory the tree really uses. The sum of resident sizes (RSS)
counts such a page once per process and is shown as an upper bound, with the
kernel's own high-water mark of the largest single process (maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

POLICY_CHECK = PROJECT / ".venv" / "bin" / "policy-check"
MARKDOWNLINT = PROJECT / "node_modules" / ".bin" / "markdownlint-cli2"
# markdownlint-cli2 finds this in the folder it runs in. It turns on the default rules and nothing else.
MARKDOWNLINT_CONFIG = """\
// Benchmark configuration: markdownlint's default rules, nothing added or removed.
{
  "config": { "default": true }
}
"""
SAMPLE_EVERY = 0.05  # seconds between memory samples
MB = 1024 * 1024
ONCE_FROM = 100_000  # sizes this large are run once, whatever --repeat says

TARGET_RATIO = 2.0  # policy-check posts/s over markdownlint-cli2's, at 10,000 posts
TARGET_ONE_FILE = 0.25  # seconds
TARGET_MEMORY = 150  # MB (tree Pss) at 100,000 posts
TARGET_SPEEDUP = 1.6  # --jobs 2 over --jobs 1 at 10,000 posts


@dataclass
class Run:
    """Measured runs of one command: the best wall time, the most memory."""

    wall: float
    returncode: int
    cpu: float = 0.0  # seconds of user and system time, the tool and its child processes
    rss: int = 0  # bytes: the largest sampled sum of Rss over the process tree
    pss: int = 0  # bytes: the largest sampled sum of Pss over the process tree
    maxrss: int = 0  # bytes: the kernel's high-water mark of the largest single process
    processes: int = 0  # the most processes seen in the tree at once
    runs: int = 1
    notes: list[str] = field(default_factory=list)
    files: int | None = None  # files the tool says it read

    def per_second(self, posts: int) -> float:
        return posts / self.wall if self.wall else 0.0

    def merge(self, other: Run) -> Run:
        """The best time and the highest memory of two runs of the same command."""
        best = self if self.wall <= other.wall else other
        return Run(
            wall=best.wall,
            returncode=max(self.returncode, other.returncode),
            cpu=best.cpu,
            rss=max(self.rss, other.rss),
            pss=max(self.pss, other.pss),
            maxrss=max(self.maxrss, other.maxrss),
            processes=max(self.processes, other.processes),
            runs=self.runs + other.runs,
            notes=list(dict.fromkeys(self.notes + other.notes)),
            files=self.files,
        )


class TreeSampler(threading.Thread):
    """Samples the memory of a process and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.stopped = threading.Event()
        self.rss = 0
        self.pss = 0
        self.processes = 0

    def run(self) -> None:
        while True:
            rss = pss = count = 0
            for pid in _tree(self.pid):
                sizes = _rollup(pid)
                if sizes:
                    rss, pss, count = rss + sizes[0], pss + sizes[1], count + 1
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self.processes = max(self.processes, count)
            if self.stopped.wait(SAMPLE_EVERY):
                return


def _tree(root: int) -> list[int]:
    """The process and all its descendants, from /proc/PID/task/TID/children (cheap: no scan of /proc)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.scandir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task.name}/children", encoding="ascii") as stream:
                    todo += [int(child) for child in stream.read().split()]
        except OSError:
            continue  # the process has just ended
    return found


def _rollup(pid: int) -> tuple[int, int] | None:
    """Rss and Pss of a process in bytes, from one read of its smaps_rollup."""
    sizes = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as stream:
            for line in stream:
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss"):
                    sizes[name] = int(rest.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return (sizes["Rss"], sizes["Pss"]) if len(sizes) == 2 else None


def measure(command: list[str], cwd: Path, out: Path, err: Path) -> Run:
    """Run a command with its output going to files; time it from start to exit and sample its memory."""
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        sampler.stopped.set()
        sampler.join()
    # wait4 counts the process and the children it waited for: policy-check's workers.
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, process.returncode, cpu, sampler.rss, sampler.pss, usage.ru_maxrss * 1024, sampler.processes)


def repeated(runs: int, once: Callable[[], Run]) -> Run:
    """The best wall time and the highest memory of ``runs`` runs."""
    return reduce(Run.merge, [once() for _ in range(runs)])


def policy_check(root: Path, work: Path, jobs: int, label: str) -> Run:
    """``policy-check --format json --output FILE --jobs N .`` in the posts folder (its settings are found there)."""
    report = work / f"{label}.json"
    command = [str(POLICY_CHECK), "--format", "json", "--output", str(report), "--jobs", str(jobs), "."]
    run = measure(command, root, work / f"{label}.out", work / f"{label}.err")
    if run.returncode not in (0, 1):
        lines = (work / f"{label}.err").read_text(encoding="utf-8", errors="replace").splitlines()
        run.notes.append(f"exit status {run.returncode}: " + (lines[0] if lines else "no message"))
        run.notes.append(f"{len(lines)} line(s) on stderr, see {work / (label + '.err')}")
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        run.notes.append(f"no JSON report: {error}")
        return run
    run.files = data["files_checked"]
    flagged = {f["path"] for f in data["findings"] if not f["waived"]}
    errors = {f["path"] for f in data["findings"] if not f["waived"] and f["severity"] == "error"}
    share = len(flagged) / run.files if run.files else 0
    run.notes.append(f"{len(flagged):,} posts ({share:.0%}) with unwaived findings, {len(errors):,} with errors")
    return run


def markdownlint(root: Path, work: Path, label: str) -> Run:
    """``markdownlint-cli2 "**/*.md" "#node_modules"`` in the posts folder; its findings go to a file."""
    command = [str(MARKDOWNLINT), "**/*.md", "#node_modules"]
    run = measure(command, root, work / f"{label}.out", work / f"{label}.err")
    banner = (work / f"{label}.out").read_text(encoding="utf-8", errors="replace")
    linting = re.search(r"Linting: (\d+) file", banner)
    summary = re.search(r"Summary: (.*)", banner)
    run.files = int(linting[1]) if linting else None
    if summary:
        run.notes.append(summary[1].strip())
    if run.returncode not in (0, 1):
        run.notes.append(f"exit status {run.returncode}")
    return run


def one_file(path: Path, root: Path, runs: int) -> tuple[list[float], list[float]]:
    """Start-to-exit times for one file: policy-check, then markdownlint-cli2 (one warm-up run each first)."""
    checker = [str(POLICY_CHECK), "--format", "json", "--output", os.devnull, str(path.relative_to(root))]
    linter = [str(MARKDOWNLINT), str(path.relative_to(root))]
    times: tuple[list[float], list[float]] = ([], [])
    for command, found in zip((checker, linter), times, strict=True):
        for number in range(runs + 1):
            start = time.perf_counter()
            subprocess.run(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if number:  # the first run warms the file cache and policy-check's policy cache, and is not counted
                found.append(time.perf_counter() - start)
    return times


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of whole numbers") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be 1 or more")
    return sorted(set(sizes))


def positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else "?"


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10000, 100000], help="comma-separated post counts")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate posts in DIR and keep them")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (default 2026)")
    parser.add_argument(
        "--jobs",
        type=positive,
        default=min(os.cpu_count() or 1, 8),
        help="policy-check --jobs for the throughput rows (default: what --jobs 0 picks for 200+ files)",
    )
    parser.add_argument(
        "--repeat",
        type=positive,
        default=3,
        help=f"timed runs per tool and size, best kept (default 3; 1 from {ONCE_FROM:,})",
    )
    parser.add_argument("--runs", type=positive, default=9, help="timed runs for the one-file time (default 9)")
    args = parser.parse_args(argv)
    for tool in (POLICY_CHECK, MARKDOWNLINT):
        if not tool.exists():
            _say(f"run.py: {tool} not found (install the project: .venv, and `npm ci` for markdownlint-cli2)")
            return 2
    if not Path("/proc/self/smaps_rollup").exists():
        _say("run.py: /proc/PID/smaps_rollup not found: the memory sampling needs Linux 4.14 or later")
        return 2

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="policy-check-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _benchmark(args, work)
    finally:
        if args.keep:
            _say(f"Posts and reports kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _benchmark(args: argparse.Namespace, work: Path) -> int:
    cpus = os.cpu_count() or 1
    print("policy-check benchmark")
    print(f"  machine: {cpus} CPUs, Python {sys.version.split()[0]}, node {_version(['node', '--version'])}")
    print(f"  {_version([str(POLICY_CHECK), '--version'])}; {_version([str(MARKDOWNLINT), '--help'])}")
    print(f"  posts: benchmarks/generate.py, seed {args.seed}; work folder {work}")
    print(f"  load average at start: {load_average()} (other work on the machine slows every number here)")
    print(
        f"  policy-check runs as `policy-check --format json --output FILE --jobs {args.jobs} .`; the default"
        f" --jobs 0 uses min(CPUs, 8) = {min(cpus, 8)} processes for 200 or more files, one process below that"
    )
    print('  markdownlint-cli2 runs as `markdownlint-cli2 "**/*.md" "#node_modules"` with its default rules')
    print(
        f"  wall s: best of {args.repeat} runs (sizes from {ONCE_FROM:,}: one run); cpu s: user + system time of the"
        " tool and its workers"
    )
    print(
        "  peak MB: the process tree's largest sampled sum of Pss (shared pages split among the processes that"
        f" share them), every {SAMPLE_EVERY * 1000:.0f} ms; then the sum of RSS (counts shared pages once per"
        " process) and the largest single process's maxrss"
    )
    print()
    rows: dict[int, tuple[Run, Run]] = {}
    speedup: tuple[Run, Run] | None = None
    first_root: Path | None = None
    for size in args.sizes:
        root = work / f"posts-{size}"
        repeat = 1 if size >= ONCE_FROM else args.repeat
        _say(f"Generating {size:,} posts in {root} ...")
        started = time.perf_counter()
        shutil.rmtree(root, ignore_errors=True)  # a kept folder from an earlier run may hold other posts
        summary = generate(root, size, args.seed)
        (root / ".markdownlint-cli2.jsonc").write_text(MARKDOWNLINT_CONFIG, encoding="utf-8")
        planted = summary["planted"]["posts with problems"]  # type: ignore[index]
        _say(f"  {time.perf_counter() - started:.1f} s; {planted:,} posts with planted problems")
        first_root = first_root or root
        _say(f"  markdownlint-cli2, {repeat} run(s) ...")
        linter = repeated(repeat, lambda root=root, size=size: markdownlint(root, work, f"markdownlint-{size}"))
        _say(f"  policy-check --jobs {args.jobs}, {repeat} run(s) ...")
        checker = repeated(
            repeat, lambda root=root, size=size: policy_check(root, work, args.jobs, f"policy-check-{size}")
        )
        rows[size] = (checker, linter)
        if size == 10000:
            _say(f"  policy-check --jobs 1 and --jobs 2, {repeat} run(s) each, taking turns ...")
            pairs = [
                (
                    policy_check(root, work, 1, f"policy-check-{size}-jobs1"),
                    policy_check(root, work, 2, f"policy-check-{size}-jobs2"),
                )
                for _ in range(repeat)
            ]
            speedup = (reduce(Run.merge, [one for one, _ in pairs]), reduce(Run.merge, [two for _, two in pairs]))
    assert first_root is not None
    sample = sorted(first_root.glob("posts/**/*.md"))[0]
    _say(f"One file, {args.runs} runs each ...")
    single, single_linter = one_file(sample, first_root, args.runs)

    print(_table(rows, args.jobs))
    for size, (checker, linter) in rows.items():
        for tool, run in (("policy-check", checker), ("markdownlint-cli2", linter)):
            problems = [] if run.files == size else [f"read {run.files} files, not {size:,}"]
            print(f"  {size:>7,} {tool}: " + "; ".join(problems + run.notes))
    print()
    median, linter_median = statistics.median(single), statistics.median(single_linter)
    print(
        f"One file, start to exit, median of {len(single)} runs: policy-check {median:.3f} s"
        f" (min {min(single):.3f}, max {max(single):.3f}); markdownlint-cli2 {linter_median:.3f} s"
    )
    print(f"  file: {sample.relative_to(first_root)}")
    if speedup:
        one, two = speedup
        print(
            f"--jobs 2 over --jobs 1 on 10,000 posts: {one.wall:.2f} s / {two.wall:.2f} s = {one.wall / two.wall:.2f}x"
            f" ({one.per_second(10000):,.0f} and {two.per_second(10000):,.0f} posts/s; cpu {one.cpu:.1f} and"
            f" {two.cpu:.1f} s; peak {one.pss / MB:.0f} and {two.pss / MB:.0f} MB Pss)"
        )
    print(f"Load average at end: {load_average()}")
    print()
    verdicts = _verdicts(rows, speedup, median)
    print("Targets")
    for verdict, text in verdicts:
        print(f"  {verdict:<4}  {text}")
    counted = all(run.files == size for size, pair in rows.items() for run in pair)
    if not counted:
        print("  Note: a tool did not read every generated file (see above), so its numbers are not comparable.")
    failed = any(verdict == "FAIL" for verdict, _ in verdicts)
    return 1 if failed or not counted else 0


def _table(rows: dict[int, tuple[Run, Run]], jobs: int) -> str:
    header = (
        f"{'posts':>8}  {'tool':<22}  {'wall s':>7}  {'posts/s':>8}  {'cpu s':>7}"
        f"  {'peak MB Pss':>11}  {'RSS sum':>7}  {'maxrss':>6}  {'procs':>5}"
    )
    lines = [header, "-" * len(header)]
    for size, (checker, linter) in rows.items():
        for name, run in ((f"policy-check --jobs {jobs}", checker), ("markdownlint-cli2", linter)):
            speed = f"{run.wall:>7.2f}  {run.per_second(size):>8,.0f}  {run.cpu:>7.2f}"
            memory = f"{run.pss / MB:>11.0f}  {run.rss / MB:>7.0f}  {run.maxrss / MB:>6.0f}"
            lines.append(f"{size:>8,}  {name:<22}  {speed}  {memory}  {run.processes:>5}")
        speed = checker.per_second(size) / linter.per_second(size)
        memory = checker.pss / linter.pss if linter.pss else float("nan")
        lines.append(f"{'':>8}  {'ratio policy-check/mdl':<22}  {'':>7}  {speed:>7.2f}x  {'':>7}  {memory:>10.2f}x")
    return "\n".join(lines) + "\n"


def _verdicts(rows: dict[int, tuple[Run, Run]], speedup: tuple[Run, Run] | None, one: float) -> list[tuple[str, str]]:
    verdicts = []
    if 10000 in rows:
        checker, linter = rows[10000]
        ratio = checker.per_second(10000) / linter.per_second(10000)
        verdicts.append(
            (
                _pass(ratio >= TARGET_RATIO),
                f"10,000 posts: policy-check at least {TARGET_RATIO:g}x markdownlint-cli2's posts/s:"
                f" {ratio:.2f}x ({checker.per_second(10000):,.0f} vs {linter.per_second(10000):,.0f} posts/s)",
            )
        )
    else:
        verdicts.append(("SKIP", "10,000 posts vs markdownlint-cli2: not run (add 10000 to --sizes)"))
    verdicts.append((_pass(one < TARGET_ONE_FILE), f"one file under {TARGET_ONE_FILE} s (median): {one:.3f} s"))
    if 100000 in rows:
        checker = rows[100000][0]
        verdicts.append(
            (
                _pass(checker.pss < TARGET_MEMORY * MB),
                f"100,000 posts: peak memory of the process tree under {TARGET_MEMORY} MB (sum of Pss):"
                f" {checker.pss / MB:.0f} MB ({checker.processes} processes; RSS sum {checker.rss / MB:.0f} MB,"
                f" largest process {checker.maxrss / MB:.0f} MB)",
            )
        )
    else:
        verdicts.append(("SKIP", f"100,000 posts under {TARGET_MEMORY} MB: not run (add 100000 to --sizes)"))
    if speedup:
        factor = speedup[0].wall / speedup[1].wall
        verdicts.append(
            (_pass(factor >= TARGET_SPEEDUP), f"--jobs 2 at least {TARGET_SPEEDUP}x --jobs 1: {factor:.2f}x")
        )
    else:
        verdicts.append(("SKIP", "--jobs 2 vs --jobs 1 on 10,000 posts: not run (add 10000 to --sizes)"))
    return verdicts


def _pass(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


if __name__ == "__main__":
    sys.exit(main())
