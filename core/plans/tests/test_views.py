"""Plan pages as people use them, including every path they must not take."""
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.plans.models import ActionPlan
from core.plans.services import plan_copy
from core.testing.factories import ActionPlanFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(offices):
    prov = ActionPlanFactory(office=offices["prov"], cs=3)
    dist_a = ActionPlanFactory(office=offices["dist_a"], cs=3)
    other = ActionPlanFactory(office=offices["other"], cs=3)
    for plan in (prov, dist_a, other):
        StepFactory(plan=plan, order=1)
        StepFactory(plan=plan, order=2, planned_start=date(2026, 3, 1), planned_end=date(2026, 5, 1))
    return {"prov": prov, "dist_a": dist_a, "other": other}


def test_the_list_shows_the_users_office_and_below(client, people, plans):
    client.force_login(people["alice"])
    body = client.get(reverse("plans:list")).content.decode()
    assert "สำนักงานจังหวัดทดสอบ" in body and "สำนักงานอำเภอ ก" in body
    assert "สำนักงานจังหวัดอื่น" not in body


@pytest.mark.parametrize("name", ["plans:detail", "plans:gantt", "plans:pdf", "plans:steps-edit"])
def test_another_offices_plan_does_not_exist_for_a_district_user(client, people, plans, name):
    client.force_login(people["bob"])
    assert client.get(reverse(name, args=[plans["prov"].pk])).status_code == 404
    assert client.get(reverse(name, args=[plans["other"].pk])).status_code == 404


def test_a_district_user_reaches_their_own_plan(client, people, plans):
    client.force_login(people["bob"])
    response = client.get(reverse("plans:detail", args=[plans["dist_a"].pk]))
    assert response.status_code == 200
    assert "ประชุมหารือเพื่อกำหนดแนวทาง" in response.content.decode()


def test_anonymous_users_are_sent_to_the_login_page(client, plans):
    response = client.get(reverse("plans:detail", args=[plans["prov"].pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["plans:list", "home"])
def test_list_pages_need_a_fixed_number_of_queries(client, people, plans, name):
    client.force_login(people["alice"])
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name))
    for n in range(4, 8):
        plan = ActionPlanFactory(office=people["alice"].office, cs=n)
        StepFactory(plan=plan, order=1)
        StepFactory(plan=plan, order=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(few.captured_queries) <= 12
    assert len(many.captured_queries) == len(few.captured_queries)


def test_gantt_places_planned_and_actual_bars_in_fiscal_months(client, people, plans):
    step = plans["prov"].steps.get(order=2)
    step.actual_start, step.actual_end, step.progress = date(2026, 4, 3), date(2026, 6, 20), 40
    step.save()
    client.force_login(people["alice"])
    response = client.get(reverse("plans:gantt", args=[plans["prov"].pk]))
    row = next(r for r in response.context["rows"] if r.step.order == 2)
    # FY 2569 months: Oct Nov Dec Jan Feb Mar Apr May Jun Jul Aug Sep
    assert row.planned == [False] * 5 + [True, True, True] + [False] * 4
    assert row.actual == [False] * 6 + [True, True, True] + [False] * 3
    assert "40%" in response.content.decode()


def test_committee_edits_all_steps_in_one_form(client, people, plans):
    plan = plans["prov"]
    client.force_login(people["alice"])
    steps = list(plan.steps.order_by("order"))
    data = {"steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "2", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000"}
    for i, s in enumerate(steps):
        data.update({f"steps-{i}-id": s.pk, f"steps-{i}-order": s.order, f"steps-{i}-activity": s.activity,
                     f"steps-{i}-duration": s.duration, f"steps-{i}-months": ["2026-01", "2026-02"],
                     f"steps-{i}-status": "in_progress",
                     f"steps-{i}-progress": 30 + i, f"steps-{i}-actual_start": "05/01/2569"})
    data.update({"steps-2-order": 3, "steps-2-activity": "ขั้นตอนใหม่", "steps-2-months": ["2026-03", "2026-04"],
                 "steps-2-status": "not_started", "steps-2-progress": 0})
    response = client.post(reverse("plans:steps-edit", args=[plan.pk]), data)
    assert response.status_code == 302, response.context["formset"].errors if response.context else ""
    assert list(plan.steps.order_by("order").values_list("progress", flat=True)) == [30, 31, 0]
    assert plan.steps.get(order=1).actual_start == date(2026, 1, 5)
    assert plan.steps.get(order=3).planned_start == date(2026, 3, 1)
    assert list(plan.steps.get(order=3).periods.values_list("start", "end")) == [(date(2026, 3, 1), date(2026, 4, 1))]


def test_a_bad_row_saves_nothing_and_keeps_what_was_typed(client, people, plans):
    plan = plans["prov"]
    client.force_login(people["alice"])
    s1, s2 = plan.steps.order_by("order")
    data = {"steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "2", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000"}
    for i, (s, progress) in enumerate([(s1, 50), (s2, 150)]):
        data.update({f"steps-{i}-id": s.pk, f"steps-{i}-order": s.order, f"steps-{i}-activity": s.activity,
                     f"steps-{i}-months": ["2026-01", "2026-02"],
                     f"steps-{i}-status": "in_progress", f"steps-{i}-progress": progress})
    response = client.post(reverse("plans:steps-edit", args=[plan.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "ความก้าวหน้าต้องไม่เกิน 100%" in body
    assert 'value="150"' in body
    assert list(plan.steps.values_list("progress", flat=True)) == [0, 0]


def test_district_staff_report_progress_but_cannot_rewrite_the_plan(client, people, plans):
    plan = plans["dist_a"]
    s1, s2 = plan.steps.order_by("order")
    client.force_login(people["bob"])
    data = {"steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "2", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000",
            "steps-0-id": s1.pk, "steps-0-status": "done", "steps-0-progress": 100, "steps-0-activity": "แก้ไขเอง",
            "steps-1-id": s2.pk, "steps-1-status": "not_started", "steps-1-progress": 0}
    assert client.post(reverse("plans:steps-edit", args=[plan.pk]), data).status_code == 302
    s1.refresh_from_db()
    assert (s1.progress, s1.status, s1.activity) == (100, "done", "ประชุมหารือเพื่อกำหนดแนวทาง")
    assert client.post(reverse("plans:copy", args=[plan.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["erin", "axel"])
def test_executives_and_assessors_only_read(client, people, plans, persona):
    client.force_login(people[persona])
    assert client.get(reverse("plans:detail", args=[plans["prov"].pk])).status_code == 200
    refused = client.get(reverse("plans:steps-edit", args=[plans["prov"].pk]))
    assert refused.status_code == 403 and "ท่านไม่มีสิทธิ์ทำรายการนี้" in refused.content.decode()
    assert client.post(reverse("plans:copy", args=[plans["prov"].pk])).status_code == 403


def test_copying_a_plan_to_the_next_fiscal_year(client, people, plans):
    client.force_login(people["alice"])
    response = client.post(reverse("plans:copy", args=[plans["prov"].pk]))
    new = ActionPlan.objects.get(office=people["alice"].office, fiscal_year=2570, cs=3)
    assert response.url == new.get_absolute_url()
    assert list(new.steps.values_list("planned_start", "progress")) == [(date(2027, 1, 1), 0), (date(2027, 3, 1), 0)]
    response = client.post(reverse("plans:copy", args=[plans["prov"].pk]), follow=True)
    assert "มีแผน CS3 ปีงบประมาณ 2570 อยู่แล้ว" in response.content.decode()


def test_evidence_is_served_only_within_scope(client, people, plans, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["bob"])
    upload = SimpleUploadedFile("ภาพกิจกรรม.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(reverse("plans:evidence-upload", args=[plans["dist_a"].pk]),
                           {"title": "รายงานการประชุม", "file": upload})
    assert response.status_code == 302
    evidence = plans["dist_a"].evidence.get()
    assert b"".join(client.get(evidence.get_absolute_url()).streaming_content) == b"%PDF-1.4 test"
    client.force_login(people["carol"])
    assert client.get(evidence.get_absolute_url()).status_code == 404
    client.force_login(people["alice"])  # the province sees its districts' evidence
    assert client.get(evidence.get_absolute_url()).status_code == 200


def test_evidence_of_a_forbidden_type_or_size_is_refused_in_thai(client, people, plans, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EVIDENCE_MAX_BYTES = 10
    client.force_login(people["bob"])
    url = reverse("plans:evidence-upload", args=[plans["dist_a"].pk])
    body = client.post(url, {"file": SimpleUploadedFile("run.exe", b"MZ")}).content.decode()
    assert "ไม่รับไฟล์ชนิด .exe" in body
    body = client.post(url, {"file": SimpleUploadedFile("big.pdf", b"x" * 11)}).content.decode()
    assert "ไฟล์ใหญ่เกินไป" in body
    assert not plans["dist_a"].evidence.exists()


def test_home_page_for_each_role(client, people, plans):
    for persona, heading in [("alice", "งานของกรรมการ PMQA หมวด 3"), ("bob", "งานของหน่วยงาน"),
                             ("erin", "ภาพรวมสำหรับผู้บริหาร"), ("axel", "หลักฐานสำหรับผู้ตรวจประเมิน"),
                             ("admin", "การจัดการระบบ")]:
        client.force_login(people[persona])
        assert heading in client.get("/").content.decode()


def test_a_step_on_29_february_is_copied_to_the_28th_of_a_year_without_one(offices):
    plan = ActionPlanFactory(office=offices["prov"], fiscal_year=2567, cs=5)
    StepFactory(plan=plan, order=1, planned_start=date(2024, 2, 29), planned_end=date(2024, 2, 29))
    copied = plan_copy(plan=plan, fiscal_year=2570)
    assert list(copied.steps.values_list("planned_start", "planned_end")) == [(date(2027, 2, 28), date(2027, 2, 28))]
