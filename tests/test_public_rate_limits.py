"""The public complaint and survey pages give each citizen their own allowance, also behind the proxy production
puts in front (the address is read by core.ratelimit.client_address)."""
import pytest
from django.core.cache import cache
from django.urls import reverse

from complaints.models import Ticket

PROXY = "172.18.0.1"  # what Django sees behind nginx in Docker


@pytest.fixture
def behind_nginx(settings):
    cache.clear()
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PUBLIC_SUBMIT_RATE = "3/h"


def _junk(client, ip: str):
    return client.post(reverse("public:submit"), {"kind": "complaint"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ip)


def test_junk_from_one_citizen_does_not_close_the_form_to_another(client, offices, behind_nginx):
    for _ in range(3):
        assert _junk(client, "203.0.113.7").status_code == 200  # the form again, with its errors
    assert _junk(client, "203.0.113.7").status_code == 429
    response = client.post(reverse("public:submit"), {
        "kind": "complaint", "office": offices["dist_a"].pk, "subject": "ไฟถนนดับ", "detail": "ซอย 3 มืดทั้งซอย",
        "consent": "on"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 200 and Ticket.objects.filter(subject="ไฟถนนดับ").exists()


def test_a_citizen_cannot_escape_the_limit_by_writing_their_own_forwarded_entries(client, offices, behind_nginx):
    for n in range(3):
        _junk(client, f"10.0.0.{n}, 203.0.113.7")
    assert _junk(client, "10.0.0.99, 203.0.113.7").status_code == 429


def test_the_survey_page_counts_each_respondent_apart(client, settings, offices, people, behind_nginx):
    from satisfaction import services

    settings.SURVEY_ANSWER_RATE = "1/h"
    questionnaire = services.questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5, items=[
        {"code": "q1", "text": "ความสะดวก", "dimension": "กระบวนการ", "kind": "rating"}])
    survey = services.round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบที่ 1",
                                   by=people["alice"])
    url = reverse("survey_public:answer", args=[survey.public_key])
    assert client.post(url, {}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 400
    assert client.post(url, {}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert client.post(url, {}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 400
