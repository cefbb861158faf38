"""CS2 in the annual report and the evidence pack: the three-year statistics, the types of information heard, the
improvements with their photos, table CS2-1 and the reviews, of an office's subtree; the photos are evidence files."""
from datetime import date

import pytest
from django.template.loader import render_to_string

from channels import sections, services, usage
from channels.models import ChannelReview
from channels.selectors import channel_by_code
from tests.isolation_walk import jpeg_file

from .factories import cs21_row, key, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cs2(offices, people):
    key(people["root"], ("PROV", "phone", 2567, 120), ("DIST-A", "phone", 2569, 25))
    services.information_types_save(office=offices["dist_a"], fiscal_year=2569, lines=["ความต้องการด้านราคา"])
    services.improvement_create(office=offices["dist_a"], fiscal_year=2569, topic="การขึ้นทะเบียนออนไลน์",
                                steps="ขั้นที่หนึ่ง\nขั้นที่สอง", before_photo=jpeg_file("before.jpg"),
                                after_photo=jpeg_file("after.jpg"))
    services.improvement_create(office=offices["other"], fiscal_year=2569, topic="เรื่องของจังหวัดอื่น", steps="x")
    group = make_group(office=offices["prov"], name="เกษตรกร")
    cs21_row(office=offices["dist_a"], group=group, channel="phone", reason="เข้าถึงง่าย")
    ChannelReview.objects.create(office=offices["dist_a"], group=group, channel=channel_by_code("phone"),
                                 sample_size=30, result="ยังใช้ได้ดี", reviewed_on=date(2026, 2, 1))


def _by_key(office, fiscal_year=2569):
    return {s.key: s for s in sections.sections(office=office, fiscal_year=fiscal_year)}


def test_the_five_sections_of_the_subtree(offices, cs2):
    found = _by_key(offices["prov"])
    assert list(found) == ["cs2-statistics", "cs2-information-types", "cs2-improvements", "cs2-analysis",
                           "cs2-reviews"]
    assert [k for k, s in found.items() if s.annual] == ["cs2-statistics", "cs2-information-types", "cs2-improvements"]
    assert all(s.has_data for s in found.values())
    stats = found["cs2-statistics"].tables[0]
    assert stats.columns[1:4] == ["ปี 2567", "ข้อร้องเรียน 2567", "แบบสอบถาม 2567"]
    assert stats.rows[-1][0] == "รวม" and stats.rows[-1][1] == 120 and stats.rows[-1][7] == 25
    improvements = render_to_string(found["cs2-improvements"].template, found["cs2-improvements"].context)
    assert "สำนักงานอำเภอ ก ได้นำข้อมูลความต้องการของผู้รับบริการ จากช่องทางการรับฟังฯ ดังกล่าวข้างต้น" in improvements
    assert "การขึ้นทะเบียนออนไลน์" in improvements and "<li>ขั้นที่สอง</li>" in improvements
    assert improvements.count('<img src="file://') == 2 and "ภาพก่อนปรับปรุง" in improvements
    assert "จังหวัดอื่น" not in improvements
    assert "เข้าถึงง่าย" in render_to_string(found["cs2-analysis"].template, found["cs2-analysis"].context)
    assert found["cs2-reviews"].tables[0].rows[0][7] == "ยังใช้ได้ดี"


def test_the_improvement_photos_are_the_evidence_files(offices, cs2):
    files = sections.evidence_files(office=offices["prov"], fiscal_year=2569)
    assert [(f.cs, f.title, f.content_type) for f in files] == [
        (2, "ภาพก่อนปรับปรุง: การขึ้นทะเบียนออนไลน์", "image/jpeg"), (2, "ภาพหลังปรับปรุง: การขึ้นทะเบียนออนไลน์", "image/jpeg")]
    assert sections.evidence_files(office=offices["dist_b"], fiscal_year=2569) == []


def test_an_office_with_nothing_has_no_data(offices):
    assert not any(s.has_data for s in _by_key(offices["dist_b"]).values())


def test_the_statistics_pdf_prints_the_sections_fragment_not_a_copy(offices, cs2):
    context = usage.statistics_context(office=offices["prov"], fiscal_years=usage.default_years(2569))
    fragment = render_to_string("channels/pdf/_statistics.html", context)
    assert fragment in render_to_string("channels/pdf/statistics.html", context)
