"""The figures of docs/scaling.md, measured on the benchmark's generator on PostgreSQL: the complaint register, the
dashboard recount (cold), the daily deadline check, the survey results, the table and index sizes, the backup and a
VACUUM ANALYZE. The same measures at every size, so that 1,000,000 and 10,000,000 tickets compare line by line.

Against a database of its own, never a real one (it times a backup, deletes the day's digest log and vacuums):

    PMQA_SERVICES_DIR=.services-scale PMQA_PG_PORT=5445 scripts/services.sh start-postgres
    export DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5445/pmqa
    python manage.py migrate && python manage.py createcachetable
    python manage.py load_bench_data --tickets 1000000 --offices 1000 --years 5
    python scripts/scaling_measure.py --label 1M [--survey-responses 500000] [--no-backup]

The register, the dashboard and the daily check are `manage.py bench`'s own measures (reports/management/commands/
bench.py: `_median_ms`, the same URLs, the same users); this script adds only what bench does not measure.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmqa.settings")

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints.checks import daily_sla_check  # noqa: E402
from complaints.models import NotificationLog, Ticket  # noqa: E402
from core.fiscal import fiscal_year_bounds, fiscal_year_of  # noqa: E402
from core.offices.models import User  # noqa: E402
from core.workdays.calendar import WorkingCalendar  # noqa: E402
from reports.benchdata import ensure_survey  # noqa: E402
from reports.management.commands.bench import _median_ms  # noqa: E402

BIG_TABLES = ("complaints_ticket", "complaints_ticketevent", "satisfaction_response", "satisfaction_answer")


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="", help="the size, printed in every row (1M, 10M)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--survey-responses", type=int, default=0, help="ensure this many bench survey responses")
    parser.add_argument("--no-backup", dest="backup", action="store_false")
    parser.add_argument("--backup-dir", default="/tmp/pmqa-scaling-backup")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "docs/scaling.md's figures are PostgreSQL's"
    rows: list[tuple[str, str]] = []

    def record(what: str, value: str) -> None:
        rows.append((what, value))
        print(f"  {what}: {value}", flush=True)

    today = timezone.localdate()
    tickets = Ticket.objects.count()
    record("tickets", f"{tickets:,}")
    if args.survey_responses:
        ms, survey = timed(lambda: ensure_survey(responses=args.survey_responses))
        record("survey responses generated (s)", f"{survey.respondents:,} in {ms / 1000:,.0f} s")

    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(username="bench-committee"))
    year = fiscal_year_of(today)
    for what, url in [("register, first page", "/cs3/"),
                      ("register, filtered (complaint, in progress)", "/cs3/?kind=complaint&status=in_progress"),
                      ("register, filtered (overdue)", "/cs3/?overdue=true")]:
        median, queries = _median_ms(client, url, args.repeat)
        record(what, f"{median:,.0f} ms · {queries} queries")

    # The register's count (its paginator's) for the whole department, and for one fiscal year.
    start_day, end_day = fiscal_year_bounds(year)
    ms, n = timed(lambda: Ticket.objects.count())
    record("count, all tickets", f"{ms:,.0f} ms ({n:,})")
    ms, n = timed(lambda: Ticket.objects.filter(received_on__range=(start_day, end_day)).count())
    record(f"count, fiscal year {year}", f"{ms:,.0f} ms ({n:,})")

    for period, url in (("current year", "/cs3/dashboard/"),
                        (f"{year - 1}", f"/cs3/dashboard/?fiscal_year={year - 1}")):
        median, queries = _median_ms(client, url, args.repeat, cold=True)
        record(f"dashboard recount, department, {period} (cold)", f"{median:,.0f} ms · {queries} queries")

    calendar = WorkingCalendar.between(today - timedelta(days=31), today)
    check_day = next(day for day in (today - timedelta(days=n) for n in range(32)) if calendar.is_working_day(day))
    NotificationLog.objects.filter(day=check_day).delete()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            ms, summary = timed(lambda: daily_sla_check(today=check_day))
        record("daily deadline check (first run of the day)",
               f"{ms:,.0f} ms · {len(queries)} queries · {len(mail.outbox):,} e-mails")

    from satisfaction.models import SurveyRound
    survey = SurveyRound.objects.filter(title="BENCH survey (profile)").first()
    if survey:
        median, queries = _median_ms(client, f"/api/v1/surveys/{survey.pk}/results/", args.repeat, cold=True)
        record(f"survey results API ({survey.respondents:,} responses, cold)", f"{median:,.0f} ms · {queries} queries")

    with connection.cursor() as cursor:
        for table in BIG_TABLES:
            cursor.execute("SELECT pg_relation_size(%s), pg_indexes_size(%s), pg_total_relation_size(%s)",
                           [table, table, table])
            heap, indexes, total = cursor.fetchone()
            record(f"size {table} (table + indexes = total)",
                   f"{heap / 2**20:,.0f} + {indexes / 2**20:,.0f} = {total / 2**20:,.0f} MB")
        cursor.execute("SELECT pg_database_size(current_database())")
        record("size, whole database", f"{cursor.fetchone()[0] / 2**30:,.2f} GB")
        ms, _ = timed(lambda: cursor.execute("VACUUM ANALYZE complaints_ticket"))
        record("VACUUM ANALYZE complaints_ticket", f"{ms / 1000:,.1f} s")
        ms, _ = timed(lambda: cursor.execute("ANALYZE complaints_ticket"))
        record("ANALYZE complaints_ticket", f"{ms / 1000:,.1f} s")

    if args.backup:
        out = Path(args.backup_dir)
        shutil.rmtree(out, ignore_errors=True)
        ms, result = timed(lambda: subprocess.run([sys.executable, str(BASE_DIR / "manage.py"), "backup",
                                                   "--output", str(out)], capture_output=True, text=True))
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        record("manage.py backup", f"{ms / 1000:,.0f} s · {size / 2**20:,.0f} MB"
               + ("" if result.returncode == 0 else f" · FAILED: {result.stderr.strip()[-200:]}"))
        shutil.rmtree(out, ignore_errors=True)

    width = max(len(what) for what, _ in rows)
    print(f"\n{'measure':<{width}}  {args.label}")
    for what, value in rows:
        print(f"{what:<{width}}  {value}")
    cache.clear()


if __name__ == "__main__":
    main()
