"""python manage.py quarterly_summary --quarter 2570Q1 [--office CODE]: the quarterly executive summary, by hand.

Does what the quarterly job does, now and for the quarter named: every office with executives (or the one office
named) gets its summary made, unless it is ready already, and sent to its executives who have not had it.
"""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.offices.models import Office
from reports import summaries


class Command(BaseCommand):
    help = "จัดทำและส่งสรุปผลสำหรับผู้บริหารรายไตรมาส (ไม่ส่งซ้ำ ฉบับที่จัดทำแล้วไม่เปลี่ยน)"

    def add_arguments(self, parser):
        parser.add_argument("--quarter", required=True, help="ไตรมาสที่สิ้นสุดแล้ว เช่น 2570Q1 (ต.ค.–ธ.ค. 2569)")
        parser.add_argument("--office", help="รหัสหน่วยงาน (ไม่ระบุ = ทุกหน่วยงานที่มีผู้บริหาร)")

    def handle(self, *args, quarter, office=None, **options):
        today = timezone.localdate()
        try:
            period = summaries.quarter_parse(quarter, today=today)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if office is not None:
            found = Office.objects.filter(code=office.strip()).first()
            if found is None:
                raise CommandError(f"ไม่พบหน่วยงานรหัส “{office[:30]}”")
            targets = [found]
        else:
            targets = list(summaries.offices_with_executives())
            if not targets:
                self.stdout.write("ไม่มีหน่วยงานใดที่มีผู้บริหาร: ไม่ได้จัดทำสรุป")
                return
        failed = []
        for target in targets:
            summary = summaries.summary_start(office=target, quarter=period)
            try:
                sent = summaries.summary_publish(summary=summary, today=today)
            except summaries.SummaryFailed as exc:
                failed.append(target.code)
                self.stdout.write(f"{target.code} {target.name}: จัดทำไม่สำเร็จ ({exc}) ไม่ได้ส่งถึงผู้บริหาร")
                continue
            line = (f"{target.code} {target.name}: {period.label} ฉบับที่ {summary.version} พร้อมแล้ว"
                    f" ส่งใหม่ {sent.sent} คน ส่งไปแล้วก่อนหน้านี้ (ไม่ส่งซ้ำ) {sent.already_sent} คน")
            if sent.failed:
                line += f" ส่งไม่สำเร็จ {sent.failed} คน"
            if sent.no_contact:
                line += f" ไม่มีอีเมลหรือ LINE: {', '.join(sent.no_contact)}"
            if not (sent.sent or sent.already_sent or sent.failed or sent.no_contact):
                line += " (หน่วยงานนี้ไม่มีผู้บริหาร)"
            self.stdout.write(line)
        if failed:
            raise CommandError(f"จัดทำสรุปไม่สำเร็จ {len(failed)} หน่วยงาน ({', '.join(failed)}): สั่งอีกครั้งได้"
                               " ฉบับที่จัดทำสำเร็จแล้วจะไม่ส่งซ้ำ")
