"""The indicators API on hand-worked data: one row per computed metric, for an office's subtree and a fiscal year.

Personas (conftest): alice committee@PROV (PROV, DIST-A, DIST-B), bob office staff@DIST-A, carol office staff@OTHER.

The data, FY 2569 (1 Oct 2025 – 30 Sep 2026):
- complaints answered: PROV on time, DIST-A on time, DIST-B late, OTHER late (another province) → PROV's subtree
  2 of 3 = 66.67 %; DIST-A alone 1 of 1 = 100.00 %.
- one survey round of PROV, five-point scale, three forms: ratings 5, 5 | 4, 1 | 2 → 17 ÷ 5 answers = 3.4 of 5 =
  68.00 % (mean method); top two (4–5): 3 of 5 = 60.00 %; bottom two (1–2): 2 of 5 = 40.00 %; the
  dissatisfaction question answered by two, one "yes" = 50.00 %.
"""
from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from complaints.choices import ReplyKind, ReplyMethod
from complaints.services import ticket_reply
from complaints.tests.factories import make_ticket
from core.plans.choices import Metric
from reports.wiring import METRICS

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators/"


def _answer(ticket, *, late: bool = False):
    on = ticket.due_on + timedelta(days=2) if late else ticket.received_on + timedelta(days=3)
    ticket_reply(ticket=ticket, kind=ReplyKind.FINAL, replied_on=on, method=ReplyMethod.PHONE, text="แจ้งผลแล้ว")


@pytest.fixture
def year_2569(offices):
    from satisfaction.services import questionnaire_create, responses_record, round_create

    _answer(make_ticket(office=offices["prov"], received_on=date(2026, 3, 2)))
    _answer(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    _answer(make_ticket(office=offices["dist_b"], received_on=date(2026, 3, 2)), late=True)
    _answer(make_ticket(office=offices["other"], received_on=date(2026, 3, 2)), late=True)
    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5, items=[
        {"code": "q1", "text": "ความสะดวกของขั้นตอน"}, {"code": "q2", "text": "ความสุภาพของเจ้าหน้าที่"},
        {"code": "d1", "text": "ท่านไม่พึงพอใจเรื่องใดหรือไม่", "kind": "yes_no", "section": "dissatisfaction"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1/2569",
                          starts_on=date(2026, 3, 1))
    responses_record(survey=survey, forms=[{"q1": 5, "q2": 5, "d1": "ไม่ใช่"}, {"q1": 4, "q2": 1, "d1": "ใช่"},
                                           {"q1": 2}])


def _get(user, **params):
    api = APIClient()
    api.force_authenticate(user)
    return api.get(URL, params)


def test_every_computed_metric_for_the_office_subtree_and_year(people, year_2569):
    response = _get(people["alice"], office="PROV", fiscal_year=2569)
    assert response.status_code == 200
    body = response.json()
    assert (body["office"], body["fiscal_year"]) == ("PROV", 2569)
    rows = {row["metric"]: row for row in body["results"]}
    assert list(rows) == list(METRICS) == list(Metric.values)
    assert rows["cs3_answered_on_time"] == {
        "metric": "cs3_answered_on_time", "name": "ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ",
        "value": "66.67", "numerator": 2, "denominator": 3}
    assert (rows["rm31_mean"]["value"], rows["rm31_mean"]["numerator"]) == ("68.00", None)
    assert [rows[m][k] for m in ("rm31_top2", "rm32_bottom2", "rm32_reported")
            for k in ("value", "numerator", "denominator")] == ["60.00", 3, 5, "40.00", 2, 5, "50.00", 1, 2]


def test_a_district_gets_its_own_figures_by_default(people, year_2569):
    rows = {row["metric"]: row for row in _get(people["bob"], fiscal_year=2569).json()["results"]}
    assert (rows["cs3_answered_on_time"]["value"], rows["cs3_answered_on_time"]["denominator"]) == ("100.00", 1)
    assert rows["rm31_mean"]["value"] is None and rows["rm31_top2"]["denominator"] == 0  # the round is PROV's


def test_a_year_without_data_answers_nulls_not_zeros(people, year_2569):
    rows = _get(people["alice"], office="PROV", fiscal_year=2568).json()["results"]
    assert {row["value"] for row in rows} == {None}


@pytest.mark.parametrize("params, field", [
    ({"office": "PROV", "fiscal_year": 2569}, "office"),  # another province's office: unknown to carol
    ({"office": "NOPE"}, "office"),
    ({"fiscal_year": "99999"}, "fiscal_year"),
    ({"fiscal_year": "²"}, "fiscal_year"),
])
def test_an_office_outside_the_scope_or_a_bad_year_is_a_400_in_thai(people, year_2569, params, field):
    response = _get(people["carol"], **params)
    assert response.status_code == 400 and field in response.json()
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in response.json()[field][0])


def test_no_sign_in_no_figures(client):
    assert client.get(URL).status_code in (401, 403)


def test_the_query_count_does_not_grow_with_the_data(people, offices, year_2569):
    """Every figure is counted in the database: ten times the tickets and forms, the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from satisfaction.models import SurveyRound
    from satisfaction.services import responses_record

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert _get(people["alice"], office="PROV", fiscal_year=2569).status_code == 200
        return len(seen)

    queries()  # the first request also fills the user's permission cache
    before = queries()
    for n in range(10):
        _answer(make_ticket(office=offices["dist_b"], received_on=date(2026, 4, 1) + timedelta(days=n)))
    responses_record(survey=SurveyRound.objects.get(), forms=[{"q1": 3, "q2": 4, "d1": "ไม่ใช่"}] * 30)
    assert queries() == before
