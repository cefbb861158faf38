"""What the CS1 services refuse, in Thai, writing nothing."""
import pytest
from django.core.exceptions import ValidationError

from stakeholders.forms import MissionForm
from stakeholders.models import Mission, StakeholderGroup
from stakeholders.selectors import groups_for_office, top_groups
from stakeholders.services import group_save, mission_save


def test_a_province_group_is_its_districts_group_but_not_another_provinces(offices):
    farmers = group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    own = group_save(office=offices["dist_a"], kind="customer", name="ผู้ปลูกทุเรียน", rank=2)
    assert list(groups_for_office(office=offices["dist_a"])) == [farmers, own]
    assert list(groups_for_office(office=offices["dist_b"])) == [farmers]
    assert list(groups_for_office(office=offices["other"])) == []


def test_a_mission_cannot_name_another_provinces_group(offices):
    theirs = group_save(office=offices["other"], kind="customer", name="เกษตรกร")
    with pytest.raises(ValidationError) as caught:
        mission_save(office=offices["prov"], fiscal_year=2569, title="พันธกิจ", groups=[theirs])
    assert caught.value.message_dict["groups"] == ["เลือกได้เฉพาะกลุ่มที่ใช้งานของหน่วยงานนี้หรือของหน่วยงานต้นสังกัด"]
    assert not Mission.objects.exists()


def test_the_same_name_twice_in_an_office_is_refused_in_thai(offices):
    group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    with pytest.raises(ValidationError) as caught:
        group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    assert "หน่วยงานนี้มีกลุ่มประเภทนี้ชื่อนี้แล้ว" in caught.value.messages
    with pytest.raises(ValidationError) as caught:
        group_save(office=offices["prov"], kind="customer", name="ประชาชน", rank=0)
    assert StakeholderGroup.objects.count() == 1


def test_the_top_two_of_each_kind_by_rank(offices):
    for rank, name in [(3, "ค"), (1, "ก"), (2, "ข")]:
        group_save(office=offices["prov"], kind="customer", name=name, rank=rank)
    group_save(office=offices["prov"], kind="stakeholder", name="ท้องถิ่น", rank=1)
    top = top_groups(office=offices["prov"])
    assert [g.name for g in top["customer"]] == ["ก", "ข"]
    assert [g.name for g in top["stakeholder"]] == ["ท้องถิ่น"]


def test_every_change_to_a_group_is_kept(offices):
    group = group_save(office=offices["prov"], kind="customer", name="เกษตรกร", needs="ความรู้")
    group_save(office=offices["prov"], group=group, needs="ความรู้และตลาด")
    assert [h.needs for h in group.history.order_by("history_date")] == ["ความรู้", "ความรู้และตลาด"]


def test_a_group_switched_off_stays_linked_until_someone_unticks_it(offices):
    """Editing a mission keeps a group switched off since it was linked; a new mission cannot pick that group."""
    prov = offices["prov"]
    farmers = group_save(office=prov, kind="customer", name="เกษตรกร", criteria="mission")
    council = group_save(office=prov, kind="stakeholder", name="อปท.", criteria="area")
    mission = mission_save(office=prov, fiscal_year=2569, title="ส่งเสริมเกษตรกร", groups=[farmers, council])
    group_save(group=council, office=prov, kind="stakeholder", name="อปท.", criteria="area", is_active=False)

    form = MissionForm(instance=mission, office=prov)
    assert set(form.fields["groups"].queryset) == {farmers, council}
    mission_save(office=prov, fiscal_year=2569, title="ส่งเสริมเกษตรกรและวิสาหกิจ", groups=[farmers, council],
                 mission=mission)
    assert set(mission.groups.all()) == {farmers, council}

    assert council not in MissionForm(office=prov).fields["groups"].queryset
    with pytest.raises(ValidationError) as refused:
        mission_save(office=prov, fiscal_year=2569, title="พันธกิจใหม่", groups=[council])
    assert "groups" in refused.value.message_dict
