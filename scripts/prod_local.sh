#!/usr/bin/env bash
# make prod-local: the production stack of docker-compose.yml on this machine, without containers, on loopback.
#
#   scripts/prod_local.sh start|stop|status
#
# The same processes as docker-compose.yml, from the same settings: a throwaway PostgreSQL and Redis
# (scripts/services.sh), collectstatic (as the Dockerfile does), migrate + createcachetable (the compose `migrate`
# service), gunicorn with several workers (`web`), two Celery workers (`worker`, scaled to 2) and one beat with
# django-celery-beat's DatabaseScheduler (`beat`). DEBUG is off; the environment is written once to
# $PROD_DIR/env (the same variables as compose's x-app environment, in systemd's EnvironmentFile format) with a
# SECRET_KEY generated on the first start and kept there. Then a department-sized synthetic data set (the
# benchmark's generator: manage.py load_bench_data) and the demo users (manage.py load_demo).
#
# Everything lives in one folder, $PROD_DIR (default <repo>/.prod-local, git-ignored): env, run/*.pid, log/*.log,
# var/ (static files), media/, services/ (the database cluster and Redis). `stop` stops every process and throws
# the database and Redis away (the next start loads the data again); the env file (and its key) and the logs stay.
#
# Environment (all optional):
#   PMQA_PROD_DIR        the folder                         (default <repo>/.prod-local)
#   PMQA_PROD_PG_PORT    PostgreSQL port                    (default 5441)
#   PMQA_PROD_REDIS_PORT Redis port                         (default 6391)
#   PMQA_PROD_WEB_PORT   gunicorn port                      (default 8100)
#   PMQA_PROD_WEB_WORKERS   gunicorn workers                (default 3, as docker-compose.yml)
#   PMQA_PROD_CELERY_WORKERS  Celery worker processes       (default 2)
#   CELERY_CONCURRENCY   processes per Celery worker        (default 2, as docker-compose.yml)
#   PMQA_PROD_TICKETS, PMQA_PROD_OFFICES, PMQA_PROD_YEARS   the data set (default 100000, 1000, 2)
#   PMQA_PROD_TRUSTED_PROXY_COUNT  proxies in front whose X-Forwarded-For is believed (default 1, as
#                        docker-compose.yml: the load test plays that proxy and gives each citizen an address)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

PROD_DIR="$(mkdir -p "${PMQA_PROD_DIR:-$REPO_ROOT/.prod-local}" && cd "${PMQA_PROD_DIR:-$REPO_ROOT/.prod-local}" && pwd)"
PG_PORT="${PMQA_PROD_PG_PORT:-5441}"
REDIS_PORT="${PMQA_PROD_REDIS_PORT:-6391}"
WEB_PORT="${PMQA_PROD_WEB_PORT:-8100}"
WEB_WORKERS="${PMQA_PROD_WEB_WORKERS:-3}"
CELERY_WORKERS="${PMQA_PROD_CELERY_WORKERS:-2}"
TICKETS="${PMQA_PROD_TICKETS:-100000}"
OFFICES="${PMQA_PROD_OFFICES:-1000}"
YEARS="${PMQA_PROD_YEARS:-2}"
TRUSTED_PROXIES="${PMQA_PROD_TRUSTED_PROXY_COUNT:-1}"
VENV="${PMQA_VENV:-$REPO_ROOT/.venv}"
PY="$VENV/bin/python"
RUN="$PROD_DIR/run"
LOG="$PROD_DIR/log"
ENV_FILE="$PROD_DIR/env"
URL="http://127.0.0.1:$WEB_PORT/"

# scripts/services.sh with our own ports and folder: it never touches the test or bench services.
services() {
    PMQA_SERVICES_DIR="$PROD_DIR/services" PMQA_PG_PORT="$PG_PORT" PMQA_REDIS_PORT="$REDIS_PORT" \
        PMQA_PG_PRELOAD=pg_stat_statements scripts/services.sh "$@"
}

say() { printf 'prod-local: %s\n' "$*"; }
die() { say "ERROR: $*" >&2; exit 1; }

# The processes, by name: web, beat, worker1, worker2 …
names() { printf "%s\n" web beat; for i in $(seq 1 "$CELERY_WORKERS"); do echo "worker$i"; done; }

# True when run/NAME.pid holds a live process that is still ours (its command line mentions gunicorn or celery:
# after a reboot the number may belong to anything).
alive() {
    local pidfile="$RUN/$1.pid" pid
    [ -f "$pidfile" ] || return 1
    pid="$(cat "$pidfile")"
    [ -n "$pid" ] && grep -qaE 'gunicorn|celery' "/proc/$pid/cmdline" 2>/dev/null
}

running_count() { local n=0 name; for name in $(names); do alive "$name" && n=$((n + 1)); done; echo "$n"; }

write_env() {
    # Generated once and kept: sessions survive a restart, as they do with compose's .env.
    if [ ! -s "$PROD_DIR/secret_key" ]; then
        (umask 077; "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$PROD_DIR/secret_key")
    fi
    # docker-compose.yml's x-app environment with its defaults; what differs is loopback addresses and ports,
    # no TLS proxy in front (cookies over plain HTTP for curl and the load tool), and the folders.
    # TRUSTED_PROXY_COUNT stays compose's 1: the load test (make loadtest) plays the proxy and gives each simulated
    # citizen its own X-Forwarded-For address, so the public forms' per-address limits hold as in production; a
    # request without the header (curl, the drills) is counted by its own address, as before.
    # systemd's EnvironmentFile syntax (NAME=value, no quotes needed), also sourced by this script.
    (umask 077; cat >"$ENV_FILE" <<ENV
# Written by scripts/prod_local.sh on every start; the key comes from $PROD_DIR/secret_key.
DEBUG=false
SECRET_KEY=$(cat "$PROD_DIR/secret_key")
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=
BEHIND_TLS_PROXY=false
TRUSTED_PROXY_COUNT=$TRUSTED_PROXIES
SESSION_COOKIE_SECURE=false
CSRF_COOKIE_SECURE=false
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/pmqa
DATABASE_CONN_MAX_AGE=60
CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0
CACHE_URL=redis://127.0.0.1:$REDIS_PORT/1
EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
DEFAULT_FROM_EMAIL=pmqa@localhost
EVIDENCE_MAX_BYTES=20971520
API_TOKEN_TTL_DAYS=90
LOG_LEVEL=INFO
PMQA_VAR_DIR=$PROD_DIR/var
MEDIA_ROOT=$PROD_DIR/media
PMQA_BACKUP_DIR=$PROD_DIR/backups
PMQA_SITE_URL=http://127.0.0.1:$WEB_PORT
ENV
    )
}

load_env() { set -a; # shellcheck disable=SC1090
    . "$ENV_FILE"; set +a; }

# launch NAME COMMAND...: in the background, in its own session (a Ctrl-C in the calling shell does not reach
# it), output to log/NAME.log, pid to run/NAME.pid.
launch() {
    local name="$1"; shift
    setsid "$@" >>"$LOG/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN/$name.pid"
}

wait_for_health() {  # up to 90 s for /health/ to answer 200 (the first heartbeat needs the workers and beat)
    local i code
    for i in $(seq 1 90); do
        code="$(curl -s -o /dev/null -w '%{http_code}' "${URL}health/" || true)"
        [ "$code" = 200 ] && return 0
        sleep 1
    done
    return 1
}

print_info() {
    echo
    echo "=================================================================================="
    echo "  PMQA production stack (DEBUG off) on $URL"
    echo "  health:  curl -s ${URL}health/"
    echo "  gunicorn $WEB_WORKERS workers, $CELERY_WORKERS Celery workers (concurrency ${CELERY_CONCURRENCY:-2}), 1 beat"
    echo "  PostgreSQL 127.0.0.1:$PG_PORT, Redis 127.0.0.1:$REDIS_PORT"
    echo "  folder:  $PROD_DIR  (env, run/*.pid, log/*.log)"
    if [ -s "$LOG/load_demo.txt" ]; then
        echo "  logins (manage.py load_demo):"
        sed 's/^/    /' "$LOG/load_demo.txt"
    fi
    echo "  synthetic department: bench-committee / bench-pass-123 (committee of the BENCH department)"
    echo "  stop:    make prod-local-stop   (or scripts/prod_local.sh stop)"
    echo "=================================================================================="
}

start() {
    mkdir -p "$RUN" "$LOG"
    local running; running="$(running_count)"
    if [ "$running" -gt 0 ]; then
        if [ "$running" -eq "$(names | wc -l)" ]; then
            say "already running ($running processes); nothing to do"
            print_info
            return 0
        fi
        die "partly running ($running processes): run '$0 stop' first"
    fi
    [ -x "$PY" ] || die "$PY not found: run 'make venv' first"
    local t0; t0=$(date +%s)
    # A stack left by a killed start: its services are ours and disposable.
    services stop-all 2>/dev/null || true
    rm -f "$RUN"/*.pid
    for f in "$LOG"/*.log; do [ -f "$f" ] && mv "$f" "$f.1"; done
    write_env
    load_env
    export CELERY_CONCURRENCY="${CELERY_CONCURRENCY:-2}"
    mkdir -p "$PMQA_VAR_DIR" "$MEDIA_ROOT"

    services start-postgres >/dev/null
    services start-redis >/dev/null
    say "collectstatic (manifest storage, as in the image)"
    "$PY" manage.py collectstatic --noinput -v0
    say "migrate + createcachetable (the compose migrate service)"
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py createcachetable
    say "data: $TICKETS tickets over $OFFICES offices, $YEARS years (manage.py load_bench_data), then load_demo"
    "$PY" manage.py load_bench_data --tickets "$TICKETS" --offices "$OFFICES" --years "$YEARS"
    "$PY" manage.py load_demo >"$LOG/load_demo.txt" 2>&1 || { cat "$LOG/load_demo.txt"; die "load_demo failed"; }

    # The commands of docker-compose.yml's web, worker and beat services (gunicorn's bind on loopback).
    launch web "$VENV/bin/gunicorn" pmqa.wsgi:application --bind="127.0.0.1:$WEB_PORT" --workers="$WEB_WORKERS" \
        --timeout=120 --access-logfile=-   # gunicorn.conf.py (read from here) adds the request id to the access log
    local i
    for i in $(seq 1 "$CELERY_WORKERS"); do
        launch "worker$i" "$VENV/bin/celery" -A pmqa worker --loglevel=info --concurrency="$CELERY_CONCURRENCY" \
            --hostname="worker$i@%h"
    done
    launch beat "$VENV/bin/celery" -A pmqa beat --loglevel=info
    # The daily deadline check once now, through the broker, so that /health/'s daily_check has a run to report
    # (beat sends it every morning at 08:00).
    "$VENV/bin/celery" -A pmqa call complaints.tasks.daily_sla_check >/dev/null

    if ! wait_for_health; then
        say "WARNING: /health/ did not answer 200 within 90 s:"
        curl -s "${URL}health/" || true; echo
        for name in $(names); do alive "$name" || say "  $name is not running: see $LOG/$name.log"; done
    fi
    say "started in $(( $(date +%s) - t0 )) s"
    print_info
}

stop() {
    local name pid any=0
    # beat first (nothing new is sent), then the workers (warm shutdown: running tasks finish), then the web.
    for name in beat $(names | grep worker) web; do
        if alive "$name"; then
            pid="$(cat "$RUN/$name.pid")"
            kill -TERM "$pid"
            any=1
            local i
            for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            if kill -0 "$pid" 2>/dev/null; then say "$name ($pid) ignored TERM for 60 s; killing"; kill -KILL "$pid"; fi
            say "$name stopped (pid $pid)"
        fi
        rm -f "$RUN/$name.pid"
    done
    services stop-all
    rm -rf "$PROD_DIR/var" "$PROD_DIR/media"
    [ "$any" -eq 1 ] || say "nothing was running"
    say "stopped; the database and Redis are gone, $ENV_FILE and $LOG/ stay"
}

status() {
    local name rc=0
    for name in $(names); do
        if alive "$name"; then echo "$name: running (pid $(cat "$RUN/$name.pid"))"; else echo "$name: stopped"; rc=3; fi
    done
    services status
    if [ "$rc" -eq 0 ]; then
        echo "health: $(curl -s -w ' (HTTP %{http_code})' "${URL}health/" || echo 'no answer')"
    fi
    return "$rc"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
