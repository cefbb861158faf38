"""manage.py backup / restore, in this process, on the suite's database (SQLite here, PostgreSQL in its stage).

The restore goes into an emptied database and a new media folder; tests/test_backup_integration.py does the same
end to end through the commands, into a second PostgreSQL database.
"""
import hashlib
import io
import json
import shutil
import sqlite3
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core import backup

# serialized_rollback: the seeded channels (migrations) are back in every test after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FILES = {
    "คำสั่งแต่งตั้งคณะทำงาน.pdf": b"%PDF-1.4 committee order\n" * 40,
    "photo.jpg": bytes(range(256)) * 50,
}


def seed_backup_data(people, offices) -> dict[str, int]:
    """Rows in several apps (offices and users, plans with evidence files, a complaint) and two uploaded files.
    Returns the rows each model has, to check after the restore."""
    from complaints.models import Ticket
    from complaints.tests.factories import make_ticket
    from core.plans.models import ActionPlan, Evidence
    from core.testing.factories import ActionPlanFactory, StepFactory

    plan = ActionPlanFactory(office=offices["prov"])
    step = StepFactory(plan=plan)
    for name, content in FILES.items():
        Evidence.objects.create(plan=plan, step=step, title=name, file=ContentFile(content, name=name),
                                size=len(content), uploaded_by=people["alice"])
    make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10))
    return {"plans": ActionPlan.objects.count(), "evidence": Evidence.objects.count(),
            "tickets": Ticket.objects.count()}


def empty_the_database() -> None:
    """A fresh database: no tables at all."""
    if connection.vendor == "sqlite":
        blank = sqlite3.connect(":memory:")
        blank.backup(connection.connection)
        blank.close()
    else:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def test_backup_then_restore_into_a_fresh_database_and_media_folder_gives_the_same_rows_and_files(
        people, offices, settings, tmp_path):
    """Every table's rows and every file come back, and restore says so."""
    from complaints.models import Ticket
    from core.plans.models import ActionPlan, Evidence

    settings.MEDIA_ROOT = tmp_path / "media"
    counts = seed_backup_data(people, offices)
    out = io.StringIO()
    call_command("backup", output=str(tmp_path / "backups"), stdout=out)
    (folder,) = (tmp_path / "backups").iterdir()
    assert "สำรองข้อมูลแล้วที่" in out.getvalue()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["tables"]["plans_evidence"] == 2
    assert manifest["tables"]["complaints_ticket"] == 1
    assert manifest["migrations"]["complaints"].startswith("00")
    assert sorted((entry["size"], entry["sha256"]) for entry in manifest["files"]) == sorted(
        (len(content), hashlib.sha256(content).hexdigest()) for content in FILES.values())
    assert set(manifest["archives"]) == {backup.DUMP_NAMES[connection.vendor], "media.tar"}

    empty_the_database()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    out = io.StringIO()
    call_command("restore", str(folder), stdout=out)

    printed = out.getvalue()
    tables = len(manifest["tables"])
    assert f"ตาราง: ตรงกัน {tables} จาก {tables} ตาราง" in printed
    assert "ไฟล์แนบ: ตรงกัน 2 จาก 2 ไฟล์" in printed
    assert "ข้อมูลที่กู้คืนตรงกับบัญชีรายการทุกตารางและทุกไฟล์" in printed
    assert {"plans": ActionPlan.objects.count(), "evidence": Evidence.objects.count(),
            "tickets": Ticket.objects.count()} == counts
    for evidence in Evidence.objects.all():
        with evidence.file.open("rb") as handle:
            assert handle.read() == FILES[evidence.title]


def test_a_damaged_backup_is_refused_in_thai_and_nothing_changes(people, offices, settings, tmp_path):
    """One byte changed in the media tar: restore names the damaged part and touches neither database nor files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_backup_data(people, offices)
    folder = backup.backup_create(output_dir=tmp_path / "backups")
    intact = shutil.copytree(folder, tmp_path / "intact")
    tar = folder / "media.tar"
    data = bytearray(tar.read_bytes())
    data[2000] ^= 0xFF
    tar.write_bytes(bytes(data))

    empty_the_database()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    try:
        with pytest.raises(CommandError, match=r"สำเนาสำรองเสียหาย \(checksum ไม่ตรง\): media.tar"):
            call_command("restore", str(folder), stdout=io.StringIO())
        with connection.cursor() as cursor:
            assert connection.introspection.table_names(cursor) == []
        assert not (tmp_path / "fresh-media").exists()
    finally:  # the next test needs the tables back
        backup.backup_restore(folder=intact, force=True)


def test_restore_refuses_a_database_that_has_tables_unless_forced(people, offices, settings, tmp_path):
    """The suite's own database is not empty: restore refuses, --force replaces it."""
    from complaints.models import Ticket

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_backup_data(people, offices)
    folder = backup.backup_create(output_dir=tmp_path / "backups")
    Ticket.objects.all().delete()
    with pytest.raises(CommandError, match="ฐานข้อมูลปลายทางมีตารางอยู่แล้ว"):
        call_command("restore", str(folder), stdout=io.StringIO())
    assert Ticket.objects.count() == 0

    out = io.StringIO()
    call_command("restore", str(folder), force=True, stdout=out)
    assert Ticket.objects.count() == 1
    assert "ข้อมูลที่กู้คืนตรงกับบัญชีรายการทุกตารางและทุกไฟล์" in out.getvalue()


def test_a_folder_that_is_not_a_backup_is_refused(tmp_path):
    with pytest.raises(CommandError, match="ไม่ใช่สำเนาสำรอง"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())


def test_the_commands_speak_english_when_asked(tmp_path):
    """Thai by default; --language en reads the English catalogue."""
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path), language="en", stdout=io.StringIO())


def test_backup_goes_to_the_backup_dir_by_default_and_a_failed_one_leaves_no_folder(
        people, offices, settings, tmp_path, monkeypatch):
    """No --output: settings.BACKUP_DIR (PMQA_BACKUP_DIR). A failure half-way (the disk full while the files are
    tarred) removes the half-written folder and says so in Thai."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "default-backups"
    seed_backup_data(people, offices)
    call_command("backup", stdout=io.StringIO())
    assert len(list((tmp_path / "default-backups").iterdir())) == 1

    def disk_full(root, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_tar_media", disk_full)
    with pytest.raises(CommandError, match="สำรองข้อมูลไม่สำเร็จ: .*No space left on device"):
        call_command("backup", output=str(tmp_path / "full"), stdout=io.StringIO())
    assert list((tmp_path / "full").iterdir()) == []


def test_a_backup_of_a_newer_release_is_refused_before_anything_changes(people, offices, settings, tmp_path):
    """Its manifest names a migration this code does not have: `migrate` could not bring it back, so no restore."""
    from complaints.models import Ticket

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_backup_data(people, offices)
    folder = backup.backup_create(output_dir=tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["migrations"]["complaints"] = "9999_from_the_future"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    sums = (folder / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    digest = hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    (folder / "SHA256SUMS").write_text("".join(
        (f"{digest}  manifest.json" if line.endswith("manifest.json") else line) + "\n" for line in sums))

    with pytest.raises(CommandError, match="complaints.9999_from_the_future"):
        call_command("restore", str(folder), force=True, stdout=io.StringIO())
    assert Ticket.objects.count() == 1
