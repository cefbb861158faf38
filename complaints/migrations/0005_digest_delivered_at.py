# Digests are claimed before they are sent and marked when delivered, so that a claim a dead worker left is sent by
# the next run (complaints/checks.py). Every row written before this was a delivered digest (a failed one had its row
# removed), so they are marked delivered when they were written: one UPDATE over the log, one row per person and day.
from django.db import migrations, models


def mark_delivered(apps, schema_editor):
    NotificationLog = apps.get_model("complaints", "NotificationLog")
    NotificationLog.objects.filter(delivered_at__isnull=True).update(delivered_at=models.F("sent_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0004_ita_report"),
    ]

    operations = [
        migrations.AddField(
            model_name="notificationlog",
            name="delivered_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_delivered, migrations.RunPython.noop),
    ]
