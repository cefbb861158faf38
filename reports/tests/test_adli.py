"""The ADLI checklist of seed 001 (reports/adli.py, /reports/adli/): the points as data, what marks a point evidenced
and what does not (each threshold at its edge), the subtree and the fiscal year counted, the legal references and
"ยังไม่มีหลักฐาน" in the PDF, who may read it, bounded queries, and no personal data.

FY 2569 = 1 Oct 2025 – 30 Sep 2026.
"""
import re
import subprocess
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from channels.models import HeardImprovement
from core.offices.models import Office
from core.plans.models import Evidence
from core.plans.services import plan_create
from networks.models import ContactChannel, Member, Network
from networks.tests.factories import make_activity, make_group, make_network
from participation.tests.factories import project
from reports import adli
from reports.tests.test_executive import NAME, PHONE, answer, complaint
from stakeholders.models import Mission, Review, StakeholderGroup

pytestmark = pytest.mark.django_db

FY = 2569
URL = "/reports/adli/"
PDF_URL = "/reports/adli/pdf/"
# /work/briefs/keys14.md: the pack sections a ref may name.
SECTION_KEYS = {
    "cs1-profile", "cs1-duty-analysis", "cs1-sipoc", "cs2-statistics", "cs2-information-types", "cs2-improvements",
    "cs2-analysis", "cs2-reviews", "cs3-complaint-results", "cs3-follow-up-plan", "cs3-improvement-analysis",
    "cs3-register", "cs4-network-table", "cs4-activity-report", "cs5-mechanisms", "cs5-information-channels",
    "cs5-governor-report", "cs5-level-matrix", "cs5-next-steps", "cs5-projects", "cs6-improvements", "cs6-results",
    "cs7-charts-manuals", "cs7-service-charts", "cs7-checks-on-use", "cs7-results"}


@pytest.fixture
def prov(offices):
    return Office.objects.get(code="PROV")  # read again: adding OTHER moved PROV's path


def point(points, text) -> adli.Point:
    return next(p for p in points if p.text == text)


def pdftotext(content: bytes, tmp_path) -> str:
    """The PDF's text in reading order (a table cell's lines together, not side by side with the next cell's)."""
    path = tmp_path / "adli.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """pdftotext's layout spacing and line breaks out: what an assessor reads, as one line."""
    return re.sub(r"\s+", "", text)


# --- The points as data ---------------------------------------------------------------------------------------------


def test_every_cs_has_its_points_its_law_and_a_resolver_for_each():
    assert set(adli.POINTS) == set(range(1, 8))
    assert adli.LAW == {1: "พ.ร.ฎ.ฯ มาตรา 8", 2: "พ.ร.ฎ.ฯ มาตรา 38, 40", 3: "พ.ร.ฎ.ฯ มาตรา 8, 39, 41",
                        4: "พ.ร.ฎ.ฯ มาตรา 8, 39, 41", 5: "พ.ร.ฎ.ฯ มาตรา 30, 31, 38–41",
                        6: "พ.ร.ฎ.ฯ มาตรา 30, 31, 38–41", 7: "พ.ร.ฎ.ฯ มาตรา 38, 41–42"}
    for cs, specs in adli.POINTS.items():
        assert specs, cs
        for spec in specs:
            assert spec.dimension in "ADLI" and len(spec.dimension) == 1
            assert spec.resolver in adli.RESOLVERS or spec.resolver in adli.PLAN_RESOLVERS
            assert spec.origin in adli.ORIGINS
    # Seed 001's words, as the assessors' slides write them.
    texts = {spec.text for specs in adli.POINTS.values() for spec in specs}
    assert "ที่มาของการกำหนด C/S ความสอดคล้องกับพันธกิจ" in texts
    assert "แสดงช่องทางการติดต่อกับเครือข่าย 2 ช่องทาง" in texts
    assert "แสดงตัวอย่างที่ได้รับการปรับปรุงอย่างน้อย 1 ตัวอย่าง" in texts


def test_an_office_with_nothing_has_every_point_and_no_evidence(prov):
    checklists = adli.checklists(office=prov, fiscal_year=FY)
    assert list(checklists) == [1, 2, 3, 4, 5, 6, 7]
    for cs, points in checklists.items():
        assert len(points) == len(adli.POINTS[cs]) + 1  # and the action plan
        assert [p.dimension for p in points] == sorted((p.dimension for p in points), key="ADLI".index)
        assert all(p.law == adli.LAW[cs] and not p.evidenced and p.missing for p in points)


def _all_facts(office, n=5):
    """Facts with every count at `n` (every threshold reached): each resolver's answer without the database."""
    facts = adli.Facts(office=office, fiscal_year=FY)
    counts = {
        "cs1": ["groups", "customer_groups", "stakeholder_groups", "groups_with_needs", "missions",
                "missions_with_groups", "missions_covered", "duty_rows", "reviews"],
        "cs2": ["channels_used", "groups", "groups_heard", "cs21_rows", "cs21_findings", "information_types",
                "counted_channels", "channel_users", "channel_reviews", "improvements",
                "improvements_from_complaints", "improvements_with_photos"],
        "cs3": ["tickets", "tickets_with_handler", "tickets_answered", "tickets_on_time", "follow_up_rows",
                "analysis_rows"],
        "cs4": ["networks", "networks_reachable", "networks_grouped", "activities", "activities_announced",
                "activities_co_designed", "activities_pictured", "activities_evaluated", "activity_photos",
                "relationship_plans", "plans_reflected"],
        "cs5": ["projects", "projects_linked", "projects_with_mechanism", "projects_published", "info_channels",
                "opinion_channels", "measures", "measures_with_result", "governor_reports", "next_steps"],
        "cs6": ["rounds", "rounds_answered", "respondents", "questionnaires", "groups", "groups_surveyed",
                "survey_improvements", "survey_improvements_done", "survey_improvements_remeasured"],
        "cs7": ["services", "services_charted", "manual_services", "manual_books", "publications", "staff_manuals",
                "staff_manuals_filed", "usage_checks", "records_completed", "records_met"],
    }
    for name, keys in counts.items():
        facts.__dict__[name] = dict.fromkeys(keys, n)
    facts.__dict__["improvements"] = facts.cs2
    facts.__dict__["plans"] = {cs: {"plans": 1, "steps": 4, "steps_done": 2, "progress": 50, "evidence": 3}
                               for cs in range(1, 8)}
    return facts


def test_with_every_count_every_point_is_evidenced_with_a_page_and_a_known_section(prov, client, people):
    facts = _all_facts(prov)
    client.force_login(people["alice"])
    urls = set()
    for cs in range(1, 8):
        for p in adli._points(facts, cs):
            assert p.evidenced and not p.missing, p.text
            for ref in p.evidence:
                assert ref.kind in {"register", "table", "plan", "file"} and ref.count and ref.url
                assert ref.section_key in SECTION_KEYS | {""}
                assert re.search(r"\d", ref.label)  # the count is in the label
                urls.add(ref.url)
    for url in sorted(urls):  # every page an evidence links to answers the committee, on its office and year
        assert client.get(url).status_code == 200, url


# --- Thresholds at their edge ------------------------------------------------------------------------------------


CONTACTS = "แสดงช่องทางการติดต่อกับเครือข่าย 2 ช่องทาง"


def test_a_network_with_one_contact_channel_is_not_evidence_two_are(prov):
    network = Network.objects.create(office=prov, name="เครือข่ายผู้ปลูกปาล์ม", form="club")
    network.groups.add(make_group(office=prov, name="เกษตรกรผู้ปลูกปาล์ม"))
    ContactChannel.objects.create(network=network, kind="line", value="กลุ่ม LINE")
    one = point(adli.checklist(office=prov, fiscal_year=FY, cs=4), CONTACTS)
    assert not one.evidenced
    assert one.missing == "ต้องมีช่องทางการติดต่ออย่างน้อย 2 ช่องทางทุกเครือข่าย: ครบ 0 จาก 1 เครือข่าย"
    ContactChannel.objects.create(network=network, kind="phone", value="077-000-000", order=2)
    two = point(adli.checklist(office=prov, fiscal_year=FY, cs=4), CONTACTS)
    assert two.evidenced and not two.missing
    (ref,) = two.evidence
    assert (ref.label, ref.count, ref.section_key) == (
        "เครือข่ายที่มีช่องทางการติดต่ออย่างน้อย 2 ช่องทาง 1 เครือข่าย", 1, "cs4-network-table")
    assert ref.url == f"{reverse('networks:index')}?office={prov.pk}"


def test_every_network_must_reach_the_threshold(prov):
    make_network(office=prov, name="เครือข่าย ก")
    thin = Network.objects.create(office=prov, name="เครือข่าย ข", form="club")
    ContactChannel.objects.create(network=thin, kind="line", value="LINE")
    p = point(adli.checklist(office=prov, fiscal_year=FY, cs=4), CONTACTS)
    assert not p.evidenced and "ครบ 1 จาก 2 เครือข่าย" in p.missing


INFO = "ดูช่องทางในการให้ข้อมูลข่าวสารของหน่วย มีความหลากหลาย และเข้าถึงกลุ่มเป้าหมายได้ 3 ช่องทาง"


def test_two_information_channels_are_not_enough_three_are(prov, offices):
    project(offices["dist_a"], info=("website", "line"))
    two = point(adli.checklist(office=prov, fiscal_year=FY, cs=5), INFO)
    assert not two.evidenced and two.missing == "ต้องมีช่องทางการให้ข้อมูลข่าวสารอย่างน้อย 3 ช่องทาง (มี 2)"
    project(offices["dist_b"], title="โครงการที่สอง", info=("line", "facebook"))  # line is counted once
    three = point(adli.checklist(office=prov, fiscal_year=FY, cs=5), INFO)
    assert three.evidenced and three.evidence[0].label == "ช่องทางการให้ข้อมูลข่าวสาร 3 ช่องทาง"
    assert three.evidence[0].section_key == "cs5-information-channels"


EXAMPLE = "แสดงตัวอย่างที่ได้รับการปรับปรุงอย่างน้อย 1 ตัวอย่าง"


def test_one_improvement_of_the_year_is_the_example_cs2_asks_for(prov, offices):
    none = point(adli.checklist(office=prov, fiscal_year=FY, cs=2), EXAMPLE)
    assert not none.evidenced and none.missing == "ต้องมีตัวอย่างที่ได้รับการปรับปรุงอย่างน้อย 1 ตัวอย่าง (มี 0)"
    assert none.dimension == "I"
    # Last year's improvement and one made from complaints (CS3's) do not count for CS2.
    HeardImprovement.objects.create(office=offices["dist_a"], fiscal_year=FY - 1, topic="ปีก่อน", steps="ก")
    HeardImprovement.objects.create(office=offices["dist_a"], fiscal_year=FY, topic="จากข้อร้องเรียน", steps="ก",
                                    source="complaints")
    assert not point(adli.checklist(office=prov, fiscal_year=FY, cs=2), EXAMPLE).evidenced
    HeardImprovement.objects.create(office=offices["dist_a"], fiscal_year=FY, topic="ลดขั้นตอนการขอรับบริการ",
                                    steps="ก")
    one = point(adli.checklist(office=prov, fiscal_year=FY, cs=2), EXAMPLE)
    assert one.evidenced and one.evidence[0].label == "การปรับปรุงจากสิ่งที่รับฟัง 1 ตัวอย่าง"
    cs3 = point(adli.checklist(office=prov, fiscal_year=FY, cs=3),
                "หน่วยแสดงตัวอย่างการนำข้อร้องเรียน/ข้อเสนอแนะมาปรับปรุงการปฏิบัติ 1 ตัวอย่าง")
    assert cs3.evidenced and cs3.evidence[0].label == "การปรับปรุงจากข้อร้องเรียน 1 ตัวอย่าง"


# --- What is counted: the subtree and the fiscal year -------------------------------------------------------------


def test_cs1_counts_the_missions_and_reviews_of_the_subtree_in_the_year(prov, offices):
    customers = StakeholderGroup.objects.create(office=prov, kind="customer", name="เกษตรกร", needs="ข้อมูลราคา")
    partners = StakeholderGroup.objects.create(office=prov, kind="stakeholder", name="องค์กรปกครองส่วนท้องถิ่น")
    covered = Mission.objects.create(office=offices["dist_a"], fiscal_year=FY, title="ส่งเสริมการผลิต")
    covered.groups.set([customers, partners])
    half = Mission.objects.create(office=prov, fiscal_year=FY, title="พัฒนาเกษตรกร")
    half.groups.set([customers])
    Mission.objects.create(office=offices["other"], fiscal_year=FY, title="ของจังหวัดอื่น")
    Mission.objects.create(office=prov, fiscal_year=FY - 1, title="ปีก่อน")
    Review.objects.create(office=offices["dist_b"], reviewed_on=date(2025, 10, 1), participants="ก", changes="ข")
    Review.objects.create(office=prov, reviewed_on=date(2025, 9, 30), participants="ก", changes="ข")  # FY 2568

    points = adli.checklist(office=prov, fiscal_year=FY, cs=1)
    missions = point(points, "ที่มาของการกำหนด C/S ความสอดคล้องกับพันธกิจ")
    assert [r.label for r in missions.evidence] == ["พันธกิจปีงบประมาณ 2569 ที่ระบุกลุ่ม C/S แล้ว 2 จาก 2 พันธกิจ"]
    coverage = point(points, "ความครอบคลุมครบทุกกลุ่มตามที่ระบุใน ข้อ 8 หมวด P")
    assert not coverage.evidenced
    assert coverage.missing == "พันธกิจที่มีทั้งกลุ่มผู้รับบริการและกลุ่มผู้มีส่วนได้ส่วนเสีย 1 จาก 2 พันธกิจ"
    needs = point(points, "ระบุความต้องการของแต่ละกลุ่ม")
    assert not needs.evidenced and needs.missing == "กลุ่มที่ระบุความต้องการแล้ว 1 จาก 2 กลุ่ม"
    reviews = point(points, "ควรมีการทบทวนอย่างสม่ำเสมอ")
    assert reviews.evidence[0].label == "การทบทวนกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียในปีงบประมาณ 2569 1 ครั้ง"
    # A district reads its own subtree only: the province's mission is not its own.
    district = point(adli.checklist(office=offices["dist_b"], fiscal_year=FY, cs=1),
                     "ที่มาของการกำหนด C/S ความสอดคล้องกับพันธกิจ")
    assert not district.evidenced


def test_the_action_plan_with_its_steps_progress_and_evidence_files(prov, offices):
    month = date(2026, 1, 1)
    plan = plan_create(office=offices["dist_a"], fiscal_year=FY, cs=4, title="แผน CS4", objective="ทดสอบ",
                       indicators=[], steps=[
                           {"order": 1, "activity": "ประชุมเครือข่าย", "planned_start": month, "planned_end": month,
                            "status": "done", "progress": 100},
                           {"order": 2, "activity": "ประเมินผล", "planned_start": month, "planned_end": month}])
    Evidence.objects.create(plan=plan, title="รูปการประชุม", file="evidence/x.jpg")
    plan_create(office=offices["other"], fiscal_year=FY, cs=4, title="ของจังหวัดอื่น", objective="ก", indicators=[],
                steps=[])
    p = next(p for p in adli.checklist(office=prov, fiscal_year=FY, cs=4) if p.origin == adli.PLAN)
    assert [(r.label, r.kind) for r in p.evidence] == [
        ("แผนปฏิบัติการ 1 แผน 2 กิจกรรม เสร็จแล้ว 1 กิจกรรม ความก้าวหน้าเฉลี่ยร้อยละ 50", "plan"),
        ("หลักฐานแผนปฏิบัติการ 1 ไฟล์", "file")]
    assert not next(p for p in adli.checklist(office=prov, fiscal_year=FY, cs=5) if p.origin == adli.PLAN).evidenced


# --- Paper and screen ---------------------------------------------------------------------------------------------


def test_the_fragment_renders_alone_with_its_law_table_and_status(prov):
    html = render_to_string("reports/pdf/_adli.html",
                            {"cs": 4, "points": adli.checklist(office=prov, fiscal_year=FY, cs=4)})
    assert "<h2>CS4 การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์" in html
    assert "พ.ร.ฎ.ฯ มาตรา 8, 39, 41" in html and "<thead>" in html
    assert "ประเด็นที่ตรวจ (ADLI)" in html and "หลักฐานในระบบ" in html and "ยังไม่มีหลักฐาน" in html
    assert "<html" not in html


def test_the_pdf_prints_the_law_of_each_cs_and_what_has_no_evidence(prov, offices, people, client, tmp_path):
    make_network(office=offices["dist_a"], name="เครือข่ายเกษตรกรรุ่นใหม่")
    client.force_login(people["axel"])
    response = client.get(PDF_URL, {"office": "PROV", "fiscal_year": FY})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdftotext(response.content, tmp_path)
    flat = squeeze(text)
    for law in adli.LAW.values():
        assert squeeze(law) in flat
    assert "ยังไม่มีหลักฐาน" in text and "มีหลักฐาน" in text
    assert squeeze("เครือข่ายที่มีช่องทางการติดต่ออย่างน้อย 2 ช่องทาง 1 เครือข่าย") in flat
    # What is missing, under the point (a long cell wraps: its lines are checked one by one).
    assert "ต้องมีช่องทางการให้ข้อมูลข่าวสาร" in text and "3 ช่องทาง (มี 0)" in text
    assert squeeze("ประเด็นที่ตรวจ (ADLI)") in flat


def test_the_page_shows_each_cs_with_status_and_links(prov, offices, people, client):
    make_network(office=offices["dist_a"], name="เครือข่ายเกษตรกรรุ่นใหม่")
    client.force_login(people["alice"])
    response = client.get(URL, {"office": "PROV", "fiscal_year": FY})
    assert response.status_code == 200
    page = response.content.decode()
    for cs in range(1, 8):
        assert f'id="cs{cs}"' in page
    assert "ยังไม่มีหลักฐาน" in page and "มีหลักฐาน" in page
    assert f'href="{reverse("networks:index")}?office={prov.pk}"' in page
    assert f'{reverse("reports:adli-pdf")}?office=PROV&amp;fiscal_year={FY}' in page
    assert 'id="nav-adli"' in page


@pytest.mark.parametrize("who, status", [("alice", 200), ("bob", 200), ("erin", 200), ("axel", 200), ("root", 200),
                                         ("admin", 403)])
def test_who_reads_the_checklist(people, client, who, status):
    client.force_login(people[who])
    assert client.get(URL).status_code == status
    assert client.get(PDF_URL).status_code == status


def test_anonymous_is_sent_to_sign_in(client, offices):
    assert client.get(URL).status_code == 302 and client.get(PDF_URL).status_code == 302


def test_another_office_is_a_404_and_a_bad_year_a_thai_400(people, client):
    client.force_login(people["bob"])  # DIST-A: not its province, not another district
    for url in (URL, PDF_URL):
        assert client.get(url, {"office": "PROV"}).status_code == 404
        assert client.get(url, {"office": "OTHER"}).status_code == 404
        assert client.get(url, {"office": "DIST-B"}).status_code == 404
        bad = client.get(url, {"fiscal_year": "๒๕๖๙x"})
        assert bad.status_code == 400 and "ปีงบประมาณ" in bad.content.decode()


@pytest.mark.parametrize("query", [{"fiscal_year": y} for y in ("0", "99999", "²", "-1", "2569.5", "x" * 300)]
                         + [{"office": "ไม่มีรหัสนี้"}, {"office": "x" * 300}])
def test_bad_parameters_are_a_thai_400_or_a_404_never_a_500(people, client, query):
    client.force_login(people["alice"])
    for url in (URL, PDF_URL):
        response = client.get(url, query)
        if "office" in query:
            assert response.status_code == 404
        else:
            assert response.status_code == 400 and "ปีงบประมาณ" in response.content.decode()


def test_no_personal_data_on_the_page_or_the_pdf(prov, offices, people, client, tmp_path):
    answer(complaint(offices["dist_a"], date(2026, 2, 2), subject="ถนนชำรุด"))
    network = make_network(office=offices["dist_a"], name="เครือข่ายอาสา")
    Member.objects.create(network=network, kind="person", name="นายสมชาย ใจดีมาก", phone="0899999999",
                          email="somchai@example.com")
    client.force_login(people["axel"])
    page = client.get(URL, {"office": "PROV", "fiscal_year": FY}).content.decode()
    text = pdftotext(client.get(PDF_URL, {"office": "PROV", "fiscal_year": FY}).content, tmp_path)
    for secret in (NAME, PHONE, "สมชาย", "0899999999", "somchai@example.com", "077-000-000"):
        assert secret not in page and secret not in text and secret not in squeeze(text)
    assert "ยังไม่มีเรื่องที่รับในปีงบประมาณ 2569 ที่กำหนดผู้รับผิดชอบ (รับ 1 เรื่อง)" in page


# --- Cost ---------------------------------------------------------------------------------------------------------


def _queries(office) -> int:
    cache.clear()  # RM 3.5's counts are kept: counted both times
    with CaptureQueriesContext(connection) as captured:
        adli.checklists(office=office, fiscal_year=FY)
    return len(captured)


def _some_of_everything(offices, n: int, tag: str):
    network = make_network(office=offices["dist_a"], name=f"เครือข่าย {tag}")
    for i in range(n):
        make_activity(network=network, held_on=date(2026, 3, 1 + i), title=f"กิจกรรม {tag} {i}")
        project(offices["dist_b"], title=f"โครงการ {tag} {i}")
        answer(complaint(offices["dist_a"], date(2026, 2, 2 + i)))
        HeardImprovement.objects.create(office=offices["dist_a"], fiscal_year=FY, topic=f"{tag} {i}", steps="ก")


def test_all_seven_cs_cost_the_same_queries_for_two_rows_or_many(prov, offices):
    _some_of_everything(offices, 1, "ก")
    _queries(prov)  # warm: content types are read once per process
    few = _queries(prov)
    _some_of_everything(offices, 8, "ข")
    assert _queries(prov) == few
    assert few <= 60


def test_one_cs_reads_only_what_it_needs(prov, offices):
    _queries(prov)
    with CaptureQueriesContext(connection) as captured:
        adli.checklist(office=prov, fiscal_year=FY, cs=3)
    assert len(captured) <= 6  # tickets, follow-up plan, analysis, improvements from complaints, plans, evidence
