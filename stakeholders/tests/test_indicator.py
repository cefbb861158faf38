"""The CS1 indicator on hand-worked data (docs/indicators.md, "CS1")."""
from decimal import Decimal

from core.plans.figures import Figure
from stakeholders.selectors import groups_defined_figure
from stakeholders.services import group_save, mission_save


def _groups(office):
    return (group_save(office=office, kind="customer", name="เกษตรกร"),
            group_save(office=office, kind="stakeholder", name="องค์กรปกครองส่วนท้องถิ่น"))


def test_missions_with_a_customer_and_a_stakeholder_group_over_all_missions(offices):
    """Province: 2 missions, one with both kinds, one with customers only. District A: 1 mission with both (the
    province's customer group and its own stakeholder group). Another year and another province count nowhere.
    Province subtree: 2 of 3 = 66.67 %; district A alone: 1 of 1 = 100 %."""
    farmers, local = _groups(offices["prov"])
    district_own = group_save(office=offices["dist_a"], kind="stakeholder", name="ชุมชนริมน้ำ")
    mission_save(office=offices["prov"], fiscal_year=2569, title="ส่งเสริมเกษตรกร", groups=[farmers, local])
    mission_save(office=offices["prov"], fiscal_year=2569, title="ถ่ายทอดเทคโนโลยี", groups=[farmers])
    mission_save(office=offices["dist_a"], fiscal_year=2569, title="บริการในอำเภอ", groups=[farmers, district_own])
    mission_save(office=offices["prov"], fiscal_year=2568, title="ปีก่อน", groups=[])
    other_farmers, other_local = _groups(offices["other"])
    mission_save(office=offices["other"], fiscal_year=2569, title="จังหวัดอื่น", groups=[other_farmers])

    assert groups_defined_figure(office=offices["prov"], fiscal_year=2569) == Figure(Decimal("66.67"), 2, 3)
    assert groups_defined_figure(office=offices["dist_a"], fiscal_year=2569) == Figure(Decimal("100.00"), 1, 1)
    assert groups_defined_figure(office=offices["prov"], fiscal_year=2568) == Figure(Decimal("0.00"), 0, 1)
    assert groups_defined_figure(office=offices["dist_b"], fiscal_year=2569) == Figure(None, 0, 0)
