"""The evidence pack's bench (`manage.py bench --only pack`): a province's pack built as the worker builds it.

- Data (`ensure_pack_province`, idempotent): a province office with 12 districts, an action plan of every CS for
  each of the 13 offices (indicators and steps), and 200 evidence files on the province's plans, spread over the
  seven CSs: 50 PDFs of 4 pages, 100 photos (JPEG, 1600×1200) and 50 Office files. The processes' own tables come
  from their `sections.py` with whatever the bench database holds.
- Measure (`measure_rows`): a new version of the province's pack built in a child process (`python -m
  reports.bench_pack <pack id>`), which reports its time, pages and peak memory (ru_maxrss: the worker's alone);
  the same child then renders the floor: a plain A4 Thai table of the same page count through WeasyPrint, timed.
  Bars: the build under 3 minutes, its time per page at most 1.5× the floor's, the peak under 1 GiB.
"""
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

PROVINCE = "BENCH-PACK"
DISTRICTS = 12
PDFS, PHOTOS, OFFICE_FILES = 50, 100, 50
PDF_PAGES = 4
BUILD_BAR_SECONDS = 180
PER_PAGE_RATIO_BAR = 1.5
MEMORY_BAR_MB = 1024


def ensure_pack_province(*, fiscal_year: int):
    """The bench province (and its plans and evidence) for the fiscal year; returns the province office."""
    from django.core.files.base import ContentFile

    from core.offices.models import Office
    from core.offices.services import office_create
    from core.plans.models import ActionPlan, Evidence, Indicator, Step
    from core.testing.files import docx_bytes

    province = Office.objects.filter(code=PROVINCE).first()
    if province is None:
        root = Office.objects.filter(depth=1).order_by("path").first()
        province = office_create(code=PROVINCE, name="สำนักงานจังหวัดทดสอบชุดหลักฐาน", parent=root)
        for n in range(DISTRICTS):
            office_create(code=f"{PROVINCE}-{n:02d}", name=f"สำนักงานอำเภอทดสอบชุดหลักฐาน {n + 1}", parent=province)
    offices = list(Office.objects.filter(path__startswith=province.path).order_by("path"))
    for office in offices:
        for cs in range(1, 8):
            plan, created = ActionPlan.objects.get_or_create(
                office=office, fiscal_year=fiscal_year, cs=cs,
                defaults={"title": f"แผนปฏิบัติการ CS{cs} ของ{office.name}",
                          "objective": "เพื่อให้การดำเนินงานหมวด ๓ เป็นไปตามแนวทาง PMQA และต่อเนื่องทุกปี"})
            if created:
                Indicator.objects.bulk_create(Indicator(
                    plan=plan, order=k, code=f"CS{cs}-{k}", name=f"ร้อยละความสำเร็จของกิจกรรมที่ {k} ตามแผน",
                    unit="ร้อยละ", target=80, level_1=60, level_2=70, level_3=80, level_4=90, level_5=100,
                    manual_result=75 + k) for k in range(1, 4))
                Step.objects.bulk_create(Step(
                    plan=plan, order=k, activity=f"ขั้นตอนที่ {k}: ประชุมคณะทำงาน วิเคราะห์ข้อมูล และรายงานผล",
                    planned_start=date(fiscal_year - 544, 10, 1), planned_end=date(fiscal_year - 543, 9, 1),
                    output="รายงานผลการดำเนินงาน ๑ ฉบับ", owner="คณะทำงาน PMQA หมวด ๓") for k in range(1, 9))
    plans = list(ActionPlan.objects.filter(office=province, fiscal_year=fiscal_year).order_by("cs"))
    have = Evidence.objects.filter(plan__in=plans).count()
    if have >= PDFS + PHOTOS + OFFICE_FILES:
        return province
    pdf, photo, docx = _sample_pdf(), _sample_photo(), docx_bytes()
    kinds = ([("pdf", pdf, "application/pdf")] * PDFS + [("jpg", photo, "image/jpeg")] * PHOTOS
             + [("docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
             * OFFICE_FILES)
    for n, (extension, content, content_type) in enumerate(kinds[have:], start=have):
        plan = plans[n % len(plans)]
        Evidence.objects.create(plan=plan, title=f"หลักฐานที่ {n + 1} ของ CS{plan.cs}", content_type=content_type,
                                size=len(content), file=ContentFile(content, name=f"bench-{n + 1}.{extension}"))
    return province


def _sample_pdf() -> bytes:
    from weasyprint import HTML

    from core.pdf.render import BASE_URL, LocalFetcher

    rows = "".join(f"<tr><td>{n}</td><td>รายงานการประชุมเครือข่ายครั้งที่ {n}</td><td>๑๒ คน</td></tr>"
                   for n in range(1, 40 * PDF_PAGES))
    return HTML(string=f'<html lang="th"><body><table>{rows}</table></body></html>', base_url=BASE_URL,
                url_fetcher=LocalFetcher()).write_pdf()


def _sample_photo() -> bytes:
    import io

    from PIL import Image

    image = Image.effect_noise((1600, 1200), 40).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def floor_seconds(pages: int) -> tuple[float, int]:
    """WeasyPrint rendering a plain A4 Thai table (pdf/base.html) of about `pages` pages: (seconds, pages)."""
    from django.template import engines
    from weasyprint import HTML

    from core.pdf.render import BASE_URL, LocalFetcher

    template = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% block content %}<table><thead><tr><th>ลำดับ</th><th>รายการ</th>'
        "<th>หน่วยงาน</th><th>ผล</th></tr></thead><tbody>{% for n in rows %}<tr><td>{{ n }}</td>"
        "<td>ประชุมเครือข่ายและรับฟังความคิดเห็นของผู้รับบริการ</td><td>สำนักงานอำเภอทดสอบ</td><td>ร้อยละ ๘๐</td>"
        "</tr>{% endfor %}</tbody></table>{% endblock %}")
    rows_per_page = 32  # of this table, as WeasyPrint lays it out on A4
    started = time.perf_counter()
    document = HTML(string=template.render({"rows": range(1, pages * rows_per_page + 1)}), base_url=BASE_URL,
                    url_fetcher=LocalFetcher()).render()
    document.write_pdf()
    return time.perf_counter() - started, len(document.pages)


def build_in_this_process(pack_id: int) -> dict:
    """What the child process does and prints: build the pack, then the floor of the same page count."""
    import resource

    from reports.models import EvidencePack
    from reports.packs import pack_build

    pack = EvidencePack.objects.select_related("office").get(pk=pack_id)
    started = time.perf_counter()
    pack = pack_build(pack=pack)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    floor, floor_pages = floor_seconds(max(pack.page_count, 1))
    return {"status": pack.status, "error": pack.error, "seconds": round(seconds, 2), "pages": pack.page_count,
            "peak_mb": peak_mb, "floor_seconds": round(floor, 2), "floor_pages": floor_pages,
            "pdf_mb": round(pack.pdf.size / 2**20, 1) if pack.pdf else 0,
            "zip_mb": round(pack.zip.size / 2**20, 1) if pack.zip else 0}


def measure_rows(*, fiscal_year: int, base_dir) -> list[tuple[str, str, str, str]]:
    """The bench's rows (what, measured, bar, verdict)."""
    from reports.packs import pack_request

    started = time.perf_counter()
    province = ensure_pack_province(fiscal_year=fiscal_year)
    prepared = time.perf_counter() - started
    pack = pack_request(office=province, fiscal_year=fiscal_year, cs=None, by=None)
    done = subprocess.run([sys.executable, "-m", "reports.bench_pack", str(pack.pk)], capture_output=True, text=True,
                          env=os.environ, cwd=base_dir)
    what = f"ชุดหลักฐานทั้งจังหวัด (๑ + {DISTRICTS} หน่วยงาน, ไฟล์หลักฐาน {PDFS + PHOTOS + OFFICE_FILES} ไฟล์)"
    if done.returncode:
        return [(what, (done.stderr.strip().splitlines() or ["?"])[-1][:60], f"< {BUILD_BAR_SECONDS} s", "ไม่ผ่าน")]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    ok = result["status"] == "done"
    per_page = result["seconds"] / max(result["pages"], 1)
    floor_per_page = result["floor_seconds"] / max(result["floor_pages"], 1)
    ratio = per_page / floor_per_page if floor_per_page else float("inf")
    return [
        (f"{what}: เวลาจัดทำ", f"{result['seconds']:,.1f} s · {result['pages']} หน้า · PDF {result['pdf_mb']} MB"
         f" · ZIP {result['zip_mb']} MB (เตรียมข้อมูล {prepared:,.0f} s)", f"< {BUILD_BAR_SECONDS} s",
         "ผ่าน" if ok and result["seconds"] < BUILD_BAR_SECONDS else "ไม่ผ่าน"),
        ("ชุดหลักฐาน: เวลาต่อหน้าเทียบตาราง A4 ล้วน (WeasyPrint)",
         f"{ratio:.2f}× ({per_page * 1000:,.0f} ms/หน้า; ตาราง {result['floor_pages']} หน้า "
         f"{floor_per_page * 1000:,.0f} ms/หน้า)", f"≤ {PER_PAGE_RATIO_BAR}×",
         "ผ่าน" if ok and ratio <= PER_PAGE_RATIO_BAR else "ไม่ผ่าน"),
        ("ชุดหลักฐาน: หน่วยความจำสูงสุดของ worker", f"{result['peak_mb']:,} MB", f"< {MEMORY_BAR_MB} MB",
         "ผ่าน" if ok and result["peak_mb"] < MEMORY_BAR_MB else "ไม่ผ่าน"),
    ]


if __name__ == "__main__":  # the child process: python -m reports.bench_pack <pack id>
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmqa.settings")
    django.setup()
    print(json.dumps(build_in_this_process(int(sys.argv[1]))))
