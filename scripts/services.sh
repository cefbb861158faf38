#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers for the test run, on loopback only.
#
#   scripts/services.sh start-postgres | stop-postgres | start-redis | stop-redis | stop-all | status
#   scripts/services.sh restart-postgres     (pg_ctl restart -m fast: the data stays; make drills uses it)
#
# Settings (environment):
#   PMQA_PG_PORT       PostgreSQL port       (default 5433: leaves a real server on 5432 alone)
#   PMQA_REDIS_PORT    Redis port            (default 6380: leaves a real server on 6379 alone)
#   PMQA_SERVICES_DIR  where state lives     (default <repo>/.services, git-ignored)
#   PMQA_PG_PRELOAD    shared_preload_libraries for the cluster (default none; prod_local.sh asks for
#                      pg_stat_statements so that the load test can name the slowest queries)
#
# Both servers keep their data in folders that stop-* deletes: they exist only to be thrown away.
# start-* prints the URL to use (DATABASE_URL / CELERY_BROKER_URL) on stdout; progress goes to stderr.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICES_DIR="${PMQA_SERVICES_DIR:-$REPO_ROOT/.services}"
PG_PORT="${PMQA_PG_PORT:-5433}"
REDIS_PORT="${PMQA_REDIS_PORT:-6380}"
# Debian's server binaries are not on PATH; allow an override for other layouts.
PG_BIN="${PMQA_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DB=pmqa

# The cluster's location is written here, because it may have to live outside the repo (see below).
PG_POINTER="$SERVICES_DIR/postgres-$PG_PORT.location"
REDIS_DIR="$SERVICES_DIR/redis-$REDIS_PORT"

say() { printf 'services: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03d s' $((ms / 1000)) $((ms % 1000)); }

# True when something already accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp, no extra tools).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# initdb refuses to run as root, so as root every PostgreSQL server command runs as the postgres user.
# Not root: run it as ourselves (the cluster then belongs to the current user).
as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        # cd / first: postgres may not be allowed into the caller's working directory.
        su postgres -s /bin/sh -c "cd / && $1"
    else
        sh -c "$1"
    fi
}

pg_owner_can_use() {  # can the cluster owner create files under folder $1?
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "test -d '$1' && test -x '$1'" 2>/dev/null
    else
        test -w "$1"
    fi
}

start_postgres() {
    [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found: install the Debian package postgresql"
    # A cluster left by a killed run is ours and disposable: clear it before checking the port.
    [ -f "$PG_POINTER" ] && stop_postgres
    port_busy "$PG_PORT" && die "port $PG_PORT is already in use by another program; set PMQA_PG_PORT"
    mkdir -p "$SERVICES_DIR"

    # Prefer the git-ignored services folder; if the postgres user cannot reach it (a home folder
    # with mode 700, say), use a private folder under /tmp instead.
    local base
    if pg_owner_can_use "$SERVICES_DIR"; then
        base="$SERVICES_DIR/postgres-$PG_PORT"
        mkdir -p "$base"
    else
        base="$(mktemp -d "${TMPDIR:-/tmp}/pmqa-postgres-$PG_PORT.XXXXXX")"
    fi
    [ "$(id -u)" -eq 0 ] && chown postgres: "$base"
    printf '%s\n' "$base" >"$PG_POINTER"

    local t0; t0=$(now_ms)
    say "initdb in $base/data"
    # trust: loopback only, throwaway data. C.UTF-8 keeps sorting identical on every machine.
    as_pg_owner "'$PG_BIN/initdb' -D '$base/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$base/initdb.log' 2>&1" \
        || { cat "$base/initdb.log" >&2; die "initdb failed"; }

    # Settings in the file rather than on pg_ctl's command line: no quoting through su.
    # fsync and friends off: a crash loses only test data, and every test run is faster.
    # No Unix socket: /var/run/postgresql may not exist without systemd, and TCP is all we use.
    cat >>"$base/data/postgresql.conf" <<CONF

# --- throwaway test cluster (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
CONF
    if [ -n "${PMQA_PG_PRELOAD:-}" ]; then
        printf "shared_preload_libraries = '%s'\n" "$PMQA_PG_PRELOAD" >>"$base/data/postgresql.conf"
    fi

    as_pg_owner "'$PG_BIN/pg_ctl' -D '$base/data' -l '$base/postgres.log' -w -t 60 start >/dev/null" \
        || { tail -n 30 "$base/postgres.log" >&2; die "PostgreSQL did not start"; }
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DB" \
        || die "createdb $PG_DB failed"
    say "PostgreSQL up on 127.0.0.1:$PG_PORT in $(since "$t0")"
    echo "postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"
}

stop_postgres() {
    [ -f "$PG_POINTER" ] || return 0
    local base
    base="$(cat "$PG_POINTER")"
    if [ -f "$base/data/postmaster.pid" ]; then
        # fast: roll back open transactions instead of waiting for clients (a hung test) to leave.
        as_pg_owner "'$PG_BIN/pg_ctl' -D '$base/data' -m fast -w -t 30 stop >/dev/null" \
            || say "warning: pg_ctl stop failed (see $base/postgres.log)"
    fi
    # Guard the rm: only ever a folder named after this script's own layout.
    case "$base" in
        */postgres-"$PG_PORT"|*/pmqa-postgres-"$PG_PORT".*) rm -rf "$base" ;;
        *) say "warning: not removing unexpected folder $base" ;;
    esac
    rm -f "$PG_POINTER"
    say "PostgreSQL on port $PG_PORT stopped and removed"
}

restart_postgres() {  # the same cluster, its data kept: what an operator's `systemctl restart postgresql` does
    [ -f "$PG_POINTER" ] || die "no PostgreSQL on port $PG_PORT to restart"
    local base t0
    base="$(cat "$PG_POINTER")"
    t0=$(now_ms)
    as_pg_owner "'$PG_BIN/pg_ctl' -D '$base/data' -l '$base/postgres.log' -m fast -w -t 60 restart >/dev/null" \
        || { tail -n 30 "$base/postgres.log" >&2; die "PostgreSQL did not restart"; }
    say "PostgreSQL on port $PG_PORT restarted in $(since "$t0")"
}

redis_cli_ping() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_redis() {
    command -v redis-server >/dev/null || die "redis-server not found: install the Debian package redis-server"
    [ -d "$REDIS_DIR" ] && stop_redis
    port_busy "$REDIS_PORT" && die "port $REDIS_PORT is already in use by another program; set PMQA_REDIS_PORT"
    mkdir -p "$REDIS_DIR"
    local t0; t0=$(now_ms)
    # No persistence (--save '' and no AOF): the broker holds only this run's messages.
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
        --save '' --appendonly no --dir "$REDIS_DIR" \
        --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
        || die "redis-server failed to start"
    # --daemonize returns before the server accepts connections: wait for PONG (at most 10 s).
    local i
    for i in $(seq 1 100); do
        redis_cli_ping && break
        sleep 0.1
    done
    redis_cli_ping || { tail -n 20 "$REDIS_DIR/redis.log" >&2; die "Redis did not answer PING"; }
    say "Redis up on 127.0.0.1:$REDIS_PORT in $(since "$t0")"
    echo "redis://127.0.0.1:$REDIS_PORT/0"
}

stop_redis() {
    [ -d "$REDIS_DIR" ] || return 0
    local pid=""
    [ -f "$REDIS_DIR/redis.pid" ] && pid="$(cat "$REDIS_DIR/redis.pid")"
    # Kill only if that pid is still a redis-server: after a reboot the number may belong to anything.
    if [ -n "$pid" ] && grep -q redis-server "/proc/$pid/comm" 2>/dev/null; then
        kill "$pid"
        local i
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && { say "warning: Redis $pid ignored TERM; killing"; kill -9 "$pid"; }
    fi
    rm -rf "$REDIS_DIR"
    say "Redis on port $REDIS_PORT stopped and removed"
}

status() {
    if [ -f "$PG_POINTER" ]; then echo "postgres: $(cat "$PG_POINTER") (port $PG_PORT)"; else echo "postgres: not running"; fi
    if [ -d "$REDIS_DIR" ]; then echo "redis: $REDIS_DIR (port $REDIS_PORT)"; else echo "redis: not running"; fi
}

case "${1:-}" in
    start-postgres) start_postgres ;;
    stop-postgres) stop_postgres ;;
    restart-postgres) restart_postgres ;;
    start-redis) start_redis ;;
    stop-redis) stop_redis ;;
    stop-all) stop_redis; stop_postgres ;;
    status) status ;;
    *) echo "usage: $0 start-postgres|stop-postgres|restart-postgres|start-redis|stop-redis|stop-all|status" >&2; exit 2 ;;
esac
