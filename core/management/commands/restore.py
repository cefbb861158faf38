"""python manage.py restore DIR [--force]: a backup into a fresh database and media folder, then checked.

Every checksum is verified before anything changes; after the restore the rows of every table are counted and every
file is hashed again, and compared with the backup's manifest. Exit status 1 if anything differs.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from core import backup


class Command(BaseCommand):
    help = "กู้คืนสำเนาสำรองลงฐานข้อมูลและโฟลเดอร์ไฟล์แนบที่ว่าง แล้วตรวจเทียบกับบัญชีรายการ"
    leave_locale_alone = True
    # The database may be empty (a fresh one): the system checks would read tables that are not there yet.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("folder", help="โฟลเดอร์สำเนาสำรองที่คำสั่ง backup สร้าง")
        parser.add_argument("--force", action="store_true",
                            help="ลบข้อมูลเดิมทั้งหมดในฐานข้อมูลและโฟลเดอร์ไฟล์แนบก่อนกู้คืน")
        parser.add_argument("--language", choices=["th", "en"], default="th", help="ภาษาของข้อความ (th, en)")

    def handle(self, *args, folder, force=False, language="th", **options):
        with translation.override(language):
            try:
                manifest, report = backup.backup_restore(folder=Path(folder), force=force)
            except (backup.BackupError, DatabaseError, OSError) as exc:
                raise CommandError(_("กู้คืนไม่สำเร็จ: %(error)s") % {"error": exc}) from exc
            self.stdout.write(_("กู้คืนจาก %(folder)s (สำรองเมื่อ %(created)s รุ่น %(version)s)")
                              % {"folder": folder, "created": manifest["created_at"],
                                 "version": manifest["app_version"] or "-"})
            self.stdout.write(_("  ตาราง: ตรงกัน %(ok)s จาก %(total)s ตาราง (%(rows)s แถว)")
                              % {"ok": report.tables_checked - len(report.table_mismatches),
                                 "total": report.tables_checked, "rows": f"{report.rows_checked:,}"})
            self.stdout.write(_("  ไฟล์แนบ: ตรงกัน %(ok)s จาก %(total)s ไฟล์ (%(bytes)s ไบต์)")
                              % {"ok": report.files_checked - len(report.file_mismatches),
                                 "total": report.files_checked, "bytes": f"{report.bytes_checked:,}"})
            for table, expected, found in report.table_mismatches:
                self.stdout.write(_("  ตาราง %(table)s: สำเนามี %(expected)s แถว กู้คืนได้ %(found)s แถว")
                                  % {"table": table, "expected": expected, "found": found})
            for path in report.file_mismatches:
                self.stdout.write(_("  ไฟล์ %(path)s: ไม่มีหรือ checksum ไม่ตรง") % {"path": path})
            if not report.ok:
                raise CommandError(_("ข้อมูลที่กู้คืนไม่ตรงกับบัญชีรายการของสำเนาสำรอง"))
            self.stdout.write(_("ข้อมูลที่กู้คืนตรงกับบัญชีรายการทุกตารางและทุกไฟล์ ขั้นต่อไป: python manage.py migrate"))
