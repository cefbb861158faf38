"""API tokens (django-rest-knox): hashed, expiring, several per user, revocable on the user's own page
(/account/tokens/), carried over from DRF's plain-text tokens on upgrade.

Personas (conftest): alice committee@PROV, bob office staff@DIST-A.
"""
import importlib
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from core.offices.services import token_create, user_token

pytestmark = pytest.mark.django_db


def api_status(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/v1/offices/").status_code


def create_on_page(client) -> str:
    page = client.post(reverse("account:tokens")).content.decode()
    assert "สร้างโทเค็นใหม่แล้ว — คัดลอกเก็บไว้ตอนนี้" in page and "จะแสดงเพียงครั้งเดียว" in page
    return re.search(r'id="token-value" value="([0-9a-f]+)"', page).group(1)


def test_a_user_creates_a_token_that_is_shown_once_and_stored_hashed(client, people):
    client.force_login(people["alice"])
    token = create_on_page(client)
    stored = AuthToken.objects.get(user=people["alice"])
    assert token not in stored.digest and stored.token_key == token[:15]
    assert api_status(token) == 200
    page = client.get(reverse("account:tokens")).content.decode()
    assert token not in page and token[:8] in page  # afterwards only its first characters


def test_tokens_expire_after_the_configured_days(client, people):
    _token, text = token_create(user=people["alice"])
    assert abs(_token.expiry - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    AuthToken.objects.filter(pk=_token.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert api_status(text) == 401


def test_a_user_may_have_several_tokens_and_revoke_one(client, people):
    client.force_login(people["alice"])
    first, second = create_on_page(client), create_on_page(client)
    token = AuthToken.objects.get(token_key=first[:15])
    response = client.post(reverse("account:token-revoke", args=[token.digest]))
    assert response.status_code == 302
    assert api_status(first) == 401 and api_status(second) == 200


def test_a_user_revokes_all_their_tokens_and_no_one_elses(client, people):
    bobs = user_token(user=people["bob"])
    client.force_login(people["alice"])
    mine = [create_on_page(client) for _ in range(3)]
    client.post(reverse("account:tokens-revoke-all"))
    assert [api_status(t) for t in mine] == [401, 401, 401] and api_status(bobs) == 200


def test_another_users_token_does_not_exist(client, people):
    bobs = user_token(user=people["bob"])
    token = AuthToken.objects.get(user=people["bob"])
    client.force_login(people["alice"])
    assert client.post(reverse("account:token-revoke", args=[token.digest])).status_code == 404
    assert bobs[:8] not in client.get(reverse("account:tokens")).content.decode()
    assert api_status(bobs) == 200


def test_the_token_pages_need_a_signed_in_user(client):
    response = client.get(reverse("account:tokens"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.post(reverse("account:tokens")).status_code == 302 and not AuthToken.objects.exists()


def test_the_old_header_still_works_and_a_wrong_token_is_refused(people):
    assert api_status(user_token(user=people["bob"])) == 200
    assert api_status("0" * 64) == 401


def test_plain_text_drf_tokens_are_carried_over_hashed_and_expiring(people):
    """The upgrade: rows of DRF's authtoken table become knox tokens with the same text, and the table empties."""
    key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) NOT NULL PRIMARY KEY, "
                       "created timestamp NOT NULL, user_id bigint NOT NULL)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, %s)", [key, timezone.now(), people["bob"].pk])
    migration = importlib.import_module("core.offices.migrations.0004_api_tokens_to_knox")
    # What the function uses of the schema editor (SQLite's own cannot open inside the test's transaction).
    editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)
    migration.carry_over_drf_tokens(apps, editor)
    stored = AuthToken.objects.get(user=people["bob"])
    assert key not in stored.digest and stored.expiry > timezone.now() + timedelta(days=89)
    assert api_status(key) == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
        cursor.execute("DROP TABLE authtoken_token")


def test_the_navigation_links_to_the_account_pages(client, people):
    client.force_login(people["alice"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("account:password") in page and reverse("account:tokens") in page
    assert reverse("manage:index") not in page and "/admin/" not in page
    client.force_login(people["admin"])
    page = client.get(reverse("home")).content.decode()
    assert "การจัดการระบบ" in page and reverse("manage:index") in page and "/admin/" not in page
    client.force_login(people["root"])
    assert "/admin/" in client.get(reverse("home")).content.decode()
