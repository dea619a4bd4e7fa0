#!/usr/bin/env bash
# The main job: build the site from policy/, show policy-check, policy-schedule,
# policy-inbox and policy-analytics on the example content repo, then serve the
# site on http://127.0.0.1:8000/ (Ctrl-C stops).
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
# The example's posts go out in 2027: schedule them as if it were 1 January 2027.
handoff="$(mktemp -d)"
echo
echo "== policy-schedule on examples/content-repo (Sprout Social CSV, media checklist, calendar in $handoff) =="
# sprout exits 1 here: the example holds posts that fail the policy on purpose, and those are refused.
(cd examples/content-repo &&
  { ../../.venv/bin/policy-schedule sprout --now 2027-01-01T00:00:00+00:00 --out "$handoff" . || true; } &&
  ../../.venv/bin/policy-schedule calendar --now 2027-01-01T00:00:00+00:00 --out "$handoff/calendar.ics" .) || true
echo
echo "== policy-inbox on examples/content-repo/inbox/sample-export.csv (invented residents) =="
(cd examples/content-repo && ../../.venv/bin/policy-inbox triage inbox/sample-export.csv &&
  ../../.venv/bin/policy-inbox report inbox/sample-export.csv | head -n 12) || true
echo
echo "== policy-analytics on examples/content-repo/analytics/ (invented Sprout Social exports) =="
(cd examples/content-repo && ../../.venv/bin/policy-analytics report --posts . \
  --profiles analytics/profile-performance.csv analytics/post-performance.csv) || true
echo
echo "== Serving the site on http://127.0.0.1:${port}/ (Ctrl-C to stop) =="
exec .venv/bin/python -m http.server --bind 127.0.0.1 --directory site "$port"
