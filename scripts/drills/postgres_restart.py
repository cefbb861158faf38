"""PostgreSQL restarted (pg_ctl restart -m fast, data kept) under load: the web answers again by itself within 10 s
of PostgreSQL accepting connections, gunicorn is not restarted, and a request that could not reach the database got
the Thai 503 page (pmqa.views.server_error), never a 500 or a stack trace. Kept connections broken by the restart are
replaced at the next request (CONN_HEALTH_CHECKS)."""
from __future__ import annotations

import time

from stack import Result, Stack, load

NAME = "postgres_restart"
TITLE = "PostgreSQL restarted during load: the web recovers by itself within 10 s, without restarting gunicorn"
RECOVERY_LIMIT_SECONDS = 10
SETTLE_SECONDS = 15


def _gunicorn_workers(pid: int | None) -> set[int]:
    if not pid:
        return set()
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return {int(child) for child in children.read().split()}
    except OSError:
        return set()


def _alive(pid: int | None) -> bool:
    try:
        return bool(pid) and "gunicorn" in open(f"/proc/{pid}/cmdline").read()
    except OSError:
        return False


def drill(stack: Stack) -> Result:
    lines: list[str] = []
    web_pid = stack.pid("web")
    workers_before = _gunicorn_workers(web_pid)
    with load(stack) as running:
        time.sleep(SETTLE_SECONDS)
        running.phase("during")
        began = time.monotonic()
        restarted = stack.services("restart-postgres")  # pg_ctl -w: returns once PostgreSQL accepts connections
        accepting = time.monotonic()
        if restarted.returncode != 0:
            return Result(NAME, False, [f"pg_ctl restart failed: {restarted.stderr.strip()}"])
        running.phase("after")
        lines.append(f"PostgreSQL on port {stack.pg_port} restarted (pg_ctl restart -m fast, data kept): accepting "
                     f"connections again {accepting - began:.1f} s after the restart began")
        recovered = None
        while time.monotonic() - accepting < 60:
            status, report = stack.health()
            if report.get("database", {}).get("status") == "ok":
                recovered = time.monotonic() - accepting
                break
            time.sleep(0.2)
        first_page = min((h.end for h in running.hits if h.start >= accepting and not h.failed
                          and h.kind in ("register", "ticket", "complaint_post")), default=None)
        time.sleep(SETTLE_SECONDS)
    if first_page is None:  # the load may still have been waiting for a slow page when the block ended
        first_page = min((h.end for h in running.hits if h.start >= accepting and not h.failed
                          and h.kind in ("register", "ticket", "complaint_post")), default=None)
    held = recovered is not None and recovered <= RECOVERY_LIMIT_SECONDS
    lines.append(f"the web reached the database again {recovered:.1f} s after PostgreSQL accepted connections"
                 if recovered is not None else "the web did not reach the database within 60 s")
    if first_page is not None:
        lines.append(f"first database page (register, ticket or a complaint) answered {first_page - accepting:.1f} s "
                     "after PostgreSQL accepted connections")
    same = stack.pid("web") == web_pid and _alive(web_pid)
    workers_after = _gunicorn_workers(web_pid)
    held &= same
    workers = "the same" if workers_after == workers_before else f"{sorted(workers_before)} -> {sorted(workers_after)}"
    lines.append(f"gunicorn master {web_pid}: {'the same, not restarted' if same else 'RESTARTED or gone'}; "
                 f"its workers {workers}")
    lines.extend(running.report())
    plain_500 = sum(1 for hit in running.hits if hit.status == 500)
    answered_503 = sum(1 for hit in running.hits if hit.status == 503)
    after = running.failures("after")
    after_late = sum(1 for hit in running.hits if hit.failed and hit.start >= accepting + RECOVERY_LIMIT_SECONDS)
    ok = plain_500 == 0 and after_late == 0
    held &= ok
    lines.append(f"during the restart {answered_503} request(s) got the Thai 503 page, {plain_500} a plain 500; after "
                 f"it {after} failed, {after_late} of them later than {RECOVERY_LIMIT_SECONDS} s -> "
                 f"{'held' if ok else 'NOT held'}")
    return Result(NAME, held, lines)
