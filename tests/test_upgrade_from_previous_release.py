"""An upgrade from the previous release's schema, with data in it, to the latest migrations.

"The previous release" is the migration state at commit 005ed5c (the last release before issue 14): each app's last
migration there, hard-coded below (`git show 005ed5c:<app>/migrations/`). The test migrates the database back to
it, writes rows with the models as they were then (the historical models of that state), migrates forward to the
latest and checks that every row survived and the new tables work. It runs in the main suite, so on SQLite and in
the PostgreSQL stage.

When a release is made, move PREVIOUS_RELEASE to it.
"""
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Each app's last migration at 005ed5c (third-party apps are left at their latest: their versions are pinned).
PREVIOUS_RELEASE = [
    ("offices", "0004_api_tokens_to_knox"),
    ("workdays", "0002_seed_rules_and_holidays"),
    ("plans", "0009_step_periods_area"),
    ("stakeholders", "0001_initial"),
    ("channels", "0004_seed_kinds_and_modern_channels"),
    ("complaints", "0003_dashboard_index"),
    ("networks", "0001_initial"),
    ("participation", "0001_initial"),
    ("satisfaction", "0011_response_channel"),
    ("service_standards", "0002_checks_on_use"),
    ("reports", "0001_quarterly_summary"),
    ("assessment", "0001_initial"),
]
# Apps with no migration at all in that release, taken back to zero (None: Django's "unapply every migration").
NOT_IN_PREVIOUS_RELEASE = [("core", None)]  # the worker heartbeat (/health/), issue 15

# Schema changes on SQLite cannot run inside the test's transaction; the migrations commit as they do in life.
# Serialized like the other committing tests: no post_migrate at teardown, whose role groups would collide with the
# rows the next serialized test puts back (seen on PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader: it reads what is applied now


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _old_data(old_apps) -> dict:
    """A department, a province and a district, a committee member, a plan, a complaint with its channel, a
    questionnaire with a round and two responses, written through the models of the previous release."""
    Office = old_apps.get_model("offices", "Office")
    User = old_apps.get_model("offices", "User")
    ActionPlan = old_apps.get_model("plans", "ActionPlan")
    Channel = old_apps.get_model("channels", "Channel")
    Ticket = old_apps.get_model("complaints", "Ticket")
    Questionnaire = old_apps.get_model("satisfaction", "Questionnaire")
    SurveyRound = old_apps.get_model("satisfaction", "SurveyRound")
    Response = old_apps.get_model("satisfaction", "Response")

    # treebeard's materialised path, written by hand: historical models have none of its methods.
    dept = Office.objects.create(path="U001", depth=1, numchild=1, code="UPG-DEPT", name="กรมทดสอบการปรับรุ่น")
    prov = Office.objects.create(path="U0010001", depth=2, numchild=1, code="UPG-PROV", name="สำนักงานจังหวัดทดสอบ")
    dist = Office.objects.create(path="U00100010001", depth=3, numchild=0, code="UPG-DIST", name="สำนักงานอำเภอทดสอบ")
    Group = old_apps.get_model("auth", "Group")
    user = User.objects.create(username="upgrade-alice", password="!", office_id=prov.pk)
    user.groups.add(Group.objects.get_or_create(name="committee")[0])  # a role is a group of that name
    plan = ActionPlan.objects.create(office=prov, fiscal_year=2569, cs=3, title="กระบวนการจัดการข้อร้องเรียน",
                                     objective="เพื่อให้ข้อร้องเรียนได้รับการแก้ไขภายในกำหนด")
    channel, _created = Channel.objects.get_or_create(code="upgrade-phone", defaults={"name": "โทรศัพท์ (ทดสอบ)"})
    ticket = Ticket.objects.create(
        reference="UPG-DIST-2569-0001", tracking_code="UPGTRACK01", kind="complaint", status="received",
        subject="ถนนชำรุด", detail="ขอให้ซ่อมถนนหน้าหมู่บ้าน", received_on=date(2026, 4, 10),
        entered_on=date(2026, 4, 10), due_on=date(2026, 5, 1), channel=channel, office=dist, receiving_office=dist)
    questionnaire = Questionnaire.objects.create(title="แบบสำรวจความพึงพอใจ (ทดสอบ)", office=prov)
    survey_round = SurveyRound.objects.create(title="รอบที่ 1/2569", public_key="upgrade-round-key", office=prov,
                                              questionnaire=questionnaire)
    for source in ("public", "entry"):
        Response.objects.create(round=survey_round, source=source)
    return {"offices": [dept.pk, prov.pk, dist.pk], "user": user.pk, "plan": plan.pk, "ticket": ticket.pk,
            "round": survey_round.pk}


def test_migrating_from_the_previous_release_keeps_its_data():
    """Back to 005ed5c's schema, data in through the old models, forward to the latest: everything is there."""
    from complaints.models import ItaReport, Ticket
    from core.models import Heartbeat
    from core.offices.models import Office, User
    from core.plans.models import ActionPlan
    from reports.models import EvidencePack
    from satisfaction.models import Response, SurveyRound

    try:
        executor = _migrate(PREVIOUS_RELEASE + NOT_IN_PREVIOUS_RELEASE)
        applied = executor.loader.applied_migrations
        for app, name in PREVIOUS_RELEASE:
            later = [key for key in applied if key[0] == app and key[1] > name]
            assert (app, name) in applied and not later, (app, name, later)
        assert not [key for key in applied if (key[0], None) in NOT_IN_PREVIOUS_RELEASE]
        ids = _old_data(executor.loader.project_state(PREVIOUS_RELEASE).apps)
    finally:  # whatever happened, the database goes back to the latest schema for the tests that follow
        executor = _migrate(_latest())

    assert not executor.migration_plan(_latest()), "migrations left unapplied"
    offices = Office.objects.filter(pk__in=ids["offices"]).order_by("path")
    assert [office.code for office in offices] == ["UPG-DEPT", "UPG-PROV", "UPG-DIST"]
    assert list(Office.objects.filter(path__startswith=offices[1].path).values_list("code", flat=True).order_by("path")
                ) == ["UPG-PROV", "UPG-DIST"]  # the tree (materialised paths) reads as before
    alice = User.objects.get(pk=ids["user"])
    assert (alice.username, alice.office.code) == ("upgrade-alice", "UPG-PROV")
    assert list(alice.groups.values_list("name", flat=True)) == ["committee"]
    assert ActionPlan.objects.get(pk=ids["plan"]).title == "กระบวนการจัดการข้อร้องเรียน"
    ticket = Ticket.objects.get(pk=ids["ticket"])
    assert (ticket.reference, ticket.status, ticket.office.code, ticket.due_on) == (
        "UPG-DIST-2569-0001", "received", "UPG-DIST", date(2026, 5, 1))
    assert Response.objects.filter(round=SurveyRound.objects.get(pk=ids["round"])).count() == 2
    # The tables the new release added take rows that point at the old data.
    ItaReport.objects.create(office=offices[1], fiscal_year=2569, period="half", is_published=True,
                             published_at=timezone.now(), published_by=alice)
    EvidencePack.objects.create(office=offices[1], fiscal_year=2569, cs=3, requested_by=alice)
    Heartbeat.objects.create(name="upgrade-test", at=timezone.now())
    assert ItaReport.objects.filter(office=offices[1]).count() == EvidencePack.objects.filter(
        office=offices[1]).count() == Heartbeat.objects.filter(name="upgrade-test").count() == 1
