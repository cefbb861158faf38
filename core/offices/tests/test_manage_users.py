"""The office administrators' user screens (/manage/users/), within their subtree only.

Personas (conftest): alice committee@PROV, bob office staff@DIST-A, carol office staff@OTHER, admin administrator
@DEPT (the root), root superuser (no office); here also pat, an administrator of the province PROV.
"""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from knox.models import AuthToken

from core.offices.models import User
from core.offices.roles import role_of
from core.offices.services import token_create
from core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW = {"username": "dana", "first_name": "ดาว", "last_name": "ใจดี", "email": "dana@example.go.th",
       "position": "นักวิชาการส่งเสริมการเกษตร", "line_user_id": "", "role": "office_staff",
       "password1": "", "password2": ""}


@pytest.fixture
def pat(offices, people):
    return UserFactory(username="pat", office=offices["prov"], role="administrator")


def body(response) -> str:
    return response.content.decode()


# --- the list ----------------------------------------------------------------------------------------------------


def test_a_province_administrator_sees_the_people_of_their_province_only(client, people, pat):
    client.force_login(pat)
    page = body(client.get(reverse("manage:users")))
    for name in ("alice", "bob", "erin", "axel", "pat"):
        assert f">{name}</a>" in page
    for name in ("carol", "admin", "root"):
        assert f">{name}</a>" not in page


def test_a_superuser_never_appears_even_to_the_administrator_at_the_root(client, people):
    client.force_login(people["admin"])
    page = body(client.get(reverse("manage:users")))
    assert ">carol</a>" in page and ">admin</a>" in page
    assert ">root</a>" not in page
    assert client.get(reverse("manage:user-edit", args=[people["root"].pk])).status_code == 404


@pytest.mark.parametrize("query, shown, hidden", [
    ({"role": "committee"}, ["alice"], ["bob", "erin"]),
    ({"office": "DIST-A"}, ["bob"], ["alice"]),
    ({"q": "ali"}, ["alice"], ["bob"]),
    ({"active": "false"}, ["axel"], ["alice"]),
])
def test_the_list_filters_by_role_office_activity_and_search(client, people, offices, pat, query, shown, hidden):
    User.objects.filter(username="axel").update(is_active=False)
    if "office" in query:
        query = {"office": offices["dist_a"].pk}
    client.force_login(pat)
    page = body(client.get(reverse("manage:users"), query))
    assert all(f">{name}</a>" in page for name in shown)
    assert not any(f">{name}</a>" in page for name in hidden)


def test_the_list_shows_roles_in_thai(client, pat):
    client.force_login(pat)
    page = body(client.get(reverse("manage:users")))
    assert "กรรมการ PMQA หมวด 3" in page and "เจ้าหน้าที่หน่วยงาน" in page


def test_the_list_needs_a_fixed_number_of_queries(client, offices, pat):
    client.force_login(pat)
    client.get(reverse("manage:users"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("manage:users"))
    for n in range(20):
        UserFactory(username=f"extra{n}", office=offices["dist_b"], role="office_staff")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("manage:users"))
    assert len(many) == len(few)


@pytest.mark.parametrize("name", ["alice", "bob", "erin", "axel"])
def test_other_roles_may_not_manage_users(client, people, name):
    client.force_login(people[name])
    assert client.get(reverse("manage:users")).status_code == 403
    assert client.post(reverse("manage:user-create"), {**NEW, "office": people[name].office_id}).status_code == 403
    assert not User.objects.filter(username="dana").exists()


# --- creating ----------------------------------------------------------------------------------------------------


def test_the_form_offers_only_the_five_roles_and_the_subtree(client, offices, pat):
    client.force_login(pat)
    page = body(client.get(reverse("manage:user-create")))
    for field in ("is_superuser", "is_staff", "user_permissions", 'name="groups"'):
        assert field not in page
    assert "สำนักงานอำเภอ ก" in page and "สำนักงานจังหวัดอื่น" not in page and "กรมทดสอบ" not in page
    roles = re.search(r'<select name="role".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\w+)"', roles) == ["committee", "office_staff", "executive", "assessor",
                                                           "administrator"]


def test_an_administrator_creates_a_user_in_their_subtree(client, offices, pat):
    client.force_login(pat)
    response = client.post(reverse("manage:user-create"), {
        **NEW, "office": offices["dist_a"].pk, "password1": "ข้าวหอม-มะลิ-2569", "password2": "ข้าวหอม-มะลิ-2569"})
    dana = User.objects.get(username="dana")
    assert response.status_code == 302 and response.url == reverse("manage:user-edit", args=[dana.pk])
    assert (dana.office.code, role_of(dana), dana.position) == ("DIST-A", "office_staff", NEW["position"])
    assert dana.check_password("ข้าวหอม-มะลิ-2569") and not dana.is_staff and not dana.is_superuser


def test_a_user_created_without_a_password_cannot_sign_in_until_one_is_set(client, offices, pat):
    client.force_login(pat)
    client.post(reverse("manage:user-create"), {**NEW, "office": offices["dist_a"].pk})
    assert not User.objects.get(username="dana").has_usable_password()


@pytest.mark.parametrize("password, message", [
    ("12345678", "รหัสผ่านนี้ใช้กันทั่วไปจนเดาได้ง่าย"),
    ("12345678", "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด"),
    ("password", "รหัสผ่านนี้ใช้กันทั่วไปจนเดาได้ง่าย"),
    ("abc", "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร"),
    ("dana@example.go", "รหัสผ่านคล้ายกับที่อยู่อีเมลมากเกินไป"),
])
def test_a_weak_password_is_refused_in_thai(client, offices, pat, password, message):
    client.force_login(pat)
    response = client.post(reverse("manage:user-create"), {**NEW, "office": offices["dist_a"].pk,
                                                            "password1": password, "password2": password})
    assert response.status_code == 400
    assert message in body(response)
    assert not User.objects.filter(username="dana").exists()


def test_the_two_passwords_must_match(client, offices, pat):
    client.force_login(pat)
    response = client.post(reverse("manage:user-create"), {**NEW, "office": offices["dist_a"].pk,
                                                            "password1": "ข้าวหอม-มะลิ-2569", "password2": "อื่น-2569-x"})
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in body(response)


def test_an_office_outside_the_subtree_is_refused(client, offices, pat):
    client.force_login(pat)
    for office in ("other", "dept"):
        response = client.post(reverse("manage:user-create"), {**NEW, "office": offices[office].pk})
        assert response.status_code == 400
    assert not User.objects.filter(username="dana").exists()


def test_an_existing_username_is_never_taken_over(client, people, offices, pat):
    """user_upsert would have moved carol (another province) into pat's office; the screen refuses instead."""
    client.force_login(pat)
    response = client.post(reverse("manage:user-create"), {**NEW, "username": "Carol", "office": offices["dist_a"].pk})
    assert "มีชื่อผู้ใช้นี้อยู่แล้ว" in body(response)
    people["carol"].refresh_from_db()
    assert people["carol"].office.code == "OTHER"


def test_no_superuser_or_staff_field_is_read_from_the_post(client, offices, pat):
    client.force_login(pat)
    client.post(reverse("manage:user-create"), {**NEW, "office": offices["dist_a"].pk, "is_superuser": "on",
                                                "is_staff": "on", "groups": "1", "user_permissions": "1"})
    dana = User.objects.get(username="dana")
    assert not dana.is_superuser and not dana.is_staff and not dana.user_permissions.exists()


# --- editing ------------------------------------------------------------------------------------------------------


def test_someone_outside_the_subtree_does_not_exist(client, people, pat):
    client.force_login(pat)
    carol = people["carol"]
    for name in ("manage:user-edit", "manage:user-password"):
        assert client.get(reverse(name, args=[carol.pk])).status_code == 404
    for name in ("manage:user-active", "manage:user-unlock"):
        assert client.post(reverse(name, args=[carol.pk]), {"active": "0"}).status_code == 404
    carol.refresh_from_db()
    assert carol.is_active


def test_an_administrator_edits_someone_of_their_subtree(client, people, offices, pat):
    client.force_login(pat)
    bob = people["bob"]
    response = client.post(reverse("manage:user-edit", args=[bob.pk]), {
        "first_name": "บ๊อบ", "last_name": "ขยัน", "email": "bob@example.go.th", "position": "เจ้าพนักงาน",
        "line_user_id": "U123", "office": offices["dist_b"].pk, "role": "committee", "is_superuser": "on"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.first_name, bob.office.code, role_of(bob), bob.line_user_id) == ("บ๊อบ", "DIST-B", "committee", "U123")
    assert not bob.is_superuser and not bob.is_staff


def test_a_user_cannot_be_moved_out_of_the_subtree(client, people, offices, pat):
    client.force_login(pat)
    bob = people["bob"]
    response = client.post(reverse("manage:user-edit", args=[bob.pk]), {"office": offices["other"].pk,
                                                                         "role": "office_staff"})
    assert response.status_code == 400
    bob.refresh_from_db()
    assert bob.office.code == "DIST-A"


def test_administrators_cannot_change_their_own_role_or_close_their_own_account(client, offices, pat):
    client.force_login(pat)
    response = client.post(reverse("manage:user-edit", args=[pat.pk]), {"office": offices["prov"].pk,
                                                                         "role": "office_staff"})
    assert "เปลี่ยนบทบาทของตนเองไม่ได้" in body(response)
    response = client.post(reverse("manage:user-active", args=[pat.pk]), {"active": "0"}, follow=True)
    assert "ปิดการใช้งานบัญชีของตนเองไม่ได้" in body(response)
    pat.refresh_from_db()
    assert pat.is_active and role_of(pat) == "administrator"


def test_closing_an_account_stops_sign_in_and_revokes_its_tokens(client, people, pat):
    bob = people["bob"]
    token_create(user=bob)
    client.force_login(pat)
    client.post(reverse("manage:user-active", args=[bob.pk]), {"active": "0"})
    bob.refresh_from_db()
    assert not bob.is_active and not AuthToken.objects.filter(user=bob).exists()
    client.logout()
    response = client.post(reverse("login"), {"username": "bob", "password": "secret-pass-123"})
    assert response.status_code == 200 and "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in body(response)
    client.force_login(pat)
    client.post(reverse("manage:user-active", args=[bob.pk]), {"active": "1"})
    bob.refresh_from_db()
    assert bob.is_active


def test_an_administrator_sets_a_new_password_and_the_old_tokens_go(client, people, pat):
    bob = people["bob"]
    token_create(user=bob)
    client.force_login(pat)
    response = client.post(reverse("manage:user-password", args=[bob.pk]),
                           {"password1": "ข้าวหอม-มะลิ-2569", "password2": "ข้าวหอม-มะลิ-2569"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.check_password("ข้าวหอม-มะลิ-2569") and not AuthToken.objects.filter(user=bob).exists()


def test_a_weak_new_password_is_refused_in_thai(client, people, pat):
    client.force_login(pat)
    response = client.post(reverse("manage:user-password", args=[people["bob"].pk]),
                           {"password1": "password", "password2": "password"})
    assert response.status_code == 400 and "รหัสผ่านนี้ใช้กันทั่วไปจนเดาได้ง่าย" in body(response)
    assert people["bob"].check_password("secret-pass-123")
