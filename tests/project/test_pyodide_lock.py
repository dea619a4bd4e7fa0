"""requirements/pyodide.txt: what the staff page "Check a draft" runs in the browser, locked with hashes.

scripts/lock.sh makes it from requirements/pyodide.in at the dev lock's versions, so the browser
reads YAML and validates schemas with the versions the command line uses; the site build makes
pure wheels of it (checks/site/draftcheck.py). These tests need no network.
"""

from __future__ import annotations

import hashlib
import re

from test_lock import REQUIREMENTS, lock_problems, lock_text, read_lock

IN = REQUIREMENTS / "pyodide.in"
HEADER = re.compile(r"^# pyodide-in-sha256: ([0-9a-f]{64})$", re.MULTILINE)
BROWSER = {"pyyaml", "jsonschema", "attrs", "referencing", "jsonschema-specifications", "pyrsistent"}
BROWSER |= {"pyrsistent-as-rpds-py", "tzdata"}


def test_the_lock_was_made_from_todays_pyodide_in() -> None:
    (recorded,) = HEADER.findall(lock_text("pyodide.txt"))
    assert recorded == hashlib.sha256(IN.read_bytes()).hexdigest(), (
        "requirements/pyodide.txt is out of date with requirements/pyodide.in: run bash scripts/lock.sh"
    )


def test_it_pins_with_hashes_what_the_browser_runs_and_no_rpds_py() -> None:
    text = lock_text("pyodide.txt")
    assert lock_problems(text) == []
    assert {pin.name for pin in read_lock(text)} == BROWSER, "rpds-py has no WebAssembly wheel: pyrsistent stands in"


def test_the_browser_runs_the_command_lines_versions() -> None:
    dev = {pin.name: pin.version for pin in read_lock(lock_text("dev.txt"))}
    browser = {pin.name: pin.version for pin in read_lock(lock_text("pyodide.txt"))}
    shared = {name for name in browser if name in dev}
    assert {"pyyaml", "jsonschema", "referencing", "jsonschema-specifications", "attrs"} <= shared
    assert {name: browser[name] for name in shared} == {name: dev[name] for name in shared}
