#!/usr/bin/env bash
# Lock every Python package the project installs, with hashes, from pyproject.toml:
#
#   requirements/runtime.txt  [project].dependencies (the GitHub Action installs this)
#   requirements/site.txt     runtime + the site extra (the pages workflow)
#   requirements/commands.txt runtime + the schedule, inbox and analytics extras (a content repo's
#                             policy-schedule, policy-inbox and policy-analytics workflows)
#   requirements/dev.txt      runtime + the site and dev extras (scripts/setup.sh and CI)
#   requirements/pyodide.txt  requirements/pyodide.in: what the staff page "Check a draft" runs in the
#                             browser (Pyodide's Python 3.14), at dev.txt's versions; the site build
#                             makes pure wheels of it (checks/site/draftcheck.py)
#
# Run it after any change to the dependencies in pyproject.toml:
#
#   bash scripts/lock.sh            # keep the locked versions that still fit, add what is new
#   bash scripts/lock.sh --upgrade  # move everything to its newest allowed version
#
# The locks are universal (any OS, CPython 3.11 and later) and made by uv, which
# this script installs into .venv when it is missing (from the lock when there is one).
# Each lock's first lines carry a fingerprint of pyproject.toml's dependency lists;
# tests/project/test_lock.py fails when pyproject.toml's lists no longer match it.
# `bash scripts/lock.sh --fingerprint [FILE]` only prints that fingerprint (no network).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON_FLOOR=3.11 # the oldest Python the locks must install on: pyproject's requires-python

fingerprint() {
  # sha256 of requires-python, dependencies and optional-dependencies as canonical JSON,
  # so comments, layout and the rest of pyproject.toml do not count.
  python3 - "$1" <<'PY'
import hashlib, json, sys, tomllib
with open(sys.argv[1], "rb") as stream:
    project = tomllib.load(stream)["project"]
lists = {key: project.get(key) for key in ("requires-python", "dependencies", "optional-dependencies")}
print(hashlib.sha256(json.dumps(lists, sort_keys=True, separators=(",", ":")).encode()).hexdigest())
PY
}

pyodide_fingerprint() { # the header of pyodide.txt: sha256 of requirements/pyodide.in
  sha256sum "$1" | cut -d' ' -f1
}

if [ "${1:-}" = "--fingerprint" ]; then
  fingerprint "${2:-pyproject.toml}"
  exit 0
fi

if [ ! -x .venv/bin/python ]; then
  echo "lock: creating .venv"
  python3 -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  echo "lock: installing uv into .venv"
  locked_uv="$(mktemp)"
  trap 'rm -f "$locked_uv"' EXIT
  # uv's own entry in the dev lock (it has no dependencies), hash-checked like the rest.
  if [ -f requirements/dev.txt ]; then
    awk '/^uv==/ { on = 1 } on { print; if ($0 !~ /\\$/) exit }' requirements/dev.txt > "$locked_uv"
  fi
  if [ -s "$locked_uv" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$locked_uv"
  else
    .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
  fi
fi

print=$(fingerprint pyproject.toml)
mkdir -p requirements

lock() { # lock <output> [uv pip compile options...]
  local out="requirements/$1"
  shift
  echo "lock: $out"
  # uv keeps the versions already in $out when they still fit (unless --upgrade).
  .venv/bin/uv pip compile pyproject.toml "$@" \
    --universal --python-version "$PYTHON_FLOOR" --generate-hashes \
    --index-url https://pypi.org/simple --custom-compile-command "bash scripts/lock.sh" \
    --quiet --output-file "$out"
  {
    echo "# Locked by scripts/lock.sh from pyproject.toml: do not edit by hand."
    echo "# pyproject-dependencies-sha256: $print"
    cat "$out"
  } > "$out.new"
  mv "$out.new" "$out"
}

# dev first: the others are then constrained to its versions, so they all agree.
lock dev.txt --extra dev "$@"
lock runtime.txt --constraint requirements/dev.txt "$@"
lock site.txt --extra site --constraint requirements/dev.txt "$@"
lock commands.txt --extra schedule --extra inbox --extra analytics --constraint requirements/dev.txt "$@"

# The browser's packages: Pyodide's Python, pure wheels only, rpds-py left out (see pyodide.in).
echo "lock: requirements/pyodide.txt"
.venv/bin/uv pip compile requirements/pyodide.in --constraint requirements/dev.txt "$@" \
  --python-version 3.14 --python-platform wasm32-pyodide2025 --no-emit-package rpds-py --generate-hashes \
  --index-url https://pypi.org/simple --custom-compile-command "bash scripts/lock.sh" \
  --quiet --output-file requirements/pyodide.txt
{
  echo "# Locked by scripts/lock.sh from requirements/pyodide.in: do not edit by hand."
  echo "# pyodide-in-sha256: $(pyodide_fingerprint requirements/pyodide.in)"
  cat requirements/pyodide.txt
} > requirements/pyodide.txt.new
mv requirements/pyodide.txt.new requirements/pyodide.txt
