"""The deadline rules page (/manage/deadline-rules/): the rules are national, so everyone reads them and only whoever
may change the national calendar (a superuser, or an administrator at the top of the tree) adds, edits and deletes
them — through the services, which keep a rule something counts by from being recounted or deleted. (A rule a
complaint category counts by: complaints/tests/test_categories.py; the core's own tests name no process.)

Personas (conftest): admin administrator@DEPT (the root), root superuser, alice committee@PROV, bob staff@DIST-A;
here also pat, an administrator of the province PROV.
"""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.testing.factories import UserFactory
from core.workdays.calendar import DEFAULT_RULE_CODE
from core.workdays.models import DeadlineRule
from core.workdays.selectors import deadline_rule_uses
from core.workdays.services import deadline_rule_delete, deadline_rule_save

pytestmark = pytest.mark.django_db

LIST = reverse("manage:deadline-rules")


@pytest.fixture
def pat(offices, people):
    return UserFactory(username="pat", office=offices["prov"], role="administrator")


@pytest.fixture
def spare():
    """A rule nothing counts by yet."""
    return DeadlineRule.objects.create(code="7-working-days", name="7 วันทำการ", basis="working_days", days=7)


@pytest.fixture
def default():
    """The seeded 15 working days, which every ticket without a category's own rule counts by."""
    return DeadlineRule.objects.get(code=DEFAULT_RULE_CODE)


def rule_body(**changes) -> dict:
    return {"code": "3-working-days", "name": "3 วันทำการ (เรื่องเร่งด่วน)", "basis": "working_days", "days": "3",
            **changes}


def test_everyone_reads_the_rules_and_what_counts_by_them(client, people, spare):
    client.force_login(people["bob"])
    page = client.get(LIST).content.decode()
    assert "7-working-days" in page and "เรื่องที่ไม่ได้ระบุหมวดหมู่ (เกณฑ์ตั้งต้น)" in page
    assert reverse("manage:deadline-rule-add") not in page
    assert reverse("manage:deadline-rule-edit", args=[spare.pk]) not in page


def test_the_list_costs_the_same_with_more_rules(client, people, django_assert_max_num_queries):
    client.force_login(people["admin"])
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    DeadlineRule.objects.bulk_create(DeadlineRule(code=f"r{n}", name=f"เกณฑ์ {n}", days=n + 1) for n in range(10))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "r9" in client.get(LIST).content.decode()


@pytest.mark.parametrize("name", ["admin", "root"])
def test_the_top_office_adds_a_rule(client, people, name):
    client.force_login(people[name])
    response = client.post(reverse("manage:deadline-rule-add"), rule_body())
    assert response.status_code == 302 and response.url == LIST
    rule = DeadlineRule.objects.get(code="3-working-days")
    assert (rule.name, rule.basis, rule.days) == ("3 วันทำการ (เรื่องเร่งด่วน)", "working_days", 3)


@pytest.mark.parametrize("name", ["pat", "alice", "bob"])
def test_everyone_else_changes_nothing(client, people, pat, spare, name):
    client.force_login(pat if name == "pat" else people[name])
    assert client.get(reverse("manage:deadline-rule-add")).status_code == 403
    assert client.post(reverse("manage:deadline-rule-add"), rule_body()).status_code == 403
    assert client.post(reverse("manage:deadline-rule-edit", args=[spare.pk]), rule_body()).status_code == 403
    assert client.post(reverse("manage:deadline-rule-delete", args=[spare.pk])).status_code == 403
    spare.refresh_from_db()
    assert (spare.code, spare.days) == ("7-working-days", 7) and not DeadlineRule.objects.filter(code="3-working-days")


def test_the_service_asks_who_changes_the_rules(pat, spare):
    with pytest.raises(PermissionDenied):
        deadline_rule_save(code="x", name="x", basis="working_days", days=1, by=pat)
    with pytest.raises(PermissionDenied):
        deadline_rule_delete(rule=spare, by=pat)


def test_a_rule_nothing_counts_by_is_edited_and_deleted(client, people, spare):
    client.force_login(people["admin"])
    response = client.post(reverse("manage:deadline-rule-edit", args=[spare.pk]),
                           rule_body(code="5-working-days", name="5 วันทำการ", days="5"))
    assert response.status_code == 302
    spare.refresh_from_db()
    assert (spare.code, spare.name, spare.days) == ("5-working-days", "5 วันทำการ", 5)
    assert client.post(reverse("manage:deadline-rule-delete", args=[spare.pk])).status_code == 302
    assert not DeadlineRule.objects.filter(pk=spare.pk).exists()


def test_a_rule_in_use_is_renamed_only_and_the_page_says_so(client, people, default):
    client.force_login(people["admin"])
    url = reverse("manage:deadline-rule-edit", args=[default.pk])
    page = client.get(url).content.decode()
    assert ("เกณฑ์นี้ใช้อยู่กับ เรื่องที่ไม่ได้ระบุหมวดหมู่ (เกณฑ์ตั้งต้น) จึงแก้ได้เฉพาะชื่อเกณฑ์ และลบไม่ได้"
            in page)
    # The count's fields are disabled: what is posted for them is ignored, the new name kept.
    response = client.post(url, rule_body(name="15 วันทำการ (พ.ร.ฎ. มาตรา 38)", days="1", basis="calendar_days"))
    assert response.status_code == 302
    default.refresh_from_db()
    assert (default.code, default.name, default.basis, default.days) == (
        DEFAULT_RULE_CODE, "15 วันทำการ (พ.ร.ฎ. มาตรา 38)", "working_days", 15)


def test_the_service_refuses_to_recount_or_delete_the_default(default):
    assert deadline_rule_uses(rule=default) == ["เรื่องที่ไม่ได้ระบุหมวดหมู่ (เกณฑ์ตั้งต้น)"]
    with pytest.raises(ValidationError) as refused:
        deadline_rule_save(rule=default, code=default.code, name=default.name, basis=default.basis, days=10)
    assert refused.value.message_dict["__all__"] == [
        ("เกณฑ์นี้ใช้อยู่กับเรื่องที่ไม่ได้ระบุหมวดหมู่ (เกณฑ์ตั้งต้น) จึงแก้ได้เฉพาะชื่อเกณฑ์ และลบไม่ได้ "
         "หากต้องการนับวันแบบอื่น ให้เพิ่มเกณฑ์ใหม่ แล้วเปลี่ยนเกณฑ์ของหมวดหมู่เรื่องไปใช้เกณฑ์ใหม่")]
    with pytest.raises(ValidationError) as refused:
        deadline_rule_delete(rule=default)
    assert refused.value.messages == [
        "เกณฑ์นี้ใช้อยู่กับเรื่องที่ไม่ได้ระบุหมวดหมู่ (เกณฑ์ตั้งต้น) จึงแก้ได้เฉพาะชื่อเกณฑ์ และลบไม่ได้"]
    default.refresh_from_db()
    assert default.days == 15


def test_deleting_a_rule_in_use_from_the_page_says_why(client, people, default):
    client.force_login(people["admin"])
    response = client.post(reverse("manage:deadline-rule-delete", args=[default.pk]), follow=True)
    assert "ลบไม่ได้" in response.content.decode() and DeadlineRule.objects.filter(pk=default.pk).exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"code": "15-working-days"}, "code", "มีเกณฑ์รหัส 15-working-days อยู่แล้ว"),
    ({"code": "ไทย"}, "code", "รหัสเกณฑ์ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข - และ _ เช่น 7-working-days"),
    ({"name": "   "}, "name", "กรุณาระบุชื่อเกณฑ์"),
    ({"days": 0}, "days", "จำนวนวันต้องเป็นเลข 1–365"),
    ({"basis": "weeks"}, "basis", "โปรดเลือกว่านับเป็นวันทำการหรือวันตามปฏิทิน"),
])
def test_the_service_says_what_is_wrong_in_thai(changes, field, message):
    data = {"code": "3-working-days", "name": "3 วันทำการ", "basis": "working_days", "days": 3, **changes}
    with pytest.raises(ValidationError) as refused:
        deadline_rule_save(**data)
    assert refused.value.message_dict[field] == [message]


def test_a_bad_form_is_shown_again_with_the_reason(client, people):
    client.force_login(people["admin"])
    response = client.post(reverse("manage:deadline-rule-add"), rule_body(code=DEFAULT_RULE_CODE))
    assert response.status_code == 400 and "มีเกณฑ์รหัส 15-working-days อยู่แล้ว" in response.content.decode()


@pytest.mark.parametrize("days, code, says", [
    ("400", "too-long", "จำนวนวันต้องเป็นเลข 1–"),
    ("7", "เจ็ดวัน", "ใช้ได้เฉพาะอักษรอังกฤษ"),  # the slug field says it first, in Thai (locale/th)
])
def test_the_django_admin_shows_the_services_refusal_on_its_form(client, people, days, code, says):
    """The admin saves through the service; what the service refuses is a Thai error on the form, not a 500."""
    client.force_login(people["root"])
    response = client.post("/admin/workdays/deadlinerule/add/", {
        "code": code, "name": "เกณฑ์ทดลอง", "basis": "working_days", "days": days})
    assert response.status_code == 200 and says in response.content.decode()
    assert not DeadlineRule.objects.filter(name="เกณฑ์ทดลอง").exists()
