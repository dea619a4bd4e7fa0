#!/usr/bin/env bash
# The main job: build the site from policy/, show policy-check on the example
# content repo, then serve the site on http://127.0.0.1:8000/ (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port="${PORT:-8000}"
# Material for MkDocs ends in May 2027 (see README); keep its notice out of the build log.
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m mkdocs build --strict --quiet --site-dir site
echo
echo "== policy-check on examples/content-repo =="
(cd examples/content-repo && ../../.venv/bin/policy-check .) || true
echo
echo "== Serving the site on http://127.0.0.1:${port}/ (Ctrl-C to stop) =="
exec .venv/bin/python -m http.server --bind 127.0.0.1 --directory site "$port"
