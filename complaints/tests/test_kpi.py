"""The CS3 figures, worked by hand on small data sets (docs/indicators.md, "CS3 complaints"), and the dashboard.

Tickets are built through the services (intake, reply, reopen, duplicate, reject) as in life; only the
percentile and ageing tests set `working_days_to_answer` / `due_on` directly, to pin the arithmetic.
"""
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import dashboard_cache, kpi, tasks, views_dashboard
from complaints.choices import Kind, ReplyKind, ReplyMethod, Status
from complaints.models import Category, Ticket
from complaints.services import ticket_change_status, ticket_mark_duplicate, ticket_reopen, ticket_reply
from complaints.tests.factories import make_ticket
from core.offices.models import Office
from core.plans.figures import Figure

pytestmark = pytest.mark.django_db

FY = 2569  # 1 Oct 2025 – 30 Sep 2026
TODAY = date(2026, 6, 30)


def answer(ticket, on: date):
    ticket_reply(ticket=ticket, kind=ReplyKind.FINAL, replied_on=on, method=ReplyMethod.PHONE, text="แจ้งผลแล้ว",
                 today=max(on, TODAY))
    ticket.refresh_from_db()
    return ticket


def answer_on_time(ticket):
    return answer(ticket, ticket.received_on + timedelta(days=3))


def answer_late(ticket):
    return answer(ticket, ticket.due_on + timedelta(days=2))


def reject(ticket):
    return ticket_change_status(ticket=ticket, to_status=Status.REJECTED, note="ข้อมูลไม่เพียงพอ")


@pytest.fixture
def tree(offices):
    """The persona offices read again: adding OTHER (kept in code order) moved PROV's subtree to new paths."""
    return {key: Office.objects.get(pk=office.pk) for key, office in offices.items()}


@pytest.fixture
def worked_example(offices):
    """The example of docs/indicators.md: 2 on time, 1 late, 1 overdue and unanswered → 2/4 = 50.00 %."""
    dist_a = offices["dist_a"]
    first = answer_on_time(make_ticket(office=dist_a, received_on=date(2026, 3, 2)))
    answer_on_time(make_ticket(office=dist_a, received_on=date(2026, 4, 10)))
    answer_late(make_ticket(office=dist_a, received_on=date(2026, 2, 2)))
    make_ticket(office=dist_a, received_on=date(2026, 4, 20))  # due 12 May 2026, still open on 30 Jun
    # Not counted:
    ticket_mark_duplicate(ticket=make_ticket(office=dist_a, received_on=date(2026, 3, 3)), original=first)
    answer_late(make_ticket(office=dist_a, received_on=date(2026, 3, 4), kind=Kind.SUGGESTION))
    answer(make_ticket(office=dist_a, received_on=date(2026, 3, 5), kind=Kind.COMPLIMENT), date(2026, 4, 30))
    reject(make_ticket(office=dist_a, received_on=date(2026, 1, 5)))
    make_ticket(office=dist_a, received_on=date(2026, 6, 25))  # open, not yet due
    make_ticket(office=dist_a, received_on=date(2025, 9, 30))  # FY 2568, overdue: another year


def test_the_worked_example_gives_two_of_four(worked_example, offices):
    """On time ÷ (answered in round 1 + overdue unanswered); duplicates, other kinds, rejected and not-yet-due
    tickets are left out."""
    ratio = kpi.answered_on_time(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY)
    assert (ratio.numerator, ratio.denominator, ratio.percent) == (2, 4, Decimal("50.00"))


def test_a_ticket_not_yet_due_joins_the_denominator_the_day_after_its_deadline(offices):
    ticket = make_ticket(office=offices["dist_a"], received_on=date(2026, 6, 1))
    period = kpi.fiscal_period(FY)
    assert kpi.answered_on_time(Ticket.objects.all(), period=period, today=ticket.due_on).denominator == 0
    late = kpi.answered_on_time(Ticket.objects.all(), period=period, today=ticket.due_on + timedelta(days=1))
    assert (late.numerator, late.denominator) == (0, 1)


def test_a_reopened_ticket_keeps_its_first_rounds_verdict(offices):
    """Reopening starts a new round (answered_on empty, a new deadline) but the KPI still reads round 1."""
    on_time = answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    late = answer_late(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    ticket_reopen(ticket=on_time, reason="ผู้ร้องไม่พอใจ", today=date(2026, 4, 1))
    ticket_reopen(ticket=late, reason="ผู้ร้องไม่พอใจ", today=date(2026, 4, 1))  # round 2 now overdue too
    ratio = kpi.answered_on_time(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY)
    assert (ratio.numerator, ratio.denominator) == (1, 2)


def test_an_empty_period_has_no_percentage():
    ratio = kpi.answered_on_time(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY)
    assert (ratio.numerator, ratio.denominator, ratio.percent) == (0, 0, None)


@pytest.mark.parametrize("numerator, denominator, percent", [
    (2, 3, Decimal("66.67")), (1, 8, Decimal("12.50")), (1, 3, Decimal("33.33")), (5, 5, Decimal("100.00")),
    (1, 200, Decimal("0.50")),  # half-up: 0.5 exactly
])
def test_percentages_round_half_up_to_two_places(numerator, denominator, percent):
    assert kpi.Ratio(numerator, denominator).percent == percent


def test_quarters_follow_the_fiscal_year_by_date_of_receipt(offices):
    """Q1 = Oct–Dec, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep; 30 Sep 2025 and 1 Oct 2026 are other years."""
    days = [date(2025, 10, 1), date(2025, 12, 31),  # Q1
            date(2026, 1, 1),  # Q2
            date(2026, 4, 1), date(2026, 5, 15), date(2026, 6, 30),  # Q3
            date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1), date(2026, 9, 30),  # Q4
            date(2025, 9, 30), date(2026, 10, 1)]  # FY 2568, FY 2570
    for day in days:
        make_ticket(office=offices["dist_a"], received_on=day, kind=Kind.SUGGESTION)
    quarters = kpi.by_quarter(Ticket.objects.all(), fiscal_year=FY, today=TODAY)
    assert [(q.quarter, q.start, c.received) for q, c in quarters] == [
        (1, date(2025, 10, 1), 2), (2, date(2026, 1, 1), 1), (3, date(2026, 4, 1), 3), (4, date(2026, 7, 1), 4)]
    assert kpi.totals(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY).received == 10
    assert kpi.totals(Ticket.objects.all(), period=kpi.fiscal_period(FY, 3), today=TODAY).received == 3


def test_the_kpi_by_quarter_adds_up_to_the_year(worked_example, offices):
    quarters = kpi.by_quarter(Ticket.objects.all(), fiscal_year=FY, today=TODAY)
    assert [(c.on_time, c.counted) for _q, c in quarters] == [(0, 0), (1, 2), (1, 2), (0, 0)]
    year = sum((c for _q, c in quarters), kpi.Counts())
    assert year.kpi == kpi.answered_on_time(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY)


@pytest.mark.parametrize("days, median, p90", [
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Decimal("5.5"), 9),  # even: mean of the middle two; rank ⌈9⌉ = 9
    ([3, 1, 2, 10, 7], Decimal("3.0"), 10),  # odd: the middle value; rank ⌈4.5⌉ = 5
    ([4], Decimal("4.0"), 4),
    ([15, 15, 2, 30], Decimal("15.0"), 30),  # rank ⌈3.6⌉ = 4
    ([0, 1], Decimal("0.5"), 1),
])
def test_median_and_90th_percentile_of_working_days(offices, days, median, p90):
    for n in days:
        ticket = answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
        Ticket.objects.filter(pk=ticket.pk).update(working_days_to_answer=n)
    # Not part of the population: a duplicate, a suggestion, an unanswered ticket.
    ticket_mark_duplicate(ticket=make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 3)),
                          original=ticket)
    answer_late(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 4), kind=Kind.SUGGESTION))
    make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 5))
    result = kpi.answer_days(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY)
    assert (result.answered, result.median, result.p90) == (len(days), median, p90)


def test_no_answers_no_median():
    assert kpi.answer_days(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY) == kpi.AnswerDays(
        0, None, None)


def test_answer_days_are_working_days_from_receipt(offices):
    """Fri 10 Apr 2026 → Thu 7 May 2026 skips Songkran and Coronation Day: 15 working days (the deadline)."""
    ticket = answer(make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10)), date(2026, 5, 7))
    assert ticket.on_time and ticket.working_days_to_answer == 15
    assert kpi.answer_days(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY).median == Decimal("15.0")


def test_backlog_ageing_buckets(offices):
    """Due soon: 3 working days, today counted (Tue 30 Jun – Thu 2 Jul 2026, the daily check's window); late: calendar
    days past the current round's deadline. Answered tickets and compliments are not backlog."""
    offsets = [+10, +3, +2, 0, -1, -5, -6, -15, -16, -200]
    for offset in offsets:
        ticket = make_ticket(office=offices["dist_a"], received_on=date(2026, 5, 1))
        Ticket.objects.filter(pk=ticket.pk).update(due_on=TODAY + timedelta(days=offset))
    answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 5, 1)))
    make_ticket(office=offices["dist_a"], received_on=date(2026, 5, 1), kind=Kind.COMPLIMENT)
    reject(make_ticket(office=offices["dist_a"], received_on=date(2026, 5, 1)))
    ageing = kpi.backlog_ageing(Ticket.objects.all(), today=TODAY)
    assert [(b.key, b.count) for b in ageing] == [
        ("later", 2), ("due_soon", 2), ("late_1_5", 2), ("late_6_15", 2), ("late_over_15", 2)]
    assert ageing[0].percent == Decimal("20.00")


def test_the_reopen_rate_counts_tickets_answered_at_least_once(offices):
    tickets = [answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2))) for _ in range(4)]
    ticket_reopen(ticket=tickets[0], reason="ข้อมูลไม่ครบ", today=date(2026, 4, 1))  # unanswered again, round 2
    make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2))  # never answered
    ticket_mark_duplicate(ticket=make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 3)),
                          original=tickets[1])
    ratio = kpi.reopen_rate(Ticket.objects.all(), period=kpi.fiscal_period(FY))
    assert (ratio.numerator, ratio.denominator, ratio.percent) == (1, 4, Decimal("25.00"))


def test_volume_counts_every_kind_duplicates_and_rejected(offices):
    roads = Category.objects.create(name="ถนน")
    first = make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2), category=roads)
    ticket_mark_duplicate(ticket=make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 3), channel="line",
                                             category=roads), original=first)
    reject(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 4), channel="line"))
    make_ticket(office=offices["dist_b"], received_on=date(2026, 3, 5), kind=Kind.COMPLIMENT, channel="line")
    make_ticket(office=offices["dist_b"], received_on=date(2026, 3, 6), kind=Kind.OPINION, channel="email")
    period = kpi.fiscal_period(FY)
    counts = kpi.totals(Ticket.objects.all(), period=period, today=TODAY)
    assert (counts.received, counts.complaint, counts.compliment, counts.opinion, counts.duplicates) == (5, 3, 1, 1, 1)
    assert [(s.key, s.count) for s in kpi.volume_by_channel(Ticket.objects.all(), period=period)] == [
        ("line", 3), ("email", 1), ("phone", 1)]
    assert [(s.label, s.count, s.percent) for s in kpi.volume_by_category(Ticket.objects.all(), period=period)] == [
        ("ไม่ระบุหมวดหมู่", 3, Decimal("60.00")), ("ถนน", 2, Decimal("40.00"))]


def test_offices_roll_up_their_subtrees(offices, tree):
    """Viewed from PROV: its own tickets, then DIST-A and DIST-B; viewed from DEPT, PROV carries its districts."""
    answer_on_time(make_ticket(office=offices["prov"], received_on=date(2026, 3, 2)))
    answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    answer_late(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    make_ticket(office=offices["dist_b"], received_on=date(2026, 3, 2), kind=Kind.OPINION)
    make_ticket(office=offices["other"], received_on=date(2026, 3, 2))
    period = kpi.fiscal_period(FY)
    rows = kpi.by_office(Ticket.objects.all(), office=tree["prov"], period=period, today=TODAY)
    assert [(r.office.code, r.own, r.counts.received, r.counts.kpi.percent) for r in rows] == [
        ("PROV", True, 1, Decimal("100.00")), ("DIST-A", False, 2, Decimal("50.00")), ("DIST-B", False, 1, None)]
    own, *children = kpi.by_office(Ticket.objects.all(), office=tree["dept"], period=period, today=TODAY)
    assert (own.office.code, own.own, own.counts.received) == ("DEPT", True, 0)
    assert sorted((r.office.code, r.counts.received, r.counts.on_time, r.counts.counted) for r in children) == [
        ("OTHER", 1, 0, 1), ("PROV", 4, 2, 3)]
    roots = kpi.by_office(Ticket.objects.all(), office=None, period=period, today=TODAY)
    assert [(r.office.code, r.counts.received) for r in roots] == [("DEPT", 5)]


def test_frequent_complaints_and_repeated_complainants(offices):
    """Same category at the same office ≥ 2 times; the same complainant ≥ 2 complaints (counts, no identities)."""
    roads, water = Category.objects.create(name="ถนน"), Category.objects.create(name="น้ำประปา")
    for office, category, contact in [
        ("dist_a", roads, "081-234-5678"), ("dist_a", roads, "0812345678"), ("dist_a", roads, "a@example.go.th"),
        ("dist_a", water, "A@Example.go.th"), ("dist_a", water, "081 234 5678"), ("dist_b", roads, "099-999-9999"),
    ]:
        make_ticket(office=offices[office], received_on=date(2026, 3, 2), category=category,
                    complainant_contact=contact)
    make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2), category=roads, kind=Kind.SUGGESTION,
                complainant_contact="0812345678")
    period = kpi.fiscal_period(FY)
    assert kpi.frequent_complaints(Ticket.objects.all(), period=period) == [
        kpi.Frequent("ถนน", "สำนักงานอำเภอ ก", 3), kpi.Frequent("น้ำประปา", "สำนักงานอำเภอ ก", 2)]
    assert kpi.repeated_complainants(Ticket.objects.all(), period=period) == kpi.Repeated(2, 5, 3)


def test_the_plan_indicator_value_is_the_kpi_of_the_office_subtree(offices, tree):
    answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    answer_late(make_ticket(office=offices["prov"], received_on=date(2026, 3, 2)))
    answer_late(make_ticket(office=offices["other"], received_on=date(2026, 3, 2)))
    assert kpi.answered_on_time_figure(office=tree["prov"], fiscal_year=FY, today=TODAY) == Figure(
        Decimal("50.00"), 1, 2)
    assert kpi.answered_on_time_figure(office=tree["dist_b"], fiscal_year=FY, today=TODAY) == Figure(None, 0, 0)


# ---------------------------------------------------------------------------------------------
# The page


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(views_dashboard, "timezone", SimpleNamespace(localdate=lambda: TODAY))


def test_the_dashboard_shows_the_worked_example(client, people, worked_example, fixed_today):
    client.force_login(people["alice"])
    response = client.get(reverse("complaints:dashboard"))
    assert response.status_code == 200
    d = response.context["d"]
    assert (d.period.fiscal_year, d.office.code, d.totals.on_time, d.totals.counted) == (FY, "PROV", 2, 4)
    body = response.content.decode()
    assert "50.00" in body and 'id="cs3-charts"' in body and "chart.umd.min.js" in body
    charts = response.context["charts"]
    assert [q["counted"] for q in charts["quarters"]] == [0, 2, 2, 0]
    assert [b["key"] for b in charts["ageing"]] == ["later", "due_soon", "late_1_5", "late_6_15", "late_over_15"]


def test_the_filters_choose_a_quarter_and_a_child_office(client, people, offices, fixed_today):
    answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 1, 5)))
    answer_late(make_ticket(office=offices["dist_b"], received_on=date(2026, 1, 6)))
    answer_late(make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 6)))
    client.force_login(people["alice"])
    d = client.get(reverse("complaints:dashboard"), {"fiscal_year": FY, "quarter": 2, "office": "DIST-A"}).context["d"]
    assert (d.period.quarter, d.office.code, d.totals.on_time, d.totals.counted) == (2, "DIST-A", 1, 1)
    assert [c.counted for _q, c in d.quarters] == [0, 1, 1, 0]  # the year's quarters stay in view


def test_the_current_fiscal_year_is_the_default(client, people, monkeypatch):
    monkeypatch.setattr(views_dashboard, "timezone", SimpleNamespace(localdate=lambda: date(2026, 10, 1)))
    client.force_login(people["erin"])
    d = client.get(reverse("complaints:dashboard")).context["d"]
    assert (d.period.fiscal_year, d.period.start, d.period.end) == (2570, date(2026, 10, 1), date(2027, 9, 30))


def test_carol_sees_none_of_provs_figures(client, people, worked_example, fixed_today):
    client.force_login(people["carol"])
    response = client.get(reverse("complaints:dashboard"), {"fiscal_year": FY, "office": "PROV"})
    assert response.status_code == 200
    d = response.context["d"]
    assert d.office.code == "OTHER" and "office" in response.context["form"].errors  # not a choice for her
    assert (d.totals.received, d.totals.counted, d.backlog, d.days.answered) == (0, 0, 0, 0)
    assert [r.office.code for r in d.offices] == ["OTHER"]
    body = response.content.decode()
    assert "สำนักงานอำเภอ ก" not in body and "สำนักงานจังหวัดทดสอบ" not in body


def test_bob_sees_only_his_district(client, people, offices, fixed_today):
    answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    answer_late(make_ticket(office=offices["dist_b"], received_on=date(2026, 3, 2)))
    client.force_login(people["bob"])
    d = client.get(reverse("complaints:dashboard"), {"fiscal_year": FY}).context["d"]
    assert (d.office.code, d.totals.received, d.totals.kpi.percent) == ("DIST-A", 1, Decimal("100.00"))


def test_a_superuser_sees_every_office_by_default(client, people, offices, fixed_today):
    answer_on_time(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    answer_late(make_ticket(office=offices["other"], received_on=date(2026, 3, 2)))
    client.force_login(people["root"])
    d = client.get(reverse("complaints:dashboard"), {"fiscal_year": FY}).context["d"]
    assert d.office is None and (d.totals.on_time, d.totals.counted) == (1, 2)
    assert [(r.office.code, r.counts.counted) for r in d.offices] == [("DEPT", 2)]


def test_the_page_shows_counts_of_repeated_complainants_never_who(client, people, offices, fixed_today):
    for _ in range(2):
        make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2), complainant_name="นายซ้ำ ซาก",
                    complainant_contact="081-111-2222")
    client.force_login(people["alice"])
    body = client.get(reverse("complaints:dashboard"), {"fiscal_year": FY}).content.decode()
    assert "1 ราย" in body
    assert "นายซ้ำ" not in body and "0811112222" not in body and "081-111-2222" not in body


def test_strangers_are_sent_to_log_in_and_people_without_the_permission_are_refused(client, offices,
                                                                                      django_user_model):
    url = reverse("complaints:dashboard")
    assert client.get(url).status_code == 302
    client.force_login(django_user_model.objects.create_user("nobody", password="x-pass-123",
                                                             office=offices["prov"]))
    assert client.get(url).status_code == 403


def _more_tickets(offices, n):
    """A varied load: offices, kinds, channels, categories, answers, duplicates, reopened and rejected tickets.

    Even five tickets fill every figure (an answered complaint, a category twice at one office), so each
    query the page can make is made with 5 tickets as with 60.
    """
    categories = [Category.objects.get_or_create(name=f"หมวด {i}")[0] for i in range(5)]
    places, channels = ["prov", "dist_a", "dist_b"], ["phone", "line", "email", "website"]
    kinds = [Kind.COMPLAINT, Kind.COMPLAINT, Kind.SUGGESTION, Kind.OPINION, Kind.COMPLIMENT]
    made = []
    for i in range(n):
        ticket = make_ticket(office=offices[places[i // 2 % 3]], received_on=date(2025, 10, 1) + timedelta(days=7 * i),
                             kind=kinds[i % 5], channel=channels[i % 4], category=categories[i // 2 % 5],
                             complainant_contact=f"08{i % 7:08d}")
        if i % 5 == 1 or (i % 5 == 2 and ticket.due_on is None):
            answer_on_time(ticket)
        elif i % 5 == 2:
            answer_late(ticket)
        elif i % 5 == 3 and made:
            ticket_mark_duplicate(ticket=ticket, original=made[0])
        elif i % 10 == 4:
            reject(ticket)
        elif i % 10 == 9 and made[-3].status == Status.ANSWERED:
            ticket_reopen(ticket=made[-3], reason="ผู้ร้องไม่พอใจ", today=max(TODAY, made[-3].answered_on))
        made.append(ticket)
    return made


def test_the_dashboard_needs_the_same_queries_for_5_and_60_tickets(client, people, offices, fixed_today):
    client.force_login(people["alice"])
    url = reverse("complaints:dashboard")

    def queries():
        cache.clear()  # count the figures themselves, not the cache in front of them
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"fiscal_year": FY}).status_code == 200
        return len(ctx.captured_queries)

    _more_tickets(offices, 5)
    client.get(url)  # warm the session and permission caches
    few = queries()
    _more_tickets(offices, 55)
    assert queries() == few
    assert few <= 30  # the figures, the session, the permissions and the cache's own lookups


def test_the_dashboard_figures_are_kept_until_a_ticket_changes(client, people, offices, fixed_today):
    """A department-wide year takes seconds to count at scale: the figures are reused until the data changes."""
    cache.clear()
    client.force_login(people["alice"])
    url = reverse("complaints:dashboard")
    _more_tickets(offices, 5)
    first = client.get(url, {"fiscal_year": FY}).context["d"].totals.kpi
    with CaptureQueriesContext(connection) as cached:
        client.get(url, {"fiscal_year": FY})
    _more_tickets(offices, 3)  # new tickets write timeline lines: a new data version
    with CaptureQueriesContext(connection) as recounted:
        after = client.get(url, {"fiscal_year": FY}).context["d"].totals.kpi
    assert len(cached) < len(recounted)
    assert after != first


def _prov_figures():
    return dashboard_cache.dashboard_figures(office=Office.objects.get(code="PROV"), fiscal_year=FY, quarter=None,
                                             today=TODAY)


def test_a_slow_count_is_served_as_it_was_and_recounted_in_the_background(offices, monkeypatch,
                                                                           django_capture_on_commit_callbacks):
    """Stale-while-revalidate: a quick count is redone while the reader waits; a slow one is served as it was and
    recounted by the task, queued once and only when the reader's transaction commits."""
    cache.clear()
    queued = []
    monkeypatch.setattr(tasks.recount_dashboard, "apply_async", lambda args, kwargs=None, **options:
                        queued.append(tuple(args)))
    _more_tickets(offices, 5)
    first = _prov_figures()
    assert not first.stale and queued == []
    _more_tickets(offices, 3)  # the data changes; this count was quick, so it is redone at once
    quick = _prov_figures()
    assert not quick.stale and quick.figures.totals != first.figures.totals and queued == []
    monkeypatch.setattr(dashboard_cache.KEPT, "recount_while_waiting", -1)  # as if every count were slow
    _more_tickets(offices, 2)
    with django_capture_on_commit_callbacks() as on_commit:
        slow = _prov_figures()
    assert slow.stale and slow.figures.totals == quick.figures.totals  # the previous figures, marked
    assert queued == [] and len(on_commit) == 1  # nothing reaches the broker before the commit
    on_commit[0]()
    with django_capture_on_commit_callbacks(execute=True):
        again = _prov_figures()
    assert queued == [(offices["prov"].pk, FY, None, TODAY.isoformat())] and again.stale  # queued once

    tasks.recount_dashboard(*queued[0])
    fresh = _prov_figures()
    assert not fresh.stale and fresh.figures.totals != quick.figures.totals


def test_a_broker_that_is_down_does_not_break_the_dashboard(offices, monkeypatch,
                                                            django_capture_on_commit_callbacks):
    """The reader still gets the last figures, and the recount is kept in the outbox (core.queueing), sent once the
    broker is back, rather than lost."""
    from core.models import QueuedTask

    cache.clear()
    tried = []

    def broken(args, kwargs=None, **options):
        tried.append(args)
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.recount_dashboard, "apply_async", broken)
    _more_tickets(offices, 2)
    _prov_figures()
    monkeypatch.setattr(dashboard_cache.KEPT, "recount_while_waiting", -1)
    _more_tickets(offices, 1)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert _prov_figures().stale
    assert len(tried) == 1  # queued once: the entry stays marked as being recounted
    kept = QueuedTask.objects.get()
    assert (kept.task, kept.args) == ("complaints.tasks.recount_dashboard",
                                      [offices["prov"].pk, FY, None, TODAY.isoformat()])