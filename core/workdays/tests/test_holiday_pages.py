"""The holiday calendar page (/manage/holidays/): everyone reads it in Buddhist Era; only whoever answers for every
office (a superuser, or an administrator at the top of the tree) changes it, and each change moves open deadlines.

Personas (conftest): admin administrator@DEPT (the root), root superuser, alice committee@PROV; here also pat,
an administrator of the province PROV.
"""
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.offices.services import user_token
from core.testing.factories import UserFactory
from core.workdays.models import Holiday
from core.workdays.selectors import may_change_calendar

pytestmark = pytest.mark.django_db

CHANGES: list[dict] = []


def record_change(*, dates, reason):
    CHANGES.append({"dates": dates, "reason": reason})


@pytest.fixture
def pat(offices, people):
    return UserFactory(username="pat", office=offices["prov"], role="administrator")


@pytest.fixture
def calendar_changes():
    """What the processes whose deadlines follow the calendar are told (complaints recomputes open tickets)."""
    from core.workdays.services import calendar_change_handlers, calendar_change_handlers_set

    CHANGES.clear()
    wired = calendar_change_handlers()
    calendar_change_handlers_set([record_change])
    yield CHANGES
    calendar_change_handlers_set(wired)


def test_who_may_change_the_national_calendar(people, pat):
    assert may_change_calendar(people["admin"]) and may_change_calendar(people["root"])
    for user in (pat, people["alice"], people["bob"], people["erin"], people["axel"]):
        assert not may_change_calendar(user)


def test_an_administrator_at_the_top_is_no_longer_one_once_another_tree_exists(people):
    from core.offices.services import office_create

    office_create(code="DEPT2", name="อีกกรมหนึ่ง")
    assert not may_change_calendar(people["admin"]) and may_change_calendar(people["root"])


def test_the_calendar_of_a_year_is_shown_in_buddhist_era(client, people):
    client.force_login(people["alice"])
    page = client.get(reverse("manage:holidays"), {"year": "2569"}).content.decode()
    assert "ปฏิทินวันหยุดราชการ ปี พ.ศ. 2569" in page
    assert "13 เม.ย. 69" in page and "วันสงกรานต์" in page
    assert 'title="13 เมษายน 2569"' in page


@pytest.mark.parametrize("name", ["pat", "alice", "bob", "erin", "axel"])
def test_everyone_else_reads_the_calendar_without_changing_it(client, people, pat, calendar_changes, name):
    user = pat if name == "pat" else people[name]
    client.force_login(user)
    page = client.get(reverse("manage:holidays"), {"year": "2569"}).content.decode()
    assert "วันสงกรานต์" in page and reverse("manage:holiday-add") not in page
    holiday = Holiday.objects.get(date=date(2026, 4, 13))
    assert client.get(reverse("manage:holiday-add")).status_code == 403
    assert client.post(reverse("manage:holiday-add"), {"date": "20/11/2569", "name": "วันหยุดเถื่อน",
                                                      "kind": "special"}).status_code == 403
    assert client.post(reverse("manage:holiday-edit", args=[holiday.pk]), {"name": "เปลี่ยน",
                                                                           "kind": "public"}).status_code == 403
    assert client.post(reverse("manage:holiday-delete", args=[holiday.pk])).status_code == 403
    assert not Holiday.objects.filter(date=date(2026, 11, 20)).exists()
    assert Holiday.objects.get(pk=holiday.pk).name == "วันสงกรานต์" and not calendar_changes


def test_a_province_administrator_cannot_change_the_calendar_through_the_api_either(pat):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=pat)}")
    response = client.post("/api/v1/holidays/", {"date": "2026-11-20", "name": "วันหยุดเถื่อน"}, format="json")
    assert response.status_code == 403
    assert not Holiday.objects.filter(date=date(2026, 11, 20)).exists()


def test_the_administrator_at_the_top_adds_a_holiday_and_open_deadlines_move(client, people, calendar_changes):
    client.force_login(people["admin"])
    response = client.post(reverse("manage:holiday-add"), {"date": "20/11/2569", "name": "วันหยุดพิเศษ",
                                                          "kind": "special", "source": "มติ ครม. 1 พ.ย. 2569"})
    assert response.status_code == 302 and response.url.endswith("?year=2569")
    holiday = Holiday.objects.get(date=date(2026, 11, 20))
    assert (holiday.name, holiday.source, holiday.created_by) == ("วันหยุดพิเศษ", "มติ ครม. 1 พ.ย. 2569",
                                                                  people["admin"])
    assert calendar_changes == [{"dates": [date(2026, 11, 20)], "reason": "เพิ่มวันหยุด วันหยุดพิเศษ"}]


def test_a_date_that_is_already_a_holiday_is_refused_in_thai(client, people, calendar_changes):
    client.force_login(people["admin"])
    response = client.post(reverse("manage:holiday-add"), {"date": "13/04/2569", "name": "ซ้ำ", "kind": "special"})
    assert response.status_code == 400
    assert "วันนี้เป็นวันหยุดอยู่แล้ว (วันสงกรานต์)" in response.content.decode() and not calendar_changes


def test_a_superuser_edits_and_deletes_a_holiday(client, people, calendar_changes):
    client.force_login(people["root"])
    holiday = Holiday.objects.get(date=date(2026, 1, 2))
    response = client.post(reverse("manage:holiday-edit", args=[holiday.pk]),
                           {"date": "05/01/2569", "name": "วันหยุดพิเศษ (แก้ไข)", "kind": "special", "source": "ครม."})
    assert response.status_code == 302
    holiday.refresh_from_db()
    assert (holiday.date, holiday.name) == (date(2026, 1, 2), "วันหยุดพิเศษ (แก้ไข)")  # the date does not move
    client.post(reverse("manage:holiday-delete", args=[holiday.pk]))
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    assert [c["dates"] for c in calendar_changes] == [[date(2026, 1, 2)], [date(2026, 1, 2)]]
