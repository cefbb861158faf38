#!/usr/bin/env bash
# Runs the test stages in order and reports each one; `make test` calls this with "all".
#
#   scripts/test.sh [all|sqlite|postgres|integration|browser] [extra pytest arguments...]
#
#   sqlite       main suite (-m "not browser and not integration") on SQLite
#   postgres     the same suite on a throwaway PostgreSQL cluster
#   integration  -m integration with PostgreSQL and a throwaway Redis as the Celery broker
#   browser      -m browser (Playwright + Debian's Chromium) on SQLite
#   all          the four above, in that order
#
# The SQLite and PostgreSQL stages spread their tests over one pytest-xdist worker per CPU (PMQA_TEST_WORKERS=N to
# choose, 0 for none): each worker has its own test database (test_…_gw0, gw1, … on PostgreSQL; its own in-memory
# one on SQLite). The integration stage shares one embedded Celery worker and the browser stage one live server, so
# they stay in one process.
#
# Every stage runs even when an earlier one failed, so one run shows everything that is broken;
# the exit code is non-zero if any stage failed. Services are stopped and their folders removed
# however the script ends (trap). The Debian packages and the venv are the Makefile's job.
set -uo pipefail   # no -e: a failing stage must not stop the others

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

PYTHON="${PMQA_PYTHON:-.venv/bin/python}"
SERVICES="scripts/services.sh"
SERVICES_DIR="${PMQA_SERVICES_DIR:-$REPO_ROOT/.services}"
export PMQA_SERVICES_DIR="$SERVICES_DIR"
# JUnit reports are kept out of test-results/: pytest-playwright empties that folder at every session start.
REPORT_DIR="$SERVICES_DIR/junit"
# Tests get their own var folder (SQLite file, media, Celery folders) so they never touch `make run` data.
TEST_VAR="$SERVICES_DIR/test-var"

what="${1:-all}"
shift || true
extra_args=("$@")

case "$what" in
    all) stages=(sqlite postgres integration browser) ;;
    sqlite|postgres|integration|browser) stages=("$what") ;;
    *) echo "usage: $0 [all|sqlite|postgres|integration|browser] [pytest args...]" >&2; exit 2 ;;
esac

[ -x "$PYTHON" ] || { echo "test.sh: $PYTHON not found; run 'make venv' first" >&2; exit 2; }

cleanup() {
    "$SERVICES" stop-redis
    "$SERVICES" stop-postgres
    rm -rf "$TEST_VAR"
}
trap cleanup EXIT
# Ctrl-C or a CI timeout: exit, which runs the EXIT trap above.
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$REPORT_DIR" "$TEST_VAR"
# staticfiles: whitenoise warns on every request when STATIC_ROOT does not exist.
mkdir -p "$REPORT_DIR" "$TEST_VAR"/celery/{queue,processed,results} "$TEST_VAR"/staticfiles

database_url=""   # set once PostgreSQL is up
broker_url=""     # set once Redis is up
names=() results=() seconds=()

now_ms() { date +%s%3N; }

record() {  # record NAME RESULT SECONDS
    names+=("$1") results+=("$2") seconds+=("$3")
}

# run_stage NAME MARK_EXPRESSION EMPTY_IS_OK [VAR=VALUE ...] [-- PYTEST_ARG ...]
# Runs pytest with a clean environment: the stage decides the database and the broker, not the
# caller's shell (a DATABASE_URL left in it would otherwise turn the SQLite stage into something else).
run_stage() {
    local name="$1" mark="$2" empty_ok="$3"
    shift 3
    local env_vars=() pytest_args=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do env_vars+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    pytest_args=("$@")
    echo
    echo "=============================== stage: $name (-m \"$mark\") ==============================="
    local t0 rc result
    t0=$(now_ms)
    env -u DATABASE_URL -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND -u CELERY_TASK_ALWAYS_EAGER \
        PMQA_VAR_DIR="$TEST_VAR" DEBUG=true ${env_vars[@]+"${env_vars[@]}"} \
        "$PYTHON" -m pytest -m "$mark" --junitxml="$REPORT_DIR/$name.xml" ${pytest_args[@]+"${pytest_args[@]}"} \
        ${extra_args[@]+"${extra_args[@]}"}
    rc=$?
    if [ "$rc" -eq 0 ]; then
        result=passed
    elif [ "$rc" -eq 5 ] && [ "$empty_ok" = yes ]; then
        # pytest's 5 = "no tests collected": fine while the integration/browser suites are still empty.
        result="passed (no tests)"
    else
        result="FAILED (pytest exit $rc)"
    fi
    record "$name" "$result" "$(( ($(now_ms) - t0) / 1000 ))"
}

ensure_postgres() {
    [ -n "$database_url" ] && return 0
    database_url="$("$SERVICES" start-postgres)" || { database_url=""; return 1; }
}

ensure_redis() {
    [ -n "$broker_url" ] && return 0
    broker_url="$("$SERVICES" start-redis)" || { broker_url=""; return 1; }
}

main_suite="not browser and not integration"
workers=(-n "${PMQA_TEST_WORKERS:-auto}")

for stage in "${stages[@]}"; do
    case "$stage" in
        sqlite)
            run_stage sqlite "$main_suite" no -- "${workers[@]}"
            ;;
        postgres)
            if ensure_postgres; then
                run_stage postgres "$main_suite" no DATABASE_URL="$database_url" -- "${workers[@]}"
            else
                record postgres "FAILED (PostgreSQL did not start)" 0
            fi
            ;;
        integration)
            # Against PostgreSQL too: a real worker thread and the test share the database the way
            # production does, which SQLite's locking would not show.
            if ensure_postgres && ensure_redis; then
                run_stage integration integration yes \
                    DATABASE_URL="$database_url" CELERY_BROKER_URL="$broker_url"
            else
                record integration "FAILED (PostgreSQL or Redis did not start)" 0
            fi
            # Free the services before the browser stage; nothing after this needs them.
            "$SERVICES" stop-redis; broker_url=""
            "$SERVICES" stop-postgres; database_url=""
            ;;
        browser)
            # Sync Playwright runs an event loop in the test thread; Django refuses ORM calls from
            # there unless told it is safe (the tests are single-threaded).
            run_stage browser browser yes DJANGO_ALLOW_ASYNC_UNSAFE=true
            ;;
    esac
done

# Stop services before the summary so that the summary is the last thing printed.
cleanup
trap - EXIT

echo
echo "=============================== summary ==============================="
failed_stages=0
for i in "${!names[@]}"; do
    printf '  %-12s %-40s %5ss\n' "${names[$i]}" "${results[$i]}" "${seconds[$i]}"
    case "${results[$i]}" in FAILED*) failed_stages=$((failed_stages + 1)) ;; esac
done

# One closing line with the totals over all stages, from the JUnit reports. A stage that failed
# without a failing test (a service that did not start, a collection crash) counts as one failure,
# so the line never reads "0 failed" on a red run.
"$PYTHON" - "$REPORT_DIR" "${names[@]}" -- "${results[@]}" <<'PY'
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

report_dir = Path(sys.argv[1])
split = sys.argv.index("--")
names, results = sys.argv[2:split], sys.argv[split + 1:]
passed = failed = skipped = 0
for name, result in zip(names, results):
    stage_failed = 0
    path = report_dir / f"{name}.xml"
    if path.exists():
        for suite in ET.parse(path).getroot().iter("testsuite"):
            tests, skips = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            passed += tests - skips - bad
            skipped += skips
            stage_failed += bad
    if result.startswith("FAILED") and stage_failed == 0:
        stage_failed = 1
    failed += stage_failed
print(f"total: {passed} passed, {failed} failed, {skipped} skipped")
PY

[ "$failed_stages" -eq 0 ]
