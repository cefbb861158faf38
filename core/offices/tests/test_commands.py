"""Management commands an administrator runs."""
import pytest
from django.core.management import CommandError, call_command
from knox.crypto import hash_token
from knox.models import AuthToken

from core.offices.models import User
from core.offices.roles import role_of
from core.offices.scoping import visible_offices

pytestmark = pytest.mark.django_db


def test_create_user_with_a_token_prints_it_on_the_last_line(offices, capsys):
    call_command("create_user", "district1", "--office", "DIST-A", "--role", "office_staff", "--password",
                 "a-long-pass-123", "--token")
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    user = User.objects.get(username="district1")
    stored = AuthToken.objects.get(user=user)
    # Only the hash is kept; the printed token is the one that hashes to it, and it expires.
    assert stored.digest == hash_token(last_line) and last_line not in stored.digest and stored.expiry is not None
    assert user.check_password("a-long-pass-123") and role_of(user) == "office_staff"
    assert [o.code for o in visible_offices(user)] == ["DIST-A"]


def test_create_user_again_updates_the_role_and_office(offices):
    call_command("create_user", "u1", "--office", "DIST-A", "--role", "office_staff")
    call_command("create_user", "u1", "--office", "PROV", "--role", "committee")
    user = User.objects.get(username="u1")
    assert (user.office.code, role_of(user), user.groups.count()) == ("PROV", "committee", 1)
    assert sorted(o.code for o in visible_offices(user)) == ["DIST-A", "DIST-B", "PROV"]


def test_an_unknown_office_is_a_clear_error(offices):
    with pytest.raises(CommandError, match="ไม่พบหน่วยงานรหัส NOPE"):
        call_command("create_user", "u2", "--office", "NOPE", "--role", "committee")


def test_a_superuser_belongs_to_no_office_and_sees_everything(people, offices):
    assert people["root"].office is None
    assert visible_offices(people["root"]).count() == len(offices)


def test_only_superusers_may_use_the_admin_site(people, client):
    client.force_login(people["root"])
    assert client.get("/admin/workdays/holiday/").status_code == 200
    assert client.get("/admin/workdays/holiday/import/").status_code == 200
    assert client.get("/admin/offices/office/").status_code == 200
    for name in ("admin", "alice"):
        client.force_login(people[name])
        assert client.get("/admin/workdays/holiday/").status_code == 302


def test_a_weak_password_is_refused_in_thai(offices):
    with pytest.raises(CommandError, match="รหัสผ่านใช้ไม่ได้"):
        call_command("create_user", "u3", "--office", "DIST-A", "--role", "committee", "--password", "abc")
    assert not User.objects.filter(username="u3").exists()


def test_a_user_created_without_a_password_cannot_sign_in_until_one_is_set(offices):
    call_command("create_user", "u4", "--office", "DIST-A", "--role", "office_staff")
    assert not User.objects.get(username="u4").has_usable_password()
