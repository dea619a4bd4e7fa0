"""The Python locks in requirements/: up to date with pyproject.toml, hash-checked, and used.

scripts/lock.sh makes three locks with uv (``uv pip compile --universal --generate-hashes``):
runtime.txt (the GitHub Action), site.txt (the pages workflow) and dev.txt (scripts/setup.sh,
so the tests in CI). These tests need no network:

- each lock's header carries the fingerprint of pyproject.toml's dependency lists it was made
  from, which must equal the fingerprint of today's pyproject.toml (computed here, and checked
  against ``bash scripts/lock.sh --fingerprint`` by an integration test);
- each direct requirement of pyproject.toml (the extras expanded, the self reference
  ``hart-social-media-policy[site]`` included) is pinned in its lock, once for each of a few
  target machines, at a version its specifier allows;
- every pinned package carries sha256 hashes, and a package in two locks has one version;
- every ``pip install`` in setup.sh, the workflows and action.yml installs a lock with
  ``--require-hashes``, or the project itself with ``--no-deps``;
- .github/dependabot.yml validates against check-jsonschema's ``vendor.dependabot`` schema and
  covers the locks, npm and the actions.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PROJECT = Path(__file__).resolve().parents[2]
LOCK_SCRIPT = PROJECT / "scripts" / "lock.sh"
REQUIREMENTS = PROJECT / "requirements"
LOCKS = {  # lock -> the extras it holds
    "runtime.txt": [],
    "site.txt": ["site"],
    "commands.txt": ["schedule", "inbox", "analytics"],
    "dev.txt": ["dev"],
}
FINGERPRINT = re.compile(r"^# pyproject-dependencies-sha256: ([0-9a-f]{64})$", re.MULTILINE)
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
DEPENDABOT = PROJECT / ".github" / "dependabot.yml"

# Machines the locks must install on: CI and the Action (CPython 3.11 and 3.12 on Linux),
# the Action on macOS, and a Windows desktop.
ENVIRONMENTS = {
    "linux-3.11": {"python_version": "3.11", "python_full_version": "3.11.9", "sys_platform": "linux"},
    "linux-3.12": {"python_version": "3.12", "python_full_version": "3.12.8", "sys_platform": "linux"},
    "macos-3.12": {"python_version": "3.12", "python_full_version": "3.12.8", "sys_platform": "darwin"},
    "windows-3.13": {"python_version": "3.13", "python_full_version": "3.13.1", "sys_platform": "win32"},
}
PLATFORM = {
    "linux": {"os_name": "posix", "platform_system": "Linux", "platform_machine": "x86_64"},
    "darwin": {"os_name": "posix", "platform_system": "Darwin", "platform_machine": "arm64"},
    "win32": {"os_name": "nt", "platform_system": "Windows", "platform_machine": "AMD64"},
}


def environment(key: str) -> dict[str, str]:
    values = ENVIRONMENTS[key]
    return {
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
        **PLATFORM[values["sys_platform"]],
        **values,
    }


# -- reading a lock ------------------------------------------------------------------------


@dataclass
class Pin:
    requirement: Requirement
    hashes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return canonicalize_name(self.requirement.name)

    @property
    def version(self) -> Version:
        (specifier,) = self.requirement.specifier
        return Version(specifier.version)

    def applies(self, env: dict[str, str]) -> bool:
        return self.requirement.marker is None or self.requirement.marker.evaluate(env)


def read_lock(text: str) -> list[Pin]:
    """The pins of a requirements file: its ``\\``-continued lines joined, comments dropped."""
    logical = re.sub(r"\\\n", " ", text)
    pins = []
    for line in logical.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        words = line.split(" --hash=")
        requirement = Requirement(words[0].strip())
        hashes = [word.strip() for word in words[1:]]
        pins.append(Pin(requirement, hashes))
    return pins


def lock_problems(text: str) -> list[str]:
    """What makes ``text`` no hash lock: a pin that is not ``==``, or a pin without a sha256 hash."""
    problems = []
    for pin in read_lock(text):
        specifiers = list(pin.requirement.specifier)
        if len(specifiers) != 1 or specifiers[0].operator != "==":
            problems.append(f"{pin.requirement}: not pinned with ==")
        if not pin.hashes or not all(re.fullmatch(r"sha256:[0-9a-f]{64}", digest) for digest in pin.hashes):
            problems.append(f"{pin.requirement}: no --hash=sha256:")
    return problems


def direct_requirements(pyproject: dict, extras: list[str]) -> list[Requirement]:
    """pyproject's dependencies plus those of ``extras``, the project's own extras expanded."""
    project = pyproject["project"]
    me = canonicalize_name(project["name"])
    found = [Requirement(text) for text in project["dependencies"]]
    todo, seen = list(extras), set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for text in project["optional-dependencies"][extra]:
            requirement = Requirement(text)
            if canonicalize_name(requirement.name) == me:
                todo.extend(requirement.extras)
            else:
                found.append(requirement)
    return found


def pin_problems(pyproject: dict, extras: list[str], text: str) -> list[str]:
    """Each direct requirement that is missing from the lock ``text``, or pinned outside its range."""
    pins = read_lock(text)
    problems = []
    for key in ENVIRONMENTS:
        env = environment(key)
        for requirement in direct_requirements(pyproject, extras):
            if requirement.marker is not None and not requirement.marker.evaluate(env):
                continue
            chosen = [pin for pin in pins if pin.name == canonicalize_name(requirement.name) and pin.applies(env)]
            if len(chosen) != 1:
                problems.append(f"{key}: {requirement.name} is pinned {len(chosen)} times")
            elif not requirement.specifier.contains(chosen[0].version, prereleases=True):
                problems.append(f"{key}: {requirement.name}=={chosen[0].version} is outside {requirement.specifier}")
    return problems


def fingerprint(pyproject_text: str) -> str:
    """What scripts/lock.sh writes in each lock's header: sha256 of requires-python, dependencies
    and optional-dependencies as canonical JSON (so comments and other tables do not count)."""
    project = tomllib.loads(pyproject_text)["project"]
    lists = {key: project.get(key) for key in ("requires-python", "dependencies", "optional-dependencies")}
    return hashlib.sha256(json.dumps(lists, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def lock_script_fingerprint(pyproject: Path) -> str:
    done = subprocess.run(
        ["bash", str(LOCK_SCRIPT), "--fingerprint", str(pyproject)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


PYPROJECT_TEXT = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads(PYPROJECT_TEXT)


def lock_text(lock: str) -> str:
    return (REQUIREMENTS / lock).read_text(encoding="utf-8")


# -- the locks are up to date --------------------------------------------------------------


def test_every_lock_is_there() -> None:
    # pyodide.txt, the browser's lock, is made from requirements/pyodide.in (tests/project/test_pyodide_lock.py).
    assert sorted(path.name for path in REQUIREMENTS.glob("*.txt")) == sorted([*LOCKS, "pyodide.txt"])


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_was_made_from_todays_pyproject(lock: str) -> None:
    (recorded,) = FINGERPRINT.findall(lock_text(lock))
    assert recorded == fingerprint(PYPROJECT_TEXT), (
        f"requirements/{lock} is out of date with pyproject.toml: run bash scripts/lock.sh"
    )


def test_the_fingerprint_follows_the_dependency_lists_only() -> None:
    """A new or changed dependency changes it (so the test above fails); a comment or another table does not."""
    today = fingerprint(PYPROJECT_TEXT)
    added = PYPROJECT_TEXT.replace("dependencies = [\n", 'dependencies = [\n    "icalendar>=5",\n', 1)
    assert tomllib.loads(added)["project"]["dependencies"][0] == "icalendar>=5"
    assert fingerprint(added) != today
    assert fingerprint(PYPROJECT_TEXT.replace('"pyyaml>=6.0"', '"pyyaml>=6.0.1"', 1)) != today
    assert fingerprint(PYPROJECT_TEXT.replace('"pytest>=8"', '"pytest>=8", "textstat>=0.7"', 1)) != today
    cosmetic = "# a comment\n" + PYPROJECT_TEXT.replace("line-length = 120", "line-length = 100")
    assert cosmetic != PYPROJECT_TEXT and fingerprint(cosmetic) == today


def test_a_stale_header_is_found() -> None:
    stale = FINGERPRINT.sub("# pyproject-dependencies-sha256: " + "0" * 64, lock_text("runtime.txt"))
    assert FINGERPRINT.findall(stale) != [fingerprint(PYPROJECT_TEXT)]


@pytest.mark.integration
def test_the_lock_script_writes_the_same_fingerprint(tmp_path: Path) -> None:
    """scripts/lock.sh --fingerprint (what it writes in the headers) is this test's fingerprint, and moves with it."""
    assert lock_script_fingerprint(PROJECT / "pyproject.toml") == fingerprint(PYPROJECT_TEXT)
    changed = tmp_path / "pyproject.toml"
    changed.write_text(PYPROJECT_TEXT.replace('"pyyaml>=6.0"', '"pyyaml>=6.0.1"', 1), encoding="utf-8")
    assert lock_script_fingerprint(changed) == fingerprint(changed.read_text(encoding="utf-8"))
    assert lock_script_fingerprint(changed) != fingerprint(PYPROJECT_TEXT)


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items(), ids=list(LOCKS))
def test_each_direct_requirement_is_pinned_within_its_range(lock: str, extras: list[str]) -> None:
    assert pin_problems(PYPROJECT, extras, lock_text(lock)) == []


def test_the_dev_lock_holds_the_site_extra_and_the_lock_tool() -> None:
    names = {pin.name for pin in read_lock(lock_text("dev.txt"))}
    assert {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pyyaml", "jsonschema", "uv", "pytest"} <= names
    runtime = {pin.name for pin in read_lock(lock_text("runtime.txt"))}
    assert {"pyyaml", "jsonschema"} <= runtime and not {"mkdocs", "pytest", "uv"} & runtime


def test_a_pin_outside_its_range_or_missing_is_found() -> None:
    text = lock_text("runtime.txt")
    assert pin_problems(PYPROJECT, [], text) == []
    too_old = re.sub(r"^jsonschema==[\d.]+", "jsonschema==4.0.0", text, count=1, flags=re.MULTILINE)
    assert any("jsonschema==4.0.0 is outside" in problem for problem in pin_problems(PYPROJECT, [], too_old))
    assert any("mkdocs is pinned 0 times" in problem for problem in pin_problems(PYPROJECT, ["site"], text))


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_carries_sha256_hashes(lock: str) -> None:
    text = lock_text(lock)
    assert read_lock(text), f"requirements/{lock} pins nothing"
    assert lock_problems(text) == []


def test_a_pin_without_a_hash_is_found() -> None:
    digest = "sha256:" + "0" * 64
    assert lock_problems(f"attrs==26.1.0 \\\n    --hash={digest}\n    # via jsonschema\n") == []
    assert lock_problems("attrs==26.1.0\n    # via jsonschema\n") == ["attrs==26.1.0: no --hash=sha256:"]
    assert lock_problems(f"attrs>=26 \\\n    --hash={digest}\n") == ["attrs>=26: not pinned with =="]
    assert lock_problems("attrs==26.1.0 --hash=md5:0f\n") == ["attrs==26.1.0: no --hash=sha256:"]


def test_a_package_has_one_version_in_every_lock() -> None:
    versions: dict[tuple[str, str], set[str]] = {}
    for lock in LOCKS:
        for pin in read_lock(lock_text(lock)):
            versions.setdefault((pin.name, str(pin.requirement.marker or "")), set()).add(str(pin.version))
    assert {key: sorted(seen) for key, seen in versions.items() if len(seen) > 1} == {}


def test_markers_in_the_locks_are_ones_the_targets_can_evaluate() -> None:
    for lock in LOCKS:
        for pin in read_lock(lock_text(lock)):
            if pin.requirement.marker is not None:
                for key in ENVIRONMENTS:
                    Marker(str(pin.requirement.marker)).evaluate(environment(key))


# -- the locks are used --------------------------------------------------------------------

PIP_INSTALL = re.compile(r"pip install[^\n;&|]*")
INSTALLERS = {
    "scripts/setup.sh": "requirements/dev.txt",
    ".github/workflows/pages.yml": "requirements/site.txt",
    "action.yml": '"$ACTION_PATH/requirements/runtime.txt"',
    "examples/content-repo/.github/workflows/schedule.yml": ".policy-project/requirements/commands.txt",
    "examples/content-repo/.github/workflows/inbox-report.yml": ".policy-project/requirements/commands.txt",
    "examples/content-repo/.github/workflows/analytics-report.yml": ".policy-project/requirements/commands.txt",
}


def pip_installs(text: str) -> list[str]:
    """Each ``pip install`` command in a script, its ``\\``-continued lines joined."""
    return [" ".join(command.split()) for command in PIP_INSTALL.findall(re.sub(r"\\\n", " ", text))]


def install_problems(text: str, lock: str) -> list[str]:
    """A ``pip install`` that is neither ``--require-hashes -r <lock>`` nor the project with ``--no-deps``."""
    commands = pip_installs(text)
    problems = [
        command
        for command in commands
        if not (("--require-hashes" in command and f"-r {lock}" in command) or "--no-deps" in command)
    ]
    if not any("--require-hashes" in command and f"-r {lock}" in command for command in commands):
        problems.append(f"nothing installs {lock} with --require-hashes")
    return problems


@pytest.mark.parametrize(("path", "lock"), INSTALLERS.items(), ids=list(INSTALLERS))
def test_installs_come_from_the_lock_with_hashes(path: str, lock: str) -> None:
    text = (PROJECT / path).read_text(encoding="utf-8")
    assert install_problems(text, lock) == []
    assert any("--no-deps" in command for command in pip_installs(text)), "the project itself is not installed"


def test_an_install_around_the_lock_is_found() -> None:
    good = "pip install --require-hashes -r requirements/dev.txt\npip install --no-deps -e .\n"
    assert install_problems(good, "requirements/dev.txt") == []
    assert install_problems(good + "pip install -e '.[dev]'\n", "requirements/dev.txt") == ["pip install -e '.[dev]'"]
    assert install_problems("pip install -r requirements/dev.txt\n", "requirements/dev.txt") == [
        "pip install -r requirements/dev.txt",
        "nothing installs requirements/dev.txt with --require-hashes",
    ]


def test_setup_reinstalls_when_the_lock_changes() -> None:
    text = (PROJECT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    (stamp,) = [line for line in text.splitlines() if line.startswith("stamp=")]
    assert "requirements/dev.txt" in stamp and "pyproject.toml" in stamp


def test_the_tests_workflow_sets_up_from_the_lock() -> None:
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    assert "bash scripts/setup.sh --tests" in runs
    assert runs.index("bash scripts/setup.sh --tests") < runs.index("bash .ci/run")


@pytest.mark.integration
def test_the_action_ships_its_lock() -> None:
    """The runner checks out the whole action repository, so the lock is at $ACTION_PATH/requirements."""
    if not (PROJECT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "--", "requirements"], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert set(tracked.stdout.split()) >= {f"requirements/{lock}" for lock in LOCKS}
    ignored = subprocess.run(["git", "check-ignore", "-q", "requirements/runtime.txt"], cwd=PROJECT, check=False)
    assert ignored.returncode == 1, "requirements/runtime.txt is git-ignored"


# -- Dependabot ----------------------------------------------------------------------------


def dependabot_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.dependabot", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.integration
def test_dependabot_config_validates_against_its_schema() -> None:
    done = dependabot_check(DEPENDABOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.integration
def test_dependabot_schema_check_rejects_a_bad_config(tmp_path: Path) -> None:
    bad = tmp_path / "dependabot.yml"
    bad.write_text(
        "version: 2\nupdates:\n  - package-ecosystem: pip-compile\n    directory: /\n"
        "    schedule:\n      interval: weekly\n",
        encoding="utf-8",
    )
    done = dependabot_check(bad)
    assert done.returncode != 0 and "pip-compile" in done.stdout


def test_dependabot_covers_the_locks_npm_and_the_actions() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    covered = {
        (update["package-ecosystem"], directory)
        for update in config["updates"]
        for directory in update.get("directories", [update.get("directory")])
    }
    assert covered >= {
        ("pip", "/requirements"),
        ("npm", "/"),
        ("github-actions", "/"),
        ("github-actions", "/examples/content-repo"),
    }
    assert all(update["schedule"]["interval"] == "weekly" for update in config["updates"])
    assert (PROJECT / "package-lock.json").is_file()
