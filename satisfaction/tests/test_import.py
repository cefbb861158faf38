"""Spreadsheet import of paper questionnaires: template, preview, all or nothing, idempotent on the form number."""
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from satisfaction import imports
from satisfaction.models import Response
from satisfaction.selectors import round_results
from satisfaction.services import questionnaire_create, round_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def survey(offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5, items=[
        {"code": "q1", "text": "ขั้นตอนการให้บริการสะดวก รวดเร็ว ไม่ยุ่งยากซับซ้อน และมีความชัดเจนทุกขั้นตอน"},
        {"code": "q2", "text": "เจ้าหน้าที่สุภาพ"},
        {"code": "d1", "text": "ไม่พอใจการให้บริการ", "kind": "yes_no", "section": "dissatisfaction"}])
    return round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1/2569")


def xlsx(survey, rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(imports.template_headers(survey))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("answers.xlsx", out.getvalue())


def upload(client, survey, file):
    return client.post(reverse("satisfaction:import", args=[survey.pk]), {"file": file})


def test_the_template_has_thai_headers_from_the_questionnaire(client, people, survey):
    client.force_login(people["bob"])
    content = client.get(reverse("satisfaction:import-template", args=[survey.pk, "xlsx"])).content
    header = [c.value for c in load_workbook(io.BytesIO(content)).worksheets[0][1]]
    assert header[0] == "เลขที่แบบสอบถาม"
    assert header[1].startswith("q1 ขั้นตอนการให้บริการ") and header[1].endswith("…") and len(header[1]) <= 43
    assert header[2:] == ["q2 เจ้าหน้าที่สุภาพ", "d1 ไม่พอใจการให้บริการ"]
    content = client.get(reverse("satisfaction:import-template", args=[survey.pk, "csv"])).content
    assert next(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == header


def test_a_good_file_previews_then_imports_and_the_results_change(client, people, survey):
    client.force_login(people["bob"])
    response = upload(client, survey, xlsx(survey, [("001", 5, 4, "ไม่ใช่"), ("002", 3, "n/a", "ใช่"),
                                                    ("003", "4", "-", None)]))
    assert response.status_code == 302
    preview = client.get(response.url)
    assert "ใหม่ 3" in preview.content.decode() and "ยืนยันนำเข้า 3 ฉบับ" in preview.content.decode()
    assert not Response.objects.exists()  # the preview writes nothing
    assert client.post(response.url, {"confirm": "1"}).status_code == 302
    results = round_results(survey)
    assert results.respondents == 3 and results.items[0].n == 3 and results.items[1].no_opinion == 2
    assert results.dissatisfaction_reported == 50
    assert set(Response.objects.values_list("source", flat=True)) == {"import"}


def test_one_bad_row_writes_nothing_and_names_the_row_and_item(client, people, survey):
    client.force_login(people["bob"])
    url = upload(client, survey, xlsx(survey, [("001", 5, 4, None), ("002", 9, 4, None)])).url
    body = client.get(url).content.decode()
    assert "แถว 3 ข้อ q1: คะแนนต้องเป็นเลข 1–5" in body
    assert "พบข้อผิดพลาด 1 แถว" in body and "ยืนยันนำเข้า" not in body
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 422 and "แถว 3 ข้อ q1" in response.content.decode()
    assert not Response.objects.exists() and round_results(survey).respondents == 0


def test_a_row_without_form_number_is_an_error(client, people, survey):
    stored = imports.StoredRows(codes=["q1"], rows=[(2, "", ["5"])])
    check = imports.responses_import_check(survey=survey, stored=stored)
    assert check.errors == ["แถว 2: ต้องระบุเลขที่แบบสอบถาม"]


def test_reimporting_the_same_file_records_nothing_new(client, people, survey):
    client.force_login(people["bob"])
    rows = [("001", 5, 4, None), ("002", 3, 2, None)]
    client.post(upload(client, survey, xlsx(survey, rows)).url, {"confirm": "1"})
    url = upload(client, survey, xlsx(survey, rows + [("003", 1, 1, None)])).url
    assert "มีอยู่แล้ว (ข้าม) 2" in client.get(url).content.decode()
    client.post(url, {"confirm": "1"})
    url = upload(client, survey, xlsx(survey, rows)).url
    assert "ทุกแถวมีอยู่แล้ว ไม่มีแบบสอบถามใหม่ให้นำเข้า (นำเข้า 0 ฉบับ)" in client.get(url).content.decode()
    client.post(url, {"confirm": "1"})
    assert Response.objects.count() == 3 and round_results(survey).respondents == 3


def test_chunks_are_all_or_nothing(people, survey, monkeypatch):
    """A bad row in a later chunk undoes the chunks already recorded."""
    monkeypatch.setattr(imports, "CHUNK", 2)
    stored = imports.StoredRows(codes=["q1"], rows=[(2, "1", ["5"]), (3, "2", ["4"]), (4, "3", ["x"])])
    with pytest.raises(imports.ImportRejected) as caught:
        imports.responses_import(survey=survey, stored=stored)
    assert caught.value.check.errors == ["แถว 4 ข้อ q1: คะแนนต้องเป็นเลข 1–5"]
    assert not Response.objects.exists()


def test_a_csv_in_windows_874_is_read(client, people, survey):
    client.force_login(people["bob"])
    text = "เลขที่แบบสอบถาม,q1 ขั้นตอน,d1 ไม่พอใจ\r\nA1,5,ใช่\r\n"
    response = upload(client, survey, SimpleUploadedFile("a.csv", text.encode("cp874")))
    client.post(response.url, {"confirm": "1"})
    assert round_results(survey).dissatisfaction_reported == 100


def test_a_column_that_is_not_an_item_is_refused(client, people, survey):
    client.force_login(people["bob"])
    response = upload(client, survey, SimpleUploadedFile("a.csv", "เลขที่แบบสอบถาม,zz อื่น\r\n1,5\r\n".encode()))
    assert response.status_code == 200 and "zz อื่น" in response.content.decode()


def test_another_users_token_is_a_404(client, people, survey):
    client.force_login(people["bob"])
    url = upload(client, survey, xlsx(survey, [("001", 5, 4, None)])).url
    client.force_login(people["alice"])  # sees the round, but the upload is bob's
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "1"}).status_code == 404
    assert not Response.objects.exists()


def test_another_province_cannot_import(client, people, survey):
    client.force_login(people["carol"])
    assert client.get(reverse("satisfaction:import", args=[survey.pk])).status_code == 404
    assert client.get(reverse("satisfaction:import-template", args=[survey.pk, "xlsx"])).status_code == 404


def test_readers_without_add_response_are_forbidden(client, people, survey):
    client.force_login(people["erin"])  # executive: reads results, keys in nothing
    assert client.get(reverse("satisfaction:import", args=[survey.pk])).status_code == 403


def test_a_form_number_too_long_for_its_column_is_the_same_error_in_preview_and_confirm(client, people, survey):
    """PostgreSQL used to refuse it only at confirm, with a server error, after the preview had called it fine."""
    client.force_login(people["bob"])
    url = upload(client, survey, xlsx(survey, [("F" * 65, 5, 4, None), ("002", 4, 4, None)])).url
    message = "แถว 2: เลขที่แบบยาวเกิน 64 ตัวอักษร (ที่ส่งมามี 65 ตัวอักษร)"
    assert message in client.get(url).content.decode()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 422 and message in response.content.decode()
    assert not Response.objects.exists()


def test_control_characters_in_cells_are_removed_on_the_way_in(client, people, offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5, items=[
        {"code": "q1", "text": "เจ้าหน้าที่สุภาพ"}, {"code": "c1", "text": "ข้อเสนอแนะ", "kind": "text"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1/2569")
    client.force_login(people["bob"])
    lines = [",".join(imports.template_headers(survey)), "0\x0b01,5,ควร\x00ขยาย\x1fเวลา"]
    url = upload(client, survey, SimpleUploadedFile("answers.csv", "\n".join(lines).encode())).url
    assert client.post(url, {"confirm": "1"}).status_code == 302
    response = Response.objects.get()
    assert response.form_number == "001" and response.answers.get(item__code="c1").text == "ควรขยายเวลา"
