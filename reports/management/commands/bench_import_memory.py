"""One spreadsheet import through the pages (upload, preview, confirm), in a process of its own, and its peak memory.

`make bench` runs it once per file (`manage.py bench` starts it as a child process), so the figure is what one web
worker needs for that import and nothing the bench did before. It prints one line of JSON:
{"file_mb": …, "peak_mb": …, "steps": {"upload": [status, seconds], …}, "created": …, "message": …}.

Files:
- `at-limit`: a complaints XLSX at the import's limits — 50,000 rows of varied Thai text, just under 10 MB;
- `attack`: 200,000 rows whose 12 cells all point at one 2,000-character shared string (the file that once took
  1.9 GB to upload and 7 GB to confirm);
- `survey-at-limit`: 100,000 paper forms of the bench questionnaire (20 ratings and 3 profile questions), the most
  a CS6 import takes.
"""
import json
import random
import re
import resource
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.test import Client, override_settings
from django.utils import timezone

from complaints.imports import LIMITS, MAX_UPLOAD_BYTES
from complaints.models import Ticket
from complaints.resources import TicketResource
from core.offices.models import Office, User
from core.testing.sheets import write_xlsx
from reports.benchdata import ensure_offices, ensure_survey

WORDS = ("ถนน ชำรุด ไฟฟ้า ดับ น้ำประปา ไม่ไหล ขยะ ตกค้าง หน้าบ้าน ซอย หมู่ที่ ตำบล อำเภอ เกษตรกร ปุ๋ย ราคา สูง "
         "เจ้าหน้าที่ บริการ ล่าช้า ขอให้ ตรวจสอบ แก้ไข โดยด่วน ร้องเรียน ข้อเสนอแนะ ชาวบ้าน ได้รับ ความเดือดร้อน "
         "ฝนตก น้ำท่วม ขัง ทุเรียน มังคุด ปาล์มน้ำมัน ยางพารา โรค แมลง ระบาด สวน แปลง ผลผลิต ตกต่ำ ช่วยเหลือ").split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + f" {rng.randrange(10**9)}"


def at_limit_file(path: Path, offices: list[str], today) -> Path:
    """As many varied rows as the row limit allows, with details long enough to bring the file near 10 MB."""
    rng = random.Random(2569)
    stamp = int(time.time())

    def rows():
        yield list(TicketResource.headers().values())
        for n in range(LIMITS.rows):
            received = today - timedelta(days=n % 200)
            yield [offices[n % len(offices)], f"MEM-{stamp}-{n}", "ข้อร้องเรียน", "phone",
                   f"{received.day:02d}/{received.month:02d}/{received.year + 543}", _text(rng, 8),
                   _text(rng, 54), "", f"นาย{_text(rng, 1)}", f"08{rng.randrange(10**8):08d}", "ไม่ใช่", "ไม่ใช่"]

    write_xlsx(path, rows())
    return path


def survey_file(path: Path, survey) -> Path:
    from satisfaction.imports import SURVEY_LIMITS, template_headers, template_items

    items = template_items(survey)
    stamp = int(time.time())

    def rows():
        yield template_headers(survey)
        for n in range(SURVEY_LIMITS.rows):
            yield [f"MEM{stamp}-{n}"] + [item.choices[(n + k) % len(item.choices)] if item.choices
                                         else 5 - (n + k) % 4 for k, item in enumerate(items)]

    return write_xlsx(path, rows())


def attack_file(path: Path) -> Path:
    header = list(TicketResource.headers().values())
    return write_xlsx(path, [header] + [[("s", 0)] * len(header)] * 200_000, shared=["ก" * 2_000])


def _peak_mb() -> int:
    """The most memory this process has held so far (resident set, MB): the kernel's high-water mark of this
    program's memory. Not getrusage's ru_maxrss: Linux carries into it the RSS of the process that started us
    (the bench, with a million tickets behind it), which is not this import's."""
    try:
        status = Path("/proc/self/status").read_text()
        return round(int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)[1]) / 1024)
    except (OSError, TypeError):  # not Linux
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


class Command(BaseCommand):
    help = "นำเข้าไฟล์หนึ่งไฟล์ผ่านหน้าเว็บในโปรเซสของตัวเอง แล้วรายงานหน่วยความจำสูงสุด (ใช้โดย manage.py bench)"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["at-limit", "attack", "survey-at-limit"])

    def handle(self, *args, kind, **options):
        today = timezone.localdate()
        ensure_offices(count=50)
        codes = list(Office.objects.filter(code__startswith="BENCH-D").order_by("id")
                     .values_list("code", flat=True)[:50])
        client = Client(SERVER_NAME="localhost")
        client.force_login(User.objects.get(username="bench-committee"))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{kind}.xlsx"
            if kind == "survey-at-limit":
                from satisfaction.imports import MAX_UPLOAD_BYTES as limit

                survey = ensure_survey(responses=0)
                survey_file(path, survey)
                url, count = f"/cs6/rounds/{survey.pk}/import/", survey.responses.count
            else:
                limit = MAX_UPLOAD_BYTES
                (at_limit_file(path, codes, today) if kind == "at-limit" else attack_file(path))
                url, count = "/cs3/import/", Ticket.objects.count
            size = path.stat().st_size
            assert size <= limit, f"the generated file is {size:,} bytes, over the upload limit"
            before = count()
            # The memory measured from here on is the import's: generating the file happened above, in this process,
            # but writes its rows to the zip as it goes.
            steps, message = {}, ""
            with override_settings(MEDIA_ROOT=folder):
                started = time.perf_counter()
                with path.open("rb") as file:
                    response = client.post(url, {"file": file})
                steps["upload"] = [response.status_code, round(time.perf_counter() - started, 1), _peak_mb()]
                if response.status_code == 302:
                    confirm = response["Location"]
                    started = time.perf_counter()
                    preview = client.get(confirm)
                    steps["preview"] = [preview.status_code, round(time.perf_counter() - started, 1), _peak_mb(),
                                        round(len(preview.content) / 1024 / 1024, 1)]
                    started = time.perf_counter()
                    done = client.post(confirm, {"confirm": "1"})
                    steps["confirm"] = [done.status_code, round(time.perf_counter() - started, 1), _peak_mb()]
                else:  # the upload page again, with the Thai reason under the file field
                    found = re.search(r'invalid-feedback.*?<strong>([^<]+)', response.content.decode(), re.DOTALL)
                    message = found[1] if found else ""
                left = sum(1 for item in Path(folder).rglob("*") if item.is_file() and item != path)
        self.stdout.write(json.dumps({
            "file_mb": round(size / 1024 / 1024, 1), "peak_mb": _peak_mb(), "steps": steps,
            "created": count() - before, "files_left": left, "message": message.strip(),
        }, ensure_ascii=False))
