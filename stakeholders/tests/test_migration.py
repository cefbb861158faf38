"""The questionnaires' free-text groups become links to CS1 groups, nothing lost (satisfaction 0010)."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("satisfaction", "0009_improvement_evidence_checked"), ("stakeholders", "0001_initial")]
AFTER = [("satisfaction", "0010_questionnaire_group")]


# Serialized like the other committing tests: no post_migrate at teardown, whose role groups would collide with the
# rows the next serialized test puts back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_free_text_groups_become_groups_and_nothing_is_lost():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Office = old.get_model("offices", "Office")
    Questionnaire = old.get_model("satisfaction", "Questionnaire")
    Group = old.get_model("stakeholders", "StakeholderGroup")
    prov = Office.objects.create(code="PROV", name="จังหวัด", path="0001", depth=1)
    dist = Office.objects.create(code="DIST", name="อำเภอ", path="00010001", depth=2)
    existing = Group.objects.create(office=prov, kind="stakeholder", name="องค์กรปกครองส่วนท้องถิ่น", rank=1)
    Questionnaire.objects.create(office=prov, title="ก", stakeholder_group="เกษตรกร")
    Questionnaire.objects.create(office=dist, title="ข", stakeholder_group=" เกษตรกร ")
    Questionnaire.objects.create(office=dist, title="ค", stakeholder_group="องค์กรปกครองส่วนท้องถิ่น")
    Questionnaire.objects.create(office=prov, title="ง", stakeholder_group="")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    by_title = {q.title: q for q in new.get_model("satisfaction", "Questionnaire").objects.select_related("group")}
    farmers = by_title["ก"].group
    assert (farmers.name, farmers.kind, farmers.office_id) == ("เกษตรกร", "customer", prov.pk)
    assert by_title["ข"].group == farmers  # the district's text finds its province's group
    assert by_title["ค"].group_id == existing.pk  # a group that existed already is linked, not copied
    assert by_title["ง"].group is None
    assert new.get_model("stakeholders", "StakeholderGroup").objects.count() == 2
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as the other tests expect it
