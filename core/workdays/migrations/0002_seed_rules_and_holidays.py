"""Every installation starts with the 15-working-day rule and the government-office holidays of 2011–2031."""
from django.db import migrations


def seed(apps, schema_editor):
    from core.workdays.services import PACKAGE_SOURCE, government_holidays

    DeadlineRule = apps.get_model("workdays", "DeadlineRule")
    Holiday = apps.get_model("workdays", "Holiday")
    DeadlineRule.objects.get_or_create(
        code="15-working-days",
        defaults={"name": "15 วันทำการ (พ.ร.ฎ. ว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 มาตรา 38)",
                  "basis": "working_days", "days": 15},
    )
    known = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create(
        Holiday(date=day, name=name, kind=kind, source=PACKAGE_SOURCE)
        for day, (name, kind) in sorted(government_holidays(list(range(2011, 2032))).items())
        if day not in known
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
