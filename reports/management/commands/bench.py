"""`make bench`: the speed bars the issues name, measured on synthetic data at their scale.

Prints one table. Run it against a database of its own (the Makefile points DATABASE_URL at one):
the data stays there between runs, so a second run measures without regenerating.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from complaints.checks import daily_sla_check
from complaints.choices import EventAction
from complaints.imports import read_sheet, tickets_import, tickets_import_check
from complaints.models import NotificationLog, Ticket, TicketEvent
from core.fiscal import fiscal_year_of
from core.offices.models import Office, User
from core.workdays.calendar import WorkingCalendar
from reports.bench_annual import bench_annual
from reports.bench_pack import measure_rows as bench_pack
from reports.benchdata import (
    ensure_channel_usage,
    ensure_office_people,
    ensure_offices,
    ensure_service_records,
    ensure_survey,
    ensure_ticket_handlers,
    ensure_tickets,
)


def _median_ms(client: Client, url: str, repeat: int, *, cold: bool = False, change: bool = False
               ) -> tuple[float, int]:
    """Median time of `repeat` requests. `cold` empties the cache first, so figures are counted each time;
    `change` writes a timeline line first, as any ticket change does (the data version moves on)."""
    client.get(url)  # warm sessions, permissions and connections
    timings = []
    ticket = Ticket.objects.order_by("pk").first()
    for _ in range(repeat):
        if cold:
            cache.clear()
        if change:
            TicketEvent.objects.create(ticket=ticket, action=EventAction.NOTE, note="bench")
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        cache.clear()
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


class Command(BaseCommand):
    help = "วัดความเร็วตามเกณฑ์ของแต่ละ issue ด้วยข้อมูลจำลอง (ใช้ฐานข้อมูลแยก)"

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, default=1_000_000)
        parser.add_argument("--offices", type=int, default=1000)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--import-rows", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--survey-responses", type=int, default=500_000)
        parser.add_argument("--survey-import-rows", type=int, default=100_000)
        parser.add_argument("--no-memory", dest="memory", action="store_false",
                            help="ไม่วัดหน่วยความจำของการนำเข้าไฟล์ (โปรเซสแยก)")
        parser.add_argument("--channel-years", type=int, default=5, help="CS2: ปีของสถิติช่องทางที่บันทึกไว้ (0 = ไม่วัด)")
        parser.add_argument("--channel-import-rows", type=int, default=20_000)
        parser.add_argument("--service-records", type=int, default=1_000_000,
                            help="CS7: บันทึกการให้บริการจำลอง (0 = ไม่วัด)")
        parser.add_argument("--cs7-import-rows", type=int, default=100_000,
                            help="CS7: แถวของไฟล์นำเข้าบันทึกการให้บริการ (0 = ไม่วัด)")
        parser.add_argument("--only", choices=["all", "cs2", "cs7", "annual", "pack"], default="all",
                            help="cs2: เตรียมข้อมูลแล้ววัดเฉพาะเกณฑ์ของ CS2 (สถิติช่องทาง); "
                                 "cs7: เฉพาะเกณฑ์ของ CS7 (ไม่สร้างเรื่องร้องเรียน); "
                                 "annual: เฉพาะรายงานประจำปีหมวด ๓ ของจังหวัด (reports.bench_annual); "
                                 "pack: เฉพาะชุดหลักฐานทั้งจังหวัด (reports/bench_pack.py)")

    def handle(self, *args, tickets, offices, years, import_rows, repeat, survey_responses, survey_import_rows,
               memory, channel_years, channel_import_rows, service_records, cs7_import_rows, only, **options):
        today = timezone.localdate()
        rows: list[tuple[str, str, str, str]] = []  # what, measured, bar, verdict

        def record(what: str, value: float, unit: str, bar: float | None, extra: str = ""):
            """A measure against its bar; with no bar (how long a background count takes) it is reported only."""
            if bar is None:
                rows.append((what, f"{value:,.0f} {unit}{extra}", "-", "(ข้อมูล)"))
            else:
                rows.append((what, f"{value:,.0f} {unit}{extra}", f"< {bar:,.0f} {unit}",
                             "ผ่าน" if value < bar else "ไม่ผ่าน"))

        if only == "annual":  # the bench province alone (reports.bench_province), its annual report measured
            self._print([bench_annual(today=today)])
            return
        if only == "pack":  # the same province, its pack built in a child process (reports/bench_pack.py)
            rows.extend(bench_pack(fiscal_year=fiscal_year_of(today), base_dir=settings.BASE_DIR))
            self._print(rows)
            return
        self.stdout.write(f"ฐานข้อมูล: {connection.vendor} — เตรียมข้อมูล {tickets:,} เรื่อง {offices:,} หน่วยงาน {years} ปี …")
        start = time.perf_counter()
        office_ids = ensure_offices(count=offices)
        people = ensure_office_people()
        if only == "cs7":  # the service records stand alone: no tickets needed
            if service_records:
                rows.extend(self._bench_cs7(office_ids, service_records, years, repeat, today))
            if cs7_import_rows:
                rows.append(self._bench_cs7_import(cs7_import_rows))
            self._print(rows)
            return
        added = ensure_tickets(count=tickets, office_ids=office_ids, first_day=today - timedelta(days=365 * years),
                               days=365 * years, today=today)
        assigned = ensure_ticket_handlers()
        self.stdout.write(f"  เพิ่ม {added:,} เรื่อง ผู้ใช้ {people:,} คน มอบหมายผู้รับผิดชอบ {assigned:,} เรื่อง "
                          f"ใน {time.perf_counter() - start:.1f} วินาที (มีอยู่ {Ticket.objects.count():,} เรื่อง)")

        if only == "cs2":
            rows.extend(self._bench_channels(office_ids, channel_years, channel_import_rows, repeat, today))
            self._print(rows)
            return

        # The daily check on the last working day, fresh (no digests logged that day) and run again (nothing to
        # send), through Django's in-memory mail backend. A first run that e-mails nobody while tickets are due
        # measures nothing worth knowing, so it does not pass.
        calendar = WorkingCalendar.between(today - timedelta(days=31), today)
        check_day = next(day for day in (today - timedelta(days=n) for n in range(32)) if calendar.is_working_day(day))
        NotificationLog.objects.filter(day=check_day).delete()
        reverse("complaints:index")  # the URLconf is imported once per process (a worker's first run), not daily
        summaries = []
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for label in ("ครั้งแรก", "ครั้งที่สอง (ไม่ส่งซ้ำ)"):
                mail.outbox = []
                connection.queries_log.clear()  # count this run's queries, not what came before
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    summaries.append(daily_sla_check(today=check_day))
                seconds = time.perf_counter() - started
                record(f"ตรวจกำหนดเวลาประจำวัน {label}", seconds * 1000, "ms", 10_000,
                       f" · {len(queries)} queries · อีเมล {len(mail.outbox)} ฉบับ")
        first = summaries[0]
        if not first["sent"] and (first["due_soon_tickets"] or first["overdue_tickets"]):
            rows[-2] = (*rows[-2][:3], "ไม่ผ่าน (ไม่มีผู้รับอีเมล)")
        for summary in summaries:
            self.stdout.write(f"  สรุปการตรวจ: {summary}")

        client = Client(SERVER_NAME="localhost")
        client.force_login(User.objects.get(username="bench-committee"))
        fiscal_year = today.year + 543 + (1 if today.month >= 10 else 0)
        for what, url in [
            ("ทะเบียนเรื่อง หน้าแรก (ไม่กรอง)", "/cs3/"),
            ("ทะเบียนเรื่อง หน้าแรก (กรอง: ข้อร้องเรียน, อยู่ระหว่างดำเนินการ)", "/cs3/?kind=complaint&status=in_progress"),
            ("ทะเบียนเรื่อง หน้าแรก (กรอง: เกินกำหนด)", "/cs3/?overdue=true"),
        ]:
            median, queries = _median_ms(client, url, repeat)
            record(what, median, "ms", 300, f" (มัธยฐาน {repeat} ครั้ง) · {queries} queries")
        district = Client(SERVER_NAME="localhost")
        district.force_login(User.objects.get(username="bench-district"))
        for who, viewer in (("ทั้งกรม", client), ("สำนักงานอำเภอ", district)):
            for period, url in (("ปีปัจจุบัน", "/cs3/dashboard/"),
                                (f"ปี {fiscal_year - 1}", f"/cs3/dashboard/?fiscal_year={fiscal_year - 1}")):
                for cold, change, how in ((True, False, "นับใหม่ทั้งหมด = เวลานับเบื้องหลัง"),
                                          (False, True, "หลังมีเรื่องเปลี่ยนแปลง ที่ผู้ใช้เห็น"),
                                          (False, False, "ข้อมูลไม่เปลี่ยน")):
                    median, queries = _median_ms(viewer, url, repeat, cold=cold, change=change)
                    # Counted cold, the page does what the background recount does: how long the figures may
                    # lag behind a change, not what a reader waits for (the two rows after it).
                    record(f"หน้าสรุปผล CS3 {who} {period} ({how})", median, "ms", None if cold else 300,
                           f" (มัธยฐาน {repeat} ครั้ง) · {queries} queries")

        if import_rows:
            rows.append(self._bench_import(import_rows, today))
        if memory:
            rows.extend(self._bench_import_memory())

        if survey_responses:
            started = time.perf_counter()
            survey = ensure_survey(responses=survey_responses)
            self.stdout.write(f"  แบบสอบถาม: {survey.respondents:,} ฉบับ × 20 ข้อมาตราส่วน + 3 ข้อข้อมูลผู้ตอบ "
                              f"({time.perf_counter() - started:.1f} วินาที)")
            median, queries = _median_ms(client, f"/api/v1/surveys/{survey.pk}/results/", repeat)
            record(f"ผลการสำรวจทาง API ({survey.respondents:,} ฉบับ × 20 ข้อ จำแนกตามข้อมูลผู้ตอบ 3 ข้อ)", median, "ms", 300,
                   f" (มัธยฐาน {repeat} ครั้ง) · {queries} queries")
            median, queries = _median_ms(client, f"/cs6/rounds/{survey.pk}/", repeat)
            record(f"หน้าผลการสำรวจ ({survey.respondents:,} ฉบับ × 20 ข้อ จำแนกตามข้อมูลผู้ตอบ 3 ข้อ)", median, "ms", 300,
                   f" (มัธยฐาน {repeat} ครั้ง) · {queries} queries")
            if survey_import_rows:
                rows.append(self._bench_survey_import(client, survey, survey_import_rows))
            record("หน้าตอบแบบสอบถามสาธารณะ: รับคำตอบ 1 ฉบับ", self._bench_public_answer(survey, repeat * 4), "ms", 50,
                   f" (มัธยฐาน {repeat * 4} ครั้ง เวลาฝั่งเซิร์ฟเวอร์)")

        if channel_years:
            rows.extend(self._bench_channels(office_ids, channel_years, channel_import_rows, repeat, today))
        if service_records:
            rows.extend(self._bench_cs7(office_ids, service_records, years, repeat, today))
        if cs7_import_rows:
            rows.append(self._bench_cs7_import(cs7_import_rows))
        rows.extend(self._bench_executive(client, repeat))
        rows.append(self._bench_quarterly_summary(today))
        rows.append(bench_annual(today=today))
        rows.extend(bench_pack(fiscal_year=fiscal_year_of(today), base_dir=settings.BASE_DIR))
        self._print(rows)

    # --- The executive dashboard: every process of the department's quarter on one page --------------------------

    def _bench_executive(self, client: Client, repeat: int) -> list[tuple[str, str, str, str]]:
        """/executive/ for the whole department, this quarter, over the tickets, survey responses and service records
        generated above (< 300 ms median as a reader gets it: kept, and after a ticket changed; counted cold, what
        the background recount `reports.tasks.recount_executive` takes, reported with no bar)."""
        out = []
        for cold, change, how in ((True, False, "นับใหม่ทั้งหมด = เวลานับเบื้องหลัง"),
                                  (False, True, "หลังมีเรื่องเปลี่ยนแปลง ที่ผู้ใช้เห็น"),
                                  (False, False, "ข้อมูลไม่เปลี่ยน")):
            median, queries = _median_ms(client, "/executive/", repeat, cold=cold, change=change)
            bar = None if cold else 300
            out.append((f"หน้าภาพรวมผู้บริหาร ทั้งกรม ไตรมาสปัจจุบัน ({how})",
                        f"{median:,.0f} ms (มัธยฐาน {repeat} ครั้ง) · {queries} queries",
                        "-" if bar is None else f"< {bar} ms",
                        "(ข้อมูล)" if bar is None else ("ผ่าน" if median < bar else "ไม่ผ่าน")))
        return out

    def _bench_quarterly_summary(self, today) -> tuple[str, str, str, str]:
        """The department's summary of the quarter just ended, as the worker makes it: the service call the task runs
        (every figure counted afresh, the PDF rendered, sent to the department's executives), as a new version so that
        each run measures a real making."""
        from core.fiscal import fiscal_quarter_of
        from reports import summaries as quarterly

        department = Office.objects.filter(depth=1).order_by("path").first()
        quarter = quarterly.previous_quarter(fiscal_quarter_of(today))
        summary = quarterly.summary_regenerate(office=department, quarter=quarter, by=None)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                sent = quarterly.summary_publish(summary=summary, today=today)
            seconds = time.perf_counter() - started
        summary.refresh_from_db()
        what = f"สรุปผู้บริหารรายไตรมาส ทั้งกรม ({quarter.label} ฉบับที่ {summary.version}: ตัวเลข + PDF + ส่ง)"
        value = (f"{seconds:,.1f} s · {len(queries)} queries · PDF {summary.pdf.size / 1024:,.0f} KB"
                 f" · อีเมล {sent.sent} ฉบับ")
        return (what, value, "< 60 s", "ผ่าน" if seconds < 60 else "ไม่ผ่าน")

    def _print(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.stdout.write("")
        width = max(len(r[0]) for r in rows)
        self.stdout.write(f"{'การวัด':<{width}} | {'ผล':<48} | {'เกณฑ์':<12} | สรุป")
        self.stdout.write("-" * (width + 80))
        for what, value, bar, verdict in rows:
            self.stdout.write(f"{what:<{width}} | {value:<48} | {bar:<12} | {verdict}")

    # --- CS2: the channel statistics of a department beside its million tickets ---------------------------------

    def _bench_channels(self, office_ids: list[int], years_back: int, import_rows: int, repeat: int, today
                        ) -> list[tuple[str, str, str, str]]:
        """1,000 offices × 20 channels × `years_back` years of keyed counts: the department's three-year table and
        `channel-usage/` (< 300 ms median, as a reader gets them), and a 20,000-row import through its pages (< 10 s).
        Counted cold, the table does what the background recount does: reported, with no bar."""
        from channels.usage import default_years
        from core.fiscal import fiscal_year_of

        fiscal_year = fiscal_year_of(today)
        started = time.perf_counter()
        added = ensure_channel_usage(office_ids=office_ids,
                                     years=list(range(fiscal_year - years_back + 1, fiscal_year + 1)))
        self.stdout.write(f"  สถิติช่องทาง: เพิ่ม {added:,} แถว ({time.perf_counter() - started:.1f} วินาที)")
        client = Client(SERVER_NAME="localhost")
        client.force_login(User.objects.get(username="bench-committee"))
        years = ",".join(map(str, default_years(fiscal_year)))
        out = []
        for what, url in (("หน้าสถิติผู้ใช้ช่องทาง 3 ปี ทั้งกรม", "/cs2/statistics/"),
                          ("API channel-usage/ ทั้งกรม 3 ปี", f"/api/v1/channel-usage/?office=BENCH&years={years}")):
            for cold, change, how in ((True, False, "นับใหม่ทั้งหมด = เวลานับเบื้องหลัง"),
                                      (False, True, "หลังมีเรื่องเปลี่ยนแปลง ที่ผู้ใช้เห็น"),
                                      (False, False, "ข้อมูลไม่เปลี่ยน")):
                median, queries = _median_ms(client, url, repeat, cold=cold, change=change)
                bar = None if cold else 300
                out.append((f"{what} ({how})", f"{median:,.0f} ms (มัธยฐาน {repeat} ครั้ง) · {queries} queries",
                            "-" if bar is None else f"< {bar} ms",
                            "(ข้อมูล)" if bar is None else ("ผ่าน" if median < bar else "ไม่ผ่าน")))
        if import_rows:
            out.append(self._bench_usage_import(client, office_ids, fiscal_year, import_rows))
        return out

    # --- CS7: RM 3.5 and the dashboard of a department with a million service records; a holiday added ----------

    def _bench_cs7(self, office_ids: list[int], count: int, years: int, repeat: int, today
                   ) -> list[tuple[str, str, str, str]]:
        """`count` records over the bench offices and `years` years: RM 3.5 of the department and its dashboard
        (< 300 ms median as a reader gets them: kept, and after a record changed; counted cold, what the background
        recount takes, reported with no bar), and the queries a holiday added takes to move the open records' due
        dates (the same for two holidays that move different numbers of records: it does not grow with the data)."""
        from core.fiscal import fiscal_year_of
        from service_standards.models import Service, ServiceRecord
        from service_standards.selectors import rm35_figure
        from service_standards.services import records_save

        started = time.perf_counter()
        added = ensure_service_records(count=count, office_ids=office_ids, years=years, today=today)
        total = ServiceRecord.objects.count()
        self.stdout.write(f"  บันทึกการให้บริการ CS7: เพิ่ม {added:,} เรื่อง ({time.perf_counter() - started:.1f} วินาที; "
                          f"มีอยู่ {total:,} เรื่อง)")
        root = Office.objects.get(code="BENCH")
        district = Office.objects.get(pk=office_ids[0])
        service = Service.objects.filter(office=root).order_by("pk").first()
        fiscal_year = fiscal_year_of(today)
        changes = iter(range(10**9))

        def change():
            """One record saved at a district, as a form or an import would: the data version moves on."""
            n = next(changes)
            records_save(office=district, service=service, rows=[
                {"reference": f"BENCH-CHANGE-{n % 50}", "received_on": today - timedelta(days=n % 7 + 1),
                 "completed_on": today}])

        def median(read, *, cold=False, changed=False) -> tuple[float, int]:
            read()  # warm connections and the kept entry
            timings = []
            for _ in range(repeat):
                if cold:
                    cache.clear()
                if changed:
                    change()
                start = time.perf_counter()
                read()
                timings.append((time.perf_counter() - start) * 1000)
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                read()
            return statistics.median(timings), len(queries)

        client = Client(SERVER_NAME="localhost")
        client.force_login(User.objects.get(username="bench-committee"))

        def page():
            response = client.get("/cs7/dashboard/")
            assert response.status_code == 200, response.status_code

        out = []
        hows = ((True, False, "นับใหม่ทั้งหมด = เวลานับเบื้องหลัง"), (False, True, "หลังมีบันทึกเปลี่ยนแปลง ที่ผู้ใช้เห็น"),
                (False, False, "ข้อมูลไม่เปลี่ยน"))
        for what, read in ((f"CS7 RM 3.5 ทั้งกรม ปี {fiscal_year} (rm35_figure)",
                            lambda: rm35_figure(office=root, fiscal_year=fiscal_year, today=today)),
                           ("หน้าภาพรวม CS7 ทั้งกรม ปีปัจจุบัน", page)):
            for cold, changed, how in hows:
                ms, queries = median(read, cold=cold, changed=changed)
                bar = None if cold else 300
                out.append((f"{what} ({how})", f"{ms:,.0f} ms (มัธยฐาน {repeat} ครั้ง) · {queries} queries",
                            "-" if bar is None else f"< {bar} ms",
                            "(ข้อมูล)" if bar is None else ("ผ่าน" if ms < bar else "ไม่ผ่าน")))
        out.append(self._bench_cs7_holiday(today))
        return out

    def _bench_cs7_holiday(self, today) -> tuple[str, str, str, str]:
        """A holiday added two days ahead and one ten days back (rolled back after): the queries
        `open_records_recompute` takes for each, and how many open records each moved."""
        from core.workdays.models import Holiday
        from service_standards.services import open_records_recompute

        measured = []
        for offset in (2, -10):
            day = today + timedelta(days=offset)
            while day.weekday() >= 5 or Holiday.objects.filter(date=day).exists():
                day += timedelta(days=1)
            with transaction.atomic():
                Holiday.objects.create(date=day, name="วันหยุดทดสอบสมรรถนะ", source="bench")
                connection.queries_log.clear()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    moved = open_records_recompute(dates=[day], reason="bench")
                measured.append((day, len(queries), moved, (time.perf_counter() - started) * 1000))
                transaction.set_rollback(True)
        same = len({queries for _day, queries, _moved, _ms in measured}) == 1
        detail = " · ".join(f"{day:%d/%m}: {queries} queries เลื่อน {moved:,} เรื่อง {ms:,.0f} ms"
                            for day, queries, moved, ms in measured)
        return ("CS7 เพิ่มวันหยุด: จำนวน queries ของ open_records_recompute", detail, "คงที่",
                "ผ่าน" if same and any(moved for _d, _q, moved, _ms in measured) else "ไม่ผ่าน")

    def _bench_usage_import(self, client: Client, office_ids: list[int], fiscal_year: int, count: int
                            ) -> tuple[str, str, str, str]:
        """An XLSX of `count` counts (every bench district × 20 channels of this year, new numbers each run) through
        the pages: upload, preview (every row judged) and confirm (written)."""
        import openpyxl

        from channels.imports import HEADERS
        from channels.models import Channel, ChannelUsage

        codes = list(Office.objects.filter(pk__in=office_ids).order_by("code").values_list("code", flat=True))
        channels = list(Channel.objects.filter(Q(office__isnull=True) | Q(office__code="BENCH"))
                        .order_by("order", "code").values_list("code", flat=True)[:20])
        stamp = int(time.time()) % 1000
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "usage.xlsx"
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(HEADERS)
            for n in range(count):
                sheet.append([codes[(n // len(channels)) % len(codes)], channels[n % len(channels)], fiscal_year,
                              (n * 7 + stamp) % 900])
            book.save(path)
            timings = {}
            started = time.perf_counter()
            with open(path, "rb") as file:
                response = client.post("/cs2/statistics/import/", {"file": file})
            timings["upload"] = time.perf_counter() - started
            assert response.status_code == 302, response.status_code
            confirm = response["Location"]
            started = time.perf_counter()
            preview = client.get(confirm)
            timings["preview"] = time.perf_counter() - started
            assert preview.status_code == 200 and "ยืนยันนำเข้า" in preview.content.decode(), preview.status_code
            started = time.perf_counter()
            done = client.post(confirm)
            timings["confirm"] = time.perf_counter() - started
        written = ChannelUsage.objects.filter(fiscal_year=fiscal_year, office_id__in=office_ids).count()
        seconds = sum(timings.values())
        verdict = "ผ่าน" if seconds < 10 and done.status_code == 302 else "ไม่ผ่าน"
        return (f"นำเข้าสถิติช่องทาง XLSX {count:,} แถว ผ่านหน้าเว็บ (อัปโหลด+ตรวจ+ยืนยัน)",
                f"{seconds:,.1f} s (อัปโหลด {timings['upload']:,.1f} · ตรวจ {timings['preview']:,.1f} · "
                f"ยืนยัน {timings['confirm']:,.1f}) · แถวของปี {written:,}", "< 10 s", verdict)

    def _bench_public_answer(self, survey, repeat: int) -> float:
        """Server time of one public submission (a fresh phone each time, so no duplicate question)."""
        answers = {f"q_{item.code}": str(n % len(item.choices) if item.choices else 5 - n % 3)
                   for n, item in enumerate(survey.questionnaire.items.all())}
        url = f"/survey/{survey.public_key}/"
        timings = []
        with override_settings(SURVEY_ANSWER_RATE="1000000/h"):
            for n in range(repeat):
                visitor = Client(SERVER_NAME="localhost", HTTP_USER_AGENT=f"bench-phone-{time.time()}-{n}")
                start = time.perf_counter()
                response = visitor.post(url, answers)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200 and "ขอบคุณ" in response.content.decode(), response.status_code
        return statistics.median(timings)

    def _bench_survey_import(self, client: Client, survey, count: int) -> tuple[str, str, str, str]:
        """A district's XLSX of `count` paper forms of the bench questionnaire, through the pages a user goes
        through: upload (read and kept), preview (every row checked) and confirm (recorded)."""
        import openpyxl

        from satisfaction.imports import template_headers, template_items

        stamp = int(time.time())
        items = template_items(survey)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "responses.xlsx"
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(template_headers(survey))
            for n in range(count):
                sheet.append([f"IMP{stamp}-{n}"] + [item.choices[(n + k) % len(item.choices)] if item.choices
                                                    else 5 - (n + k) % 4 for k, item in enumerate(items)])
            book.save(path)
            timings = {}
            started = time.perf_counter()
            with open(path, "rb") as file:
                response = client.post(f"/cs6/rounds/{survey.pk}/import/", {"file": file})
            timings["upload"] = time.perf_counter() - started
            assert response.status_code == 302, response.status_code
            confirm = response["Location"]
            started = time.perf_counter()
            preview = client.get(confirm)
            timings["preview"] = time.perf_counter() - started
            assert preview.status_code == 200 and "ยืนยันนำเข้า" in preview.content.decode(), preview.status_code
            before = survey.responses.count()
            started = time.perf_counter()
            done = client.post(confirm)
            timings["confirm"] = time.perf_counter() - started
        recorded = survey.responses.count() - before
        seconds = sum(timings.values())
        verdict = "ผ่าน" if seconds < 60 and done.status_code == 302 and recorded == count else "ไม่ผ่าน"
        return (f"นำเข้าแบบสอบถาม XLSX {count:,} ฉบับ × 23 ข้อ ผ่านหน้าเว็บ (อัปโหลด+ตรวจ+ยืนยัน)",
                f"{seconds:,.1f} s (อัปโหลด {timings['upload']:,.1f} · ตรวจ {timings['preview']:,.1f} · "
                f"ยืนยัน {timings['confirm']:,.1f}) · บันทึก {recorded:,}", "< 60 s", verdict)

    def _bench_import_memory(self) -> list[tuple[str, str, str, str]]:
        """Each file through the import pages in a process of its own (bench_import_memory): its peak memory is the
        import's alone, what one web worker needs for it."""
        labels = {
            "at-limit": "นำเข้าเรื่องร้องเรียน ไฟล์ XLSX ขนาดเต็มเกณฑ์ (50,000 แถว เกือบ 10 MB)",
            "attack": "ไฟล์โจมตี: 200,000 แถว ทุกช่องชี้ข้อความ 2,000 ตัวอักษรเดียวกัน",
            "survey-at-limit": "นำเข้าแบบสอบถาม 100,000 ฉบับ × 23 ข้อ (เต็มเกณฑ์จำนวนแถว)",
        }
        rows = []
        for kind, label in labels.items():
            done = subprocess.run([sys.executable, "manage.py", "bench_import_memory", kind], capture_output=True,
                                  text=True, env=os.environ, cwd=settings.BASE_DIR)
            if done.returncode:
                rows.append((f"หน่วยความจำสูงสุด: {label}", done.stderr.strip().splitlines()[-1][:60], "< 500 MB",
                             "ไม่ผ่าน"))
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            steps = " · ".join(f"{name} {values[1]} s → {values[2]} MB" for name, values in result["steps"].items())
            outcome = (f"สร้าง {result['created']:,} รายการ" if result["created"]
                       else f"ปฏิเสธ: {result['message'][:50]}")
            rows.append((f"หน่วยความจำสูงสุด: {label}",
                         f"{result['peak_mb']:,} MB ({result['file_mb']} MB; {steps}; {outcome}; "
                         f"ไฟล์ค้าง {result['files_left']})", "< 500 MB",
                         "ผ่าน" if result["peak_mb"] < 500 and not result["files_left"] else "ไม่ผ่าน"))
        return rows

    def _bench_import(self, count: int, today) -> tuple[str, str, str, str]:
        """A district-style XLSX of `count` rows, read, checked and written as one import."""
        import openpyxl

        user = User.objects.get(username="bench-committee")
        codes = list(Office.objects.filter(code__startswith="BENCH-D").values_list("code", flat=True)[:50])
        stamp = int(time.time())
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "import.xlsx"
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(["รหัสหน่วยงาน", "เลขอ้างอิงต้นทาง", "ประเภทเรื่อง", "ช่องทาง", "วันที่รับเรื่อง", "เรื่อง",
                          "รายละเอียด", "หมวดหมู่", "ชื่อผู้ร้อง", "ช่องทางติดต่อผู้ร้อง", "ไม่ประสงค์ออกนาม",
                          "ปกปิดข้อมูลผู้ร้อง"])
            for n in range(count):
                received = today - timedelta(days=n % 200)
                sheet.append([codes[n % len(codes)], f"IMP-{stamp}-{n}", "ข้อร้องเรียน", "phone", received,
                              f"เรื่องนำเข้า {n}", "รายละเอียดจากสำนักงานอำเภอ", "", "นายทดสอบ นำเข้า",
                              f"08{n:08d}", "ไม่ใช่", "ไม่ใช่"])
            book.save(path)
            started = time.perf_counter()
            rows = read_sheet(path)
            preview = tickets_import_check(rows=rows, user=user, today=today)  # what the preview page does
            previewed = time.perf_counter() - started
            _check, created = tickets_import(rows=rows, user=user, today=today)  # and the confirm
            seconds = time.perf_counter() - started
        verdict = "ผ่าน" if seconds < 60 and preview.ok and len(created) == count else "ไม่ผ่าน"
        return (f"นำเข้า XLSX {count:,} แถว (อ่าน+ตรวจ+ยืนยัน)",
                f"{seconds:,.1f} s (ดูตัวอย่าง {previewed:,.1f} s) · สร้าง {len(created):,} เรื่อง", "< 60 s", verdict)

    # --- CS7: a district's year of service records imported from one file -------------------------------------------

    def _bench_cs7_import(self, count: int) -> tuple[str, str, str, str]:
        """An XLSX of `count` service records of one synthetic office (two services: working days and minutes, some
        open, some late, new references each run), read and kept as the upload page does, checked as the preview
        does, and checked again and saved as the confirm does (parse + check + save)."""
        import openpyxl
        from django.core.files import File

        from core.offices.services import office_create
        from reports.benchdata import BENCH_ROOT
        from service_standards import imports as record_imports
        from service_standards.models import Service, ServiceRecord
        from service_standards.services import service_save

        root = Office.objects.get(code=BENCH_ROOT)
        office = Office.objects.filter(code="BENCH-CS7").first() or office_create(
            code="BENCH-CS7", name="สำนักงานทดสอบนำเข้าบันทึกการให้บริการ", parent=root)
        user = User.objects.get(username="bench-committee")
        services = {}
        for name, amount, unit in (("ขึ้นทะเบียนเกษตรกร (ทดสอบ)", 3, "working_days"),
                                   ("ออกหนังสือรับรอง (ทดสอบ)", 60, "minutes")):
            services[unit] = (Service.objects.filter(office=office, name=name).first()
                              or service_save(office=office, name=name, standard_amount=amount, standard_unit=unit,
                                              steps=[{"name": "รับคำขอ", "amount": 1}]))
        stamp = int(time.time())
        first = timezone.localdate() - timedelta(days=400)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "records.xlsx"
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(record_imports.HEADERS)
            for n in range(count):
                received = first + timedelta(days=n % 365)
                done = received + timedelta(days=n % 7) if n % 10 else None  # a tenth still open
                if n % 4 == 0:  # a quarter under the minute standard
                    sheet.append([services["minutes"].name, f"CS7-{stamp}-{n}", received, f"{9 + n % 6:02d}:15",
                                  done, f"{10 + n % 6:02d}:05" if done else None, None])
                else:
                    sheet.append([services["working_days"].name, f"CS7-{stamp}-{n}", received, None, done, None,
                                  1 if n % 3 == 0 else None])
            book.save(path)
            size_mb = path.stat().st_size / 1024 / 1024
            started = time.perf_counter()
            with open(path, "rb") as handle:
                upload = record_imports.upload_save(file=File(handle, name="records.xlsx"), user=user, office=office)
            timings = {"read": time.perf_counter() - started}
            started = time.perf_counter()
            preview = record_imports.upload_check(upload=upload, user=user)  # what the preview page does
            timings["check"] = time.perf_counter() - started
            started = time.perf_counter()
            _check, written = record_imports.upload_write(upload=upload, user=user)  # and the confirm
            timings["save"] = time.perf_counter() - started
            upload.discard()
        seconds = sum(timings.values())
        saved = ServiceRecord.objects.filter(office=office, reference__startswith=f"CS7-{stamp}-").count()
        verdict = "ผ่าน" if seconds < 60 and preview.ok and written == saved == count else "ไม่ผ่าน"
        return (f"CS7 import {count:,} records (นำเข้าบันทึกการให้บริการ XLSX: อ่าน+ตรวจ+บันทึก)",
                f"{seconds:,.1f} s (อ่าน {timings['read']:,.1f} · ตรวจ {timings['check']:,.1f} · "
                f"ตรวจซ้ำและบันทึก {timings['save']:,.1f}; ไฟล์ {size_mb:,.1f} MB) · บันทึก {saved:,} รายการ",
                "< 60 s", verdict)
