"""The CS7 dashboard on hand-worked data: FY 2569 (1 Oct 2025 – 30 Sep 2026) counted on Wed 30 Sep 2026; a service of
3 working days (three steps of 1) and one of 30 minutes (docs/indicators.md, "CS7")."""
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.plans.figures import Figure
from service_standards import dashboard as figures
from service_standards.selectors import rm35_figure
from service_standards.services import records_save

BKK = ZoneInfo("Asia/Bangkok")
TODAY = date(2026, 9, 30)
STEPS = [{"name": "รับคำขอ", "amount": 1}, {"name": "ตรวจสอบแปลง", "amount": 1}, {"name": "บันทึกและแจ้งผล", "amount": 1}]


@pytest.fixture
def year(offices, make_service):
    days = make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร", steps=STEPS)
    minutes = make_service(30, "minutes", name="คลินิกพืช", steps=[])
    first, second, third = days.steps.all()

    def save(office, reference, received, completed, step=None, service=days):
        key = ("received_at", "completed_at") if service == minutes else ("received_on", "completed_on")
        return records_save(office=offices[office], service=service,
                            rows=[{"reference": reference, key[0]: received, key[1]: completed, "step": step}])[0]

    made = {
        "A0": save("dist_a", "A0", date(2025, 9, 22), date(2025, 9, 24), third),  # FY 2568: counts nowhere here
        "A1": save("dist_a", "A1", date(2025, 11, 3), date(2025, 11, 6), third),  # due Thu 6 Nov: met (Q1)
        "A2": save("dist_a", "A2", date(2025, 11, 3), date(2025, 11, 10), second),  # late (Q1), held at step 2
        "A3": save("dist_a", "A3", date(2026, 9, 7), None, second),  # due Thu 10 Sep: open and overdue
        "A4": save("dist_a", "A4", date(2026, 9, 28), None, first),  # due Thu 1 Oct: open, not yet due
        "B1": save("dist_b", "B1", date(2026, 2, 2), date(2026, 2, 4), third),  # met (Q2)
        "B2": save("dist_b", "B2", date(2026, 6, 8), date(2026, 6, 15), second),  # due Thu 11 Jun: late (Q3)
        "M1": save("dist_b", "M1", datetime(2026, 2, 3, 9, tzinfo=BKK), datetime(2026, 2, 3, 9, 20, tzinfo=BKK),
                   service=minutes),  # 20 minutes: met (Q2)
        "P1": save("prov", "P1", date(2026, 6, 8), date(2026, 6, 10), third),  # the province's own: met (Q3)
        "O1": save("other", "O1", date(2026, 2, 2), date(2026, 2, 20), second),  # another province: late
    }
    return days, minutes, made


def test_the_hand_worked_verdicts(year):
    _, _, made = year
    assert {ref: (r.due_on, r.met) for ref, r in made.items() if ref != "M1"} == {
        "A0": (date(2025, 9, 25), True), "A1": (date(2025, 11, 6), True), "A2": (date(2025, 11, 6), False),
        "A3": (date(2026, 9, 10), None), "A4": (date(2026, 10, 1), None), "B1": (date(2026, 2, 5), True),
        "B2": (date(2026, 6, 11), False), "P1": (date(2026, 6, 11), True), "O1": (date(2026, 2, 5), False)}
    assert made["M1"].met is True


def test_the_province_dashboard(offices, year):
    days, minutes, made = year
    d = figures.dashboard(office=offices["prov"], fiscal_year=2569, today=TODAY)
    # A1, A2, B1, B2, M1, P1 completed in the year; A2 and B2 late.
    assert d.year == Figure(Decimal("66.67"), 4, 6)
    assert d.late_completed == 2
    assert [(q.quarter, f) for q, f in d.quarters] == [
        (1, Figure(Decimal("50.00"), 1, 2)), (2, Figure(Decimal("100.00"), 2, 2)), (3, Figure(Decimal("50.00"), 1, 2)),
        (4, Figure(None, 0, 0))]
    assert [(r.label, r.figure, r.open, r.overdue) for r in d.services] == [
        ("ขึ้นทะเบียนเกษตรกร", Figure(Decimal("60.00"), 3, 5), 2, 1), ("คลินิกพืช", Figure(Decimal("100.00"), 1, 1), 0, 0)]
    assert [(r.office.code, r.own, r.figure, r.open, r.overdue) for r in d.offices] == [
        ("PROV", True, Figure(Decimal("100.00"), 1, 1), 0, 0),
        ("DIST-A", False, Figure(Decimal("50.00"), 1, 2), 2, 1),
        ("DIST-B", False, Figure(Decimal("66.67"), 2, 3), 0, 0)]
    assert (d.open, d.overdue) == (2, 1)
    # Late or open records received in the year, by the step they sit at: A2, A3, B2 at step 2; A4 at step 1.
    assert [(s.step.name, s.open, s.overdue, s.late, s.total) for s in d.steps] == [
        ("ตรวจสอบแปลง", 1, 1, 2, 3), ("รับคำขอ", 1, 0, 0, 1)]
    # The records list filtered to late for the year, newest received first.
    assert d.late_total == 2
    assert [r.reference for r in d.late] == ["B2", "A2"]
    assert d.target is None


def test_a_district_and_the_department(offices, year):
    d = figures.dashboard(office=offices["dist_a"], fiscal_year=2569, today=TODAY)
    assert d.year == Figure(Decimal("50.00"), 1, 2)
    assert [(r.office.code, r.own) for r in d.offices] == [("DIST-A", True)]
    assert [r.reference for r in d.late] == ["A2"]
    dept = figures.dashboard(office=offices["dept"], fiscal_year=2569, today=TODAY)
    assert dept.year == Figure(Decimal("57.14"), 4, 7)  # O1 of the other province, late
    assert [(r.office.code, r.figure.denominator) for r in dept.offices] == [("DEPT", 0), ("PROV", 6), ("OTHER", 1)]
    assert [r.reference for r in dept.late] == ["B2", "O1", "A2"]
    # FY 2568: A0 only.
    assert figures.dashboard(office=offices["dist_a"], fiscal_year=2568, today=TODAY).year == Figure(
        Decimal("100.00"), 1, 1)


def test_rm35_reads_the_same_kept_counts(offices, year):
    days, _, _ = year
    assert rm35_figure(office=offices["prov"], fiscal_year=2569, today=TODAY) == Figure(Decimal("66.67"), 4, 6)
    # A record saved: the data version moves on and the next reader gets the new figure.
    records_save(office=offices["dist_b"], service=days,
                 rows=[{"reference": "B3", "received_on": date(2026, 9, 1), "completed_on": date(2026, 9, 2)}])
    assert rm35_figure(office=offices["prov"], fiscal_year=2569, today=TODAY) == Figure(Decimal("71.43"), 5, 7)
    # A record changed (its reference posted again): counted again too.
    records_save(office=offices["dist_b"], service=days,
                 rows=[{"reference": "B3", "received_on": date(2026, 9, 1), "completed_on": date(2026, 9, 14)}])
    assert rm35_figure(office=offices["prov"], fiscal_year=2569, today=TODAY) == Figure(Decimal("57.14"), 4, 7)


def test_a_slow_count_is_served_stale_while_it_is_recounted(offices, year, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    days, _, _ = year
    queued = []
    monkeypatch.setattr(figures, "_queue_recount", lambda **params: queued.append(params))
    monkeypatch.setattr(figures.KEPT, "queue", figures._queue_recount)
    monkeypatch.setattr(figures.KEPT, "recount_while_waiting", 0.0)  # every count is "slow"
    assert figures.dashboard(office=offices["prov"], fiscal_year=2569, today=TODAY).year.denominator == 6
    records_save(office=offices["dist_b"], service=days,
                 rows=[{"reference": "B3", "received_on": date(2026, 9, 1), "completed_on": date(2026, 9, 2)}])
    with django_capture_on_commit_callbacks(execute=True):
        stale = figures.dashboard(office=offices["prov"], fiscal_year=2569, today=TODAY)
    assert stale.stale and stale.year.denominator == 6
    assert queued == [{"office_id": offices["prov"].pk, "fiscal_year": 2569, "day": TODAY}]
    figures.dashboard_recount(office_id=offices["prov"].pk, fiscal_year=2569, today=TODAY)  # the worker's task
    fresh = figures.dashboard(office=offices["prov"], fiscal_year=2569, today=TODAY)
    assert not fresh.stale and fresh.year.denominator == 7


def test_the_plan_target_is_shown(offices, year):
    from core.plans.choices import CS, Metric
    from core.plans.models import ActionPlan, Indicator

    plan = ActionPlan.objects.create(office=offices["prov"], fiscal_year=2569, cs=CS.CS7,
                                     title="กระบวนการกำหนดมาตรฐานการให้บริการ")
    Indicator.objects.create(plan=plan, order=1, code="RM 3.5", name="ร้อยละของความสำเร็จ", unit="ร้อยละ",
                             target=Decimal("80"), metric=Metric.RM35)
    d = figures.dashboard(office=offices["prov"], fiscal_year=2569, today=TODAY)
    assert d.target.target == Decimal("80")
    assert d.chart_data()["target"] == 80.0
    assert figures.dashboard(office=offices["dist_a"], fiscal_year=2569, today=TODAY).target is None


# --- The page ---------------------------------------------------------------------------------------------------


def test_the_page_shows_the_office_picked_within_the_readers_scope(client, people, offices, year):
    url = reverse("service_standards:dashboard")
    client.force_login(people["alice"])
    page = client.get(url, {"fiscal_year": 2569})
    assert page.status_code == 200
    text = page.content.decode()
    assert "66.67" in text and "ภาพรวม CS7" in text and 'id="cs7-charts"' in text
    assert "O1" not in text  # the other province's late record
    assert "?office=PROV&amp;fiscal_year=2569&amp;verdict=late" in text  # the late records' full list
    assert client.get(url, {"office": "DIST-A", "fiscal_year": 2569}).status_code == 200
    assert client.get(url, {"office": "OTHER"}).status_code == 404
    assert client.get(url, {"fiscal_year": "20x"}).status_code == 400
    client.force_login(people["bob"])  # a district reads its own office only
    assert client.get(url, {"office": "PROV"}).status_code == 404
    page = client.get(url, {"fiscal_year": 2569})
    assert page.status_code == 200 and "B2" not in page.content.decode() and "A2" in page.content.decode()
    client.logout()
    assert client.get(url).status_code == 302


def test_the_late_link_lists_the_same_records(client, people, offices, year):
    client.force_login(people["alice"])
    d = figures.dashboard(office=offices["prov"], fiscal_year=2569, today=TODAY)
    page = client.get(reverse("service_standards:records"), {"office": "PROV", "fiscal_year": 2569, "verdict": "late"})
    assert page.status_code == 200, page.content.decode()[:500]
    listed = [row.record.reference for row in page.context["table"].page.object_list]
    assert listed == [r.reference for r in d.late]


def test_the_page_costs_the_same_queries_for_many_records(client, people, offices, year):
    days, minutes, _ = year
    client.force_login(people["alice"])
    url = reverse("service_standards:dashboard") + "?fiscal_year=2569"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n, office in enumerate(["dist_a", "dist_b", "prov"]):
        start = date(2026, 1, 5) + timedelta(days=7 * n)
        records_save(office=offices[office], service=days, rows=[
            {"reference": f"X{n}-{i}", "received_on": start, "completed_on": start + timedelta(days=i % 9),
             "step": days.steps.all()[i % 3]} for i in range(30)] + [
            {"reference": f"Y{n}-{i}", "received_on": start, "step": days.steps.all()[i % 3]} for i in range(10)])
    with CaptureQueriesContext(connection) as many:  # counted again: the data changed
        page = client.get(url)
    assert len(many) == len(few)
    assert page.context["d"].year.denominator == 6 + 90
    with CaptureQueriesContext(connection) as kept:  # nothing changed: read from the cache
        client.get(url)
    assert len(kept) < len(many)


def test_a_holiday_added_later_moves_the_overdue_count(offices, year):
    from core.workdays.services import holiday_save

    friday = date(2026, 9, 11)  # A3 (received Mon 7 Sep) was due Thu 10 Sep: overdue
    assert figures.dashboard(office=offices["dist_a"], fiscal_year=2569, today=friday).overdue == 1
    holiday_save(day=date(2026, 9, 9), name="วันหยุดพิเศษทดสอบ", source="มติ ครม.")  # due Fri 11 Sep now
    assert figures.dashboard(office=offices["dist_a"], fiscal_year=2569, today=friday).overdue == 0
