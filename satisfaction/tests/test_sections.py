"""CS6 as the annual report and the evidence pack print it: seed 002's improvements, dissatisfaction first and the
worst-scoring item first under each heading, "เรื่อง"/"การแก้ไข" as the form prints them; the year's rounds with
RM 3.1 and RM 3.2 by respondent group (the indicators' own figures, hand-worked below); notes where there is
nothing; no personal data; bounded queries; each improvement's evidence file."""
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing.files import image_bytes, upload
from core.testing.sections import pdf_text, plain_cells, sections_html, sections_pdf, sections_text, squeeze
from satisfaction import sections
from satisfaction.improvements import improvement_create
from satisfaction.services import questionnaire_create, responses_record, round_create
from stakeholders.models import StakeholderGroup

pytestmark = pytest.mark.django_db

ITEMS = [{"code": "q1", "text": "ขั้นตอนสะดวก"}, {"code": "q2", "text": "เจ้าหน้าที่สุภาพ"},
         {"code": "q3", "text": "สถานที่สะอาด"},
         {"code": "d1", "text": "ไม่พอใจการรอคิว", "kind": "yes_no", "section": "dissatisfaction"},
         {"code": "d2", "text": "ไม่พอใจค่าธรรมเนียม", "kind": "yes_no", "section": "dissatisfaction"}]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_round(office, title, forms, group_name="เกษตรกร", starts_on=date(2026, 1, 15)):
    group = StakeholderGroup.objects.get_or_create(office=office, kind="customer", name=group_name)[0]
    questionnaire = questionnaire_create(office=office, title=f"แบบสอบถาม {title}", scale_max=5, items=ITEMS,
                                         group=group)
    survey = round_create(questionnaire=questionnaire, office=office, title=title, starts_on=starts_on)
    responses_record(survey=survey, forms=forms)
    return survey


def improve(survey, code, topic, fix, due, **fields):
    item = survey.questionnaire.items.get(code=code) if code else None
    return improvement_create(survey=survey, item=item, topic=topic, fix=fix, owner="นายสมชาย ใจดี",
                              due_on=due, **fields)


@pytest.fixture
def year(offices):
    prov = offices["prov"]
    # Six ratings 5, 4, 2, 3, 4, 3: mean 21/6 = 3.5 → 70.00 %; top two 3/6 = 50.00 %; bottom two 1/6 = 16.67 %;
    # one of the two respondents reported a dissatisfaction → 50.00 %. Means: q1 4.5, q2 2.5; "yes": d2 50 %, d1 0 %.
    survey = make_round(prov, "รอบที่ 1/2569", [{"q1": 5, "q2": 2, "q3": 4, "d1": "ไม่ใช่", "d2": "ใช่"},
                                              {"q1": 4, "q2": 3, "q3": 3, "d1": "ไม่ใช่", "d2": "ไม่ใช่"}])
    # Due dates run against the scores, so the order printed is the scores', not the dates'.
    improve(survey, "d1", "ระยะเวลารอคิว", "เพิ่มช่องบริการช่วงเช้า", date(2026, 2, 1))
    improve(survey, "d2", "ค่าธรรมเนียม", "ประกาศอัตราค่าธรรมเนียมให้ชัดเจน", date(2026, 3, 1))
    improve(survey, "q1", "ขั้นตอนการให้บริการ", "ลดขั้นตอนเหลือสามขั้น", date(2026, 2, 1))
    improve(survey, "q2", "ความสุภาพของเจ้าหน้าที่", "อบรมการให้บริการ", date(2026, 3, 1),
            evidence=upload("ภาพการอบรม.png", image_bytes()))
    # A district's round of another group: all 5s, nobody dissatisfied.
    make_round(offices["dist_a"], "รอบอำเภอ ก", [{"q1": 5, "q2": 5, "q3": 5, "d1": "ไม่ใช่", "d2": "ไม่ใช่"}],
               group_name="ผู้ประกอบการ")
    other = make_round(offices["other"], "รอบSECRET", [{"q1": 1, "q2": 1, "q3": 1, "d1": "ใช่", "d2": "ใช่"}])
    improve(other, "q1", "เรื่องSECRET", "แก้SECRET", date(2026, 2, 1))
    return prov


def by_key(office, fiscal_year=2569):
    return {s.key: s for s in sections.sections(office=office, fiscal_year=fiscal_year)}


def test_the_keys(year):
    found = by_key(year)
    assert plain_cells(list(found.values()))
    assert [(k, s.annual, s.has_data) for k, s in found.items()] == [("cs6-improvements", True, True),
                                                                     ("cs6-results", False, True)]


def test_improvements_dissatisfaction_first_worst_first(year):
    text = sections_text([by_key(year)["cs6-improvements"]])
    assert squeeze("ได้นำผลการวัดความพึงพอใจและไม่พึงพอใจไปปรับปรุงการปฏิบัติงาน โดยพิจารณาจากผลการวัดความไม่พึงพอใจเป็น"
                   "อันดับแรกและความพึงพอใจที่ได้ค่าคะแนนน้อยตามลำดับ ดังนี้") in text
    order = ["1. การปรับปรุงจากผลการวัดความไม่พึงพอใจ",
             "เรื่อง ค่าธรรมเนียม", "การแก้ไข ประกาศอัตราค่าธรรมเนียมให้ชัดเจน",  # d2: 50 % said yes
             "เรื่อง ระยะเวลารอคิว", "การแก้ไข เพิ่มช่องบริการช่วงเช้า",  # d1: 0 %
             "2. การปรับปรุงจากผลการวัดความพึงพอใจ",
             "เรื่อง ความสุภาพของเจ้าหน้าที่", "การแก้ไข อบรมการให้บริการ",  # q2: mean 2.5
             "เรื่อง ขั้นตอนการให้บริการ", "การแก้ไข ลดขั้นตอนเหลือสามขั้น"]  # q1: mean 4.5
    positions = [text.index(squeeze(phrase)) for phrase in order]
    assert positions == sorted(positions)
    assert "SECRET" not in text and "สมชาย" not in text  # another province's, and the owner's name


def test_a_heading_without_improvements_says_so(offices):
    make_round(offices["dist_b"], "รอบไม่มีการปรับปรุง", [{"q1": 4, "q2": 4, "q3": 4, "d1": "ไม่ใช่", "d2": "ไม่ใช่"}])
    survey = make_round(offices["dist_b"], "รอบที่สอง", [{"q1": 4, "q2": 4, "q3": 4, "d1": "ไม่ใช่", "d2": "ไม่ใช่"}])
    improve(survey, "q3", "ความสะอาด", "จ้างแม่บ้านเพิ่ม", date(2026, 2, 1))
    text = sections_text([by_key(offices["dist_b"])["cs6-improvements"]])
    assert squeeze("ไม่มีการปรับปรุงจากผลการวัดความไม่พึงพอใจในปีงบประมาณนี้") in text
    assert text.index(squeeze("ไม่มีการปรับปรุงจากผลการวัดความไม่พึงพอใจ")) < text.index(squeeze("เรื่อง ความสะอาด"))


def test_an_empty_year(offices):
    found = by_key(offices["dist_b"])
    assert not any(s.has_data for s in found.values())
    text = sections_text(list(found.values()))
    assert squeeze("ยังไม่มีการปรับปรุงจากผลการวัดความพึงพอใจและไม่พึงพอใจในปีงบประมาณนี้") in text
    assert squeeze("ยังไม่มีรอบการสำรวจความพึงพอใจในปีงบประมาณนี้") in text


def test_results_by_group_are_the_indicators(year):
    layout = pdf_text(sections_pdf([by_key(year)["cs6-results"]]), "-layout")
    assert re.search(r"เกษตรกร\s+2\s+70\.00\s+50\.00\s+16\.67\s+50\.00", layout)
    assert re.search(r"ผู้ประกอบการ\s+1\s+100\.00\s+100\.00\s+0\.00\s+0\.00", layout)
    # The whole year: nine ratings (5,4,2,3,4,3,5,5,5) → 36/9/5 = 80.00 %, top two 6/9 = 66.67 %, bottom 1/9 = 11.11 %,
    # one of three respondents dissatisfied = 33.33 % – what RM 3.1 and RM 3.2 give for the office.
    assert re.search(r"ทั้งปีงบประมาณ\s+3\s+80\.00\s+66\.67\s+11\.11\s+33\.33", layout)
    assert "SECRET" not in layout


def test_the_evidence_files(year):
    [evidence] = sections.evidence_files(office=year, fiscal_year=2569)
    assert (evidence.cs, evidence.title, evidence.content_type) == (6, "ความสุภาพของเจ้าหน้าที่", "image/png")


def test_queries_do_not_grow(year, offices):
    def count():
        with CaptureQueriesContext(connection) as queries:
            sections_html(sections.sections(office=year, fiscal_year=2569))  # what the fragments read too
        return len(queries)

    few = count()
    for n in range(4):
        survey = make_round(offices["dist_b"], f"รอบเพิ่ม {n}", [{"q1": 3, "q2": 3, "q3": 3, "d1": "ใช่", "d2": "ใช่"}],
                            group_name=f"กลุ่ม {n}")
        improve(survey, "d1", f"เรื่อง {n}", "แก้", date(2026, 2, 1))
    assert count() == few
