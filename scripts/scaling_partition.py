"""Partitioning the tickets by fiscal year, prototyped on a copy (docs/scaling.md, "Partitioning"): nothing of the
app's schema changes. Against the scaling database only (scripts/scaling_measure.py says how to make it):

    python scripts/scaling_partition.py [--keep]

1. Copies complaints_ticket into `scale_ticket_part`, PARTITION BY RANGE (received_on), one partition per fiscal
   year (1 Oct – 30 Sep) and a default one, with the plain table's indexes; the unique ones must include the
   partition key (PostgreSQL's rule), which is what Django's side would have to live with.
2. Captures the SQL the app really runs — the CS3 dashboard recount of the previous fiscal year (department-wide) and
   the register filtered to that year (its count and first page) — and runs each query with EXPLAIN ANALYZE on the
   plain table and on the partitioned copy (the table name swapped): time and how many partitions were scanned.
3. What archiving the oldest year costs: DELETE of its rows from the plain table (in a transaction rolled back) vs
   DETACH PARTITION + DROP TABLE on the copy.
The copy is dropped at the end unless --keep.
"""
import argparse
import json
import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmqa.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints import dashboard_cache  # noqa: E402
from core.fiscal import fiscal_year_bounds, fiscal_year_of  # noqa: E402
from core.offices.models import User  # noqa: E402

PLAIN, PART = "complaints_ticket", "scale_ticket_part"


def run(cursor, sql: str, params=None) -> float:
    start = time.perf_counter()
    cursor.execute(sql, params)
    return time.perf_counter() - start


def build(cursor) -> list[int]:
    cursor.execute(f"SELECT MIN(received_on), MAX(received_on), COUNT(*) FROM {PLAIN}")
    first, last, rows = cursor.fetchone()
    years = list(range(fiscal_year_of(first), fiscal_year_of(last) + 1))
    cursor.execute(f"DROP TABLE IF EXISTS {PART} CASCADE")
    cursor.execute(f"CREATE TABLE {PART} (LIKE {PLAIN} INCLUDING DEFAULTS) PARTITION BY RANGE (received_on)")
    for year in years:
        start, end = fiscal_year_bounds(year)
        cursor.execute(f"CREATE TABLE {PART}_{year} PARTITION OF {PART} FOR VALUES FROM (%s) TO (%s)",
                       [start, end + timedelta(days=1)])
    cursor.execute(f"CREATE TABLE {PART}_default PARTITION OF {PART} DEFAULT")
    seconds = run(cursor, f"INSERT INTO {PART} SELECT * FROM {PLAIN}")
    print(f"copied {rows:,} tickets into {len(years)} yearly partitions ({years[0]}–{years[-1]}) in {seconds:,.1f} s")
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [PLAIN])
    started = time.perf_counter()
    for name, definition in cursor.fetchall():
        definition = definition.replace(f"public.{PLAIN} ", f"public.{PART} ").replace(f" {name} ", f" p_{name} ")
        if definition.startswith("CREATE UNIQUE INDEX"):
            # A unique index of a partitioned table must contain the partition key: the id, the reference and the
            # tracking code become unique per (…, received_on), not alone — the app's rule would need a check.
            definition = re.sub(r"\((\w+)\)", r"(\1, received_on)", definition, count=1) \
                if "source_ref" not in definition else definition.replace("source_ref) WHERE", "source_ref, received_on) WHERE")
        cursor.execute(definition)
    print(f"indexes on the partitioned copy (unique ones with received_on added) in {time.perf_counter() - started:,.1f} s")
    run(cursor, f"ANALYZE {PART}")
    cursor.execute("SELECT pg_size_pretty(SUM(pg_total_relation_size(inhrelid))) FROM pg_inherits "
                   "WHERE inhparent = %s::regclass", [PART])
    print(f"partitioned copy, all partitions with indexes: {cursor.fetchone()[0]}")
    return years


def app_queries(fiscal_year: int) -> list[tuple[str, str]]:
    """The SQL of the dashboard recount and of the register filtered to `fiscal_year`, as the app runs it."""
    found = []
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        dashboard_cache.dashboard_recount(office_id=None, fiscal_year=fiscal_year, quarter=None,
                                          today=timezone.localdate())
    found += [("dashboard recount", q["sql"]) for q in queries if f'"{PLAIN}"' in q["sql"]]
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(username="bench-committee"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/cs3/?fiscal_year={fiscal_year}").status_code == 200
    found += [("register, one fiscal year", q["sql"]) for q in queries if f'"{PLAIN}"' in q["sql"]]
    cache.clear()
    return found


def explain(cursor, sql: str) -> tuple[float, int]:
    """Execution time (ms, the better of two runs) and the partitions the plan touched."""
    best, plan = None, None
    for _ in range(2):
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        plan = plan if isinstance(plan, list) else json.loads(plan)
        ms = plan[0]["Execution Time"]
        best = ms if best is None else min(best, ms)
    touched = set(re.findall(rf'"Relation Name": "({PART}_\w+)"', json.dumps(plan)))
    return best, len(touched)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="keep the partitioned copy")
    args = parser.parse_args()
    assert connection.vendor == "postgresql"
    year = fiscal_year_of(timezone.localdate()) - 1
    with connection.cursor() as cursor:
        years = build(cursor)
        rows = []
        for what, sql in app_queries(year):
            plain_ms, _ = explain(cursor, sql)
            part_ms, touched = explain(cursor, sql.replace(f'"{PLAIN}"', f'"{PART}"'))
            rows.append((what, sql[:70].replace("\n", " "), plain_ms, part_ms, touched))
        print(f"\nthe app's queries for fiscal year {year} (EXPLAIN ANALYZE, ms, better of two):")
        print(f"{'query':<28} {'plain':>9} {'partitioned':>12} {'partitions':>10}  sql")
        for what, sql, plain_ms, part_ms, touched in rows:
            print(f"{what:<28} {plain_ms:>9,.1f} {part_ms:>12,.1f} {touched:>6}/{len(years) + 1}  {sql}")
        print(f"{'total':<28} {sum(r[2] for r in rows):>9,.1f} {sum(r[3] for r in rows):>12,.1f}")

        oldest = years[0]
        start, end = fiscal_year_bounds(oldest)
        with transaction.atomic():
            deleting = run(cursor, f"DELETE FROM {PLAIN} WHERE received_on BETWEEN %s AND %s", [start, end])
            deleted = cursor.rowcount
            transaction.set_rollback(True)  # the plain table keeps its rows: only the time was wanted
        detaching = run(cursor, f"ALTER TABLE {PART} DETACH PARTITION {PART}_{oldest}")
        dropping = run(cursor, f"DROP TABLE {PART}_{oldest}")
        print(f"\narchiving fiscal year {oldest} ({deleted:,} tickets): DELETE from the plain table {deleting:,.1f} s "
              f"(and a VACUUM after it) vs DETACH PARTITION {detaching * 1000:,.0f} ms + DROP TABLE "
              f"{dropping * 1000:,.0f} ms")
        if not args.keep:
            cursor.execute(f"DROP TABLE {PART} CASCADE")


if __name__ == "__main__":
    main()
