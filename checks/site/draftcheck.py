"""What the staff page "Check a draft" runs in the browser, built with the site from pinned, hash-checked sources.

The page runs the project's own linter in Pyodide, in a Web Worker, and every
file it needs is the site's own (``assets/check-a-draft/``):

- Pyodide's runtime, copied from ``node_modules/pyodide`` (npm, pinned in
  ``package-lock.json``); the page gives Pyodide an empty package lock, so it
  knows of no package to fetch from anywhere;
- the checker (``checker-<hash>.zip``): the modules of ``checks`` that the
  page's module ``checks.lint.draft`` imports, found by following their
  imports; the policy as the loader built and validated it (``snapshot``); the
  schemas; pure PyYAML; and of tzdata only Europe/London;
- jsonschema and what it needs (``jsonschema-<hash>.zip``), which the page
  loads only when the quick schema check doubts a post, settings file or
  register, with a one-line ``rpds`` over pyrsistent in place of rpds-py.

The wheels come from ``requirements/pyodide.txt`` (``scripts/lock.sh``): PyYAML
built from its sdist without libyaml, the rest downloaded as the pure wheels
they publish, every file checked against the lock's hashes by pip. They are
built once per lock, into ``.cache/check-a-draft/`` (ignored by git). The
archives are the same bytes for the same sources: names sorted, times fixed.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks import caches
from checks.policy import snapshot
from checks.policy.errors import DataError
from checks.policy.model import Policy
from checks.repo.register import read_register
from checks.repo.settings import load_settings
from checks.site.environment import PROJECT
from checks.site.markup import SiteError

PYODIDE = PROJECT / "node_modules" / "pyodide"
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = PROJECT / "requirements" / "pyodide.txt"
CACHE = PROJECT / ".cache" / "check-a-draft"
CHECKS = PROJECT / "checks"
ASSETS = "assets/check-a-draft"  # in the site
# The module the page imports, and the one that reads the policy it is given.
ENTRY = ("checks.lint.draft", "checks.policy.snapshot")
# A package that imports its modules by name: the tuple of names it reads them from.
BY_NAME = {"checks.lint.kinds": "KIND_NAMES"}
SNAPSHOT = "checks/_policy/policy.pickle"  # where the wheel keeps the policy, beside its schemas
SCHEMAS = "checks/_policy/schemas"
CHECKER = ("pyyaml", "tzdata")  # in the checker; the rest of the lock is what jsonschema needs
TIME_ZONE = ("tzdata/__init__.py", "tzdata/zoneinfo/__init__.py", "tzdata/zoneinfo/Europe/__init__.py")
LONDON = "tzdata/zoneinfo/Europe/London"
RPDS = (
    '"""rpds-py\'s persistent structures in pure Python (pyrsistent-as-rpds-py): rpds-py has no WebAssembly'
    ' wheel."""\n\nfrom pyrsistent_as_rpds.pure import HashTrieMap, HashTrieSet, List, Queue  # noqa: F401\n'
)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# mkdocs.yml names the settings file the page checks with (relative to mkdocs.yml), under extra:
#   draft_check:
#     settings: examples/content-repo/.policy-check.yaml
CONFIG_KEY = "draft_check"
DEFAULT_SETTINGS = "examples/content-repo/.policy-check.yaml"


@dataclass(frozen=True)
class Asset:
    """A file of the site: where it goes, and its bytes or the file they come from."""

    path: str
    content: bytes | None = None
    source: Path | None = None


@dataclass(frozen=True)
class DraftCheck:
    """Everything the page needs: the files to publish, what its script is told about them, and the settings."""

    assets: list[Asset]
    manifest: dict[str, Any]
    settings: SiteSettings


def build(policy: Policy, settings_file: Path) -> DraftCheck:
    """The page's files and manifest, checking with ``settings_file`` (and the register it names)."""
    given = site_settings(policy, settings_file)
    runtime, lock_info, version = pyodide_runtime()
    wheels = pure_wheels()
    checker = deterministic_zip(checker_files(policy, wheels))
    lazy_files = dict(lazy_packages(wheels))
    lazy = deterministic_zip(lazy_files)
    checker_name = f"checker-{_digest(checker)[:12]}.zip"
    lazy_name = f"jsonschema-{_digest(lazy)[:12]}.zip"
    folder = f"pyodide-{version}/"
    assets = [Asset(f"{ASSETS}/{folder}{name}", source=path) for name, path in runtime]
    assets += [Asset(f"{ASSETS}/{checker_name}", checker), Asset(f"{ASSETS}/{lazy_name}", lazy)]
    manifest = {
        "pyodide": f"check-a-draft/{folder}",  # relative to the worker, in assets/
        "lock": {"info": lock_info, "packages": {}},
        "checker": {"url": f"check-a-draft/{checker_name}", "sha256": _digest(checker), "bytes": len(checker)},
        "lazy": {
            "url": f"check-a-draft/{lazy_name}",
            "sha256": _digest(lazy),
            "bytes": len(lazy),
            "modules": sorted({_top_module(name) for name in lazy_files if ".dist-info/" not in name}),
        },
        "settings": {"name": given.name, "text": given.text},
        "register": _register(given),
    }
    return DraftCheck(assets, manifest, given)


def _top_module(path: str) -> str:
    return path.split("/", 1)[0].removesuffix(".py")


def _register(given: SiteSettings) -> dict[str, str] | None:
    return None if given.register_text is None else {"name": str(given.register_label), "text": given.register_text}


# The build for a policy and settings file, kept for the page's macro after the hook made it.
_BUILT: caches.PerPolicy[DraftCheck] = caches.PerPolicy()


def for_site(policy: Policy, config: Mapping[str, Any]) -> DraftCheck:
    """``build`` for the site that ``config`` (mkdocs.yml, as MkDocs read it) describes, once per build."""
    settings_file = settings_file_of(config)
    return _BUILT.get(policy, str(settings_file), lambda: build(policy, settings_file))


def settings_file_of(config: Mapping[str, Any]) -> Path:
    """The settings file that mkdocs.yml names for the page, relative to mkdocs.yml's folder."""
    given = (config.get("extra") or {}).get(CONFIG_KEY, {}).get("settings", DEFAULT_SETTINGS)
    return Path(config["config_file_path"]).parent / str(given)


# -- the settings the site checks with -----------------------------------------------------


@dataclass(frozen=True)
class SiteSettings:
    """The settings file the site checks with, and the consent register it names."""

    name: str  # relative to the project when it is in it: examples/content-repo/.policy-check.yaml
    text: str
    register: str | None = None  # as the settings name it: consent/register.yaml
    register_label: str | None = None  # as policy-check names it in errors: beside the settings file
    register_text: str | None = None


def site_settings(policy: Policy, settings_file: Path) -> SiteSettings:
    """The settings file and its register, read and checked as policy-check reads them."""
    if not settings_file.is_file():
        raise SiteError(f"the settings file of 'Check a draft' ({settings_file}) does not exist")
    try:
        settings = load_settings(settings_file, policy)
        read_register(settings, policy)
    except DataError as error:
        raise SiteError(f"the settings of 'Check a draft' cannot be used: {error}") from None
    name = _shown(settings_file)
    text = settings_file.read_text(encoding="utf-8")
    register = settings.consent_register
    if register is None:
        return SiteSettings(name, text)
    named = Path(os.path.relpath(register, settings_file.parent)).as_posix()
    label = (Path(name).parent / named).as_posix()
    return SiteSettings(name, text, named, label, register.read_text(encoding="utf-8"))


def _shown(path: Path) -> str:
    absolute = path.resolve()
    return absolute.relative_to(PROJECT).as_posix() if absolute.is_relative_to(PROJECT) else path.name


# -- Pyodide ------------------------------------------------------------------------------


def pyodide_runtime() -> tuple[list[tuple[str, Path]], dict[str, Any], str]:
    """The runtime's files, the ``info`` of its package lock, and its version: as package-lock.json pins them."""
    pinned = _pinned_pyodide()
    installed = PYODIDE / "package.json"
    if not installed.is_file():
        raise SiteError("node_modules/pyodide is missing: run `bash scripts/setup.sh` (npm ci installs it)")
    version = json.loads(installed.read_text(encoding="utf-8"))["version"]
    if version != pinned:
        raise SiteError(f"node_modules/pyodide is {version}, package-lock.json pins {pinned}: run `npm ci`")
    info = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    return [(name, PYODIDE / name) for name in RUNTIME], info, version


def _pinned_pyodide() -> str:
    lock = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    try:
        return str(lock["packages"]["node_modules/pyodide"]["version"])
    except KeyError:
        raise SiteError("package-lock.json does not pin pyodide") from None


# -- wheels -------------------------------------------------------------------------------


def pure_wheels() -> dict[str, Path]:
    """Each package of requirements/pyodide.txt as a pure wheel, by name; built once per lock."""
    lock = LOCK.read_bytes()
    folder = CACHE / f"wheels-{_digest(lock)[:16]}"
    if not (folder / "complete").is_file():
        _build_wheels(lock.decode("utf-8"), folder)
    wheels = {_wheel_name(path): path for path in folder.glob("*.whl")}
    missing = sorted(set(_pins(lock.decode("utf-8"))) - set(wheels))
    if missing:
        raise SiteError(f"no wheel of {', '.join(missing)} in {folder}: remove the folder to build them again")
    return wheels


def _build_wheels(lock: str, folder: Path) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="wheels-", dir=CACHE))
    try:
        pins = _pins(lock)
        _pip(["wheel", "--no-binary", "pyyaml"], {"pyyaml": pins["pyyaml"]}, work, {"PYYAML_FORCE_LIBYAML": "0"})
        pure = ["--only-binary", ":all:", "--platform", "any", "--python-version", "3.14", "--implementation", "py"]
        _pip(["download", *pure], {name: pin for name, pin in pins.items() if name != "pyyaml"}, work, {})
        (work / "complete").write_text("built from requirements/pyodide.txt\n", encoding="utf-8")
        with contextlib.suppress(OSError):  # another build finished first: its wheels are the same
            work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pip(command: list[str], pins: dict[str, str], out: Path, env: dict[str, str]) -> None:
    requirements = out / "requirements.txt"
    requirements.write_text("".join(pins.values()), encoding="utf-8")
    arguments = [sys.executable, "-m", "pip", *command, "--no-deps", "--require-hashes", "--disable-pip-version-check"]
    arguments += [
        "--quiet",
        "--no-cache-dir",
        "-r",
        str(requirements),
        "-d" if "download" in command else "-w",
        str(out),
    ]
    done = subprocess.run(arguments, env={**os.environ, **env}, capture_output=True, text=True, check=False)
    requirements.unlink()
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
        raise SiteError(f"pip could not {command[0]} {', '.join(pins)} for 'Check a draft':\n{tail}")


def _pins(lock: str) -> dict[str, str]:
    """Each pinned package's entry of the lock (its line and hash lines), by name."""
    pins: dict[str, str] = {}
    name = ""
    for line in lock.splitlines(keepends=True):
        if line[:1].isalnum():
            name = line.split("==", 1)[0].strip().lower()
            pins[name] = ""
        if name and (line[:1].isalnum() or line.lstrip().startswith("--hash")):
            pins[name] += line
        if not line.rstrip().endswith("\\"):
            name = ""
    return pins


def _wheel_name(path: Path) -> str:
    return path.name.split("-", 1)[0].lower().replace("_", "-")


# -- the archives -------------------------------------------------------------------------


def checker_files(policy: Policy, wheels: dict[str, Path]) -> dict[str, bytes]:
    """The checker archive's files, by path in site-packages."""
    files = {f"{module.replace('.', '/')}{suffix}": path.read_bytes() for module, (path, suffix) in _modules().items()}
    files |= {f"{SCHEMAS}/{path.name}": path.read_bytes() for path in sorted(policy.schema_dir.glob("*.schema.json"))}
    files[SNAPSHOT] = snapshot.dumps(policy)
    files |= dict(_wheel_files(wheels["pyyaml"], lambda name: name.startswith(("yaml/", "PyYAML-", "pyyaml-"))))
    tz = (*TIME_ZONE, LONDON)
    files |= dict(_wheel_files(wheels["tzdata"], lambda name: name in tz or ".dist-info/LICENSE" in name))
    if LONDON not in files:
        raise SiteError(f"{wheels['tzdata'].name} has no {LONDON}")
    return files


def lazy_packages(wheels: dict[str, Path]) -> Iterator[tuple[str, bytes]]:
    """jsonschema and what it needs, whole wheels, and ``rpds`` in pure Python."""
    for name, wheel in sorted(wheels.items()):
        if name not in CHECKER:
            yield from _wheel_files(wheel, lambda member: True)
    yield "rpds/__init__.py", RPDS.encode()


def _wheel_files(wheel: Path, wanted: Any) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if not name.endswith("/") and wanted(name):
                yield name, archive.read(name)


def deterministic_zip(files: dict[str, bytes]) -> bytes:
    """A zip of ``files``: the same bytes for the same files, whenever and wherever it is made."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


# -- the modules the page imports ---------------------------------------------------------


def _modules() -> dict[str, tuple[Path, str]]:
    """Each module of ``checks`` that ``ENTRY`` imports, at any depth, with its file and its file's suffix
    after the module's path (``.py``, or ``/__init__.py`` for a package); the packages holding them too."""
    return {module: _source(module) for module in page_modules()}


def page_modules() -> list[str]:
    """Every module of ``checks`` the page's Python imports, read from the source (nothing is imported)."""
    found: set[str] = set()
    pending = list(ENTRY)
    while pending:
        module = pending.pop()
        if module in found:
            continue
        found.add(module)
        path, _ = _source(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        pending += [name for name in _imports(tree, module) if name.startswith("checks") and name not in found]
        parts = module.split(".")
        pending += [".".join(parts[:end]) for end in range(1, len(parts))]  # the packages that hold it
    return sorted(found)


def _imports(tree: ast.Module, module: str) -> Iterator[str]:
    """The modules a module imports at run time: anywhere in it but under ``if TYPE_CHECKING:``."""
    for node in _run_time_nodes(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names if _exists(f"{node.module}.{alias.name}"))
    if module in BY_NAME:
        yield from (f"{module}.{name}" for name in _names(tree, BY_NAME[module]))


def _run_time_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for branch in node.orelse:
                yield branch
                yield from _run_time_nodes(branch)
            continue
        yield node
        yield from _run_time_nodes(node)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _names(tree: ast.Module, variable: str) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets):
            return [str(name) for name in ast.literal_eval(node.value)]
    raise SiteError(f"no {variable} to read module names from")


def _exists(module: str) -> bool:
    try:
        _source(module)
    except LookupError:
        return False
    return True


def _source(module: str) -> tuple[Path, str]:
    relative = Path(*module.split("."))
    package = PROJECT / relative / "__init__.py"
    if package.is_file():
        return package, "/__init__.py"
    plain = (PROJECT / relative).with_suffix(".py")
    if plain.is_file():
        return plain, ".py"
    raise LookupError(module)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
