"""The executive dashboard's figures (`reports.executive.quarter_figures`) on hand-worked data.

FY 2569 = 1 Oct 2025 – 30 Sep 2026; counted on 30 Jun 2026, the chosen quarter is Q3 (Apr–Jun 2026), the quarter
before it Q2 (Jan–Mar 2026) and the same quarter a year earlier Q3 of FY 2568 (Apr–Jun 2025).
"""
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.choices import Kind, ReplyKind, ReplyMethod
from complaints.services import ticket_reply, ticket_set_priority
from complaints.tests.factories import make_ticket
from core.offices.models import Office
from core.plans.choices import Direction, IndicatorSource, StepStatus
from core.plans.services import plan_create
from reports.executive import kept_quarter_figures, quarter_figures

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
NAME, PHONE = "นางสมศรี ร้องเรียนบ่อย", "0812345678"


@pytest.fixture
def prov(offices):
    return Office.objects.get(code="PROV")  # read again: adding OTHER moved PROV's path


def answer(ticket, *, late: bool = False):
    on = ticket.due_on + timedelta(days=2) if late else ticket.received_on + timedelta(days=3)
    ticket_reply(ticket=ticket, kind=ReplyKind.FINAL, replied_on=on, method=ReplyMethod.PHONE, text="แจ้งผลแล้ว",
                 today=max(on, TODAY))
    ticket.refresh_from_db()
    return ticket


def complaint(office, received_on, **fields):
    return make_ticket(office=office, received_on=received_on, complainant_name=NAME, complainant_contact=PHONE,
                       **fields)


@pytest.fixture
def tickets(offices):
    return {
        # Q3 2569: three complaints, two answered on time, one late; one suggestion (volume, not KPI).
        "q3_a": answer(complaint(offices["dist_a"], date(2026, 4, 1), subject="ถนนชำรุดหน้าตลาด")),
        "q3_b": answer(complaint(offices["dist_b"], date(2026, 5, 4))),
        "q3_c": answer(complaint(offices["prov"], date(2026, 5, 11)), late=True),
        "q3_s": make_ticket(office=offices["dist_a"], received_on=date(2026, 6, 1), kind=Kind.SUGGESTION),
        # Q2 2569: one complaint answered on time.
        "q2": answer(complaint(offices["dist_a"], date(2026, 2, 2))),
        # Q3 2568: one on time, one late.
        "ly_a": answer(complaint(offices["dist_a"], date(2025, 4, 1))),
        "ly_b": answer(complaint(offices["dist_a"], date(2025, 5, 1)), late=True),
        # Another province, the same quarter: never counted for PROV.
        "other": answer(complaint(offices["other"], date(2026, 4, 1)), late=True),
    }


def test_the_quarter_against_the_last_quarter_and_the_same_quarter_last_year(prov, tickets):
    c = quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)["complaints"]
    assert {k: c["quarter"][k] for k in ("label", "start", "end", "received", "complaints", "on_time", "counted",
                                        "on_time_percent")} == {
        "label": "ไตรมาส 3/2569", "start": "2026-04-01", "end": "2026-06-30", "received": 4, "complaints": 3,
        "on_time": 2, "counted": 3, "on_time_percent": "66.67"}
    assert (c["previous_quarter"]["label"], c["previous_quarter"]["received"],
            c["previous_quarter"]["on_time_percent"]) == ("ไตรมาส 2/2569", 1, "100.00")
    assert (c["same_quarter_last_year"]["label"], c["same_quarter_last_year"]["counted"],
            c["same_quarter_last_year"]["on_time_percent"]) == ("ไตรมาส 3/2568", 2, "50.00")
    assert c["year"] == {"fiscal_year": 2569, "received": 5, "on_time": 3, "counted": 4, "on_time_percent": "75.00"}
    assert [q["received"] for q in c["quarters"]] == [0, 1, 4, 0]


def test_the_first_quarter_is_compared_with_the_last_quarter_of_the_year_before(prov, offices):
    answer(complaint(offices["dist_a"], date(2025, 8, 4)))  # Q4 2568
    answer(complaint(offices["dist_a"], date(2025, 11, 3)), late=True)  # Q1 2569
    c = quarter_figures(office=prov, fiscal_year=2569, quarter=1, today=TODAY)["complaints"]
    assert (c["quarter"]["on_time_percent"], c["previous_quarter"]["label"],
            c["previous_quarter"]["on_time_percent"]) == ("0.00", "ไตรมาส 4/2568", "100.00")
    assert c["same_quarter_last_year"]["on_time_percent"] is None  # nothing to count: no value, not 0 %


def test_a_district_sees_its_own_subtree_only(offices, tickets):
    c = quarter_figures(office=offices["dist_b"], fiscal_year=2569, quarter=3, today=TODAY)["complaints"]
    assert (c["quarter"]["received"], c["quarter"]["on_time_percent"]) == (1, "100.00")


def test_the_priorities_of_the_quarter_and_what_was_done(prov, offices, tickets, people):
    ticket_set_priority(ticket=tickets["q3_c"], priority="medium", by=people["erin"], on=date(2026, 5, 20))
    ticket_set_priority(ticket=tickets["q3_a"], priority="highest", by=people["erin"], on=date(2026, 5, 20))
    ticket_set_priority(ticket=tickets["q2"], priority="high", by=people["erin"], on=date(2026, 3, 2))  # Q2
    ticket_set_priority(ticket=tickets["other"], priority="highest", on=date(2026, 5, 20))  # another province
    p = quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)["priorities"]
    assert p["total"] == 2 and p["by_priority"] == {"highest": 1, "medium": 1}
    first, second = p["tickets"]
    assert (first["reference"], first["priority_label"], first["subject"], first["status_label"],
            first["latest_action"]) == (tickets["q3_a"].reference, "มากเป็นพิเศษ", "ถนนชำรุดหน้าตลาด", "แจ้งผลแล้ว",
                                        "แจ้งผู้ร้อง")  # the reply; the ranking itself is not something done
    assert first["answered_on"] == tickets["q3_a"].answered_on.isoformat()
    assert (second["reference"], second["priority_label"]) == (tickets["q3_c"].reference, "ปานกลาง")


def plan_with(office, fiscal_year, *, cs=3, indicators=(), steps=()):
    return plan_create(office=office, fiscal_year=fiscal_year, cs=cs, title=f"แผน CS{cs}", objective="ทดสอบ",
                       indicators=list(indicators), steps=list(steps))


LADDER = {f"level_{n}": Decimal(v) for n, v in enumerate([80, 85, 90, 95, 100], 1)}
LOWER_LADDER = {f"level_{n}": Decimal(v) for n, v in enumerate([10, 8, 6, 4, 2], 1)}


def test_indicators_with_success_and_score(prov, offices):
    plan_with(prov, 2569, indicators=[
        {"code": "RM 3.1", "name": "ความพึงพอใจ", "target": Decimal(90), "manual_result": Decimal("87.5"), **LADDER},
        {"code": "RM 3.2", "name": "ความไม่พึงพอใจ", "target": Decimal(5), "direction": Direction.LOWER,
         "manual_result": Decimal(4), **LOWER_LADDER},
        {"code": "X", "name": "ยังไม่มีผล", "target": Decimal(100), **LADDER},
        {"code": "K", "name": "คำนวณ", "target": Decimal(80), "source": IndicatorSource.COMPUTED,
         "computed_result": Decimal(100), **LADDER}])
    plan_with(offices["dist_a"], 2569, cs=6, indicators=[{"code": "D", "name": "อำเภอ", "target": Decimal(50),
                                                          "manual_result": Decimal(50), **LADDER}])
    plan_with(offices["other"], 2569, indicators=[{"code": "O", "name": "จังหวัดอื่น", "target": Decimal(1)}])
    plan_with(prov, 2568, indicators=[{"code": "Y", "name": "ปีก่อน", "target": Decimal(1)}])
    rows = quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)["indicators"]
    assert [(r["code"], r["value"], r["target"], r["direction"], r["success_percent"], r["score"]) for r in rows] == [
        ("RM 3.1", "87.50", "90.00", "higher", "97.22", "2.5000"),  # 87.5 ÷ 90; halfway between 85 and 90
        ("RM 3.2", "4.00", "5.00", "lower", "120.00", "4.0000"),  # 200 − 4 ÷ 5 × 100; at level 4
        ("X", None, "100.00", "higher", None, None),
        ("K", "100.00", "80.00", "higher", "125.00", "5.0000"),
        ("D", "50.00", "50.00", "higher", "100.00", "1.0000"),  # DIST-A's plan, below PROV in the tree
    ]


def test_late_steps_at_today(prov, offices):
    month = date(2026, 1, 1)
    plan = plan_with(prov, 2569, steps=[
        {"order": 1, "activity": "ประชุมทบทวน", "planned_start": month, "planned_end": date(2026, 3, 1),
         "owner": "กลุ่มงานอำนวยการ", "status": StepStatus.IN_PROGRESS, "progress": 40},
        {"order": 2, "activity": "เสร็จแล้ว", "planned_start": month, "planned_end": date(2026, 2, 1),
         "status": StepStatus.DONE, "progress": 100},
        {"order": 3, "activity": "ยกเลิก", "planned_start": month, "planned_end": date(2026, 2, 1),
         "status": StepStatus.CANCELLED},
        {"order": 4, "activity": "เดือนนี้ยังไม่ช้า", "planned_start": month, "planned_end": date(2026, 6, 1)},
        {"order": 5, "activity": "ยังไม่เริ่ม", "planned_start": month, "planned_end": date(2026, 1, 1)},
        # A quarterly review (ต.ค., ม.ค., เม.ย., ก.ค.): three of its four runs ended by June, so 75 % is on time
        # and 50 % is late (core.plans.selectors.steps_late).
        *({"order": order, "activity": activity, "planned_start": date(2025, 10, 1),
           "planned_end": date(2026, 7, 1), "progress": progress, "status": StepStatus.IN_PROGRESS,
           "periods": [(date(y, m, 1), date(y, m, 1)) for y, m in ((2025, 10), (2026, 1), (2026, 4), (2026, 7))]}
          for order, activity, progress in ((6, "ทบทวนรายไตรมาส ทันกำหนด", 75), (7, "ทบทวนรายไตรมาส ช้า", 50))),
    ])
    plan_with(offices["other"], 2569, steps=[{"order": 1, "activity": "จังหวัดอื่น", "planned_start": month,
                                              "planned_end": month}])
    late = quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)["late_steps"]
    assert late["total"] == 3 and late["by_cs"][2] == {"cs": 3, "count": 3}
    assert [(s["order"], s["step"], s["planned_end"], s["owner"], s["plan_id"]) for s in late["steps"]] == [
        (5, "ยังไม่เริ่ม", "2026-01-01", "", plan.pk), (1, "ประชุมทบทวน", "2026-03-01", "กลุ่มงานอำนวยการ", plan.pk),
        (7, "ทบทวนรายไตรมาส ช้า", "2026-07-01", "", plan.pk)]


def test_the_other_processes_blocks(prov, offices):
    from networks.tests.factories import evaluate, make_activity, make_network
    from participation.tests.factories import measure, project
    from satisfaction.models import RoundDay
    from service_standards.services import records_save, service_save

    # CS5: one project ended in Q3 with its target reached, one running.
    project(offices["dist_a"], ended_on=date(2026, 5, 30), level=3, measures=[measure("ผู้เข้าร่วม", 50, 60)])
    project(offices["prov"], started_on=date(2026, 4, 2), level=2)
    # CS4: two activities in Q3 (one evaluated, every answer 5), one in Q1.
    network = make_network(office=offices["dist_a"])
    evaluated = make_activity(network=network, held_on=date(2026, 4, 20), participants=30)
    make_activity(network=network, held_on=date(2026, 5, 20), kind="informal", participants=12)
    make_activity(network=network, held_on=date(2025, 11, 20))
    evaluate(evaluated, [{"q1": 5, "q2": 5, "d1": False}])
    # CS6: a round of PROV with 3 forms on 5-point items, recorded (as if) in Q3.
    from satisfaction.services import questionnaire_create, responses_record, round_create
    questionnaire = questionnaire_create(office=prov, title="แบบสอบถาม", scale_max=5, items=[
        {"code": "q1", "text": "ความพึงพอใจ", "kind": "rating"}])
    survey = round_create(questionnaire=questionnaire, office=prov, title="รอบ", starts_on=date(2026, 4, 1))
    responses_record(survey=survey, forms=[{"q1": 5}, {"q1": 4}, {"q1": 1}])
    RoundDay.objects.filter(round=survey).update(day=date(2026, 5, 5))
    # CS7: two records completed in Q3 (one within the standard), one in Q2.
    service = service_save(office=prov, name="บริการ", standard_amount=3, standard_unit="working_days", steps=[])
    records_save(office=offices["dist_a"], service=service, rows=[
        {"reference": "R1", "received_on": date(2026, 4, 20), "completed_on": date(2026, 4, 21)},
        {"reference": "R2", "received_on": date(2026, 5, 4), "completed_on": date(2026, 5, 29)},
        {"reference": "R3", "received_on": date(2026, 2, 2), "completed_on": date(2026, 2, 3)}])

    f = quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)
    p = f["participation"]
    assert (p["rm34"]["value"], p["total"], p["started"], p["ended"], p["reached"]) == ("100.00", 2, 1, 1, 1)
    assert [level["count"] for level in p["levels"]] == [0, 1, 1, 0, 0]
    n = f["networks"]
    assert n["quarter"] == {"quarter": 3, "activities": 2, "formal": 1, "informal": 1, "participants": 42}
    assert [q["activities"] for q in n["quarters"]] == [1, 0, 2, 0]
    assert n["rm33_top2"]["value"] == "100.00"
    s = f["satisfaction"]
    assert (s["rm31_top2"]["value"], s["rm32_bottom2"]["value"], s["responses_quarter"],
            s["responses_by_quarter"]) == ("66.67", "33.33", 3, [0, 0, 3, 0])
    cs7 = f["service_standards"]
    assert (cs7["quarter"], cs7["year"]["value"]) == ({"value": "50.00", "numerator": 1, "denominator": 2}, "66.67")


def test_the_figures_are_plain_values_and_never_a_person(prov, tickets, people):
    ticket_set_priority(ticket=tickets["q3_a"], priority="highest", by=people["erin"], on=date(2026, 5, 20))
    figures = quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)
    text = json.dumps(figures, ensure_ascii=False)  # plain values: JSON takes them as they are
    assert json.loads(text) == figures
    assert NAME not in text and PHONE not in text and "สมศรี" not in text
    assert set(figures) >= {"indicators", "complaints", "priorities", "satisfaction", "participation", "networks",
                            "service_standards", "late_steps"}


def _queries(office):
    cache.clear()  # the CS7 counts are kept: counted both times
    with CaptureQueriesContext(connection) as captured:
        quarter_figures(office=office, fiscal_year=2569, quarter=3, today=TODAY)
    return len(captured)


def test_the_query_count_does_not_grow_with_the_data(prov, offices, people):
    month = date(2026, 1, 1)
    plan_with(prov, 2569, indicators=[{"code": "A", "name": "ก", "target": Decimal(1)}],
              steps=[{"order": 1, "activity": "ก", "planned_start": month, "planned_end": month}])
    ticket_set_priority(ticket=answer(complaint(offices["dist_a"], date(2026, 4, 1))), priority="high",
                        on=date(2026, 5, 1))
    _queries(prov)  # warm: the content types of the CS4 evaluations are read once per process
    few = _queries(prov)
    plan_with(offices["dist_a"], 2569, indicators=[{"code": f"B{n}", "name": "ข", "target": Decimal(1)}
                                                   for n in range(5)],
              steps=[{"order": n, "activity": "ข", "planned_start": month, "planned_end": month} for n in range(1, 6)])
    for n in range(5):
        ticket = answer(complaint(offices["dist_b"], date(2026, 4, 2 + n)))
        ticket_set_priority(ticket=ticket, priority="low", on=date(2026, 5, 1))
    assert _queries(prov) == few


def test_kept_figures_follow_a_change(prov, offices):
    first = kept_quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)
    assert first.value["complaints"]["quarter"]["received"] == 0 and not first.stale
    answer(complaint(offices["dist_a"], date(2026, 4, 1)))
    again = kept_quarter_figures(office=prov, fiscal_year=2569, quarter=3, today=TODAY)
    assert again.value["complaints"]["quarter"]["received"] == 1
