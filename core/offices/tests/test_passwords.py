"""Password rules in Thai, and every password change revoking the user's API tokens, whatever path changed it.

Personas (conftest): alice committee@PROV (password secret-pass-123), admin administrator@DEPT, root superuser.
"""
import pytest
from django.core.management import call_command
from django.urls import reverse
from knox.models import AuthToken

from core.demo import DEMO_PASSWORD
from core.offices.models import User
from core.offices.services import token_create

pytestmark = pytest.mark.django_db

NEW = "ข้าวหอม-มะลิ-2569"


def change_own(client, user, new, old="secret-pass-123"):
    client.force_login(user)
    return client.post(reverse("account:password"), {"old_password": old, "new_password1": new,
                                                     "new_password2": new})


def test_the_demo_password_passes_the_rules_a_user_sets_it_under(client, people):
    """README's demo password must be one a user could choose on the password page: the same rules apply."""
    response = change_own(client, people["alice"], DEMO_PASSWORD)
    assert response.status_code == 302
    people["alice"].refresh_from_db()
    assert people["alice"].check_password(DEMO_PASSWORD)


@pytest.mark.parametrize("password, messages", [
    ("12345678", ["รหัสผ่านนี้ใช้กันทั่วไปจนเดาได้ง่าย", "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด"]),
    ("password", ["รหัสผ่านนี้ใช้กันทั่วไปจนเดาได้ง่าย"]),
])
def test_weak_passwords_are_refused_in_thai_on_the_password_page(client, people, password, messages):
    response = change_own(client, people["alice"], password)
    page = response.content.decode()
    assert response.status_code == 200 and all(message in page for message in messages)
    assert "This password" not in page
    people["alice"].refresh_from_db()
    assert people["alice"].check_password("secret-pass-123")


def test_a_wrong_current_password_is_refused_in_thai(client, people):
    response = change_own(client, people["alice"], NEW, old="not-my-password")
    assert "รหัสผ่านปัจจุบันไม่ถูกต้อง" in response.content.decode()


def test_changing_ones_own_password_keeps_the_session_and_revokes_every_token(client, people):
    alice = people["alice"]
    token_create(user=alice)
    token_create(user=alice)
    token_create(user=people["bob"])
    response = change_own(client, alice, NEW)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert not AuthToken.objects.filter(user=alice).exists() and AuthToken.objects.filter(user=people["bob"]).exists()
    after = client.get(response.url)
    assert after.status_code == 200  # still signed in: the tokens page needs a session
    page = after.content.decode()
    assert "เปลี่ยนรหัสผ่านแล้ว โทเค็น API เดิมทั้งหมดของท่านถูกยกเลิก" in page


def test_changepassword_on_the_command_line_revokes_the_tokens(people, monkeypatch):
    alice = people["alice"]
    token_create(user=alice)
    monkeypatch.setattr("django.contrib.auth.management.commands.changepassword.getpass.getpass", lambda *a, **k: NEW)
    call_command("changepassword", "alice")
    assert not AuthToken.objects.filter(user=alice).exists()


def test_the_django_admin_password_form_revokes_the_tokens(client, people):
    alice = people["alice"]
    token_create(user=alice)
    client.force_login(people["root"])
    response = client.post(f"/admin/offices/user/{alice.pk}/password/",
                           {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=alice).exists()


def test_set_password_and_save_anywhere_revokes_the_tokens(people):
    alice = people["alice"]
    token_create(user=alice)
    alice.set_password(NEW)
    alice.save()
    assert not AuthToken.objects.filter(user=alice).exists()


def test_a_hash_upgrade_at_sign_in_revokes_nothing(client, people, settings):
    """Signing in with an old hash saves the password again, rehashed; Django does not count that as a change."""
    alice = people["alice"]
    token_create(user=alice)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    client.post(reverse("login"), {"username": "alice", "password": "secret-pass-123"})
    assert User.objects.get(pk=alice.pk).password.startswith("pbkdf2_sha256$")
    assert AuthToken.objects.filter(user=alice).exists()
