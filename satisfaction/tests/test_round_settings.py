"""The round page's settings: the office that runs a round moves its dates or closes it, and every way in (public
page, API, keyboard grid, import) follows; a district that keys in its province's round cannot change it."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from satisfaction.models import Response
from satisfaction.services import questionnaire_create, round_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(offices):
    """A round of PROV that ended yesterday, with paper forms still to key in."""
    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5,
                                         items=[{"code": "q1", "text": "เจ้าหน้าที่สุภาพ"}])
    today = timezone.localdate()
    return round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1",
                        starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1))


def _answer_by_api(user, survey):
    api = APIClient()
    api.force_authenticate(user)
    return api.post(f"/api/v1/surveys/{survey.pk}/responses/", [{"answers": {"q1": 5}}], format="json")


def test_extending_a_round_lets_late_paper_forms_in(client, people, ended):
    assert _answer_by_api(people["bob"], ended).status_code == 400
    client.force_login(people["alice"])
    url = reverse("satisfaction:round_settings", args=[ended.pk])
    new_end = timezone.localdate() + timedelta(days=7)
    response = client.post(url, {"title": "รอบ 1 (ขยายเวลา)", "starts_on": "", "is_open": "on",
                                 "ends_on": f"{new_end.day:02d}/{new_end.month:02d}/{new_end.year + 543}"})
    assert response.status_code == 302
    ended.refresh_from_db()
    assert (ended.title, ended.ends_on, ended.is_open) == ("รอบ 1 (ขยายเวลา)", new_end, True)
    assert _answer_by_api(people["bob"], ended).status_code == 201 and Response.objects.count() == 1


def test_closing_a_round_stops_every_way_in(client, people, offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5,
                                         items=[{"code": "q1", "text": "เจ้าหน้าที่สุภาพ"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 2")
    client.force_login(people["alice"])
    client.post(reverse("satisfaction:round_settings", args=[survey.pk]), {"title": "รอบ 2", "is_open": ""})
    assert _answer_by_api(people["alice"], survey).status_code == 400
    assert client.get(reverse("survey_public:answer", args=[survey.public_key])).status_code == 410


def test_dates_the_wrong_way_round_are_refused_in_thai_and_change_nothing(client, people, ended):
    client.force_login(people["alice"])
    response = client.post(reverse("satisfaction:round_settings", args=[ended.pk]),
                           {"title": "รอบ 1", "starts_on": "10/01/2570", "ends_on": "01/01/2570", "is_open": "on"})
    assert response.status_code == 400 and "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in response.content.decode()
    ended.refresh_from_db()
    assert ended.title == "รอบ 1" and ended.ends_on < timezone.localdate()


def test_a_district_keys_in_its_provinces_round_but_cannot_change_it(client, people, ended):
    from core.testing.factories import UserFactory

    district_committee = UserFactory(username="dee", office=people["bob"].office, role="committee")
    client.force_login(district_committee)
    page = client.get(reverse("satisfaction:results", args=[ended.pk]))
    assert page.status_code == 200
    assert reverse("satisfaction:round_settings", args=[ended.pk]) not in page.content.decode()  # no button to a 404
    assert client.get(reverse("satisfaction:round_settings", args=[ended.pk])).status_code == 404
    client.force_login(people["bob"])  # office staff: no right to change rounds at all
    assert client.get(reverse("satisfaction:round_settings", args=[ended.pk])).status_code == 403


def test_an_open_round_past_its_end_date_is_shown_as_taking_no_answers(client, people, ended):
    """Open flag on, dates over: the lists, the round page and the API say what every way in does."""
    client.force_login(people["alice"])
    for url in (reverse("satisfaction:index"), reverse("satisfaction:results", args=[ended.pk])):
        page = client.get(url).content.decode()
        assert "ไม่รับคำตอบ" in page and "เปิดรับคำตอบ</span>" not in page
    assert reverse("satisfaction:round_settings", args=[ended.pk]) in page  # the office that runs it may extend it
    api = APIClient()
    api.force_authenticate(people["alice"])
    row = api.get(f"/api/v1/surveys/{ended.pk}/").json()
    assert row["is_open"] is True and row["takes_answers"] is False and "รับคำตอบ" in row["closed_reason"]
