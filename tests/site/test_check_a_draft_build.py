"""What the site build makes for "Check a draft" (checks/site/draftcheck.py): from the locks, the same every time.

The checker archive holds every module of ``checks`` that checking a post
imports (found from the source, and proved by running the checks), the
validated policy, PyYAML without libyaml and Europe/London alone; jsonschema's
archive holds what it needs with ``rpds`` in pure Python. Archives are the
same bytes for the same sources, and a missing or different Pyodide, or broken
settings, stops the build with what to do.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sitekit import PROJECT, page_file

from checks.policy import snapshot
from checks.policy.model import Policy
from checks.site import draftcheck
from checks.site.markup import SiteError

# As the browser does: the policy from its snapshot, then every example post and a post only jsonschema can
# word checked; prints the modules of checks that were imported.
IMPORTED = """
import json, sys
from pathlib import Path
from checks.policy import snapshot
from checks.lint.draft import check_draft
policy = snapshot.loads(Path(sys.argv[1]).read_bytes(), Path("policy"))
repo = Path("examples/content-repo")
settings = (repo / ".policy-check.yaml").read_bytes()
register = (repo / "consent/register.yaml").read_bytes()
for post in sorted(repo.glob("posts/*.md")):
    check_draft(policy, post.read_bytes(), settings=settings, register=register)
check_draft(policy, "---\\ntitle: 5\\nchanels: [x]\\n---\\nText\\n")
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "checks")))
"""


@pytest.fixture(scope="module")
def built(built_site: Any) -> dict[str, Any]:
    """The page's data as the built page carries it, and its archives' members."""
    html = page_file(built_site.root, "staff/check-a-draft/").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="draft-check-data">(.*?)</script>', html, re.DOTALL)
    assert found, "the page carries no data for its script"
    data = json.loads(found[1])
    assets = built_site.root / "assets"
    members = {}
    for name in ("checker", "lazy"):
        archive = (assets / data["manifest"][name]["url"]).read_bytes()
        assert len(archive) == data["manifest"][name]["bytes"]
        members[name] = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    return {"data": data, "members": members, "assets": assets}


def test_the_checker_holds_every_module_that_checking_a_post_imports(
    built: dict[str, Any], policy: Policy, tmp_path: Path
) -> None:
    (tmp_path / "policy.pickle").write_bytes(snapshot.dumps(policy))
    command = [sys.executable, "-c", IMPORTED, str(tmp_path / "policy.pickle")]
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=True)
    imported = set(json.loads(done.stdout))
    shipped = set(draftcheck.page_modules())
    assert imported <= shipped, f"imported but not in the checker: {sorted(imported - shipped)}"
    not_needed = {
        "checks.site",
        "checks.cli",
        "checks.report",
        "checks.schedule",
        "checks.inbox",
        "checks.lint.parallel",
    }
    assert not {module.rsplit(".", 1)[0] for module in shipped} & not_needed
    assert not shipped & not_needed
    files = {name for name in built["members"]["checker"] if name.startswith("checks/") and name.endswith(".py")}
    assert files == {draftcheck._source(module)[0].relative_to(PROJECT).as_posix() for module in shipped}


def test_the_checker_holds_the_policy_pure_yaml_and_london_alone(built: dict[str, Any]) -> None:
    members = set(built["members"]["checker"])
    assert draftcheck.SNAPSHOT in members
    assert {f"{draftcheck.SCHEMAS}/{name}" for name in ("post.schema.json", "settings.schema.json")} <= members
    assert "yaml/__init__.py" in members and not [name for name in members if name.endswith((".so", ".pyd"))]
    zones = {name for name in members if name.startswith("tzdata/zoneinfo/") and not name.endswith("__init__.py")}
    assert zones == {draftcheck.LONDON}
    assert not [name for name in members if name.split("/")[0] in ("jsonschema", "referencing", "rpds")]


def test_jsonschemas_archive_has_rpds_in_pure_python(built: dict[str, Any]) -> None:
    members = set(built["members"]["lazy"])
    assert {
        "jsonschema/__init__.py",
        "referencing/__init__.py",
        "rpds/__init__.py",
        "pyrsistent/__init__.py",
    } <= members
    assert set(built["data"]["manifest"]["lazy"]["modules"]) >= {"jsonschema", "referencing", "rpds", "attrs"}
    assert not [name for name in members if name.endswith((".so", ".pyd"))]


def test_pyodide_comes_from_node_modules_as_the_lock_pins_it(built: dict[str, Any]) -> None:
    lock = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/pyodide"]["version"]
    assert json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"] == version
    folder = built["assets"] / built["data"]["manifest"]["pyodide"]
    assert folder.name == f"pyodide-{version}"
    for name in draftcheck.RUNTIME:
        assert (folder / name).read_bytes() == (draftcheck.PYODIDE / name).read_bytes(), name
    assert built["data"]["manifest"]["lock"]["packages"] == {}, "Pyodide must know of no package to fetch"


def test_the_page_checks_with_the_settings_mkdocs_yml_names(built: dict[str, Any]) -> None:
    manifest = built["data"]["manifest"]
    settings = PROJECT / "examples" / "content-repo" / ".policy-check.yaml"
    assert manifest["settings"] == {"name": "examples/content-repo/.policy-check.yaml", "text": settings.read_text()}
    register = settings.parent / "consent" / "register.yaml"
    assert manifest["register"] == {"name": "examples/content-repo/consent/register.yaml", "text": register.read_text()}


def test_the_archives_are_the_same_bytes_each_time(policy: Policy, built: dict[str, Any]) -> None:
    """Built here again, the archives are the bytes the site build (another process) made."""
    settings = PROJECT / "examples" / "content-repo" / ".policy-check.yaml"
    again = draftcheck.build(policy, settings)
    for name in ("checker", "lazy"):
        assert again.manifest[name]["sha256"] == built["data"]["manifest"][name]["sha256"], name
    files = {"b.txt": b"two", "a/c.py": b"one"}
    assert draftcheck.deterministic_zip(files) == draftcheck.deterministic_zip(dict(reversed(files.items())))


def test_a_missing_or_other_pyodide_stops_the_build_saying_what_to_do(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(draftcheck, "PYODIDE", tmp_path / "pyodide")
    with pytest.raises(SiteError, match=r"node_modules/pyodide is missing: run `bash scripts/setup.sh`"):
        draftcheck.pyodide_runtime()
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "package.json").write_text('{"version": "0.1.0"}', encoding="utf-8")
    with pytest.raises(SiteError, match=r"node_modules/pyodide is 0\.1\.0, package-lock\.json pins .*: run `npm ci`"):
        draftcheck.pyodide_runtime()


def test_broken_settings_stop_the_build_with_file_line_and_problem(policy: Policy, tmp_path: Path) -> None:
    settings = tmp_path / ".policy-check.yaml"
    settings.write_text("partners: [unclosed\n", encoding="utf-8")
    with pytest.raises(SiteError, match=r"settings of 'Check a draft' cannot be used: .*\.policy-check\.yaml:2:1: "):
        draftcheck.site_settings(policy, settings)
    with pytest.raises(SiteError, match="does not exist"):
        draftcheck.site_settings(policy, tmp_path / "missing.yaml")


def test_the_lock_is_read_entry_by_entry() -> None:
    pins = draftcheck._pins((PROJECT / "requirements" / "pyodide.txt").read_text(encoding="utf-8"))
    assert "pyyaml" in pins and "rpds-py" not in pins
    assert pins["pyyaml"].startswith("pyyaml==") and pins["pyyaml"].count("--hash=sha256:") >= 1
    assert all(entry.rstrip().endswith(tuple("0123456789abcdef")) for entry in pins.values())
