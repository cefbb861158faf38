"""From results to improvement: dissatisfaction first, then the lowest means; improvements scoped like the round."""
import datetime

import pytest
from django.urls import reverse

from satisfaction.improvements import improvement_topics
from satisfaction.models import Improvement
from satisfaction.services import questionnaire_create, responses_record, round_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def survey(offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5, items=[
        {"code": "q1", "text": "ขั้นตอนสะดวก"}, {"code": "q2", "text": "เจ้าหน้าที่สุภาพ"},
        {"code": "q3", "text": "สถานที่สะอาด"},
        {"code": "d1", "text": "ไม่พอใจการรอคิว", "kind": "yes_no", "section": "dissatisfaction"},
        {"code": "d2", "text": "ไม่พอใจค่าธรรมเนียม", "kind": "yes_no", "section": "dissatisfaction"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1/2569")
    responses_record(survey=survey, forms=[
        {"q1": 5, "q2": 2, "q3": 4, "d1": "ไม่ใช่", "d2": "ใช่"},
        {"q1": 4, "q2": 3, "q3": 3, "d1": "ไม่ใช่", "d2": "ไม่ใช่"}])
    return survey  # means: q1 4.5, q2 2.5, q3 3.5; "yes": d2 50 %, d1 0 %


def test_topics_put_dissatisfaction_first_then_the_lowest_means(survey):
    assert [t.code for t in improvement_topics(survey)] == ["d2", "d1", "q2", "q3", "q1"]


def test_the_page_lists_topics_in_that_order(client, people, survey):
    client.force_login(people["alice"])
    body = client.get(reverse("satisfaction:improvements", args=[survey.pk])).content.decode()
    positions = [body.index(f'data-code="{code}"') for code in ["d2", "d1", "q2", "q3", "q1"]]
    assert positions == sorted(positions)
    assert 'value="q2 เจ้าหน้าที่สุภาพ"' in body  # the add form is prefilled with the topic


def test_adding_an_improvement(client, people, survey, offices):
    later = round_create(questionnaire=survey.questionnaire, office=offices["prov"], title="รอบ 2/2569",
                         previous=survey)
    client.force_login(people["alice"])
    response = client.post(reverse("satisfaction:improvements", args=[survey.pk]), {
        "item": "q2", "topic": "q2 เจ้าหน้าที่สุภาพ", "fix": "อบรมการให้บริการ", "owner": "งานบริการ",
        "due_on": "2026-03-31", "remeasure_round": later.pk})
    assert response.status_code == 302
    improvement = Improvement.objects.get()
    assert improvement.item.code == "q2" and improvement.remeasure_round == later
    assert improvement.status == Improvement.Status.PLANNED and improvement.due_on == datetime.date(2026, 3, 31)
    body = client.get(reverse("satisfaction:improvements", args=[survey.pk])).content.decode()
    assert "อบรมการให้บริการ" in body and "วางแผนแล้ว" in body


def test_done_needs_evidence(client, people, survey):
    improvement = Improvement.objects.create(round=survey, topic="t", fix="f", owner="o",
                                             due_on=datetime.date(2026, 1, 1))
    client.force_login(people["alice"])
    url = reverse("satisfaction:improvements", args=[survey.pk])
    client.post(url, {"improvement": improvement.pk, "status": "done"})
    improvement.refresh_from_db()
    assert improvement.status == Improvement.Status.PLANNED
    client.post(url, {"improvement": improvement.pk, "status": "in_progress"})
    improvement.refresh_from_db()
    assert improvement.status == Improvement.Status.IN_PROGRESS


def test_readers_see_the_list_but_cannot_add(client, people, survey):
    client.force_login(people["erin"])
    url = reverse("satisfaction:improvements", args=[survey.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"topic": "x", "fix": "y", "owner": "z", "due_on": "2026-01-01"}).status_code == 403
    assert not Improvement.objects.exists()


def test_another_province_gets_404(client, people, survey):
    client.force_login(people["carol"])
    url = reverse("satisfaction:improvements", args=[survey.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"topic": "x", "fix": "y", "owner": "z", "due_on": "2026-01-01"}).status_code == 404
    assert not Improvement.objects.exists()


def test_a_due_date_is_typed_in_buddhist_era(client, people, survey):
    client.force_login(people["alice"])
    response = client.post(reverse("satisfaction:improvements", args=[survey.pk]), {
        "item": "q2", "topic": "q2 เจ้าหน้าที่สุภาพ", "fix": "อบรมการให้บริการ", "owner": "งานบริการ",
        "due_on": "31/03/2569"})
    assert response.status_code == 302
    assert Improvement.objects.get().due_on == datetime.date(2026, 3, 31)  # not 2569 CE


def test_a_district_reads_its_provinces_improvements_but_plans_none(client, people, survey):
    """The round is the province's: its districts take part and read the list, the province plans."""
    from core.testing.factories import UserFactory

    district_committee = UserFactory(username="dee", office=people["bob"].office, role="committee")
    client.force_login(district_committee)
    url = reverse("satisfaction:improvements", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200 and "อบรมการให้บริการ" not in page.content.decode()
    assert 'name="fix"' not in page.content.decode()  # no form to add one
    response = client.post(url, {"item": "q2", "topic": "ATTACK", "fix": "ATTACK", "owner": "ATTACK",
                                 "due_on": "31/03/2569"})
    assert response.status_code == 403 and not Improvement.objects.exists()


def test_the_page_takes_the_same_queries_however_many_topics(client, people, offices):
    """Every suggested topic has its form; the rounds it may be re-measured by are read once for all of them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(items: int) -> int:
        questionnaire = questionnaire_create(office=offices["prov"], title=f"แบบ {items}", scale_max=5, items=[
            {"code": f"q{n}", "text": f"ข้อ {n}"} for n in range(items)])
        survey = round_create(questionnaire=questionnaire, office=offices["prov"], title=f"รอบ {items}")
        responses_record(survey=survey, forms=[{f"q{n}": 3 for n in range(items)}])
        client.get(reverse("satisfaction:improvements", args=[survey.pk]))  # the session and permissions, once
        with CaptureQueriesContext(connection) as seen:
            assert client.get(reverse("satisfaction:improvements", args=[survey.pk])).status_code == 200
        return len(seen)

    client.force_login(people["alice"])
    assert queries(3) == queries(12)
