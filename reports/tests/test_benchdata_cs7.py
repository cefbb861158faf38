"""The bench's CS7 service records: generated in SQL over the bench offices, plausible (late, open, at a step), topped
up, never duplicated; and the bench rows run on them."""
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from core.offices.models import Office
from reports.benchdata import BENCH_ROOT, ensure_offices, ensure_service_records
from service_standards.dashboard import counts
from service_standards.models import ServiceRecord

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def test_the_records_are_generated_once_over_the_bench_offices():
    office_ids = ensure_offices(count=40)
    assert ensure_service_records(count=3000, office_ids=office_ids, years=2, today=TODAY) == 3000
    assert ensure_service_records(count=3000, office_ids=office_ids, years=2, today=TODAY) == 0
    assert ensure_service_records(count=3500, office_ids=office_ids, years=2, today=TODAY) == 500
    records = ServiceRecord.objects.all()
    assert records.count() == 3500 and records.values("office").distinct().count() == 40
    assert records.values("service").distinct().count() == 5
    row = records.aggregate(late=Count("pk", filter=Q(met=False)), open=Count("pk", filter=Q(met__isnull=True)),
                            bad=Count("pk", filter=Q(completed_on__gt=TODAY) | Q(completed_on__lt=F("received_on"))))
    assert 250 < row["late"] < 400 and row["open"] > 0 and row["bad"] == 0
    assert not records.filter(completed_on__isnull=True, step__isnull=True).exists()
    assert not records.filter(step__isnull=False).exclude(step__service=F("service")).exists()
    figures = counts(office=Office.objects.get(code=BENCH_ROOT), fiscal_year=2570, today=TODAY)
    assert sum(total for _met, total in figures["quarters"].values()) > 0


def test_the_cs7_bench_rows_run(capsys, settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    call_command("bench", "--only", "cs7", "--offices", "40", "--service-records", "2000", "--cs7-import-rows", "0",
                 "--repeat", "2")
    out = capsys.readouterr().out
    assert "หน้าภาพรวม CS7 ทั้งกรม" in out and "CS7 RM 3.5 ทั้งกรม" in out
    holiday = next(line for line in out.splitlines() if "open_records_recompute" in line)
    assert holiday.rstrip().endswith("ผ่าน")
