"""The evidence pack's bench (`manage.py bench --only pack`): a province's pack built as the worker builds it.

- Data: the bench province (`reports.bench_province.ensure_bench_province`, idempotent): the office and 12
  districts with a busy year of every process, an action plan of every CS for each of the 13 offices (indicators
  and steps), and 200 evidence files on the province's plans (50 PDFs of 4 pages, 100 photos, 50 Office files),
  besides the processes' own files (activity and improvement photos, the governor letter, the staff manuals). The
  row says how many of the pack's sections have data.
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
from pathlib import Path

BUILD_BAR_SECONDS = 180
PER_PAGE_RATIO_BAR = 1.5
MEMORY_BAR_MB = 1024


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
    from reports.bench_province import DISTRICTS, OFFICE_FILES, PDFS, PHOTOS, ensure_bench_province, sections_with_data
    from reports.packs import pack_request

    started = time.perf_counter()
    province = ensure_bench_province(fiscal_year=fiscal_year)
    prepared = time.perf_counter() - started
    with_data, total = sections_with_data(office=province, fiscal_year=fiscal_year)["pack"]
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
         f" · ZIP {result['zip_mb']} MB · ส่วนที่มีข้อมูล {with_data}/{total} (เตรียมข้อมูล {prepared:,.0f} s)",
         f"< {BUILD_BAR_SECONDS} s",
         "ผ่าน" if ok and result["seconds"] < BUILD_BAR_SECONDS and with_data == total else "ไม่ผ่าน"),
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
