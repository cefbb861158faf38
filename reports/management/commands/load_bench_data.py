"""The benchmark's synthetic department without the measurements: for `make prod-local` (scripts/prod_local.sh).

A department of `--offices` district offices (20 per province) with their handlers and heads, and `--tickets`
complaints spread over `--years` fiscal years, generated in the database the way `manage.py bench` does
(reports/benchdata.py). Idempotent: a second run adds only what is missing.
"""
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.benchdata import ensure_office_people, ensure_offices, ensure_ticket_handlers, ensure_tickets


class Command(BaseCommand):
    help = "สร้างข้อมูลสังเคราะห์ขนาดกรม (หน่วยงานและเรื่องร้องเรียน) จากตัวสร้างข้อมูลของ bench (รันซ้ำได้)"

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, default=100_000)
        parser.add_argument("--offices", type=int, default=1000)
        parser.add_argument("--years", type=int, default=2)

    def handle(self, *args, tickets, offices, years, **options):
        if tickets < 0 or offices < 20 or years < 1:
            raise CommandError("--tickets ต้องไม่ติดลบ --offices อย่างน้อย 20 และ --years อย่างน้อย 1")
        today = timezone.localdate()
        start = time.perf_counter()
        office_ids = ensure_offices(count=offices)
        people = ensure_office_people()
        added = ensure_tickets(count=tickets, office_ids=office_ids, first_day=today - timedelta(days=365 * years),
                               days=365 * years, today=today)
        ensure_ticket_handlers()
        self.stdout.write(f"ข้อมูลสังเคราะห์: {len(office_ids):,} หน่วยงาน ผู้ใช้เพิ่ม {people:,} คน "
                          f"เรื่องร้องเรียนเพิ่ม {added:,} เรื่อง ใน {time.perf_counter() - start:.1f} วินาที")
