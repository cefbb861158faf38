"""Beat started twice by mistake: scheduled jobs still do their work once per period.

The drill adds two short schedule entries to django-celery-beat's tables (through the ORM, so that the running beat
sees them): `reports.tasks.refresh_indicators` every 20 s with `every=20` (the job claims 20-second slots instead of
its quarter-hours) and the daily deadline check every 20 s (it claims the day). Then it starts a second beat with
prod_local.sh's command next to the first, lets both run for about four periods, stops the second and removes the
entries. Both beats send every entry (DatabaseScheduler has no lock); what must hold is the work: one claim
(core_scheduledrun) per job and period, the job's work done by that claim's task only, every other copy returning
at once; the daily check not run again today (its day was claimed when the stack started) and nobody with two
digests of a kind today.
"""
from __future__ import annotations

import re
import time
from collections import Counter

from processes import beat_command, kill, launch, log_sizes, log_text, stop_gracefully, worker_logs_since
from stack import Result, Stack

NAME = "beat_twice"
TITLE = "beat started twice by mistake: scheduled jobs still run once per period"

EVERY = 20
RUN_FOR = 4 * EVERY + 5
REFRESH, DAILY = "reports.tasks.refresh_indicators", "complaints.tasks.daily_sla_check"
ENTRIES = {"drill: refresh_indicators every 20 s": (REFRESH, '{"every": %d}' % EVERY),
           "drill: daily check every 20 s": (DAILY, "{}")}

_ADD = """
from django_celery_beat.models import IntervalSchedule, PeriodicTask
every, _ = IntervalSchedule.objects.get_or_create(every=%d, period=IntervalSchedule.SECONDS)
for name, (task, kwargs) in %r.items():
    PeriodicTask.objects.update_or_create(name=name, defaults={"task": task, "kwargs": kwargs, "interval": every,
                                                               "enabled": True})
"""
_REMOVE = """
from django_celery_beat.models import PeriodicTask
PeriodicTask.objects.filter(name__in=%r).delete()
"""


def drill(stack: Stack) -> Result:
    lines: list[str] = []
    today = stack.sql("SELECT (now() AT TIME ZONE 'Asia/Bangkok')::date")
    started = stack.sql("SELECT now()")
    digests_before = stack.sql(f"SELECT count(*) FROM complaints_notificationlog WHERE day = '{today}'")
    sizes = log_sizes(stack)
    stack.manage("shell", "-c", _ADD % (EVERY, ENTRIES))
    lines.append(f"added {len(ENTRIES)} schedule entries every {EVERY} s: {', '.join(ENTRIES)}")
    second = launch(stack, "beat2", beat_command(stack))
    lines.append(f"second beat started with prod_local.sh's command (pid {second}), next to the first "
                 f"(pid {stack.pid('beat')}); both run for {RUN_FOR} s")
    try:
        time.sleep(RUN_FOR)
    finally:
        stop_gracefully(second, 20)
        kill([second])
        (stack.dir / "run" / "beat2.pid").unlink(missing_ok=True)
        stack.manage("shell", "-c", _REMOVE % (list(ENTRIES),))
        lines.append("second beat stopped, drill entries removed")
    time.sleep(8)  # the last copies sent finish on the workers

    sent = {beat: Counter(re.findall(r"Sending due task (drill: [^(]+?) \(", log_text(stack, beat, sizes.get(beat, 0))))
            for beat in ("beat", "beat2")}
    for beat, counts in sent.items():
        lines.append(f"{beat} sent: " + (", ".join(f"{name} x{n}" for name, n in counts.items()) or "nothing"))
    logs = worker_logs_since(stack, sizes)
    runs = {job: re.findall(rf"{re.escape(job)}\[([0-9a-f-]+)\] succeeded in [\d.]+s: (.+?)(?:\\n|\"|$)", logs, re.M)
            for job in (REFRESH, DAILY)}

    claims = stack.sql(f"SELECT period, task_id FROM core_scheduledrun WHERE job = '{REFRESH}' "
                       f"AND claimed_at >= '{started}' ORDER BY period").splitlines()
    holders = {line.split("|")[1]: line.split("|")[0] for line in claims}
    worked = [task for task, value in runs[REFRESH] if value.strip() != "None"]
    skipped = [task for task, value in runs[REFRESH] if value.strip() == "None"]
    lines.append(f"{REFRESH}: ran {len(runs[REFRESH])} times, did the work {len(worked)} times, returned at once "
                 f"{len(skipped)} times")
    for period, task in ((p, t) for t, p in holders.items()):
        lines.append(f"  period {period.split('/')[0]}: claimed once, by {task[:8]}…, "
                     f"work done by it {'yes' if task in worked else 'NO'}")
    refresh_ok = (len(claims) >= 3 and sorted(worked) == sorted(holders) and len(skipped) >= 2)

    daily_claims = stack.sql(f"SELECT count(*) FROM core_scheduledrun WHERE job = '{DAILY}' AND period = '{today}'")
    daily_worked = [task for task, value in runs[DAILY] if "skipped" not in value]
    digests_after = stack.sql(f"SELECT count(*) FROM complaints_notificationlog WHERE day = '{today}'")
    most = stack.sql(f"SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM complaints_notificationlog "
                     f"WHERE day = '{today}' GROUP BY recipient_id, kind) per_person")
    lines.append(f"{DAILY}: ran {len(runs[DAILY])} times, did the work {len(daily_worked)} times (the day {today} "
                 f"was claimed {daily_claims} time(s), when the stack started); digests today {digests_before} "
                 f"before, {digests_after} after; most per person and kind: {most}")
    daily_ok = len(runs[DAILY]) >= 2 and not daily_worked and daily_claims == "1" and digests_before == digests_after \
        and most in ("0", "1")
    both_sent = all(sum(counts.values()) >= 2 for counts in sent.values())
    held = both_sent and refresh_ok and daily_ok
    lines.append(f"both beats sent every entry: {'yes' if both_sent else 'NO'}; once per period: "
                 f"{'held' if refresh_ok and daily_ok else 'DID NOT HOLD'}")
    return Result(NAME, held, lines)
