"""API tokens move from DRF's authtoken (plain text, never expiring) to django-rest-knox (hashed, expiring).

Existing tokens are carried over, so that the district offices' systems keep working through the upgrade: each
becomes a knox token with the same text (knox stores its hash and its first characters), expiring after
API_TOKEN_TTL_DAYS from the upgrade; the plain-text rows are then deleted. `rest_framework.authtoken` is no
longer installed, so its table is read by name, if this database has it.
"""
from django.db import migrations

DRF_TABLE = "authtoken_token"


def carry_over_drf_tokens(apps, schema_editor):
    from django.utils import timezone
    from knox.crypto import hash_token  # knox's own hash, so that its authentication finds these rows
    from knox.settings import CONSTANTS, knox_settings

    connection = schema_editor.connection
    if DRF_TABLE not in connection.introspection.table_names():
        return
    AuthToken = apps.get_model("knox", "AuthToken")
    quoted = schema_editor.quote_name(DRF_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {schema_editor.quote_name('key')}, user_id FROM {quoted}")
        rows = cursor.fetchall()
    expiry = timezone.now() + knox_settings.TOKEN_TTL
    AuthToken.objects.bulk_create([
        AuthToken(digest=hash_token(key), token_key=key[:CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id,
                  expiry=expiry)
        for key, user_id in rows
    ])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quoted}")


class Migration(migrations.Migration):

    dependencies = [
        ("offices", "0003_only_superusers_are_staff"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        # Not reversed: the plain-text tokens are gone, which is the point.
        migrations.RunPython(carry_over_drf_tokens, migrations.RunPython.noop),
    ]
