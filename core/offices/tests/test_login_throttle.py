"""Sign-in throttling (django-axes): five wrong passwords lock that username from that address for 30 minutes.

Personas (conftest): alice, bob (password secret-pass-123), admin administrator@DEPT.
"""
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

RIGHT = "secret-pass-123"
HOME = "203.0.113.5"
CAFE = "198.51.100.7"


def sign_in(client, username, password, address=HOME, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail_five_times(client, username="alice", address=HOME, **headers):
    for _ in range(5):
        response = sign_in(client, username, "wrong-password", address, **headers)
        assert response.status_code in (200, 429)


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("home")


def test_the_right_password_after_five_wrong_ones_is_refused_in_thai(client, people):
    fail_five_times(client)
    response = sign_in(client, "alice", RIGHT)
    page = response.content.decode()
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in page and "ติดต่อผู้ดูแลระบบของหน่วยงานเพื่อปลดล็อก" in page
    # When to try again: 30 minutes after the last counted failure, as a Thai date and time.
    assert re.search(r"ลองใหม่ได้ตั้งแต่ \d+ \S+ \d\d \d\d:\d\d น\.", page)
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(client, people):
    for _ in range(4):
        sign_in(client, "alice", "wrong-password")
    assert signed_in(sign_in(client, "alice", RIGHT))


def test_the_lock_is_for_that_username_from_that_address_only(client, people):
    fail_five_times(client)
    assert signed_in(sign_in(client, "alice", RIGHT, address=CAFE))  # alice elsewhere
    client.logout()
    assert signed_in(sign_in(client, "bob", RIGHT, address=HOME))  # a colleague behind the same NAT


def test_the_address_is_the_clients_behind_the_trusted_proxy(client, people, settings):
    """Behind nginx every request comes from the proxy's address: the lock must follow X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    fail_five_times(client, address=proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert sign_in(client, "alice", RIGHT, address=proxy, HTTP_X_FORWARDED_FOR=HOME).status_code == 429
    assert signed_in(sign_in(client, "alice", RIGHT, address=proxy, HTTP_X_FORWARDED_FOR=CAFE))


def test_a_forged_forwarded_header_does_not_escape_the_lock_without_a_proxy(client, people):
    fail_five_times(client, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert sign_in(client, "alice", RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_an_office_administrator_unlocks_a_user(client, people):
    fail_five_times(client)
    client.force_login(people["admin"])
    page = client.get(reverse("manage:user-edit", args=[people["alice"].pk])).content.decode()
    assert "ใส่รหัสผ่านผิด 5 ครั้ง" in page
    client.post(reverse("manage:user-unlock", args=[people["alice"].pk]))
    client.logout()
    assert signed_in(sign_in(client, "alice", RIGHT))


def test_the_command_line_unlocks_a_username(client, people):
    fail_five_times(client)
    call_command("axes_reset_username", "alice")
    assert signed_in(sign_in(client, "alice", RIGHT))
