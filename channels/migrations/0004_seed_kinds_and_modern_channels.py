"""Each national channel gets its kind, and seed 004's modern channels join the list: Instagram, X (Twitter) and
petitions (คำร้อง). Codes never change: complaints name channels by code. Reversing leaves the rows (noop)."""
from django.db import migrations

KINDS = {
    "office": "office", "document": "document", "meeting": "meeting", "learning-centre": "learning_centre",
    "phone": "phone", "website": "website", "suggestion-box": "suggestion_box", "other": "other", "line": "line",
    "facebook": "facebook", "email": "email",
}
NEW = [
    # (code, name, kind, direction, order)
    ("instagram", "Instagram", "instagram", "reactive", 12),
    ("x", "X (ทวิตเตอร์)", "x", "reactive", 13),
    ("petition", "คำร้อง", "petition", "reactive", 14),
]


def seed(apps, schema_editor):
    Channel = apps.get_model("channels", "Channel")
    for code, kind in KINDS.items():
        Channel.objects.filter(code=code, office__isnull=True).update(kind=kind)
    for code, name, kind, direction, order in NEW:
        Channel.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "direction": direction,
                                                           "order": order})


class Migration(migrations.Migration):
    dependencies = [("channels", "0003_channel_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
