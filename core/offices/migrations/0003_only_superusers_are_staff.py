"""Staff status opened the Django admin to every office administrator; the admin is now for superusers only
(pmqa.admin_site), and no one else keeps staff status."""
from django.db import migrations


def clear_staff(apps, schema_editor):
    User = apps.get_model("offices", "User")
    User.objects.filter(is_staff=True, is_superuser=False).update(is_staff=False)


class Migration(migrations.Migration):

    dependencies = [
        ("offices", "0002_user_line_id"),
    ]

    operations = [
        # Not reversed: giving staff status back would reopen the hole.
        migrations.RunPython(clear_staff, migrations.RunPython.noop),
    ]
