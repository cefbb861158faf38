"""Pages every user meets first: the Thai login, the language switch, the CS navigation."""
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_is_thai_and_served_from_local_files(client):
    body = client.get(reverse("login")).content.decode()
    assert '<html lang="th">' in body
    assert "เข้าสู่ระบบ" in body and "ชื่อผู้ใช้" in body and "รหัสผ่าน" in body
    assert "/static/vendor/bootstrap/bootstrap.min.css" in body
    assert "http://" not in body and "https://" not in body


def test_a_wrong_password_is_refused_in_thai_and_keeps_the_user_name(client, people):
    body = client.post(reverse("login"), {"username": "alice", "password": "wrong"}).content.decode()
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in body and 'value="alice"' in body


def test_english_is_the_second_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("login")).content.decode()
    assert "Log in" in body and "PMQA Category 3 workbench" in body


def test_the_navigation_lists_cs1_to_cs7_and_each_page_opens(client, people):
    client.force_login(people["alice"])
    home = client.get("/").content.decode()
    for n, prefix in enumerate(["cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cs7"], start=1):
        assert f'href="/{prefix}/"' in home
        page = client.get(f"/{prefix}/")
        assert page.status_code == 200 and f"CS{n} " in page.content.decode()


def test_an_english_browser_still_gets_thai_until_the_user_chooses(client):
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in body and "เข้าสู่ระบบ" in body


def test_not_found_and_out_of_scope_look_the_same_and_speak_thai(client, people, settings):
    settings.DEBUG = False
    client.force_login(people["bob"])
    body = client.get("/plans/999999/").content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in body and "กลับหน้าหลัก" in body
