"""Redis stopped for 60 s under load: the pages and the public forms keep answering (no 5xx), sessions survive (they
live in the database), /health/ says 503 with cache and broker failing and 200 once Redis is back, and a task queued
meanwhile (an assessor's evidence pack: its build is queued by the request) is kept in the outbox (core.queueing)
and runs once after Redis returns, carrying the request id of the request that asked for it."""
from __future__ import annotations

import json
import time

from stack import Browser, Result, Stack, load

NAME = "redis_down"
TITLE = "Redis stopped for 60 s during load: no 5xx, sessions kept, queued tasks run once afterwards"
OUTAGE_SECONDS = 60
SETTLE_SECONDS = 15


def _task_lines(stack: Stack, task: str) -> list[dict]:
    """The workers' JSON log lines about `task` (received, succeeded …)."""
    lines = []
    for path in sorted((stack.dir / "log").glob("worker*.log")):
        for line in path.read_text(errors="replace").splitlines():
            if task in line and line.startswith("{"):
                try:
                    lines.append(json.loads(line))
                except ValueError:
                    pass
    return lines


def _succeeded(stack: Stack, task: str) -> int:
    return sum(1 for line in _task_lines(stack, task) if "succeeded" in line.get("message", ""))


def drill(stack: Stack) -> Result:
    lines: list[str] = []
    held = True
    task = "reports.tasks.build_evidence_pack"
    built_before = _succeeded(stack, task)
    assessor = Browser(stack.url)
    if not assessor.login("assessor"):
        return Result(NAME, False, ["the demo assessor could not sign in (manage.py load_demo)"])
    year = stack.sql("select fiscal_year from reports_evidencepack order by id desc limit 1") or "2569"

    with load(stack) as running:
        time.sleep(SETTLE_SECONDS)
        stopped = stack.services("stop-redis")
        if stopped.returncode != 0:
            return Result(NAME, False, [f"could not stop Redis: {stopped.stderr.strip()}"])
        running.phase("during")
        down_at = time.monotonic()
        lines.append(f"Redis on port {stack.redis_port} stopped (scripts/services.sh stop-redis)")
        time.sleep(5)

        status, report = stack.health()
        cache_state, broker_state = report.get("cache", {}).get("status"), report.get("broker", {}).get("status")
        ok = status == 503 and cache_state == "fail" and broker_state == "fail"
        held &= ok
        lines.append(f"/health/ during the outage: {status}, cache {cache_state}, broker {broker_state}"
                     f" -> {'as expected' if ok else 'NOT as expected'}")

        # What a user asks for while the broker is away: an evidence pack, whose build the request queues.
        asked = assessor.post_form(f"/reports/packs/?office=CPN&fiscal_year={year}",
                                   {"office": "CPN", "fiscal_year": year, "cs": "4"}, action="/reports/packs/start/")
        request_id = asked.headers.get("x-request-id", "")
        pack = stack.sql("select id || ' ' || status from reports_evidencepack order by id desc limit 1").split()
        kept = stack.sql(f"select count(*) from core_queuedtask where task = '{task}' and args = '[{pack[0]}]'")
        ok = asked.status == 302 and pack[1] == "queued" and kept == "1"
        held &= ok
        lines.append(f"an assessor asks for an evidence pack during the outage: HTTP {asked.status} in "
                     f"{asked.seconds:.2f} s, pack {pack[0]} {pack[1]}, kept in the outbox: {kept} "
                     f"(request id {request_id}) -> {'held' if ok else 'NOT held'}")

        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - down_at)))
        started = stack.services("start-redis")
        if started.returncode != 0:
            return Result(NAME, False, [*lines, f"could not start Redis again: {started.stderr.strip()}"])
        running.phase("after")
        up_at = time.monotonic()
        lines.append(f"Redis started again after {up_at - down_at:.0f} s")

        # The outbox is flushed by beat every minute (and by each worker's start-up): wait for the build.
        deadline = time.monotonic() + 150
        state = ""
        while time.monotonic() < deadline:
            state = stack.sql(f"select status from reports_evidencepack where id = {pack[0]}")
            left = stack.sql("select count(*) from core_queuedtask")
            if state in ("done", "failed") and left == "0":
                break
            time.sleep(2)
        built = _succeeded(stack, task) - built_before
        traced = any(line.get("request_id") == request_id for line in _task_lines(stack, task)) if request_id else False
        ok = state == "done" and left == "0" and built == 1
        held &= ok
        lines.append(f"after Redis returned: outbox {left} left, pack {pack[0]} {state} "
                     f"{time.monotonic() - up_at:.0f} s later, built {built} time(s), its log lines carry the "
                     f"request id: {'yes' if traced else 'no'} -> {'held' if ok else 'NOT held'}")
        time.sleep(max(0.0, SETTLE_SECONDS - (time.monotonic() - up_at)))

    status, report = stack.health()
    deadline = time.monotonic() + 90
    while status != 200 and time.monotonic() < deadline:
        time.sleep(2)
        status, report = stack.health()
    held &= status == 200
    lines.append(f"/health/ after: {status}")
    lines.extend(running.report())
    failures = running.failures()
    lost = sum(1 for hit in running.hits if hit.lost_session)
    slowest_during = max((h.end - h.start for h in running.hits if running._phase_of(h.end) == "during"),
                         default=0.0)
    ok = failures == 0 and lost == 0 and running.login_failures == 0
    held &= ok
    lines.append(f"5xx or no answer: {failures}, sessions lost: {lost}, slowest request during the outage "
                 f"{slowest_during:.2f} s -> {'held' if ok else 'NOT held'}")
    return Result(NAME, held, lines)
