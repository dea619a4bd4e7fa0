#!/usr/bin/env bash
# The main job: build the site from policy/, show policy-check on the example
# content repo, then serve the site on http://127.0.0.1:8000/ (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port="${PORT:-8000}"
.venv/bin/python -m mkdocs build --strict --quiet --site-dir site
echo
echo "== policy-check on examples/content-repo =="
(cd examples/content-repo && ../../.venv/bin/policy-check .) || true
echo
echo "== Serving the site on http://127.0.0.1:${port}/ (Ctrl-C to stop) =="
exec .venv/bin/python -m http.server --bind 127.0.0.1 --directory site "$port"
