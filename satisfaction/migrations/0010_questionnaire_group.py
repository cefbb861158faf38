"""A questionnaire's group becomes a link to the CS1 groups. Each free-text group is carried over, nothing lost: it
links to a group of the same name that the questionnaire's office works with (its own, or an office's above it),
else to a new customer group of that office under that name (questionnaires measure those who receive the service)."""
import django.db.models.deletion
from django.db import migrations, models


def _paths_above(path: str, steplen: int = 4) -> list[str]:
    return [path[:end] for end in range(steplen, len(path) + steplen, steplen)]


def text_to_group(apps, schema_editor):
    Questionnaire = apps.get_model("satisfaction", "Questionnaire")
    Group = apps.get_model("stakeholders", "StakeholderGroup")
    # Provinces before their districts, so that a district's text finds the group its province's text became.
    for questionnaire in (Questionnaire.objects.exclude(stakeholder_group="").select_related("office")
                          .order_by("office__depth", "pk")):
        name = questionnaire.stakeholder_group.strip()
        if not name:
            continue
        group = (Group.objects.filter(office__path__in=_paths_above(questionnaire.office.path), name=name)
                 .order_by("-office__depth", "kind").first())
        if group is None:
            group = Group.objects.create(office=questionnaire.office, kind="customer", name=name, criteria="service",
                                         rank=Group.objects.filter(office=questionnaire.office).count() + 1)
        questionnaire.group = group
        questionnaire.save(update_fields=["group"])


def group_to_text(apps, schema_editor):
    Questionnaire = apps.get_model("satisfaction", "Questionnaire")
    for questionnaire in Questionnaire.objects.exclude(group=None).select_related("group"):
        questionnaire.stakeholder_group = questionnaire.group.name
        questionnaire.save(update_fields=["stakeholder_group"])


class Migration(migrations.Migration):

    dependencies = [
        ("offices", "0001_initial"),
        ("satisfaction", "0009_improvement_evidence_checked"),
        ("stakeholders", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionnaire",
            name="group",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="questionnaires", to="stakeholders.stakeholdergroup",
                                    verbose_name="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
        ),
        migrations.RunPython(text_to_group, group_to_text),
        migrations.RemoveField(model_name="questionnaire", name="stakeholder_group"),
    ]
