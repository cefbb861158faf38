"""The CS5 services refuse bad input with Thai messages keyed by field and write nothing; measures are kept by
name; a project with fewer than three information channels is pointed out, never refused."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from channels.services import channel_save
from core.testing.files import pdf_bytes, upload
from participation.forms import ProjectForm
from stakeholders.models import StakeholderGroup

from .. import services
from ..models import GovernorReport, NextStep, OutcomeMeasure, ParticipationProject
from ..selectors import project_list
from .factories import group, measure, project

pytestmark = pytest.mark.django_db


def _refusal(**overrides) -> dict:
    with pytest.raises(ValidationError) as caught:
        project(**overrides)
    return caught.value.message_dict


def test_bad_projects_are_refused_field_by_field_and_nothing_is_written(offices):
    prov = offices["prov"]
    assert _refusal(office=prov, level=6)["level"][0].startswith("ระดับการมีส่วนร่วมต้องเป็น 1–5")
    assert _refusal(office=prov, level=0)["level"]
    assert _refusal(office=prov, started_on=date(2026, 3, 1), ended_on=date(2026, 2, 1))["ended_on"] == [
        "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"]
    assert _refusal(office=prov, measures=[measure("ผู้เข้าร่วม", None)])["measures"] == [
        "ตัวชี้วัดผลลัพธ์ที่ 1: กรุณาระบุค่าเป้าหมาย"]
    assert _refusal(office=prov, measures=[measure("ก", 1), measure("ก", 2)])["measures"] == [
        "ตัวชี้วัดผลลัพธ์ที่ 2: ชื่อ “ก” ซ้ำกับตัวชี้วัดก่อนหน้า"]
    assert _refusal(office=prov, measures=[measure("ก", "abc", direction="up")])["measures"] == [
        "ตัวชี้วัดผลลัพธ์ที่ 1: ค่าเป้าหมายต้องเป็นตัวเลข",
        "ตัวชี้วัดผลลัพธ์ที่ 1: ทิศทางต้องเป็นยิ่งมากยิ่งดี (higher) หรือยิ่งน้อยยิ่งดี (lower)"]
    assert "mission" in _refusal(office=prov, strategy="")
    assert _refusal(office=prov, title="  ")["title"] == ["กรุณาระบุชื่อโครงการ/กิจกรรม"]
    assert _refusal(office=prov, title="ก" * 256)["title"]
    # Another province's group and own channel are not PROV's to link.
    other_channel = channel_save(office=offices["other"], code="other-radio", name="วิทยุ", kind="other",
                                 direction="proactive")
    errors = _refusal(office=prov, groups=[group(offices["other"], "กลุ่มจังหวัดอื่น")])
    assert errors["groups"] == ["เลือกได้เฉพาะกลุ่มที่ใช้งานของหน่วยงานนี้หรือของหน่วยงานต้นสังกัด"]
    with pytest.raises(ValidationError) as caught:
        services.project_save(office=prov, fiscal_year=2569, title="x", level=1, started_on=date(2026, 1, 1),
                              strategy="x", groups=[group(prov)], info_channels=[other_channel])
    assert "info_channels" in caught.value.message_dict
    assert not ParticipationProject.objects.exists() and not OutcomeMeasure.objects.exists()


def test_a_district_uses_its_provinces_groups_and_missions(offices):
    from stakeholders.services import mission_save

    mission = mission_save(office=offices["prov"], fiscal_year=2569, title="พันธกิจจังหวัด")
    p = project(offices["dist_a"], groups=[group(offices["prov"])], mission=mission, strategy="")
    assert p.mission == mission
    with pytest.raises(ValidationError) as caught:
        project(offices["dist_a"], mission=mission, fiscal_year=2570, strategy="")
    assert "mission" in caught.value.message_dict


def test_measures_are_kept_by_name_their_history_goes_on(offices):
    p = project(offices["prov"], measures=[measure("ผู้เข้าร่วม", 40), measure("ความพึงพอใจ", 80)])
    kept = p.measures.get(name="ผู้เข้าร่วม")
    services.project_save(office=p.office, project=p, fiscal_year=2569, title=p.title, level=p.level,
                          started_on=p.started_on, strategy=p.strategy, groups=list(p.groups.all()),
                          measures=[measure("ผู้เข้าร่วม", 40, 52), measure("ข้อร้องเรียน", 5, 2, "lower")])
    assert list(p.measures.values_list("name", "result")) == [("ผู้เข้าร่วม", 52), ("ข้อร้องเรียน", 2)]
    assert p.measures.get(name="ผู้เข้าร่วม").pk == kept.pk
    assert kept.history.count() == 2
    # No `measures` at all leaves them as they are (a change of the project's own fields only).
    services.project_save(office=p.office, project=p, fiscal_year=2569, title="ชื่อใหม่", level=3,
                          started_on=p.started_on, strategy=p.strategy, groups=list(p.groups.all()))
    assert p.measures.count() == 2


def test_fewer_than_three_information_channels_is_pointed_out(offices, people):
    project(offices["prov"], title="สองช่องทาง", info=("line", "facebook"))
    project(offices["prov"], title="สามช่องทาง", info=("line", "facebook", "website"))
    rows = {p.title: (p.info_channel_count, p.few_info_channels) for p in project_list(user=people["alice"])}
    assert rows == {"สองช่องทาง": (2, True), "สามช่องทาง": (3, False)}


def test_publishing_is_recorded_in_the_history(offices):
    p = project(offices["prov"])
    services.project_publish(project=p, published=True)
    p.refresh_from_db()
    assert p.is_published and p.history.first().is_published


def test_governor_report_and_its_letter(offices, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as caught:
        services.governor_report_save(office=offices["prov"], fiscal_year=2569, title="", letter_number="",
                                      letter_date=None, meeting_date=date(2026, 9, 29),
                                      letter=upload("letter.pdf", b"<html>not a pdf"))
    assert set(caught.value.message_dict) == {"title", "letter_number", "letter_date", "meeting", "letter"}
    report = services.governor_report_save(office=offices["prov"], fiscal_year=2569, title="รายงานสรุป",
                                           letter_number="ชพ 0008/1", letter_date=date(2026, 9, 25),
                                           letter=upload("หนังสือ.pdf", pdf_bytes()))
    assert (report.letter_name, report.letter_type) == ("หนังสือ.pdf", "application/pdf")
    assert GovernorReport.objects.count() == 1


def test_next_steps_raise_a_project_or_widen_it(offices):
    p = project(offices["prov"], level=2)
    with pytest.raises(ValidationError) as caught:
        services.next_step_save(office=offices["prov"], fiscal_year=2569, action="ยกระดับ", project=p, target_level=2)
    assert caught.value.message_dict["target_level"][0].startswith("ระดับเป้าหมายต้องสูงกว่าระดับปัจจุบัน")
    with pytest.raises(ValidationError) as caught:
        services.next_step_save(office=offices["prov"], fiscal_year=2569, action="ขยายผล", kind="widen")
    assert "groups" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.next_step_save(office=offices["other"], fiscal_year=2569, action="x", project=p, target_level=3)
    assert "project" in caught.value.message_dict
    services.next_step_save(office=offices["prov"], fiscal_year=2569, action="ตั้งคณะทำงาน", project=p, target_level=3)
    services.next_step_save(office=offices["prov"], fiscal_year=2569, action="ขยายผล", kind="widen",
                            groups=[group(offices["prov"])])
    assert NextStep.objects.count() == 2


def test_a_group_switched_off_stays_on_its_project_until_someone_unticks_it(offices):
    """Changing a project keeps a group switched off since it was linked (the form offers it, the service accepts
    it); a new project cannot pick that group."""
    prov = offices["prov"]
    farmers, council = group(prov), group(prov, "อปท.", "stakeholder")
    linked = project(prov, groups=[farmers, council])
    StakeholderGroup.objects.filter(pk=council.pk).update(is_active=False)

    assert set(ProjectForm(office=prov, fiscal_year=2569, project=linked).fields["groups"].queryset) == {farmers,
                                                                                                      council}
    services.project_save(office=prov, fiscal_year=2569, title="โครงการทดสอบ (แก้ไข)", level=2,
                          started_on=date(2025, 11, 1), strategy="ยุทธศาสตร์การเกษตร", groups=[farmers, council],
                          project=linked)
    assert set(linked.groups.all()) == {farmers, council}
    assert council not in ProjectForm(office=prov, fiscal_year=2569).fields["groups"].queryset
    assert "groups" in _refusal(office=prov, title="โครงการใหม่", groups=[council])
