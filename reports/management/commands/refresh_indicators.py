from django.core.management.base import BaseCommand

from reports.indicators import indicators_refresh


class Command(BaseCommand):
    help = "คำนวณตัวชี้วัดที่คำนวณจากข้อมูลในระบบ (เช่น ร้อยละเรื่องร้องเรียนที่แจ้งผลภายในกำหนด) ใหม่ทันที"

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, help="ปีงบประมาณ (พ.ศ.) เช่น 2569; ไม่ระบุ = ทุกปี")

    def handle(self, *args, fiscal_year=None, **options):
        count = indicators_refresh(fiscal_year=fiscal_year)
        self.stdout.write(f"คำนวณตัวชี้วัดแล้ว {count} ตัว")
