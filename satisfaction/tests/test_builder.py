"""The questionnaire builder and the new-round page.

alice (committee, PROV) builds questionnaires and runs rounds; bob (office staff, DIST-A) may not;
carol's province (OTHER) does not exist for alice.
"""
import html as html_lib
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from satisfaction import metrics
from satisfaction.models import Item, Questionnaire, SurveyRound, Tally
from satisfaction.services import questionnaire_create, round_create
from stakeholders.services import group_save

pytestmark = pytest.mark.django_db

BUILDER = reverse("satisfaction:questionnaire_new")
PREVIEW = reverse("satisfaction:questionnaire_preview")
ROUND_NEW = reverse("satisfaction:round_new")


def row(n, code, text, kind="rating", dimension="", section="satisfaction", choices="", required=False):
    data = {f"items-{n}-code": code, f"items-{n}-text": text, f"items-{n}-dimension": dimension,
            f"items-{n}-kind": kind, f"items-{n}-section": section, f"items-{n}-choices": choices}
    if required:
        data[f"items-{n}-required"] = "1"
    return data


def builder_post(office, *rows, title="แบบสอบถามผู้รับบริการ", group=None):
    data = {"title": title, "group": group.pk if group else "", "office": office.pk, "scale_max": "4",
            "allow_no_opinion": "on"}
    for r in rows:
        data.update(r)
    return data


def test_the_builder_saves_the_items_in_the_order_shown_and_goes_on_to_a_round(client, people, offices):
    """Rows are read by their number (what the page's script renumbers after a move), not by the order sent."""
    client.force_login(people["alice"])
    farmers = group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    data = builder_post(offices["prov"],
                        row(2, "q1", "ความสะดวกของขั้นตอน", dimension="กระบวนการ", required=True),
                        row(1, "q2", "ความสุภาพของเจ้าหน้าที่", dimension="เจ้าหน้าที่"),
                        row(3, "ch", "ท่านทราบข่าวจากช่องทางใด", kind="choice", section="profile",
                            choices="วิทยุ, เฟซบุ๊ก ,, ป้ายประกาศ"),
                        row(4, "", ""), group=farmers)  # a row left blank is not an item
    response = client.post(BUILDER, data)
    questionnaire = Questionnaire.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{ROUND_NEW}?questionnaire={questionnaire.pk}"
    assert (questionnaire.office, questionnaire.scale_max, questionnaire.group,
            questionnaire.allow_no_opinion) == (offices["prov"], 4, farmers, True)
    items = list(questionnaire.items.values_list("order", "code", "dimension", "kind", "section", "choices",
                                                 "required"))
    assert items == [
        (1, "q2", "เจ้าหน้าที่", "rating", "satisfaction", [], False),
        (2, "q1", "กระบวนการ", "rating", "satisfaction", [], True),
        (3, "ch", "", "choice", "profile", ["วิทยุ", "เฟซบุ๊ก", "ป้ายประกาศ"], False),
    ]


def test_a_duplicate_code_writes_nothing_and_keeps_what_was_typed(client, people, offices):
    client.force_login(people["alice"])
    data = builder_post(offices["prov"], row(1, "q1", "ความสะดวกของขั้นตอน"),
                        row(2, "q1", "ความสุภาพของเจ้าหน้าที่", dimension="เจ้าหน้าที่"),
                        title="แบบสอบถามที่ยังไม่ถูก")
    response = client.post(BUILDER, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "ข้อ 2: รหัสข้อ q1 ซ้ำกับข้ออื่น" in html
    assert "แบบสอบถามที่ยังไม่ถูก" in html and "ความสุภาพของเจ้าหน้าที่" in html and 'value="เจ้าหน้าที่"' in html
    assert 'name="items-2-code" value="q1"' in html
    assert not Questionnaire.objects.exists() and not Item.objects.exists()


def test_the_builders_own_checks_and_the_services_messages_sit_by_their_rows(client, people, offices):
    client.force_login(people["alice"])
    response = client.post(BUILDER, builder_post(offices["prov"], row(1, "ข้อ 1", "คำถาม")))
    assert response.status_code == 400
    assert "ข้อ 1: รหัสข้อใช้ได้เฉพาะอักษรอังกฤษ" in response.content.decode()
    response = client.post(BUILDER, builder_post(offices["prov"], row(1, "c1", "เลือกหนึ่งข้อ", kind="choice")))
    assert "ข้อ 1: คำถามเลือกตอบต้องมีตัวเลือก" in response.content.decode()
    response = client.post(BUILDER, builder_post(offices["prov"]))
    assert "แบบสอบถามต้องมีข้อคำถามอย่างน้อย 1 ข้อ" in response.content.decode()
    assert not Questionnaire.objects.exists()


def textarea(html, name):
    match = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)
    return html_lib.unescape(match[1]) if match else None


def test_typed_bands_are_saved_as_the_questionnaires_own(client, people, offices):
    """Hyphen, en dash or "ถึง" between the numbers, Thai digits too; blank lines are skipped."""
    client.force_login(people["alice"])
    typed = "3.26–4.00 มากที่สุด\r\n2.51 - 3.25 มาก\r\n\r\n๑.๗๖ ถึง ๒.๕๐ น้อย\r\n1.00–1.75 น้อยที่สุด\r\n"
    response = client.post(BUILDER, {**builder_post(offices["prov"], row(1, "q1", "ความสะดวก")), "bands": typed})
    assert response.status_code == 302
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.scale_max == 4
    assert questionnaire.bands == [["3.26", "4.00", "มากที่สุด"], ["2.51", "3.25", "มาก"], ["1.76", "2.50", "น้อย"],
                                   ["1.00", "1.75", "น้อยที่สุด"]]
    assert metrics.band(Decimal("2.5"), metrics.bands_for(questionnaire.bands, 4)) == "น้อย"


def test_blank_bands_mean_the_standard_ones(client, people, offices):
    client.force_login(people["alice"])
    page = client.get(BUILDER).content.decode()
    assert textarea(page, "bands") == ""
    assert re.search(r'<textarea name="bands"[^>]*placeholder="4.21–5.00 มากที่สุด\n3.41–4.20 มาก', page)
    response = client.post(BUILDER, {**builder_post(offices["prov"], row(1, "q1", "ความสะดวก")), "bands": " \r\n "})
    assert response.status_code == 302
    assert Questionnaire.objects.get().bands == []


def test_a_band_line_that_cannot_be_read_is_named_and_the_text_kept(client, people, offices):
    client.force_login(people["alice"])
    typed = "3.26–4.00 มากที่สุด\r\nมาก 2.51-3.25\r\n1.00–2.50"
    response = client.post(BUILDER, {**builder_post(offices["prov"], row(1, "q1", "ความสะดวก")), "bands": typed})
    html = response.content.decode()
    assert response.status_code == 400
    errors = response.context["form"].errors["bands"]
    assert len(errors) == 2 and errors[0].startswith("บรรทัดที่ 2: ") and errors[1].startswith("บรรทัดที่ 3: ")
    assert "บรรทัดที่ 2: อ่านไม่ได้ “มาก 2.51-3.25”" in html
    assert textarea(html, "bands") == typed
    assert not Questionnaire.objects.exists() and not Item.objects.exists()


def test_bands_outside_the_scale_are_refused_with_the_services_message(client, people, offices):
    client.force_login(people["alice"])
    typed = "4.21–5.00 มากที่สุด\r\n1.00–4.20 มาก"
    response = client.post(BUILDER, {**builder_post(offices["prov"], row(1, "q1", "ความสะดวก")), "bands": typed})
    html = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["bands"] == ["เกณฑ์แปลผล 4.21–5.00 ต้องอยู่ระหว่าง 1–4 และมีคำแปลผล"]
    assert "เกณฑ์แปลผล 4.21–5.00 ต้องอยู่ระหว่าง 1–4 และมีคำแปลผล" in html
    assert textarea(html, "bands") == typed
    assert not Questionnaire.objects.exists() and not Item.objects.exists()


def test_the_preview_is_the_public_page_for_the_rows_as_typed_and_saves_nothing(client, people, offices):
    client.force_login(people["alice"])
    response = client.post(PREVIEW, builder_post(offices["prov"], row(1, "q1", "ความสะดวกของขั้นตอน",
                                                                      dimension="กระบวนการ")))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert 'id="privacy-notice"' in html and "ด้านกระบวนการ" in html and "ความสะดวกของขั้นตอน" in html
    assert 'id="q_q1-4"' in html and 'id="q_q1-5"' not in html  # a four-point scale
    assert 'id="q_q1-na"' in html
    assert not Questionnaire.objects.exists()


def test_a_round_is_created_for_the_questionnaire_and_linked_to_the_earlier_one(client, people, offices):
    alice = people["alice"]
    questionnaire = questionnaire_create(office=offices["prov"], title="แบบสอบถามผู้รับบริการ", scale_max=5,
                                         items=[{"code": "q1", "text": "ความสะดวก", "kind": "rating"}])
    first = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบแรก")
    client.force_login(alice)
    page = client.get(ROUND_NEW, {"questionnaire": questionnaire.pk})
    assert page.status_code == 200 and "รอบแรก" in page.content.decode()
    response = client.post(f"{ROUND_NEW}?questionnaire={questionnaire.pk}", {
        "questionnaire": questionnaire.pk, "title": "รอบสำรวจซ้ำ", "office": offices["dist_a"].pk,
        "starts_on": "01/10/2569", "ends_on": "31/12/2569", "previous": first.pk, "requires_token": "on"})
    survey = SurveyRound.objects.get(title="รอบสำรวจซ้ำ")
    assert response.status_code == 302 and response["Location"] == reverse("satisfaction:results", args=[survey.pk])
    assert (survey.office, survey.previous, survey.requires_token, survey.created_by) == (
        offices["dist_a"], first, True, alice)
    assert (str(survey.starts_on), str(survey.ends_on)) == ("2026-10-01", "2026-12-31")
    assert Tally.objects.filter(round=survey).count() == 6  # "no opinion" and 1–5
    assert client.get(response["Location"]).status_code == 200


def test_a_round_ending_before_it_starts_is_refused_with_the_services_message(client, people, offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="แบบ", scale_max=5,
                                         items=[{"code": "q1", "text": "ความสะดวก"}])
    client.force_login(people["alice"])
    response = client.post(ROUND_NEW, {"questionnaire": questionnaire.pk, "title": "รอบ", "office": offices["prov"].pk,
                                       "starts_on": "31/12/2569", "ends_on": "01/10/2569"})
    assert response.status_code == 400 and "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in response.content.decode()
    assert not SurveyRound.objects.exists()


def test_a_previous_round_of_another_questionnaire_is_refused(client, people, offices):
    one, two = (questionnaire_create(office=offices["prov"], title=title, scale_max=5,
                                     items=[{"code": "q1", "text": "ความสะดวก"}]) for title in ("แบบ ก", "แบบ ข"))
    earlier = round_create(questionnaire=one, office=offices["prov"], title="รอบของแบบ ก")
    client.force_login(people["alice"])
    response = client.post(ROUND_NEW, {"questionnaire": two.pk, "title": "รอบ", "office": offices["prov"].pk,
                                       "previous": earlier.pk})
    assert response.status_code == 400 and "รอบก่อนหน้าต้องใช้แบบสอบถามเดียวกัน" in response.content.decode()
    assert SurveyRound.objects.count() == 1


def test_offices_and_questionnaires_outside_the_users_scope_are_refused(client, people, offices):
    client.force_login(people["alice"])
    response = client.post(BUILDER, builder_post(offices["other"], row(1, "q1", "ความสะดวก")))
    assert response.status_code == 400 and "office" in response.context["form"].errors
    assert not Questionnaire.objects.exists()
    assert offices["other"].name not in client.get(BUILDER).content.decode()

    theirs = questionnaire_create(office=offices["other"], title="แบบของจังหวัดอื่น", scale_max=5,
                                  items=[{"code": "q1", "text": "ความสะดวก"}])
    assert client.get(ROUND_NEW, {"questionnaire": theirs.pk}).status_code == 404
    response = client.post(ROUND_NEW, {"questionnaire": theirs.pk, "title": "รอบ", "office": offices["prov"].pk})
    assert response.status_code == 400 and "questionnaire" in response.context["form"].errors
    ours = questionnaire_create(office=offices["prov"], title="แบบของเรา", scale_max=5,
                                items=[{"code": "q1", "text": "ความสะดวก"}])
    response = client.post(ROUND_NEW, {"questionnaire": ours.pk, "title": "รอบ", "office": offices["other"].pk})
    assert response.status_code == 400 and "office" in response.context["form"].errors
    assert not SurveyRound.objects.exists()


def test_office_staff_may_not_build_questionnaires_or_create_rounds(client, people, offices):
    client.force_login(people["bob"])
    assert client.get(BUILDER).status_code == 403
    assert client.post(BUILDER, builder_post(offices["dist_a"], row(1, "q1", "ความสะดวก"))).status_code == 403
    assert client.post(PREVIEW, builder_post(offices["dist_a"], row(1, "q1", "ความสะดวก"))).status_code == 403
    assert client.get(ROUND_NEW).status_code == 403
    assert not Questionnaire.objects.exists()


def test_strangers_are_sent_to_log_in(client):
    assert client.get(BUILDER).status_code == 302
    assert client.get(ROUND_NEW).status_code == 302
