#!/usr/bin/env bash
# make loadtest: Locust against the local production stack (scripts/prod_local.sh), headless and bounded in time.
#
#   scripts/loadtest.sh [--host URL] [--users 50] [--seconds 120] [--no-step-up] [--cap 400] ...
#
# Starts the stack when it is not running (prod_local.sh start is idempotent; PMQA_PROD_* pass through, so
# PMQA_PROD_WEB_PORT=8101 etc. points it at another stack), makes sure the survey round the users need exists
# (loadtest/fixture.py, idempotent), then loadtest/run.py: stage 1 (50 users, 2 minutes, the bar: 0 errors and
# p95 < 500 ms) and the step-up. With --host pointing elsewhere, nothing is started: see docs/operations.md.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
VENV="${PMQA_VENV:-$REPO_ROOT/.venv}"
PY="$VENV/bin/python"
PROD_DIR="${PMQA_PROD_DIR:-$REPO_ROOT/.prod-local}"
WEB_PORT="${PMQA_PROD_WEB_PORT:-8100}"

say() { printf 'loadtest: %s\n' "$*"; }

remote=0
for arg in "$@"; do
    case "$arg" in --host|--host=*) remote=1 ;; esac
done

if [ "$remote" -eq 0 ]; then
    if ! scripts/prod_local.sh status >/dev/null 2>&1; then
        say "the stack on port $WEB_PORT is not running: starting it (scripts/prod_local.sh start)"
        scripts/prod_local.sh start
    fi
    # The citizens' per-address limits are read through the proxy the load tool plays (TRUSTED_PROXY_COUNT=1).
    if ! grep -qx 'TRUSTED_PROXY_COUNT=[1-9][0-9]*' "$PROD_DIR/env"; then
        say "ERROR: the stack trusts no proxy (TRUSTED_PROXY_COUNT in $PROD_DIR/env): every simulated citizen would"
        say "share one address and hit the public forms' limit. Restart it: scripts/prod_local.sh stop && make loadtest"
        exit 1
    fi
    fixture="$(set -a; . "$PROD_DIR/env"; set +a; \
               "$PY" manage.py shell -v0 -c 'import json; from loadtest.fixture import ensure; print(json.dumps(ensure()))' | tail -n 1)"
    LOADTEST_ROUND="$("$PY" -c 'import json, sys; print(json.loads(sys.argv[1])["round"])' "$fixture")"
    LOADTEST_SURVEY_KEY="$("$PY" -c 'import json, sys; print(json.loads(sys.argv[1])["key"])' "$fixture")"
    export LOADTEST_ROUND LOADTEST_SURVEY_KEY
    say "survey round $LOADTEST_ROUND (public key $LOADTEST_SURVEY_KEY) of the district office for the users"
fi
exec "$PY" loadtest/run.py "$@"
