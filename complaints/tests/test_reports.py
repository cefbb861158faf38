"""The CS3 printed reports against hand-entered tickets, read as an assessor reads them (pdftotext): the sections of
the annual report and the evidence pack, the register's PDF (filters, SLA status, complainants by role, the cap) and
the ITA complaint-handling report (its figures, its public page only once published, no personal data anywhere)."""
import subprocess
from datetime import date, timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from weasyprint import HTML

from complaints import kpi, reports, sections
from complaints.choices import Kind, SlaStatus
from complaints.models import FollowUpPlan, ImprovementAnalysis, ItaReport, Ticket
from complaints.selectors import with_sla
from complaints.services import ita_publish, ticket_mark_duplicate
from complaints.tests.factories import make_ticket
from complaints.tests.test_kpi import answer, answer_late, answer_on_time, reject
from core.offices.models import Office
from core.pdf.render import BASE_URL, LocalFetcher

pytestmark = pytest.mark.django_db

FY = 2569
TODAY = date(2026, 6, 30)
NAME, CONTACT = "นางสมใจ", "089-765-4321"
SUBJECT, DETAIL = "ไฟดับ", "บ้านเลขที่ ๙๙ ขอให้มาซ่อมไฟด่วน"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Every page and section counts as on 30 Jun 2026 (the KPI's "overdue" and the SLA status depend on the day)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    return TODAY


@pytest.fixture
def tree(offices):
    return {key: Office.objects.get(pk=office.pk) for key, office in offices.items()}


@pytest.fixture
def worked(tree):
    """docs/indicators.md's worked example at DIST-A, plus a web complaint with a named complainant at PROV.

    FY 2569: 10 tickets (8 complaints, 1 suggestion, 1 compliment); phone 9, website 1; open: the overdue one (20 Apr),
    the one not yet due (25 Jun) and PROV's (28 Jun) → pending 3, handled 7; KPI 2 of 4 = 50.00 %, 2 late."""
    dist_a, prov = tree["dist_a"], tree["prov"]
    first = answer_on_time(make_ticket(office=dist_a, received_on=date(2026, 3, 2)))
    answer_on_time(make_ticket(office=dist_a, received_on=date(2026, 4, 10)))
    answer_late(make_ticket(office=dist_a, received_on=date(2026, 2, 2)))
    make_ticket(office=dist_a, received_on=date(2026, 4, 20))
    ticket_mark_duplicate(ticket=make_ticket(office=dist_a, received_on=date(2026, 3, 3)), original=first)
    answer_late(make_ticket(office=dist_a, received_on=date(2026, 3, 4), kind=Kind.SUGGESTION))
    answer(make_ticket(office=dist_a, received_on=date(2026, 3, 5), kind=Kind.COMPLIMENT), date(2026, 4, 30))
    reject(make_ticket(office=dist_a, received_on=date(2026, 1, 5)))
    make_ticket(office=dist_a, received_on=date(2026, 6, 25))
    make_ticket(office=dist_a, received_on=date(2025, 9, 30))  # FY 2568
    make_ticket(office=prov, received_on=date(2026, 6, 28), channel="website", subject=SUBJECT, detail=DETAIL,
                complainant_name=NAME, complainant_contact=CONTACT, today=TODAY)
    ImprovementAnalysis.objects.create(
        office=dist_a, fiscal_year=FY, follow_up_data="ผลสำรวจหลังแจ้งผล", follow_up_channel="โทรศัพท์",
        analysis_method="ร้อยละ", analysis_result="ผู้ร้องรอผลนานเกินไป", analyst="งานบริการประชาชน",
        priority="high", process_improved="ลดขั้นตอนการส่งต่อเรื่องไปอำเภอ", owner="สำนักงานอำเภอ ก")
    FollowUpPlan.objects.create(office=prov, fiscal_year=FY, process="รับเรื่อง", priority="high",
                                timing="หลังบริการ", frequency="ทุกวัน", owner="ศูนย์ดำรงธรรม",
                                follow_up_channel="แบบสอบถามหลังให้บริการ")
    return tree


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def section_pdf(section) -> bytes:
    """A section as the annual report and the pack print it: its title, then its fragment, in the PDF base."""
    page = Template('{% extends "pdf/base.html" %}{% block content %}<h2>{{ title }}</h2>'
                    '{% include template %}{% endblock %}')
    html = page.render(Context({**section.context, "title": section.title, "template": section.template}))
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf()


def squeeze(text: str) -> str:
    return " ".join(text.split())


# --- The figures ------------------------------------------------------------------------------------------------


def test_the_results_of_the_worked_example(worked):
    """Received by kind and channel, handled + pending = received, the KPI as the dashboard counts it."""
    r = kpi.results(Ticket.objects.all(), period=kpi.fiscal_period(FY), today=TODAY)
    c = r.counts
    assert (c.received, c.complaint, c.suggestion, c.compliment, c.duplicates) == (10, 8, 1, 1, 1)
    assert [(s.key, s.count) for s in r.channels] == [("phone", 9), ("website", 1)]
    assert (r.handled, r.pending) == (7, 3)
    assert (c.on_time, c.counted, str(c.kpi.percent), c.late) == (2, 4, "50.00", 2)


def test_the_half_year_counts_october_to_march(worked):
    """ต.ค.–มี.ค.: the tickets of 2 Feb, 2, 3, 4, 5 Mar and 5 Jan → 6; its KPI 1 of 2 (2 Mar on time, 2 Feb late)."""
    period = reports.ita_period(fiscal_year=FY, period="half")
    assert (period.start, period.end) == (date(2025, 10, 1), date(2026, 3, 31))
    r = kpi.results(Ticket.objects.all(), period=period, today=TODAY)
    assert (r.counts.received, r.pending, r.counts.on_time, r.counts.counted) == (6, 0, 1, 2)


def test_the_sla_status_of_each_ticket(tree):
    dist_a = tree["dist_a"]
    on_time = answer_on_time(make_ticket(office=dist_a, received_on=date(2026, 3, 2)))
    late = answer_late(make_ticket(office=dist_a, received_on=date(2026, 2, 2)))
    overdue = make_ticket(office=dist_a, received_on=date(2026, 4, 20))
    open_ = make_ticket(office=dist_a, received_on=date(2026, 6, 25))
    compliment = make_ticket(office=dist_a, received_on=date(2026, 3, 5), kind=Kind.COMPLIMENT)
    found = dict(with_sla(Ticket.objects.all(), today=TODAY).values_list("pk", "sla"))
    assert found == {on_time.pk: SlaStatus.ON_TIME, late.pk: SlaStatus.LATE, overdue.pk: SlaStatus.OVERDUE,
                     open_.pk: SlaStatus.OPEN, compliment.pk: SlaStatus.NONE}


# --- The sections ----------------------------------------------------------------------------------------------


def test_the_four_sections_and_their_keys(worked):
    found = sections.sections(office=worked["prov"], fiscal_year=FY)
    assert [(s.key, s.cs, s.annual, s.has_data) for s in found] == [
        ("cs3-complaint-results", 3, True, True), ("cs3-follow-up-plan", 3, False, True),
        ("cs3-improvement-analysis", 3, False, True), ("cs3-register", 3, False, True)]
    assert sections.evidence_files(office=worked["prov"], fiscal_year=FY) == []
    assert all(len(t.title) <= 31 for s in found for t in s.tables)


def test_the_results_section_prints_every_figure_and_the_improvement(worked, tmp_path):
    section = sections.sections(office=worked["prov"], fiscal_year=FY)[0]
    text = squeeze(pdf_text(section_pdf(section), tmp_path))
    assert "ผลการจัดการข้อร้องเรียน" in text
    assert "โทรศัพท์/โทรสาร/สายด่วน 9 90.00" in text and "เว็บไซต์จังหวัด/หน่วยงาน 1 10.00" in text
    assert "ข้อร้องเรียน 8 80.00" in text and "ข้อเสนอแนะ 1 10.00" in text and "คำชมเชย 1 10.00" in text
    assert "(รวมเรื่องซ้ำ 1 เรื่อง) 10" in text
    assert "ดำเนินการแล้วเสร็จ 7 70.00" in text and "อยู่ระหว่างดำเนินการ 3 30.00" in text
    assert "2/4 50.00" in text and "แจ้งผลเกินกำหนด 2" in text
    assert "ลดขั้นตอนการส่งต่อเรื่องไปอำเภอ" in text
    for private in (NAME, CONTACT, SUBJECT, DETAIL):
        assert private not in text


def test_a_districts_section_covers_its_own_subtree_only(worked):
    """DIST-B has nothing: every section says so instead of vanishing."""
    found = sections.sections(office=worked["dist_b"], fiscal_year=FY)
    assert [s.has_data for s in found] == [False, False, False, False]
    assert found[0].empty_note.startswith("ไม่มีเรื่องร้องเรียน")
    assert sections.sections(office=worked["dist_a"], fiscal_year=FY)[3].context["total"] == 9


def test_the_follow_up_and_analysis_sections_name_the_office_of_each_row(worked, tmp_path):
    ImprovementAnalysis.objects.create(
        office=worked["prov"], fiscal_year=FY, follow_up_data="ข้อมูลจังหวัด", follow_up_channel="LINE",
        analysis_method="จัดกลุ่ม", analysis_result="พอใจ", analyst="คณะทำงาน", priority="low",
        process_improved="ปรับแบบฟอร์ม", owner="จังหวัด")
    _results, plan, analysis, _register = sections.sections(office=worked["prov"], fiscal_year=FY)
    plan_text = squeeze(pdf_text(section_pdf(plan), tmp_path))
    assert "รับเรื่อง มาก" in plan_text and "ทุกวัน" in plan_text and "แบบสอบถาม" in plan_text
    assert analysis.context["many_offices"] and not plan.context["many_offices"]
    analysis_text = squeeze(pdf_text(section_pdf(analysis), tmp_path))
    assert "พอใจ" in analysis_text and "ร้อยละ" in analysis_text and "จัดกลุ่ม" in analysis_text


def test_the_register_section_carries_no_complainant_and_no_text_they_wrote(worked, tmp_path):
    register = sections.sections(office=worked["prov"], fiscal_year=FY)[3]
    text = pdf_text(section_pdf(register), tmp_path)
    web = Ticket.objects.get(channel__code="website")
    assert web.reference in text and "เกินกำหนด (ยังไม่แจ้งผล)" in text and "แจ้งผลภายในกำหนด" in text
    assert "รวม 10 เรื่อง" in squeeze(text)
    for private in (NAME, CONTACT, SUBJECT, DETAIL, "ถนนหน้าสำนักงานชำรุด"):
        assert private not in text
    sheet = register.tables[0]
    assert len(sheet.rows) == 10 and not any(NAME in str(cell) or SUBJECT in str(cell) for row in sheet.rows
                                             for cell in row)


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_the_sections_cost_the_same_queries_for_two_or_many_tickets(tree):
    def add(n):
        for k in range(n):
            ticket = make_ticket(office=tree["dist_a" if k % 2 else "prov"], received_on=date(2026, 3, 2 + k))
            answer_on_time(ticket)
            ImprovementAnalysis.objects.create(
                office=ticket.office, fiscal_year=FY, follow_up_data="x", follow_up_channel="x", analysis_method="x",
                analysis_result="x", analyst="x", priority="low", process_improved="x", owner="x")
            FollowUpPlan.objects.create(office=ticket.office, fiscal_year=FY, process="x", priority="low",
                                        timing="x", frequency="x", owner="x", follow_up_channel="x")

    def build():
        return sections.sections(office=tree["prov"], fiscal_year=FY)

    add(2)
    few = _queries(build)
    add(8)
    assert _queries(build) == few


# --- The register's PDF ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who, names", [("alice", True), ("erin", False), ("axel", False)])
def test_the_register_pdf_shows_complainants_only_to_those_who_may_see_them(client, people, worked, who, names,
                                                                               tmp_path):
    client.force_login(people[who])
    response = client.get("/cs3/register.pdf?fiscal_year=2569")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert Ticket.objects.get(channel__code="website").reference in text
    assert "เกินกำหนด (ยังไม่แจ้งผล)" in text and "แจ้งผลภายในกำหนด" in text and "ยังไม่ครบกำหนด" in text
    assert (NAME in text, CONTACT in text, SUBJECT in text) == (names, names, names)
    assert DETAIL not in text
    assert ("ฉบับนี้ไม่แสดงข้อมูลผู้ร้อง" in text) is not names


def test_the_register_pdf_applies_the_registers_filters(client, people, worked, tmp_path):
    client.force_login(people["alice"])
    text = squeeze(pdf_text(client.get("/cs3/register.pdf?kind=suggestion&fiscal_year=2569").content, tmp_path))
    suggestion = Ticket.objects.get(kind=Kind.SUGGESTION)
    assert suggestion.reference in text and "รวม 1 เรื่อง" in text
    assert "ประเภทเรื่อง: ข้อเสนอแนะ" in text and "ปีงบประมาณ (พ.ศ.): 2569" in text
    assert Ticket.objects.get(channel__code="website").reference not in text


def test_the_register_pdf_is_the_readers_scope(client, people, worked, tmp_path):
    """A district's staff prints its own tickets only; naming another office's id is a 400 like the export."""
    client.force_login(people["bob"])
    text = pdf_text(client.get("/cs3/register.pdf").content, tmp_path)
    assert Ticket.objects.get(channel__code="website").reference not in text
    assert Ticket.objects.filter(office=worked["dist_a"]).first().reference in text
    assert client.get(f"/cs3/register.pdf?office={worked['other'].pk}").status_code == 400


def test_past_the_cap_the_reader_is_asked_to_narrow_the_filters(client, people, worked, monkeypatch):
    monkeypatch.setattr(reports, "REGISTER_CAP", 3)
    client.force_login(people["alice"])
    response = client.get("/cs3/register.pdf?fiscal_year=2569", follow=True)
    assert response.redirect_chain[-1][0] == "/cs3/?fiscal_year=2569"
    assert "โปรดเลือกเงื่อนไขให้แคบลง" in response.content.decode()
    response = client.get("/cs3/register.pdf?fiscal_year=2569&kind=suggestion")
    assert response["Content-Type"] == "application/pdf"


def test_the_register_pdf_costs_the_same_queries_for_two_or_many_tickets(client, people, tree):
    client.force_login(people["alice"])

    def add(n):
        for k in range(n):
            make_ticket(office=tree["dist_a"], received_on=date(2026, 3, 2 + k), complainant_name=NAME)

    add(2)
    few = _queries(lambda: client.get("/cs3/register.pdf"))
    add(8)
    assert _queries(lambda: client.get("/cs3/register.pdf")) == few


def test_the_register_offers_the_pdf_with_its_filters(client, people, worked):
    client.force_login(people["axel"])
    assert 'href="/cs3/register.pdf?kind=complaint"' in client.get("/cs3/?kind=complaint").content.decode()


# --- The ITA complaint-handling report --------------------------------------------------------------------------

PUBLIC = "/public/ita/PROV/2569/year/"


def test_the_public_report_is_a_404_until_the_committee_publishes_it(client, people, worked, tmp_path):
    assert client.get(PUBLIC).status_code == 404
    assert client.get(PUBLIC + "pdf/").status_code == 404
    client.force_login(people["alice"])
    response = client.post("/cs3/ita/?office=PROV&fiscal_year=2569", {"period": "year", "publish": "1"})
    assert response.status_code == 302
    assert ItaReport.objects.get(office=worked["prov"], period="year").published_by == people["alice"]
    client.logout()
    page = client.get(PUBLIC)
    assert page.status_code == 200
    html = page.content.decode()
    assert "รายงานผลการดำเนินการจัดการเรื่องร้องเรียน" in html and "ลดขั้นตอนการส่งต่อเรื่องไปอำเภอ" in html
    assert "50.00" in html
    pdf = pdf_text(client.get(PUBLIC + "pdf/").content, tmp_path)
    assert "รายงานผลการดำเนินการจัดการเรื่องร้องเรียน" in pdf and "2/4 50.00" in squeeze(pdf)
    for private in (NAME, CONTACT, SUBJECT, DETAIL):
        assert private not in html and private not in pdf
    assert "/public/ita/PROV/2569/year/" in client.get("/public/ita/PROV/").content.decode()
    # The half-year was not published; unpublishing takes the year down again.
    assert client.get("/public/ita/PROV/2569/half/").status_code == 404
    client.force_login(people["alice"])
    client.post("/cs3/ita/?office=PROV&fiscal_year=2569", {"period": "year", "publish": "0"})
    client.logout()
    assert client.get(PUBLIC).status_code == 404


@pytest.mark.parametrize("url", ["/public/ita/PROV/2569/quarter/", "/public/ita/NOPE/2569/year/",
                                 "/public/ita/PROV/2568/year/", "/public/ita/OTHER/2569/year/",
                                 "/public/ita/PROV/99999999999/year/pdf/"])
def test_unknown_or_unpublished_reports_are_a_404(client, worked, url):
    ita_publish(office=worked["prov"], fiscal_year=FY, period="year", published=True)
    assert client.get(url).status_code == 404


def test_only_the_committee_of_the_office_publishes(client, people, worked):
    for who, office in (("erin", "PROV"), ("axel", "PROV"), ("bob", "DIST-A")):
        client.force_login(people[who])
        response = client.post(f"/cs3/ita/?office={office}&fiscal_year=2569", {"period": "year", "publish": "1"})
        assert response.status_code == 403, who
    client.force_login(people["bob"])  # a district does not see its province's page at all
    assert client.get("/cs3/ita/?office=PROV&fiscal_year=2569").status_code == 404
    client.force_login(people["alice"])
    assert client.post("/cs3/ita/?office=OTHER&fiscal_year=2569", {"period": "year", "publish": "1"}).status_code == 404
    assert not ItaReport.objects.exists()


def test_a_period_not_yet_begun_or_unknown_is_refused_in_thai(client, people, worked):
    client.force_login(people["alice"])
    response = client.post("/cs3/ita/?office=PROV&fiscal_year=2570", {"period": "half", "publish": "1"})
    assert response.status_code == 400 and "รอบรายงานนี้ยังไม่เริ่ม" in response.content.decode()
    response = client.post("/cs3/ita/?office=PROV&fiscal_year=2569", {"period": "month", "publish": "1"})
    assert response.status_code == 400 and "ไม่มีรอบรายงานนี้" in response.content.decode()
    assert not ItaReport.objects.exists()


def test_the_committees_page_lists_both_periods_with_their_figures(client, people, worked, tmp_path):
    client.force_login(people["erin"])
    html = client.get("/cs3/ita/?office=PROV&fiscal_year=2569").content.decode()
    assert "รอบ 6 เดือน (ตุลาคม–มีนาคม)" in html and "รอบปีงบประมาณ (ตุลาคม–กันยายน)" in html
    assert "ยังไม่เผยแพร่" in html and 'name="publish"' not in html
    response = client.get("/cs3/ita/pdf/?office=PROV&fiscal_year=2569&period=half")
    text = squeeze(pdf_text(response.content, tmp_path))
    assert "รอบ 6 เดือน (ตุลาคม–มีนาคม)" in text and "1/2 50.00" in text


@pytest.mark.parametrize("url", ["/cs3/ita/pdf/?office=PROV&fiscal_year=2569&period=x",
                                 "/cs3/ita/pdf/?office=PROV&fiscal_year=2569",
                                 "/cs3/ita/?fiscal_year=abc", "/cs3/ita/pdf/?fiscal_year=0&period=year",
                                 "/cs3/register.pdf?fiscal_year=x", "/cs3/register.pdf?quarter=9",
                                 "/cs3/ita/?fiscal_year=99999", "/cs3/ita/pdf/?fiscal_year=²&period=half"])
def test_bad_parameters_are_a_thai_400(client, people, url):
    client.force_login(people["alice"])
    response = client.get(url)
    assert response.status_code == 400, url
    assert "คำขอไม่ถูกต้อง" in response.content.decode()


def test_the_ita_pages_cost_the_same_queries_for_two_or_many_tickets(client, people, tree):
    ita_publish(office=tree["prov"], fiscal_year=FY, period="year", published=True)
    client.force_login(people["alice"])

    def add(n):
        for k in range(n):
            answer_on_time(make_ticket(office=tree["dist_a"], received_on=date(2026, 3, 2) + timedelta(days=k),
                                       channel=["phone", "website"][k % 2]))

    urls = ["/cs3/ita/?office=PROV&fiscal_year=2569", PUBLIC]
    for url in urls:  # the session and the rate limit's counter are written on the first request
        client.get(url)
    add(2)
    few = [_queries(lambda url=url: client.get(url)) for url in urls]
    add(8)
    assert [_queries(lambda url=url: client.get(url)) for url in urls] == few


def test_the_public_report_is_rate_limited_like_the_other_public_pages(client, settings, worked):
    from django.core.cache import cache

    cache.clear()
    settings.PUBLIC_RESULTS_RATE = "2/h"
    ita_publish(office=worked["prov"], fiscal_year=FY, period="year", published=True)
    assert [client.get(PUBLIC).status_code for _ in range(3)] == [200, 200, 429]


def test_office_staff_see_the_complainants_of_their_own_office_only_and_never_a_confidential_one(client, people,
                                                                                                   tree, tmp_path):
    """Bob (DIST-A staff) prints his office's register: an open ticket's complainant, a confidential one hidden."""
    make_ticket(office=tree["dist_a"], received_on=date(2026, 5, 4), complainant_name="สมชาย", today=TODAY)
    make_ticket(office=tree["dist_a"], received_on=date(2026, 5, 5), complainant_name="มาลี", confidential=True,
                today=TODAY)
    client.force_login(people["bob"])
    text = pdf_text(client.get("/cs3/register.pdf").content, tmp_path)
    assert "สมชาย" in text and "มาลี" not in text and "(ปกปิด)" in text


def test_the_register_section_past_the_cap_says_how_many_it_leaves_out(tree, monkeypatch):
    monkeypatch.setattr(reports, "REGISTER_CAP", 2)
    for day in (2, 3, 4):
        make_ticket(office=tree["dist_a"], received_on=date(2026, 3, day))
    register = sections.sections(office=tree["prov"], fiscal_year=FY)[3]
    assert (len(register.context["rows"]), register.context["total"], register.context["capped"]) == (2, 3, True)
    assert [t.received_on.day for t in register.context["rows"]] == [2, 3]  # oldest first
