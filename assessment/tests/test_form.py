"""The self-assessment: the data shown beside the items (CS1, CS2, CS3), saving with typed evidence links, a form
that keeps what was typed, the copy from the previous year, history, who may do what, the PDF and the API, and no
personal data for executives."""
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient

from assessment import selectors, services
from assessment.choices import LinkKind
from assessment.facts import item_facts
from assessment.models import Answer
from assessment.services import AnswerInput
from channels import services as channel_services
from channels.selectors import channel_by_code
from complaints.models import Category
from complaints.services import ticket_create, ticket_reply
from core.fiscal import fiscal_year_bounds, fiscal_year_of
from core.plans.services import evidence_add
from core.testing.factories import ActionPlanFactory, IndicatorFactory
from stakeholders import services as cs1
from tests.isolation_walk import text_file

pytestmark = pytest.mark.django_db
PERSON = "นายสมศักดิ์ลับเฉพาะ"
CONTACT = "0891234567"
MEMBER = "นางสาวสมาชิกเครือข่ายลับ"


@pytest.fixture
def year():
    return fiscal_year_of(timezone.localdate())


@pytest.fixture
def world(offices, people, year, settings, tmp_path):
    """PROV with groups, a digital channel it used, three complaints (two of one category, one answered on time,
    with a complainant's name), a network member, and a CS3 plan with an evidence file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    prov = offices["prov"]
    today = timezone.localdate()
    received = max(fiscal_year_bounds(year)[0], today - timedelta(days=3))
    for kind, name, needs, rank in (("customer", "เกษตรกร", "ความรู้การผลิต", 1),
                                    ("customer", "วิสาหกิจชุมชน", "การตลาด", 2),
                                    ("customer", "ยุวเกษตรกร", "ทักษะอาชีพ", 3),
                                    ("stakeholder", "อปท.", "ข้อมูลพื้นที่", 1)):
        cs1.group_save(office=prov, kind=kind, name=name, needs=needs, rank=rank)
    channel_services.usage_record(user=people["alice"], entries=[
        channel_services.UsageEntry("PROV", "line", year, 40), channel_services.UsageEntry("PROV", "phone", year, 9)])
    category = Category.objects.create(name="การขึ้นทะเบียนเกษตรกรล่าช้า")
    tickets = [ticket_create(kind="complaint", channel=channel_by_code(code), office=prov, received_on=received,
                             subject="ขึ้นทะเบียนล่าช้า", detail="รายละเอียด", category=category,
                             complainant_name=PERSON, complainant_contact=CONTACT)
               for code in ("line", "phone")]
    ticket_reply(ticket=tickets[0], kind="final", replied_on=received, method="phone", text="ตอบแล้ว")
    from networks.services import member_add, network_save

    group = prov_group = cs1.group_save(office=prov, kind="stakeholder", name="เครือข่ายเกษตรกร", rank=2)
    network = network_save(office=prov, name="เครือข่ายอาสาเกษตร", form="club", groups=[group or prov_group],
                           contact_channels=[{"kind": "line", "value": "@net"}, {"kind": "phone", "value": "077"}])
    member_add(network=network, kind="person", name=MEMBER, phone="0811111111")
    plan = ActionPlanFactory(office=prov, fiscal_year=year, cs=3)
    IndicatorFactory(plan=plan, code="", name="ร้อยละของเรื่องร้องเรียนที่ตอบสนองทันเวลา", target=100,
                     manual_result=50)
    evidence = evidence_add(plan=plan, file=text_file("minutes.txt", "รายงานการประชุม"), title="รายงานการประชุมทบทวน")
    return {"prov": prov, "plan": plan, "evidence": evidence, "today": today}


def test_the_data_beside_the_items(world, people, year):
    facts = item_facts(user=people["alice"], office=world["prov"], fiscal_year=year, today=world["today"])
    lines = {code: " | ".join(line for fact in found for line in fact.lines) for code, found in facts.items()}
    # 3.2.2: the two most important customers and the most important stakeholder, with their needs (CS1).
    assert "ผู้รับบริการลำดับที่ 1 คือ เกษตรกร มีความต้องการ คือ ความรู้การผลิต" in lines["3.2.2"]
    assert "ผู้รับบริการลำดับที่ 2 คือ วิสาหกิจชุมชน" in lines["3.2.2"] and "ยุวเกษตรกร" not in lines["3.2.2"]
    assert "ผู้มีส่วนได้ส่วนเสียลำดับที่ 1 คือ อปท. มีความต้องการ คือ ข้อมูลพื้นที่" in lines["3.2.2"]
    # 3.1.3: LINE is digital, the telephone is not (CS2).
    assert "LINE" in lines["3.1.3"] and "โทรศัพท์" not in lines["3.1.3"]
    # 3.4.3: the same category twice at the same office; 3.4.4: one of one counted answered on time (CS3 KPI).
    assert "การขึ้นทะเบียนเกษตรกรล่าช้า ที่ สำนักงานจังหวัดทดสอบ 2 เรื่อง" in lines["3.4.3"]
    assert lines["3.4.4"] == "100.00% (1 จาก 1 เรื่อง)"
    assert "LINE 1 เรื่อง" in lines["3.4.5"]


def test_the_data_beside_the_items_takes_a_fixed_number_of_queries(world, people, year):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        before = item_facts(user=people["alice"], office=world["prov"], fiscal_year=year, today=world["today"])
    category = Category.objects.first()
    for n in range(6):
        ticket_create(kind="complaint", channel=channel_by_code("line"), office=world["prov"],
                      received_on=world["today"] - timedelta(days=1), subject=f"เรื่อง {n}", detail="-",
                      category=category)
    with CaptureQueriesContext(connection) as many:
        after = item_facts(user=people["alice"], office=world["prov"], fiscal_year=year, today=world["today"])
    assert len(many) == len(few)
    assert after != before  # the six new complaints were read (digital channels, frequent complaints), not skipped


def _post(world, **over):
    data = {}
    for item in ("3.1.1", "3.4.4"):
        prefix = "i" + item.replace(".", "")
        data[f"{prefix}-status"] = "starting"
        data[f"{prefix}-details"] = f"รายละเอียดหัวข้อ {item}"
    data["i344-status"] = "implemented"
    data["i344-plans"] = [world["plan"].pk]
    data["i344-files"] = [world["evidence"].pk]
    data["i344-registers"] = ["cs3_dashboard"]
    data.update(over)
    return data


def test_the_committee_saves_the_form_with_typed_evidence_links(client, people, world, year):
    client.force_login(people["alice"])
    url = f"/pmqa40/?office=PROV&fiscal_year={year}"
    # Items not posted are saved as not started (every item of the page is posted in real use).
    response = client.post(url, _post(world))
    assert response.status_code == 400  # the other items have no status: each says so, nothing is saved
    body = response.content.decode()
    assert "กรุณาเลือกสถานะ" in body and "รายละเอียดหัวข้อ 3.4.4" in body  # what was typed is kept
    assert not Answer.objects.exists()
    full = {f"i{code.replace('.', '')}-status": "not_started" for code in [i.code for i in selectors.ITEMS]}
    response = client.post(url, {**full, **_post(world)})
    assert response.status_code == 302
    answer = Answer.objects.get(item="3.4.4")
    assert answer.status == "implemented" and answer.details == "รายละเอียดหัวข้อ 3.4.4"
    assert set(answer.links.values_list("kind", flat=True)) == {LinkKind.PLAN, LinkKind.FILE, LinkKind.REGISTER}
    assert Answer.objects.count() == 13
    page = client.get(url).content.decode()
    assert f"/plans/{world['plan'].pk}/" in page and world["evidence"].get_absolute_url() in page
    # A plan of another office is not on the list: refused with a Thai message, nothing changed.
    other = ActionPlanFactory(office=people["carol"].office, fiscal_year=year, cs=3)
    response = client.post(url, {**full, **_post(world, **{"i344-plans": [other.pk], "i344-details": "ใหม่"})})
    assert response.status_code == 400 and "แผนที่เลือกอ้างอิงไม่ได้" in response.content.decode()
    assert Answer.objects.get(item="3.4.4").details == "รายละเอียดหัวข้อ 3.4.4"
    # Every change is kept (simple-history).
    client.post(url, {**full, **_post(world, **{"i344-details": "แก้ไขครั้งที่สอง", "i344-files": []})})
    answer = Answer.objects.get(item="3.4.4")
    assert answer.details == "แก้ไขครั้งที่สอง" and not answer.links.filter(kind=LinkKind.FILE).exists()
    assert answer.history.count() == 2


def test_the_service_refuses_what_the_office_may_not_cite(world, year):
    with pytest.raises(Exception) as refused:
        services.assessment_save(office=world["prov"], fiscal_year=year, plan_ids=set(), file_ids=set(),
                                 answers=[AnswerInput("3.4.4", "implemented", plans=[world["plan"].pk])])
    assert "3.4.4" in refused.value.message_dict
    with pytest.raises(Exception):
        services.assessment_save(office=world["prov"], fiscal_year=year, plan_ids=set(), file_ids=set(),
                                 answers=[AnswerInput("9.9.9", "implemented")])
    assert not Answer.objects.exists()


def test_copy_from_the_previous_year_fills_only_what_this_year_has_not_answered(client, people, world, year):
    services.assessment_save(
        office=world["prov"], fiscal_year=year - 1, plan_ids={world["plan"].pk}, file_ids=set(),
        answers=[AnswerInput("3.1.1", "implemented", "ปีก่อน 3.1.1", plans=[world["plan"].pk],
                             registers=["cs2_statistics"]),
                 AnswerInput("3.4.4", "starting", "ปีก่อน 3.4.4")])
    services.assessment_save(office=world["prov"], fiscal_year=year, plan_ids=set(), file_ids=set(),
                             answers=[AnswerInput("3.4.4", "implemented", "ปีนี้ 3.4.4")])
    client.force_login(people["alice"])
    response = client.post(f"/pmqa40/copy/?office=PROV&fiscal_year={year}")
    assert response.status_code == 302
    now = {a.item: a for a in Answer.objects.filter(assessment__fiscal_year=year)}
    assert now["3.1.1"].status == "implemented" and now["3.1.1"].details == "ปีก่อน 3.1.1"
    assert set(now["3.1.1"].links.values_list("kind", flat=True)) == {LinkKind.PLAN, LinkKind.REGISTER}
    assert now["3.4.4"].details == "ปีนี้ 3.4.4"  # this year's answer is not overwritten
    # Nothing left to copy, or no previous year: a Thai message, nothing changed.
    response = client.post(f"/pmqa40/copy/?office=PROV&fiscal_year={year}", follow=True)
    assert "ไม่มีหัวข้อที่ต้องคัดลอก" in response.content.decode()
    response = client.post(f"/pmqa40/copy/?office=PROV&fiscal_year={year - 5}", follow=True)
    assert "ยังไม่มีการประเมินตนเองให้คัดลอก" in response.content.decode()
    # Readers may not copy.
    client.force_login(people["erin"])
    assert client.post(f"/pmqa40/copy/?office=PROV&fiscal_year={year}").status_code == 403


def test_who_reads_and_who_writes(client, people, world, year):
    url = f"/pmqa40/?office=PROV&fiscal_year={year}"
    for reader in ("erin", "axel"):
        client.force_login(people[reader])
        page = client.get(url)
        assert page.status_code == 200 and "assessment-form" not in page.content.decode()
        assert client.post(url, {"i311-status": "implemented"}).status_code == 403
    client.force_login(people["bob"])  # a district does not see its province's assessment
    assert client.get(url).status_code == 404
    assert client.get(f"/pmqa40/pdf/?office=PROV&fiscal_year={year}").status_code == 404
    api = APIClient()
    api.force_authenticate(people["bob"])
    response = api.get(f"/api/v1/pmqa40/?office=PROV&fiscal_year={year}")
    assert response.status_code == 400 and "office" in response.json()


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_executives_see_no_personal_data_on_the_page_the_pdf_or_the_api(client, people, world, year):
    services.assessment_save(office=world["prov"], fiscal_year=year, plan_ids={world["plan"].pk},
                             file_ids={world["evidence"].pk},
                             answers=[AnswerInput("3.4.3", "implemented", "ข้อร้องเรียนที่พบบ่อย คือ การขึ้นทะเบียน",
                                                  plans=[world["plan"].pk], files=[world["evidence"].pk])])
    client.force_login(people["erin"])
    query = f"?office=PROV&fiscal_year={year}"
    page = client.get("/pmqa40/" + query).content.decode()
    results = client.get("/pmqa40/results/" + query).content.decode()
    pdf = client.get("/pmqa40/pdf/" + query)
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    api = APIClient()
    api.force_authenticate(people["erin"])
    body = api.get("/api/v1/pmqa40/" + query).content.decode()
    for shown in (page, results, text, body):
        for secret in (PERSON, CONTACT, MEMBER, "0811111111"):
            assert secret not in shown
    assert "การขึ้นทะเบียนเกษตรกรล่าช้า" in page and "การขึ้นทะเบียนเกษตรกรล่าช้า" in body  # the category, not the person


def test_the_pdf_prints_the_form_and_the_tables_as_seed_003(client, people, world, year):
    services.assessment_save(office=world["prov"], fiscal_year=year, plan_ids=set(), file_ids=set(),
                             answers=[AnswerInput("3.4.4", "implemented", "ติดตามเรื่องที่ใกล้ครบกำหนดทุกวัน")])
    services.tables_choose(office=world["prov"], fiscal_year=year, choices={world["plan"].indicators.get().pk: 5})
    client.force_login(people["axel"])
    response = client.get(f"/pmqa40/pdf/?office=PROV&fiscal_year={year}")
    assert response.status_code == 200
    text = "".join(_pdf_text(response.content).split())  # a narrow column breaks its words over lines
    for expected in ("ระดับการพัฒนาองค์การสู่การเป็นระบบราชการ 4.0", "หมวด 3 การให้ความสำคัญกับผู้รับบริการ",
                     "ยังไม่ได้ดำเนินการ", "อยู่ระหว่างเริ่มดำเนินการ", "มีการดำเนินการโดยมีรายละเอียดดังนี้",
                     "3.4.4 มีการตอบสนองกลับต่อข้อร้องเรียนภายในระยะเวลาที่กำหนด", "ติดตามเรื่องที่ใกล้ครบกำหนดทุกวัน",
                     "7.2 การบรรลุผลลัพธ์ตามตัวชี้วัดด้านผู้รับบริการ", "5. การแก้ไขเรื่องร้องเรียน", "ร้อยละ",
                     "คะแนน", str(year - 2), "50.00"):
        assert "".join(expected.split()) in text, expected


def test_the_api_answers_items_and_tables(people, world, year):
    services.assessment_save(office=world["prov"], fiscal_year=year, plan_ids={world["plan"].pk}, file_ids=set(),
                             answers=[AnswerInput("3.4.4", "implemented", "โดยวิธี ติดตามทุกวัน",
                                                  plans=[world["plan"].pk])])
    api = APIClient()
    api.force_authenticate(people["axel"])
    body = api.get(f"/api/v1/pmqa40/?office=PROV&fiscal_year={year}").json()
    assert body["office"] == "PROV" and body["fiscal_year"] == year
    assert [item["code"] for item in body["items"]][:3] == ["3.1.1", "3.1.2", "3.1.3"] and len(body["items"]) == 13
    item = next(i for i in body["items"] if i["code"] == "3.4.4")
    assert item["status"] == "implemented" and item["details"] == "โดยวิธี ติดตามทุกวัน"
    assert item["links"][0]["kind"] == "plan" and item["links"][0]["plan"] == world["plan"].pk
    assert item["facts"][0]["lines"] == ["100.00% (1 จาก 1 เรื่อง)"]
    assert [t["number"] for t in body["tables"]] == [1, 2, 3, 4, 5]
    # The CS3 plan's indicator has no code and no metric: in no table by default; placed in table 5 it shows.
    indicator = world["plan"].indicators.get()
    services.tables_choose(office=world["prov"], fiscal_year=year, choices={indicator.pk: 5})
    body = api.get(f"/api/v1/pmqa40/?office=PROV&fiscal_year={year}").json()
    row = body["tables"][4]["rows"][0]
    assert row == {"indicator": "ร้อยละของเรื่องร้องเรียนที่ตอบสนองทันเวลา", "code": "", "unit": "ร้อยละ",
                   "direction": "higher", "target": "100.00",
                   "results": {str(year - 2): None, str(year - 1): None, str(year): "50.00"},
                   "success_percent": "50.00", "score": "1.0000"}


@pytest.mark.parametrize("query, field", [("fiscal_year=99999", "fiscal_year"), ("fiscal_year=abc", "fiscal_year"),
                                          ("office=NOPE", "office"), ("office=OTHER", "office")])
def test_api_parameters_are_field_errors(people, query, field):
    api = APIClient()
    api.force_authenticate(people["alice"])
    response = api.get(f"/api/v1/pmqa40/?{query}")
    assert response.status_code == 400 and field in response.json()


def test_the_api_is_in_the_schema_and_closed_to_strangers(people):
    api = APIClient()
    assert api.get("/api/v1/pmqa40/").status_code in (401, 403)
    api.force_authenticate(people["alice"])
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content.decode()
    assert "/api/v1/pmqa40/" in schema and "success_percent" in schema
