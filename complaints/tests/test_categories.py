"""Complaint categories and their deadline rules (/cs3/categories/, and the Django admin for superusers).

The list is national: everyone who works with tickets reads it; only whoever may change the national calendar (a
superuser, or an administrator at the top of the tree) changes it, through the services. A category's rule counts
the tickets received from then on; a ticket keeps the rule it was given. A category tickets were filed under, and a
rule a category counts by, are kept (switched off, or renamed).

Personas (conftest): admin administrator@DEPT (the root), root superuser, alice committee@PROV, bob staff@DIST-A,
erin executive@PROV; here also pat, an administrator of the province PROV.
"""
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from complaints.models import Category
from complaints.services import category_delete, category_save
from complaints.tests.factories import make_ticket
from core.testing.factories import UserFactory
from core.workdays.models import DeadlineRule
from core.workdays.selectors import deadline_rule_uses
from core.workdays.services import deadline_rule_delete, deadline_rule_save

pytestmark = pytest.mark.django_db

LIST = reverse("complaints:categories")


@pytest.fixture
def pat(offices, people):
    return UserFactory(username="pat", office=offices["prov"], role="administrator")


@pytest.fixture
def seven():
    return DeadlineRule.objects.create(code="7-calendar-days", name="7 วัน (เรื่องเร่งด่วน)", basis="calendar_days",
                                       days=7)


@pytest.fixture
def roads(seven):
    return Category.objects.create(name="ถนนชำรุด", deadline_rule=seven)


def test_everyone_who_works_with_tickets_reads_the_list(client, people, roads):
    for name in ("bob", "erin"):
        client.force_login(people[name])
        page = client.get(LIST).content.decode()
        assert "ถนนชำรุด" in page and "7 วัน (เรื่องเร่งด่วน)" in page
        assert reverse("complaints:category-add") not in page
        assert reverse("complaints:category-edit", args=[roads.pk]) not in page


def test_the_list_costs_the_same_with_more_categories(client, people, seven, django_assert_max_num_queries):
    client.force_login(people["admin"])
    Category.objects.create(name="หมวด 0", deadline_rule=seven)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    Category.objects.bulk_create(Category(name=f"หมวด {n}", deadline_rule=seven) for n in range(1, 11))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "หมวด 10" in client.get(LIST).content.decode()


@pytest.mark.parametrize("name", ["admin", "root"])
def test_the_top_office_adds_a_category_with_its_rule(client, people, seven, name):
    client.force_login(people[name])
    response = client.post(reverse("complaints:category-add"),
                           {"name": "  น้ำประปา ", "deadline_rule": seven.pk, "is_active": "on"})
    assert response.status_code == 302 and response.url == LIST
    category = Category.objects.get(name="น้ำประปา")
    assert category.deadline_rule == seven and category.is_active


@pytest.mark.parametrize("name", ["pat", "alice", "bob"])
def test_everyone_else_changes_nothing(client, people, pat, roads, name):
    client.force_login(pat if name == "pat" else people[name])
    assert client.get(reverse("complaints:category-add")).status_code == 403
    assert client.post(reverse("complaints:category-add"), {"name": "หมวดเถื่อน"}).status_code == 403
    assert client.post(reverse("complaints:category-edit", args=[roads.pk]), {"name": "เปลี่ยน"}).status_code == 403
    assert client.post(reverse("complaints:category-delete", args=[roads.pk])).status_code == 403
    assert list(Category.objects.values_list("name", flat=True)) == ["ถนนชำรุด"]


def test_the_service_asks_who_changes_the_list(pat, roads):
    with pytest.raises(PermissionDenied):
        category_save(name="หมวดเถื่อน", deadline_rule=None, by=pat)
    with pytest.raises(PermissionDenied):
        category_delete(category=roads, by=pat)


def test_a_new_rule_counts_new_tickets_and_the_old_ones_keep_theirs(client, people, offices, roads):
    before = make_ticket(office=offices["prov"], category=roads, received_on=date(2026, 11, 2))
    assert before.deadline_days == 7
    client.force_login(people["admin"])
    response = client.post(reverse("complaints:category-edit", args=[roads.pk]),
                           {"name": "ถนนชำรุด", "deadline_rule": "", "is_active": "on"})
    assert response.status_code == 302
    after = make_ticket(office=offices["prov"], category=Category.objects.get(pk=roads.pk),
                        received_on=date(2026, 11, 2))
    before.refresh_from_db()
    assert (before.deadline_basis, before.deadline_days) == ("calendar_days", 7)
    assert (after.deadline_basis, after.deadline_days) == ("working_days", 15)


def test_a_category_with_tickets_is_switched_off_not_deleted(client, people, offices, roads):
    make_ticket(office=offices["prov"], category=roads)
    client.force_login(people["admin"])
    assert reverse("complaints:category-delete", args=[roads.pk]) not in client.get(LIST).content.decode()
    page = client.post(reverse("complaints:category-delete", args=[roads.pk]), follow=True).content.decode()
    assert "หมวดหมู่นี้มีเรื่องที่บันทึกไว้แล้ว จึงลบไม่ได้ ให้ปิดการใช้งานแทน" in page
    client.post(reverse("complaints:category-edit", args=[roads.pk]), {"name": "ถนนชำรุด", "is_active": ""})
    roads.refresh_from_db()
    assert not roads.is_active


def test_a_category_without_tickets_is_deleted(client, people, roads):
    client.force_login(people["admin"])
    assert client.post(reverse("complaints:category-delete", args=[roads.pk])).status_code == 302
    assert not Category.objects.exists()


def test_two_categories_cannot_share_a_name(client, people, roads):
    client.force_login(people["admin"])
    response = client.post(reverse("complaints:category-add"), {"name": "ถนนชำรุด", "is_active": "on"})
    assert response.status_code == 400 and "มีหมวดหมู่ชื่อ ถนนชำรุด อยู่แล้ว" in response.content.decode()
    with pytest.raises(ValidationError):
        category_save(name=" ", deadline_rule=None)


def test_a_rule_a_category_counts_by_is_renamed_only(client, people, seven, roads):
    assert deadline_rule_uses(rule=seven) == ["หมวดหมู่เรื่อง 1 รายการ"]
    with pytest.raises(ValidationError) as refused:
        deadline_rule_save(rule=seven, code=seven.code, name=seven.name, basis="working_days", days=7)
    assert "เกณฑ์นี้ใช้อยู่กับหมวดหมู่เรื่อง 1 รายการ จึงแก้ได้เฉพาะชื่อเกณฑ์ และลบไม่ได้" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        deadline_rule_delete(rule=seven)
    client.force_login(people["admin"])
    page = client.get(reverse("manage:deadline-rules")).content.decode()
    assert "หมวดหมู่เรื่อง 1 รายการ" in page
    assert reverse("manage:deadline-rule-delete", args=[seven.pk]) not in page
    deadline_rule_save(rule=seven, code=seven.code, name="7 วันตามปฏิทิน", basis=seven.basis, days=seven.days)
    assert DeadlineRule.objects.get(pk=seven.pk).name == "7 วันตามปฏิทิน"


def test_the_django_admin_lists_categories_for_superusers_only(client, people, roads, pat):
    client.force_login(people["root"])
    page = client.get("/admin/complaints/category/").content.decode()
    assert "ถนนชำรุด" in page and "7 วัน (เรื่องเร่งด่วน)" in page
    response = client.post(f"/admin/complaints/category/{roads.pk}/change/",
                           {"name": "ถนนและทางเท้า", "deadline_rule": roads.deadline_rule_id, "is_active": "on"})
    assert response.status_code == 302 and Category.objects.get(pk=roads.pk).name == "ถนนและทางเท้า"
    for user in (people["admin"], pat):
        client.force_login(user)
        response = client.get("/admin/complaints/category/")
        assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_a_name_taken_a_moment_ago_is_refused_in_thai_not_by_the_database(roads, monkeypatch):
    """Two administrators saving the same name at once: the second save meets the unique index, not the check."""
    from django.db.models import QuerySet

    real_exists = QuerySet.exists
    monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is Category else real_exists(qs))
    with pytest.raises(ValidationError) as refused:
        category_save(name="ถนนชำรุด", deadline_rule=None)
    assert refused.value.message_dict == {"name": ["มีหมวดหมู่ชื่อ ถนนชำรุด อยู่แล้ว"]}
    assert Category.objects.count() == 1


def test_renaming_a_category_shows_on_the_dashboard_at_once(client, people, offices, roads,
                                                           django_capture_on_commit_callbacks):
    """The dashboard keeps its figures until the data changes; a category's new name is such a change."""
    make_ticket(office=offices["dist_a"], category=roads, received_on=date.today())
    client.force_login(people["alice"])
    assert "ถนนชำรุด" in client.get(reverse("complaints:dashboard")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        category_save(category=roads, name="ถนนและทางเท้าชำรุด", deadline_rule=roads.deadline_rule)
    assert "ถนนและทางเท้าชำรุด" in client.get(reverse("complaints:dashboard")).content.decode()
