"""Figures by respondent profile (stakeholder group, office, channel), on a hand-worked table.

Two rating items in two dimensions; the profile asks the respondent's group and the channel used.

    group          channel   q1  q2
    เกษตรกร         ศูนย์     5   4
    เกษตรกร         ออนไลน์   4   n/a
    เกษตรกร         ศูนย์     3   3      (recorded in a second batch)
    ผู้ประกอบการ     ออนไลน์   2   1      (recorded in a second batch)
    (not answered)  ศูนย์     5   5

เกษตรกร: 3 respondents, answers 5,4,4,3,3 → n 5, mean 19/5 = 3.80, SD √(2.8/4) = 0.84, มาก; mean method
3.80 ÷ 5 = 76.00 %; top two 3 of 5 = 60.00 %; bottom two 0.00 %. กระบวนการ (q1) 5,4,3 → 4.00; เจ้าหน้าที่ (q2) 4,3 → 3.50.
ผู้ประกอบการ: 1 respondent, answers 2,1 → n 2, mean 1.50, SD √0.5 = 0.71, น้อยที่สุด; 30.00 %; top two 0.00 %;
bottom two 100.00 %. กระบวนการ 2.00; เจ้าหน้าที่ 1.00.
"""
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from satisfaction.choices import ResponseSource
from satisfaction.models import Answer, GroupTally, Response
from satisfaction.selectors import round_results
from satisfaction.services import questionnaire_create, responses_record, round_create

pytestmark = pytest.mark.django_db

ITEMS = [
    {"code": "g", "text": "ท่านเป็นผู้รับบริการกลุ่มใด", "kind": "choice", "section": "profile",
     "choices": ["เกษตรกร", "ผู้ประกอบการ"]},
    {"code": "ch", "text": "ช่องทางที่ใช้บริการ", "kind": "choice", "section": "profile",
     "choices": ["ศูนย์บริการ", "ออนไลน์"]},
    {"code": "q1", "text": "ความสะดวกของขั้นตอน", "dimension": "กระบวนการ"},
    {"code": "q2", "text": "ความสุภาพของเจ้าหน้าที่", "dimension": "เจ้าหน้าที่"},
]
FIRST = [{"g": "เกษตรกร", "ch": "ศูนย์บริการ", "q1": 5, "q2": 4},
         {"g": "เกษตรกร", "ch": "ออนไลน์", "q1": 4, "q2": "n/a"}]
SECOND = [{"g": "เกษตรกร", "ch": "ศูนย์บริการ", "q1": 3, "q2": 3},
          {"g": "ผู้ประกอบการ", "ch": "ออนไลน์", "q1": 2, "q2": 1},
          {"ch": "ศูนย์บริการ", "q1": 5, "q2": 5}]


@pytest.fixture
def survey(offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="แบบสอบถามจำแนกกลุ่ม", scale_max=5,
                                         items=ITEMS)
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบจำแนกกลุ่ม")
    responses_record(survey=survey, forms=FIRST, source=ResponseSource.ENTRY)
    responses_record(survey=survey, forms=SECOND, source=ResponseSource.ENTRY)
    return survey


def _rows(breakdown):
    return [(r.label, r.respondents, r.stats.n, r.stats.mean, r.stats.sd, r.band, r.satisfaction_mean,
             r.satisfaction_top2, r.dissatisfaction_bottom2, r.dimension_means) for r in breakdown.rows]


def test_figures_by_group_are_the_hand_worked_ones(survey):
    results = round_results(survey)
    group, channel = results.breakdowns
    assert (group.code, group.text) == ("g", "ท่านเป็นผู้รับบริการกลุ่มใด")
    assert [name for name, _stats, _band in results.dimensions] == ["กระบวนการ", "เจ้าหน้าที่"]
    assert _rows(group) == [
        ("เกษตรกร", 3, 5, D("3.80"), D("0.84"), "มาก", D("76.00"), D("60.00"), D("0.00"), [D("4.00"), D("3.50")]),
        ("ผู้ประกอบการ", 1, 2, D("1.50"), D("0.71"), "น้อยที่สุด", D("30.00"), D("0.00"), D("100.00"),
         [D("2.00"), D("1.00")]),
    ]
    # ศูนย์บริการ: 5,4,3,3,5,5 → 25/6 = 4.17; ออนไลน์: 4,2,1 → 7/3 = 2.33
    assert [(r.label, r.respondents, r.stats.n, r.stats.mean) for r in channel.rows] == [
        ("ศูนย์บริการ", 3, 6, D("4.17")), ("ออนไลน์", 2, 3, D("2.33"))]


def test_a_group_nobody_answered_shows_dashes_not_zero(offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="ว่าง", scale_max=4, items=ITEMS)
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="ยังไม่มีผู้ตอบ")
    row = round_results(survey).breakdowns[0].rows[0]
    assert (row.respondents, row.stats.n, row.stats.mean, row.satisfaction_mean, row.dimension_means) == (
        0, 0, None, None, [None, None])


def test_a_round_without_profile_questions_has_no_breakdowns(offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="ไม่มีข้อมูลผู้ตอบ", scale_max=5,
                                         items=ITEMS[2:])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="ไม่จำแนก")
    responses_record(survey=survey, forms=[{"q1": 5, "q2": 4}])
    assert round_results(survey).breakdowns == []
    assert not GroupTally.objects.filter(round=survey).exists()


def test_the_migration_rebuilds_the_same_group_tallies_from_the_answers(survey):
    """Rounds recorded before figures by group existed get them from their answers, as the service keeps them."""
    build = __import__("satisfaction.migrations.0007_group_tallies", fromlist=["build_group_tallies"])
    kept = sorted(GroupTally.objects.filter(round=survey).values_list(
        "group_item__code", "group_value", "item__code", "value", "count"))
    GroupTally.objects.filter(round=survey).delete()
    build.build_group_tallies(apps, None)
    rebuilt = sorted(GroupTally.objects.filter(round=survey).values_list(
        "group_item__code", "group_value", "item__code", "value", "count"))
    assert rebuilt == kept
    assert ("g", 0, "q1", 4, 1) in rebuilt and ("g", 1, "q2", 1, 1) in rebuilt


def test_the_page_the_api_and_the_summary_export_show_the_groups(client, people, survey):
    client.force_login(people["alice"])
    html = client.get(reverse("satisfaction:results", args=[survey.pk])).content.decode()
    assert "ผลจำแนกตาม: ท่านเป็นผู้รับบริการกลุ่มใด" in html
    assert 'id="breakdown-ch"' in html and "76.00" in html

    body = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    farmers = body["breakdowns"][0]["groups"][0]
    assert (farmers["answer"], farmers["respondents"], farmers["n"], farmers["mean"]) == ("เกษตรกร", 3, 5, 3.8)
    assert farmers["satisfaction_percent"] == {"mean": 76.0, "top2": 60.0}
    assert farmers["dissatisfaction_percent"] == {"bottom2": 0.0}

    sheet = load_workbook(BytesIO(b"".join(client.get(reverse("satisfaction:export_summary", args=[survey.pk]))
                                           .streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert ("จำแนกตาม: ท่านเป็นผู้รับบริการกลุ่มใด",) in [tuple(c for c in row if c is not None) for row in rows]
    entrepreneurs = next(r for r in rows if r[0] == "ผู้ประกอบการ")
    assert entrepreneurs[1:9] == [1, 2, 1.5, 0.71, "น้อยที่สุด", 30, 0, 100]


def test_deleting_a_round_takes_its_answers_with_it(survey):
    """Answers have no database foreign key (see the model): Django's cascade must still remove them."""
    assert Answer.objects.filter(response__round=survey).count() == 19
    survey.delete()
    assert not Response.objects.exists() and not Answer.objects.exists() and not GroupTally.objects.exists()
