#!/usr/bin/env bash
# make bench: every speed bar, on SQLite and on PostgreSQL, with synthetic data at the issues' scale.
#
#   scripts/bench.sh [sqlite|postgres|all] [manage.py bench arguments...]
#
# SQLite keeps its bench database in var/bench/ (generated once, reused by later runs); PostgreSQL runs
# in a throwaway cluster (scripts/services.sh) on its own port, so the data is generated each time.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
PY=.venv/bin/python
what="${1:-all}"; shift || true
export PMQA_PG_PORT="${PMQA_BENCH_PG_PORT:-5434}"

bench_on() {  # bench_on LABEL DATABASE_URL ARGS...
    local label="$1" url="$2"; shift 2
    echo
    echo "=============================== bench: $label ==============================="
    DATABASE_URL="$url" "$PY" manage.py migrate --noinput -v0
    DATABASE_URL="$url" "$PY" manage.py createcachetable
    DATABASE_URL="$url" "$PY" manage.py bench "$@"
}

case "$what" in sqlite|postgres|all) ;; *) echo "usage: $0 [sqlite|postgres|all] [bench args]" >&2; exit 2 ;; esac

# A dashboard served from before a change queues its recount on the default (filesystem) broker.
mkdir -p var/celery/queue var/celery/processed var/celery/results var/celery/control
if [ "$what" != postgres ]; then
    mkdir -p var/bench
    bench_on SQLite "sqlite:///$REPO_ROOT/var/bench/bench.sqlite3" "$@"
fi
if [ "$what" != sqlite ]; then
    trap 'scripts/services.sh stop-postgres' EXIT
    url="$(scripts/services.sh start-postgres)"
    bench_on PostgreSQL "$url" "$@"
fi
