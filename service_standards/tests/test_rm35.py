"""RM 3.5 on hand-worked data (docs/indicators.md, "CS7"), FY 2569 = 1 Oct 2025 – 30 Sep 2026."""
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from core.plans.figures import Figure
from service_standards.selectors import rm35_by_quarter, rm35_by_service, rm35_figure
from service_standards.services import records_save

BKK = ZoneInfo("Asia/Bangkok")
END = date(2026, 9, 30)
KEPT_READ = 3  # the newest record id, the change counter and the kept entry (the database cache in tests)


@pytest.fixture
def year(offices, make_service):
    days = make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร")
    minutes = make_service(60, "minutes", name="ออกหนังสือรับรอง", steps=[])

    def save(office, service, reference, received, completed):
        key = ("received_at", "completed_at") if service == minutes else ("received_on", "completed_on")
        return records_save(office=offices[office], service=service,
                            rows=[{"reference": reference, key[0]: received, key[1]: completed}])[0]

    made = {
        # Mon 3 Nov + 3 working days = Thu 6 Nov: met (Q1).
        "A1": save("dist_a", days, "A1", date(2025, 11, 3), date(2025, 11, 6)),
        # Tue 30 Dec: New Year holidays and a weekend, due Wed 7 Jan; done Thu 8 Jan: late (Q2).
        "A2": save("dist_a", days, "A2", date(2025, 12, 30), date(2026, 1, 8)),
        "A3": save("dist_a", days, "A3", date(2026, 1, 9), None),  # open: counts nowhere
        "A4": save("dist_a", days, "A4", date(2025, 9, 22), date(2025, 9, 24)),  # FY 2568
        # Fri 10 Apr 16:00: 30 minutes, Songkran 13–15 Apr, 30 minutes on Thu 16 Apr to 09:00: 60, met (Q3).
        "B1": save("dist_b", minutes, "B1", datetime(2026, 4, 10, 16, tzinfo=BKK), datetime(2026, 4, 16, 9, tzinfo=BKK)),
        # Fri 10 Apr: Thu 16, Fri 17, Mon 20 Apr; done Fri 17: met (Q3).
        "P1": save("prov", days, "P1", date(2026, 4, 10), date(2026, 4, 17)),
        # Wed 1 Jul: Thu 2, Fri 3, Mon 6 Jul; done Fri 10 Jul: late (Q4).
        "P2": save("prov", days, "P2", date(2026, 7, 1), date(2026, 7, 10)),
        "O1": save("other", days, "O1", date(2025, 11, 3), date(2025, 11, 5)),  # another province
    }
    return days, minutes, made


def test_the_hand_worked_verdicts(year):
    _, _, made = year
    assert {ref: (r.due_on, r.met) for ref, r in made.items()} == {
        "A1": (date(2025, 11, 6), True), "A2": (date(2026, 1, 7), False), "A3": (date(2026, 1, 14), None),
        "A4": (date(2025, 9, 25), True), "B1": (date(2026, 4, 16), True), "P1": (date(2026, 4, 20), True),
        "P2": (date(2026, 7, 6), False), "O1": (date(2025, 11, 6), True)}


def test_rm35_for_the_subtree(offices, year):
    assert rm35_figure(office=offices["prov"], fiscal_year=2569, today=END) == Figure(Decimal("60.00"), 3, 5)
    assert rm35_figure(office=offices["dist_a"], fiscal_year=2569, today=END) == Figure(Decimal("50.00"), 1, 2)
    assert rm35_figure(office=offices["dist_b"], fiscal_year=2569, today=END) == Figure(Decimal("100.00"), 1, 1)
    assert rm35_figure(office=offices["dept"], fiscal_year=2569, today=END) == Figure(Decimal("66.67"), 4, 6)
    assert rm35_figure(office=offices["dist_a"], fiscal_year=2568, today=END) == Figure(Decimal("100.00"), 1, 1)
    # Counted on 30 Jun 2026, P2 (done 10 Jul) is not yet completed in the year.
    assert rm35_figure(office=offices["prov"], fiscal_year=2569, today=date(2026, 6, 30)) == Figure(
        Decimal("75.00"), 3, 4)
    assert rm35_figure(office=offices["prov"], fiscal_year=2570, today=END).value is None


def test_rm35_per_service_and_per_quarter(offices, year, django_assert_num_queries):
    days, minutes, _ = year
    by_service = rm35_by_service(office=offices["prov"], fiscal_year=2569, today=END)  # counted once, then kept
    assert by_service == [(days, Figure(Decimal("50.00"), 2, 4)), (minutes, Figure(Decimal("100.00"), 1, 1))]
    with django_assert_num_queries(KEPT_READ):  # the same kept counts: no record is counted again
        by_quarter = rm35_by_quarter(office=offices["prov"], fiscal_year=2569, today=END)
    assert by_quarter == [(1, Figure(Decimal("100.00"), 1, 1)), (2, Figure(Decimal("0.00"), 0, 1)),
                          (3, Figure(Decimal("100.00"), 2, 2)), (4, Figure(Decimal("0.00"), 0, 1))]


def test_rm35_is_wired_as_a_metric():
    from core.plans.choices import Metric
    from reports.wiring import METRICS

    assert METRICS[Metric.RM35] is rm35_figure
