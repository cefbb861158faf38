"""The one scoping function: the office and everything below it, nothing beside it."""
import pytest

from core.offices.scoping import scope, visible_offices
from core.plans.models import ActionPlan
from core.testing.factories import ActionPlanFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def test_each_persona_sees_its_subtree(people, offices):
    reach = {name: sorted(o.code for o in visible_offices(user)) for name, user in people.items()}
    assert reach["alice"] == ["DIST-A", "DIST-B", "PROV"]
    assert reach["bob"] == ["DIST-A"]
    assert reach["carol"] == ["OTHER"]
    assert reach["admin"] == reach["root"] == ["DEPT", "DIST-A", "DIST-B", "OTHER", "PROV"]


def test_a_root_user_does_not_see_a_second_tree(people, offices):
    ActionPlanFactory(office=offices["other"])
    elsewhere = ActionPlanFactory(office=OfficeFactory(code="ELSEWHERE", name="กรมอื่น"))
    plans = scope(ActionPlan.objects.all(), people["admin"])
    assert elsewhere not in plans and plans.count() == 1
    assert elsewhere in scope(ActionPlan.objects.all(), people["root"])  # a superuser sees every tree


def test_records_shared_down_reach_the_offices_below_but_not_beside(people, offices):
    from core.offices.scoping import scope_shared_down

    province_plan = ActionPlanFactory(office=offices["prov"])
    other_plan = ActionPlanFactory(office=offices["other"])
    district_plan = ActionPlanFactory(office=offices["dist_a"])
    seen = set(scope_shared_down(ActionPlan.objects.all(), people["bob"]))
    assert seen == {province_plan, district_plan}  # its province's, its own; not OTHER's, not DIST-B's
    assert set(scope_shared_down(ActionPlan.objects.all(), people["carol"])) == {other_plan}


def test_the_one_way_up_the_tree_names_every_office_above_root_first(offices):
    from core.offices.models import Office
    from core.offices.scoping import paths_above

    district = offices["dist_a"]
    above = paths_above(district.path)
    assert list(Office.objects.filter(path__in=above).order_by("path")) == [offices["dept"], offices["prov"]]
    assert above == [offices["dept"].path, offices["prov"].path]  # root first, without a query
    assert paths_above(district.path, including_own=True) == [*above, district.path]
    assert paths_above(offices["dept"].path) == []
