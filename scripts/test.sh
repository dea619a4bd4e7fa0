#!/usr/bin/env bash
# Run every test: lint, the unit and acceptance tests, the site in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
.venv/bin/ruff check checks tests scripts benchmarks
.venv/bin/ruff format --check checks tests scripts benchmarks
.venv/bin/pytest -q -p no:cacheprovider "$@"
