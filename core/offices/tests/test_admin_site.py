"""The Django admin is for superusers only: the attack in which a province administrator made themselves
superuser through the admin's user form, and edited another province's plan there, no longer works.

Personas (conftest) plus pat, an administrator of the province PROV.
"""
import importlib

import pytest
from django.apps import apps

from core.offices.models import User
from core.offices.services import user_upsert
from core.plans.models import ActionPlan
from core.testing.factories import ActionPlanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pat(offices):
    return UserFactory(username="pat", office=offices["prov"], role="administrator")


def admin_user_form(user: User, **changes) -> dict:
    """The admin's user-change form as a browser would post it, every field filled as stored."""
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "is_active": "on", "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"), "initial-date_joined_0": "",
        "initial-date_joined_1": "", "last_login_0": "", "last_login_1": "",
        "groups": [g.pk for g in user.groups.all()], "office": user.office_id or "", "position": "",
        "line_user_id": "", "_save": "Save",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url", ["/admin/", "/admin/offices/user/", "/admin/plans/actionplan/",
                                 "/admin/plans/evidence/", "/admin/workdays/holiday/"])
def test_an_office_administrator_cannot_open_the_admin(client, people, pat, url):
    for name in ("admin", "alice"):
        client.force_login(people[name])
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/admin/login/")
    client.force_login(pat)
    assert client.get(url).status_code == 302


def test_posting_the_admin_user_form_with_is_superuser_changes_nothing(client, people, pat):
    client.force_login(pat)
    client.post(f"/admin/offices/user/{pat.pk}/change/",
                admin_user_form(pat, is_superuser="on", is_staff="on", office=""))
    pat.refresh_from_db()
    assert not pat.is_superuser and not pat.is_staff and pat.office.code == "PROV"
    # The same form posted by a superuser does change the user: the form was complete, the person was refused.
    client.force_login(people["root"])
    response = client.post(f"/admin/offices/user/{pat.pk}/change/", admin_user_form(pat, first_name="แพท"))
    assert response.status_code == 302, response.content.decode()[:2000]
    pat.refresh_from_db()
    assert pat.first_name == "แพท"


def test_an_office_administrator_cannot_change_another_provinces_plan_in_the_admin(client, offices, pat):
    plan = ActionPlanFactory(office=offices["other"], title="แผนของจังหวัดอื่น")
    client.force_login(pat)
    response = client.get(f"/admin/plans/actionplan/{plan.pk}/change/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    client.post(f"/admin/plans/actionplan/{plan.pk}/change/", {"title": "แก้โดยจังหวัดอื่น", "office": plan.office_id,
                                                               "fiscal_year": plan.fiscal_year, "cs": plan.cs})
    assert ActionPlan.objects.get(pk=plan.pk).title == "แผนของจังหวัดอื่น"


def test_a_superuser_still_uses_the_admin(client, people):
    client.force_login(people["root"])
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/offices/user/").status_code == 200


def test_no_role_makes_a_user_staff(offices):
    user = user_upsert(username="newadmin", office=offices["prov"], role="administrator")
    assert not user.is_staff and not user.is_superuser


def test_the_migration_takes_staff_status_from_everyone_but_superusers(people):
    User.objects.filter(username__in=["admin", "alice"]).update(is_staff=True)
    migration = importlib.import_module("core.offices.migrations.0003_only_superusers_are_staff")
    migration.clear_staff(apps, None)
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == ["root"]
