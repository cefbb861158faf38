"""python manage.py backup [--output DIR]: the database and the uploaded files, with a manifest and checksums.

See core/backup.py for what the folder holds and docs/operations.md for when to run it.
"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from core import backup


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์แนบ พร้อมบัญชีรายการ (manifest) และ checksum"
    # The language is the --language option's (Thai unless asked), not the settings' default.
    leave_locale_alone = True

    def add_arguments(self, parser):
        parser.add_argument("--output", default=None,
                            help="โฟลเดอร์ที่เก็บสำเนาสำรอง (ค่าเริ่มต้น: PMQA_BACKUP_DIR หรือ <PMQA_VAR_DIR>/backups)")
        parser.add_argument("--language", choices=["th", "en"], default="th", help="ภาษาของข้อความ (th, en)")

    def handle(self, *args, output=None, language="th", **options):
        with translation.override(language):
            output_dir = Path(output) if output else Path(settings.BACKUP_DIR)
            try:
                folder = backup.backup_create(output_dir=output_dir)
            except (backup.BackupError, DatabaseError, OSError) as exc:
                raise CommandError(_("สำรองข้อมูลไม่สำเร็จ: %(error)s") % {"error": exc}) from exc
            manifest = backup.backup_verify(folder=folder)
            rows = sum(manifest["tables"].values())
            size = sum(entry["size"] for entry in manifest["files"])
            self.stdout.write(_("สำรองข้อมูลแล้วที่ %(folder)s") % {"folder": folder})
            self.stdout.write(_("  ฐานข้อมูล %(vendor)s: %(tables)s ตาราง %(rows)s แถว")
                              % {"vendor": manifest["database_vendor"], "tables": len(manifest["tables"]),
                                 "rows": f"{rows:,}"})
            self.stdout.write(_("  ไฟล์แนบ: %(files)s ไฟล์ %(bytes)s ไบต์")
                              % {"files": f"{len(manifest['files']):,}", "bytes": f"{size:,}"})
            for name, meta in manifest["archives"].items():
                self.stdout.write(f"  {name}: {meta['size']:,} B sha256 {meta['sha256']}")
            self.stdout.write(_("  ตรวจด้วยมือได้: cd %(folder)s && sha256sum -c SHA256SUMS") % {"folder": folder})
