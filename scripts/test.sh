#!/usr/bin/env bash
# Run every test: lint, the import contracts, then pytest (unit, integration and site layers).
# Arguments go to pytest: `bash scripts/test.sh -m unit` runs one layer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
.venv/bin/ruff check checks tests scripts benchmarks
.venv/bin/ruff format --check checks tests scripts benchmarks
.venv/bin/lint-imports --no-cache
.venv/bin/pytest -q -p no:cacheprovider "$@"
