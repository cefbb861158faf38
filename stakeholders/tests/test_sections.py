"""CS1 in the annual report and the evidence pack: the customer profile, the analysis table of the office's
subtree for the year and the SIPOCs, each the fragment the CS1 PDFs print; no evidence files."""
import pytest
from django.template.loader import render_to_string

from stakeholders import sections, selectors
from stakeholders.models import StakeholderGroup
from stakeholders.services import duty_row_save, sipoc_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def cs1(offices):
    farmers = StakeholderGroup.objects.create(office=offices["prov"], kind="customer", name="เกษตรกร", rank=1,
                                              needs="ความรู้การผลิต")
    duty_row_save(office=offices["dist_a"], fiscal_year=2569, groups=[farmers], process="การขึ้นทะเบียนเกษตรกร",
                  products="ทะเบียนเกษตรกร")
    duty_row_save(office=offices["other"], fiscal_year=2569, process="กระบวนการของจังหวัดอื่น")
    duty_row_save(office=offices["prov"], fiscal_year=2568, process="กระบวนการของปีก่อน")
    sipoc_save(office=offices["dist_a"], title="การจัดการข้อร้องเรียน", steps="1. รับเรื่อง\n2. ตอบกลับ")
    return farmers


def _by_key(office, fiscal_year=2569):
    return {s.key: s for s in sections.sections(office=office, fiscal_year=fiscal_year)}


def test_the_three_sections_cover_the_subtree_for_the_year(offices, cs1):
    found = _by_key(offices["prov"])
    assert list(found) == ["cs1-profile", "cs1-duty-analysis", "cs1-sipoc"]
    assert all(s.cs == 1 and not s.annual and s.has_data for s in found.values())
    duty = render_to_string(found["cs1-duty-analysis"].template, found["cs1-duty-analysis"].context)
    assert "การขึ้นทะเบียนเกษตรกร" in duty and "เกษตรกร" in duty
    assert "จังหวัดอื่น" not in duty and "ปีก่อน" not in duty
    assert found["cs1-duty-analysis"].tables[0].rows == [
        ["สำนักงานอำเภอ ก", "", "", "", "", "การขึ้นทะเบียนเกษตรกร", "ทะเบียนเกษตรกร", "เกษตรกร", ""]]
    sipoc = render_to_string(found["cs1-sipoc"].template, found["cs1-sipoc"].context)
    assert "การจัดการข้อร้องเรียน" in sipoc and "2. ตอบกลับ" in sipoc
    row = found["cs1-profile"].tables[0].rows[0]
    assert (row[2], row[4]) == ("เกษตรกร", "ความรู้การผลิต")


def test_an_office_with_nothing_has_no_data_and_no_evidence_files(offices):
    found = _by_key(offices["dist_b"])
    assert not any(s.has_data for s in found.values())
    assert sections.evidence_files(office=offices["dist_b"], fiscal_year=2569) == []


def test_the_profile_pdf_prints_the_sections_fragment_not_a_copy(offices, cs1):
    context = selectors.profile_context(office=offices["prov"])
    fragment = render_to_string("stakeholders/pdf/_profile.html", context)
    assert fragment in render_to_string("stakeholders/pdf/profile.html", context)
