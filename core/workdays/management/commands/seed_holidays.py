from django.core.management.base import BaseCommand

from core.workdays.services import seed_holidays


class Command(BaseCommand):
    help = "เพิ่มวันหยุดราชการจากชุดข้อมูล holidays (ไม่ทับข้อมูลที่ผู้ดูแลระบบบันทึกไว้)"

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, help="ปี ค.ศ. เช่น 2025 2026")

    def handle(self, *args, years, **options):
        added = seed_holidays(years=years)
        self.stdout.write(f"เพิ่มวันหยุด {added} วัน")
