"""How long the morning's digests wait behind report work, one queue vs separate queues (docs/scaling.md, "Separate
Celery queues"). Queues `--reports` department-wide CS3 dashboard recounts (the reports queue's kind of work: each
one seconds long at millions of tickets), then the daily deadline check, and prints how long the check took from
being queued to its result — the wait plus its own run. Needs a Redis broker and workers started by the caller:

    one queue:       celery -A pmqa worker -c 2 --prefetch-multiplier 1
    separate queues: CELERY_SEPARATE_QUEUES=true celery -A pmqa worker -Q reports,imports -c 1 --prefetch-multiplier 1
                     CELERY_SEPARATE_QUEUES=true celery -A pmqa worker -Q notifications,celery -c 1 --prefetch-multiplier 1
    [CELERY_SEPARATE_QUEUES=true] python scripts/scaling_queues.py --reports 4

(the same two worker processes in both: only which task each may take changes). Deletes the day's digest log first,
so the check sends the whole day's digests again: a scaling database only, with EMAIL_BACKEND set to the dummy one.
"""
import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmqa.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints.models import NotificationLog  # noqa: E402
from complaints.tasks import daily_sla_check, recount_dashboard  # noqa: E402
from core.fiscal import fiscal_year_of  # noqa: E402
from core.workdays.calendar import WorkingCalendar  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=4, help="dashboard recounts queued before the check")
    args = parser.parse_args()
    assert "dummy" in settings.EMAIL_BACKEND, "set EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend"
    today = timezone.localdate()
    calendar = WorkingCalendar.between(today - timedelta(days=31), today)
    day = next(d for d in (today - timedelta(days=n) for n in range(32)) if calendar.is_working_day(d))
    NotificationLog.objects.filter(day=day).delete()
    year = fiscal_year_of(today)
    started = time.perf_counter()
    reports = [recount_dashboard.delay(None, year - n % 3, None, today.isoformat()) for n in range(args.reports)]
    time.sleep(0.5)  # the recounts are taken first, as when the digests are queued at 08:00 behind the night's work
    queued = time.perf_counter()
    summary = daily_sla_check.delay(day.isoformat()).get(timeout=900)
    check_seconds = time.perf_counter() - queued
    for result in reports:
        result.get(timeout=900)
    mode = "separate queues" if settings.CELERY_TASK_ROUTES else "one queue"
    print(f"{mode}: {args.reports} dashboard recounts, then the daily check: the check's result "
          f"{check_seconds:,.1f} s after it was queued ({summary['sent']} digests); all done in "
          f"{time.perf_counter() - started:,.1f} s")


if __name__ == "__main__":
    main()
