"""python manage.py check_deadlines [--date 2026-11-23]: the daily deadline check, run by hand."""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from complaints.checks import daily_sla_check, summary_text
from core.thai_dates import parse_date


class Command(BaseCommand):
    help = "ตรวจเรื่องใกล้ครบกำหนดและเกินกำหนด แล้วส่งแจ้งเตือน (วันละครั้งต่อคน ไม่ส่งซ้ำ)"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="วันที่ตรวจ เช่น 2026-11-23 หรือ 23/11/2569 (ไม่ระบุ = วันนี้)")

    def handle(self, *args, date=None, **options):
        try:
            today = parse_date(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = daily_sla_check(today=today)
        self.stdout.write(summary_text(summary))
        if summary["failed"]:
            raise CommandError(f"ส่งไม่สำเร็จ {summary['failed']} ฉบับ")
