"""The office administrators' office screens (/manage/offices/): their subtree as a tree, a child office added
under one of its offices, names and heads edited.

Personas (conftest) plus pat, an administrator of the province PROV.
"""
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.offices.models import Office
from core.offices.scoping import sees_every_office
from core.offices.services import user_token
from core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pat(offices, people):
    return UserFactory(username="pat", office=offices["prov"], role="administrator")


def test_the_subtree_is_listed_in_tree_order_and_indented(client, pat):
    client.force_login(pat)
    page = client.get(reverse("manage:offices")).content.decode()
    assert page.index("สำนักงานจังหวัดทดสอบ") < page.index("สำนักงานอำเภอ ก") < page.index("สำนักงานอำเภอ ข")
    assert "calc(0 * 1.5rem" in page and "calc(1 * 1.5rem" in page
    assert "สำนักงานจังหวัดอื่น" not in page and "กรมทดสอบ" not in page


def test_an_administrator_adds_a_child_office_under_their_subtree(client, offices, pat):
    client.force_login(pat)
    response = client.post(reverse("manage:office-add-child", args=[offices["dist_a"].pk]),
                           {"code": "DIST-A-1", "name": "กลุ่มงานส่งเสริม", "short_name": "กสส."})
    assert response.status_code == 302
    child = Office.objects.get(code="DIST-A-1")
    assert child.get_parent() == offices["dist_a"] and child.short_name == "กสส."


def test_a_taken_code_is_refused_in_thai(client, offices, pat):
    client.force_login(pat)
    response = client.post(reverse("manage:office-add-child", args=[offices["dist_a"].pk]),
                           {"code": "OTHER", "name": "ซ้ำ"})
    assert response.status_code == 400 and "มีหน่วยงานรหัส OTHER อยู่แล้ว" in response.content.decode()


def test_offices_outside_the_subtree_do_not_exist(client, offices, pat):
    client.force_login(pat)
    for office in ("other", "dept"):
        pk = offices[office].pk
        assert client.get(reverse("manage:office-edit", args=[pk])).status_code == 404
        assert client.post(reverse("manage:office-edit", args=[pk]), {"name": "ยึด"}).status_code == 404
        assert client.post(reverse("manage:office-add-child", args=[pk]),
                           {"code": "X1", "name": "แทรก"}).status_code == 404
    assert Office.objects.get(code="OTHER").name == "สำนักงานจังหวัดอื่น"
    assert not Office.objects.filter(code="X1").exists()


def test_an_administrator_renames_an_office_and_names_its_head_from_its_people(client, people, offices, pat):
    client.force_login(pat)
    url = reverse("manage:office-edit", args=[offices["dist_a"].pk])
    page = client.get(url).content.decode()
    assert ">bob<" in page and ">alice<" not in page  # only DIST-A's own people are offered
    response = client.post(url, {"name": "สำนักงานอำเภอ ก (ใหม่)", "short_name": "อ.ก", "head": people["bob"].pk})
    assert response.status_code == 302
    office = Office.objects.get(pk=offices["dist_a"].pk)
    assert (office.name, office.short_name, office.head) == ("สำนักงานอำเภอ ก (ใหม่)", "อ.ก", people["bob"])


def test_a_head_from_another_office_is_refused(client, people, offices, pat):
    client.force_login(pat)
    response = client.post(reverse("manage:office-edit", args=[offices["dist_a"].pk]),
                           {"name": "สำนักงานอำเภอ ก", "head": people["alice"].pk})
    assert response.status_code == 400
    assert Office.objects.get(pk=offices["dist_a"].pk).head is None


@pytest.mark.parametrize("name", ["alice", "bob", "erin", "axel"])
def test_other_roles_may_not_manage_offices(client, people, offices, name):
    client.force_login(people[name])
    assert client.get(reverse("manage:offices")).status_code == 403
    client.post(reverse("manage:office-edit", args=[people[name].office_id]), {"name": "เปลี่ยน"})
    assert not Office.objects.filter(name="เปลี่ยน").exists()


def test_an_administrator_cannot_start_a_new_tree_through_the_api(people, pat):
    """A second root would sit outside every administrator's subtree and end the root administrator's reach."""
    for user in (pat, people["admin"]):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=user)}")
        response = client.post("/api/v1/offices/", {"code": "ROOT2", "name": "กรมใหม่"}, format="json")
        assert response.status_code == 400 and "หน่วยงานแม่" in response.json()["parent"][0]
    assert not Office.objects.filter(code="ROOT2").exists() and sees_every_office(people["admin"])
