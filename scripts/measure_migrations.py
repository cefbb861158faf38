"""Times the migrations that touch the big tables, on the benchmark's generator (docs/operations.md, "Migrations that
touch the big tables"). Against a database of its own, never a real one: it migrates complaints and satisfaction back
and forward.

    createdb -h 127.0.0.1 -p 5442 -U postgres s4measure
    export DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5442/s4measure
    python manage.py migrate && python manage.py shell < scripts/measure_migrations.py
"""
import time
from datetime import timedelta

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from reports.benchdata import (
    ensure_office_people,
    ensure_offices,
    ensure_survey,
    ensure_tickets,
)

today = timezone.localdate()
t = time.perf_counter()
office_ids = ensure_offices(count=100)
ensure_office_people()
ensure_tickets(count=1_000_000, office_ids=office_ids, first_day=today - timedelta(days=365 * 2), days=365 * 2, today=today)
print(f"tickets ready in {time.perf_counter() - t:.1f} s", flush=True)
t = time.perf_counter()
ensure_survey(responses=100_000)
print(f"survey ready in {time.perf_counter() - t:.1f} s", flush=True)
with connection.cursor() as c:
    for table in ("complaints_ticket", "satisfaction_response", "satisfaction_answer"):
        c.execute(f"SELECT COUNT(*), pg_size_pretty(pg_total_relation_size('{table}')) FROM {table}")
        print(table, c.fetchone(), flush=True)

def step(target, label):
    executor = MigrationExecutor(connection)
    t = time.perf_counter()
    executor.migrate([target])
    print(f"{label}: {time.perf_counter() - t:.2f} s", flush=True)

step(("complaints", "0002_register_index"), "complaints 0003 reversed (DROP INDEX ticket_dashboard)")
step(("complaints", "0003_dashboard_index"), "complaints 0003 forward (CREATE INDEX ticket_dashboard, 1M tickets)")
step(("complaints", "0001_initial"), "complaints 0002+0003 reversed")
step(("complaints", "0002_register_index"), "complaints 0002 forward (CREATE INDEX ticket_register_order, 1M tickets)")
step(("complaints", "0004_ita_report"), "complaints 0003+0004 forward")
step(("satisfaction", "0010_questionnaire_group"), "satisfaction 0011 reversed (DROP COLUMN channel)")
step(("satisfaction", "0011_response_channel"), "satisfaction 0011 forward (ADD COLUMN + FK + index + backfill UPDATE, 100k responses)")
