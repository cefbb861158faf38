"""CS4 in the annual report and the evidence pack: the network table and the relationship-activity report of an
office's subtree, the fragments the CS4 PDFs print, with no member's personal data; the activity photos are the
evidence files, captioned with the activity and its date."""
from datetime import date

import pytest
from django.template.loader import render_to_string

from networks import sections, selectors, services
from tests.isolation_walk import jpeg_file

from .factories import make_activity, make_network

pytestmark = pytest.mark.django_db
PERSON, PHONE = "นายสมบัติ ทองดี", "081-234-5601"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cs4(offices):
    network = make_network(office=offices["dist_a"], name="เครือข่ายผู้ปลูกทุเรียน")
    services.member_add(network=network, kind="person", name=PERSON, position="ประธาน", phone=PHONE)
    activity = make_activity(network=network, held_on=date(2026, 3, 14), title="เวทีทุเรียนคุณภาพ")
    services.photo_add(activity=activity, photo=jpeg_file("a.jpg"), caption="บรรยากาศ")
    make_activity(network=network, held_on=date(2025, 3, 14), title="กิจกรรมของปีก่อน")
    make_network(office=offices["other"], name="เครือข่ายของจังหวัดอื่น")
    return network


def _by_key(office, fiscal_year=2569):
    return {s.key: s for s in sections.sections(office=office, fiscal_year=fiscal_year)}


def test_the_network_table_and_the_report_of_the_subtree_without_personal_data(offices, cs4):
    found = _by_key(offices["prov"])
    assert list(found) == ["cs4-network-table", "cs4-activity-report"]
    assert all(s.annual and s.has_data for s in found.values())
    html = "".join(render_to_string(s.template, s.context) for s in found.values())
    assert "เครือข่ายผู้ปลูกทุเรียน (สำนักงานอำเภอ ก)" in html and "เวทีทุเรียนคุณภาพ" in html
    assert "ปีก่อน" not in html and "จังหวัดอื่น" not in html
    assert PERSON not in html and PHONE not in html
    assert "รายงานกิจกรรมสร้างความสัมพันธ์" not in html  # the report prints the title itself (an <h2>)
    assert found["cs4-activity-report"].tables[0].rows[0][:5] == [
        "เครือข่ายผู้ปลูกทุเรียน", "", "เวทีทุเรียนคุณภาพ", "เป็นทางการ", "14 มี.ค. 69"]


def test_the_activity_photos_are_the_evidence_files(offices, cs4):
    files = sections.evidence_files(office=offices["prov"], fiscal_year=2569)
    assert [(f.cs, f.title, f.on, f.source) for f in files] == [
        (4, "เวทีทุเรียนคุณภาพ 14 มีนาคม 2569", date(2026, 3, 14), "ภาพกิจกรรมเครือข่าย")]


def test_an_office_with_nothing_has_no_data(offices):
    assert not any(s.has_data for s in _by_key(offices["dist_b"]).values())


def test_the_report_pdf_prints_the_sections_fragment_not_a_copy(offices, people, cs4):
    context = selectors.report_context(user=people["alice"], office=offices["prov"], fiscal_year=2569)
    fragment = render_to_string("networks/pdf/_activity_report.html", context)
    assert fragment in render_to_string("networks/pdf/activity_report.html", context)
    assert context["sections"] and selectors.subtree_report_context(
        office=offices["prov"], fiscal_year=2569)["sections"][0]["activities"][0][0].title == "เวทีทุเรียนคุณภาพ"
