"""A response remembers the listening channel it came by (CS2 counts them per channel). Forms already recorded get
the channel their source implies: answered online → website, keyed from paper or imported → documents and
questionnaires; API forms stay without one. Reversing drops the column (the backfill has nothing to undo)."""
import django.db.models.deletion
from django.db import migrations, models

CHANNEL_BY_SOURCE = {"public": "website", "entry": "document", "import": "document"}


def backfill(apps, schema_editor):
    Channel = apps.get_model("channels", "Channel")
    Response = apps.get_model("satisfaction", "Response")
    for source, code in CHANNEL_BY_SOURCE.items():
        channel = Channel.objects.filter(code=code).first()
        if channel is not None:
            Response.objects.filter(source=source, channel__isnull=True).update(channel=channel)


class Migration(migrations.Migration):

    dependencies = [
        ('channels', '0004_seed_kinds_and_modern_channels'),
        ('satisfaction', '0010_questionnaire_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='response',
            name='channel',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='channels.channel', verbose_name='ช่องทาง'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
