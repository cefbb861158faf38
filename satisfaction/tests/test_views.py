"""The CS6 pages: the rounds a user sees, a round's results (with the repeat-round comparison) and its exports.

alice (committee, PROV) runs the rounds; bob keys forms in at DIST-A, below PROV, and reads PROV's rounds;
carol (OTHER) is another province: PROV's rounds do not exist for her.
"""
import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from satisfaction.choices import ResponseSource
from satisfaction.services import questionnaire_create, responses_record, round_create

pytestmark = pytest.mark.django_db

ITEMS = [
    {"code": "q1", "text": "ความสะดวกของขั้นตอน", "dimension": "กระบวนการ", "kind": "rating"},
    {"code": "q2", "text": "ความสุภาพของเจ้าหน้าที่", "dimension": "เจ้าหน้าที่", "kind": "rating"},
    {"code": "d1", "text": "ท่านไม่พึงพอใจเรื่องใดหรือไม่", "kind": "yes_no", "section": "dissatisfaction"},
    {"code": "c1", "text": "ข้อเสนอแนะ", "kind": "text"},
]
# Rating answers 5,4,2,5 (q1) and 4,1,5 (q2), one "no opinion": 26 / 7 = 3.714… → 74.29 %; top two 5 of 7
# = 71.43 %; bottom two 2 of 7 = 28.57 %; one of the two who answered d1 reports dissatisfaction: 50.00 %.
FORMS = [
    {"q1": 5, "q2": 4, "d1": "ไม่ใช่", "c1": "บริการดี"},
    {"q1": 4, "q2": "n/a", "d1": "ใช่"},
    {"q1": 2, "q2": 1, "d1": None},
    {"q1": 5, "q2": 5},
]


def make_round(office, title="ความพึงพอใจผู้รับบริการ 2569", previous=None, forms=FORMS, questionnaire=None):
    questionnaire = questionnaire or questionnaire_create(office=office, title="แบบสอบถามผู้รับบริการ",
                                                          scale_max=5, items=ITEMS)
    survey = round_create(questionnaire=questionnaire, office=office, title=title, previous=previous)
    if forms:
        responses_record(survey=survey, forms=forms, source=ResponseSource.ENTRY,
                         form_numbers=[f"F-{n:03}" for n in range(1, len(forms) + 1)])
    return survey


@pytest.fixture
def survey(offices):
    return make_round(offices["prov"])


def page(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(f"satisfaction:{name}", args=args))


def test_the_round_list_shows_the_rounds_of_the_users_offices_and_above(client, people, offices, survey):
    make_round(offices["other"], title="รอบของจังหวัดอื่น")
    html = page(client, people["bob"], "index").content.decode()
    assert "ความพึงพอใจผู้รับบริการ 2569" in html and offices["prov"].name in html
    assert "รอบของจังหวัดอื่น" not in html
    assert "รอบของจังหวัดอื่น" in page(client, people["carol"], "index").content.decode()
    assert "ความพึงพอใจผู้รับบริการ 2569" not in page(client, people["carol"], "index").content.decode()


def test_the_round_list_needs_a_login(client, survey):
    assert client.get(reverse("satisfaction:index")).status_code == 302


def test_the_round_list_query_count_does_not_grow_with_rounds(client, people, offices, survey):
    client.force_login(people["alice"])
    url = reverse("satisfaction:index")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        make_round(offices["dist_a" if n % 2 else "prov"], title=f"รอบที่ {n}")
    with CaptureQueriesContext(connection) as six:
        response = client.get(url)
    body = response.content.decode()
    assert len(re.findall(r'href="/cs6/rounds/\d+/"', body)) == 12  # title and button per round
    assert len(six) == len(one)


def test_the_results_page_shows_the_worked_figures_in_thai(client, people, survey):
    html = page(client, people["alice"], "results", survey.pk).content.decode()
    for figure in ["74.29", "71.43", "28.57", "50.00"]:
        assert figure in html
    assert "ร้อยละความพึงพอใจ (RM 3.1) วิธีค่าเฉลี่ย" in html and "ร้อยละความไม่พึงพอใจ (RM 3.2)" in html
    # q1: 5,4,2,5 → mean 4.00, SD 1.41 (มาก); q2: 4,1,5 → 3.33, SD 2.08 (ปานกลาง), one no opinion
    assert "4.00" in html and "1.41" in html and "3.33" in html and "2.08" in html
    assert "มาก" in html and "ปานกลาง" in html
    assert 'id="cs6-charts"' in html and "chart.umd.min.js" in html
    assert "เปรียบเทียบกับรอบก่อน" not in html


def test_the_results_page_query_count_does_not_grow_with_responses(client, people, survey):
    client.force_login(people["alice"])
    url = reverse("satisfaction:results", args=[survey.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    responses_record(survey=survey, forms=FORMS * 25)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_a_clearly_better_repeat_round_is_significantly_different(client, people, offices, survey):
    low = [{"q1": v, "q2": w} for v, w in [(2, 3), (3, 2), (2, 2), (3, 3), (2, 3), (1, 2), (3, 2), (2, 3)]]
    before = make_round(offices["prov"], title="รอบก่อนปรับปรุง", forms=low)
    high = [{"q1": v, "q2": w} for v, w in [(5, 4), (4, 5), (5, 5), (4, 4), (5, 4), (5, 5), (4, 5), (5, 4)]]
    after = make_round(offices["prov"], title="รอบหลังปรับปรุง", previous=before, forms=high,
                       questionnaire=before.questionnaire)
    html = page(client, people["alice"], "results", after.pk).content.decode()
    assert "เปรียบเทียบกับรอบก่อนการปรับปรุง: รอบก่อนปรับปรุง" in html
    table = html[html.index('id="table-comparison"'):]
    assert "แตกต่างอย่างมีนัยสำคัญ" in table
    # q1: 2.25 → 4.63 (+2.38); q2: 2.50 → 4.50 (+2.00); both far beyond chance
    assert "2.25" in table and "4.63" in table and "+2.38" in table and "+2.00" in table
    assert table.count("text-bg-success") == 2


def test_a_repeat_round_with_no_real_change_is_not_significant(client, people, offices, survey):
    again = make_round(offices["prov"], title="รอบซ้ำ", previous=survey, questionnaire=survey.questionnaire)
    table = page(client, people["alice"], "results", again.pk).content.decode().split('id="table-comparison"')[1]
    assert "text-bg-success" not in table and "ไม่ใช่" in table


def test_bob_below_prov_reads_provs_round(client, people, survey):
    assert page(client, people["bob"], "results", survey.pk).status_code == 200
    assert page(client, people["bob"], "export_answers", survey.pk).status_code == 200


def test_carol_in_another_province_gets_404_on_page_and_exports(client, people, survey):
    assert page(client, people["carol"], "results", survey.pk).status_code == 404
    assert page(client, people["carol"], "export_answers", survey.pk).status_code == 404
    assert page(client, people["carol"], "export_summary", survey.pk).status_code == 404


def _sheet(response):
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def test_the_raw_export_has_one_row_per_response_and_no_identity(client, people, survey):
    responses_record(survey=survey, forms=[{}])  # a form left entirely blank still counts as a row
    response = page(client, people["alice"], "export_answers", survey.pk)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _sheet(response)
    assert rows[0] == ["เลขที่แบบสอบถาม", "วันที่ตอบ", "ที่มา", "q1", "q2", "d1", "c1"]
    assert len(rows) == 1 + 5
    first, second = rows[1], rows[2]
    assert first[0] == "F-001" and second[0] == "F-002"
    assert first[2] == "บันทึกจากแบบสอบถามกระดาษ"
    assert first[3:] == [5, 4, "ไม่ใช่", "บริการดี"]
    assert second[3:] == [4, "ไม่แสดงความคิดเห็น", "ใช่", None]
    assert rows[5][3:] == [None, None, None, None]
    header = " ".join(rows[0]).lower()
    for identity in ["ชื่อ", "name", "email", "โทร", "phone", "fingerprint", "ip"]:
        assert identity not in header


def test_the_submitted_date_is_in_the_buddhist_era(client, people, survey):
    from django.utils import timezone

    year = timezone.localdate().year + 543
    rows = _sheet(page(client, people["alice"], "export_answers", survey.pk))
    assert rows[1][1].split()[0].endswith(f"/{year}")


def test_the_summary_export_has_n_mean_sd_and_band_per_item(client, people, survey):
    rows = _sheet(page(client, people["alice"], "export_summary", survey.pk))
    by_label = {row[0]: row for row in rows if row and row[0]}
    assert by_label["ร้อยละความพึงพอใจ (ค่าเฉลี่ย)"][1] == 74.29
    assert by_label["q1"][3:7] == [4, 4.0, 1.41, "มาก"]
    assert by_label["q2"][3:8] == [3, 3.33, 2.08, "ปานกลาง", 1]


def test_the_round_page_counts_responses_by_day(client, people, offices):
    from django.utils import timezone

    from satisfaction.selectors import responses_by_day
    from satisfaction.services import questionnaire_create, responses_record, round_create

    questionnaire = questionnaire_create(office=offices["prov"], title="รายวัน", scale_max=5,
                                         items=[{"code": "q1", "text": "บริการดี"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบรายวัน")
    responses_record(survey=survey, forms=[{"q1": 5}] * 3)
    responses_record(survey=survey, forms=[{"q1": 4}] * 2)
    assert responses_by_day(survey) == [(timezone.localdate(), 5)]
    client.force_login(people["alice"])
    body = client.get(reverse("satisfaction:results", args=[survey.pk])).content.decode()
    assert 'id="responses-by-day"' in body and "5 ราย" in body


def test_an_answer_or_title_that_looks_like_a_formula_is_exported_as_text(client, people, offices):
    """A respondent's open answer and a round's title are text to a spreadsheet, whatever they begin with."""
    from satisfaction.models import Answer

    survey = make_round(offices["prov"], title="=HYPERLINK(\"http://evil.example\",\"รอบ\")",
                        forms=[{"q1": 5, "c1": "=cmd|' /C calc'!A0"}, {"q1": 4, "c1": "@SUM(1+1)"}])
    Answer.objects.filter(text="@SUM(1+1)").update(text="ดี\x0bมาก")  # stored before input was cleaned
    for name in ("export_answers", "export_summary"):
        response = page(client, people["alice"], name, survey.pk)
        cells = [cell for row in load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
                 .iter_rows() for cell in row]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"], name
    texts = {cell.value for cell in cells}
    assert "=HYPERLINK(\"http://evil.example\",\"รอบ\")" in texts
    answers = _sheet(page(client, people["alice"], "export_answers", survey.pk))
    assert [row[6] for row in answers[1:]] == ["=cmd|' /C calc'!A0", "ดีมาก"]
