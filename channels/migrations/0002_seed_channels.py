"""The eight channel types of seed 002's channel-statistics table, plus LINE, Facebook and e-mail."""
from django.db import migrations

CHANNELS = [
    ("office", "สำนักงานหรือจุดบริการ", "reactive"),
    ("document", "หนังสือ เอกสาร แบบสอบถาม", "reactive"),
    ("meeting", "การประชุม/พบปะพูดคุย", "proactive"),
    ("learning-centre", "ศูนย์สาธิต/ศูนย์การเรียนรู้", "proactive"),
    ("phone", "โทรศัพท์/โทรสาร/สายด่วน", "reactive"),
    ("website", "เว็บไซต์จังหวัด/หน่วยงาน", "reactive"),
    ("suggestion-box", "ตู้/กล่องรับความคิดเห็น", "reactive"),
    ("other", "อื่นๆ", "reactive"),
    ("line", "LINE", "reactive"),
    ("facebook", "Facebook", "reactive"),
    ("email", "จดหมายอิเล็กทรอนิกส์ (e-mail)", "reactive"),
]


def seed(apps, schema_editor):
    Channel = apps.get_model("channels", "Channel")
    for order, (code, name, direction) in enumerate(CHANNELS, start=1):
        Channel.objects.get_or_create(code=code, defaults={"name": name, "direction": direction, "order": order})


class Migration(migrations.Migration):
    dependencies = [("channels", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
