"""The assessor's evidence pack (reports.packs): what the PDF and the ZIP carry, read as an assessor reads them
(pdftotext, page by page; the ZIP's names and index sheet), versions, failures, and the bounded queries.

Built from a fake CS4 provider (reports/tests/pack_fakes.py): a section with a row, one without data, and five
files — a three-page PDF with known text, a PNG, a DOCX, a broken PDF and an encrypted one — plus a CS4 plan of the
province with its own evidence PDF."""
import io
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from core.testing.factories import IndicatorFactory
from reports import packs
from reports.models import EvidencePack, PackStatus
from reports.tests import pack_fakes

pytestmark = pytest.mark.django_db

THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fake(monkeypatch):
    return pack_fakes.install(monkeypatch)


def pages_text(path) -> list[str]:
    """Each page's text as pdftotext gives it (-layout), in order."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def build(office, by, cs=None, fiscal_year=2570) -> EvidencePack:
    pack = packs.pack_request(office=office, fiscal_year=fiscal_year, cs=cs, by=by)
    return packs.pack_build(pack=pack)


def contents_entries(contents: str) -> dict[str, int]:
    """"title ....... ๑๒" lines of the contents page: {title: page}."""
    entries = {}
    for line in contents.splitlines():
        match = re.match(r"^\s*(.+?)\s*\.{3,}\s*([๐-๙]+)\s*$", line)
        if match:
            entries[match[1].strip(" .")] = int(match[2].translate(THAI))
    return entries


def test_the_pack_of_all_processes_carries_cover_contents_sections_and_evidence(fake, offices, people):
    prov = offices["prov"]
    pack_fakes.cs4_plan(prov)
    pack = build(prov, people["axel"])

    assert pack.status == PackStatus.DONE, pack.error
    assert (pack.progress, pack.stage) == (100, "ชุดหลักฐานพร้อมดาวน์โหลดแล้ว")
    pages = pages_text(pack.pdf.path)
    assert pack.page_count == len(pages) == len(PdfReader(pack.pdf.path).pages)

    # The cover: seed 002's header words, the office, the BE year, the version.
    cover = pages[0]
    for words in ("แบบรายงานผลการดำเนินงานหมวด ๓", "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
                  "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐", f"ส่วนราชการ {prov.name}", "CS1–CS7", "ฉบับที่ ๑"):
        assert words in cover

    # The contents: every entry's page number is the page that carries it; every page after the cover numbered.
    entries = contents_entries(pages[1])
    assert entries["CS4 การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์"] > 2
    for title in ("CS1 การกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย", pack_fakes.SECTION_TITLE,
                  pack_fakes.EMPTY_TITLE, "รายการไฟล์หลักฐาน", "4.2 รายงานการประชุมเครือข่าย",
                  f"4.3 {pack_fakes.PHOTO_TITLE}", "CS7 มาตรฐานการให้บริการ"):
        page = entries[title]
        assert title.split(" ", 1)[-1] in pages[page - 1], title
    for number, text in enumerate(pages[1:], start=2):
        assert re.search(rf"หน้า {str(number).translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙'))}\s*$",
                         text.strip()), f"page {number} carries no Thai page number"

    whole = "\n".join(pages)
    # The section with data prints its fragment; the one without says so.
    assert pack_fakes.SECTION_TEXT in pages[entries[pack_fakes.SECTION_TITLE] - 1]
    assert "ไม่มีข้อมูลในปีงบประมาณนี้" in pages[entries[pack_fakes.EMPTY_TITLE] - 1]
    # The plan with its indicator, and "ยังไม่มีหลักฐาน" where a CS has no plan or checklist.
    assert "ร้อยละของเครือข่ายที่เข้าร่วมกิจกรรม" in whole
    assert "ยังไม่มีหลักฐาน: ไม่มีแผนปฏิบัติการของกระบวนการนี้ในปีงบประมาณนี้" in pages[entries[
        "CS1 การกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"] + 1]  # title page, checklist, plans

    # The evidence PDF's own text, all three pages, from the page the contents gives on; the plan's evidence too.
    first = entries["4.2 รายงานการประชุมเครือข่าย"]
    for n in (1, 2, 3):
        assert f"{pack_fakes.EVIDENCE_TEXT} แผ่นที่ {n}" in pages[first - 2 + n]
    assert pack_fakes.PLAN_EVIDENCE_TEXT in whole
    # The image on its page with its caption.
    assert f"ภาพที่ 4.3 {pack_fakes.PHOTO_TITLE}" in pages[entries[f"4.3 {pack_fakes.PHOTO_TITLE}"] - 1]
    # The Office file is listed (in the ZIP); the broken and encrypted PDFs are listed with a note, not merged.
    files_page = next(page for page in pages if "รายการไฟล์หลักฐาน (CS4)" in page)
    assert pack_fakes.DOCX_TITLE in whole and "order.docx" in whole
    assert "ไฟล์ PDF เสียหรือเปิดไม่ได้" in files_page
    assert "ไฟล์ PDF เข้ารหัสไว้" in files_page

    # The outline: one entry per CS, the sections and files under CS4.
    reader = PdfReader(pack.pdf.path)
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert "CS4 การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์" in titles and "สารบัญ" in titles
    cs4 = titles.index("CS4 การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์")
    children = reader.outline[reader.outline.index(top[cs4]) + 1]
    assert pack_fakes.SECTION_TITLE in [c.title for c in children if not isinstance(c, list)]
    assert reader.get_destination_page_number(top[cs4]) == entries[titles[cs4]] - 1
    # The contents' lines link to their pages (each CS is a document of its own: pypdf adds the links).
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert all(0 <= float(a["/Rect"][1]) < float(a["/Rect"][3]) <= 842 for a in links)
    assert entries[titles[cs4]] - 1 in {reader.get_page_number(a["/Dest"][0].get_object()) for a in links}


def test_the_zip_holds_the_originals_in_a_folder_per_cs_with_its_index_sheet(fake, offices, people):
    pack_fakes.cs4_plan(offices["prov"])
    pack = build(offices["prov"], people["axel"], cs=4)

    with zipfile.ZipFile(pack.zip.path) as archive:
        names = archive.namelist()
        folder = "CS4 การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์"
        assert set(names) == {"ดัชนีหลักฐาน.xlsx", *(f"{folder}/{name}" for name in (
            "summary.pdf", "meeting.pdf", "photo.png", "order.docx", "broken.pdf", "locked.pdf"))}
        assert archive.read(f"{folder}/order.docx") == fake.files[2].file.open("rb").read()
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read("ดัชนีหลักฐาน.xlsx"))).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["CS", "ชื่อหลักฐาน", "ที่มา", "วันที่", "ไฟล์ใน ZIP", "ชนิด", "ขนาด (ไบต์)"]
    docx = next(row for row in rows if row[1] == pack_fakes.DOCX_TITLE)
    assert docx[0] == "CS4" and docx[4] == f"{folder}/order.docx" and docx[5].startswith("เอกสาร Office")
    assert docx[6] == fake.files[2].file.size
    photo = next(row for row in rows if row[1] == pack_fakes.PHOTO_TITLE)
    assert photo[3] == "3 พ.ย. 69"  # BE


def test_two_files_of_the_same_name_stay_apart_in_the_zip(fake, offices, people):
    fake.files.append(fake.files[0].__class__(cs=4, title="อีกฉบับ", file=pack_fakes.stored(
        "fake2/meeting.pdf", pack_fakes.text_pdf("อีกฉบับหนึ่ง", 1)), content_type="application/pdf", source="x"))
    pack = build(offices["prov"], people["axel"], cs=4)
    with zipfile.ZipFile(pack.zip.path) as archive:
        names = [n.rpartition("/")[2] for n in archive.namelist()]
    assert "meeting.pdf" in names and "meeting (2).pdf" in names


def test_a_rebuild_is_a_new_version_and_a_done_pack_is_not_built_again(fake, offices, people, monkeypatch):
    first = build(offices["prov"], people["axel"], cs=4)
    second = build(offices["prov"], people["alice"], cs=4)
    whole = build(offices["prov"], people["axel"])
    assert (first.version, second.version, whole.version) == (1, 2, 1)
    assert first.pdf.name != second.pdf.name and EvidencePack.objects.count() == 3

    def must_not_run(**kwargs):
        raise AssertionError("a done pack was built again")

    monkeypatch.setattr(packs, "pack_parts", must_not_run)
    again = packs.pack_build(pack=EvidencePack.objects.get(pk=first.pk))
    assert again.status == PackStatus.DONE and again.pdf.name == first.pdf.name


def test_a_failed_build_says_so_in_thai_and_may_be_started_again(fake, offices, people, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("weasyprint broke")

    monkeypatch.setattr(packs, "pack_pdf", broken)
    pack = build(offices["prov"], people["axel"], cs=4)
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED and not pack.pdf
    assert pack.error.startswith("จัดทำชุดหลักฐานไม่สำเร็จ") and "สั่งจัดทำใหม่" in pack.error
    monkeypatch.undo()
    pack_fakes.install(monkeypatch)
    assert packs.pack_build(pack=pack).status == PackStatus.DONE


def test_a_request_out_of_range_is_refused_in_thai_by_field(offices, people):
    with pytest.raises(Exception) as caught:
        packs.pack_request(office=offices["prov"], fiscal_year="25x0", cs=9, by=people["axel"])
    assert set(caught.value.message_dict) == {"fiscal_year", "cs"}
    assert not EvidencePack.objects.exists()


def test_gathering_costs_the_same_queries_for_one_plan_or_many(fake, offices, people):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            packs.pack_parts(office=offices["prov"], fiscal_year=2570, cs=None)
        return len(queries)

    # Each count is taken warm: the processes keep some figures in the cache (core.kept), and a first reading after
    # a change recounts them once, whatever the size.
    pack_fakes.cs4_plan(offices["prov"])
    count()
    few = count()
    for office in (offices["dist_a"], offices["dist_b"]):
        more = pack_fakes.cs4_plan(office)
        IndicatorFactory(plan=more.plan, code="CS4 KPI 2")
    count()
    assert count() == few


def test_removing_an_old_version_removes_its_files(fake, offices, people):
    first = packs.pack_build(pack=packs.pack_request(office=offices["prov"], fiscal_year=2570, cs=4, by=people["axel"]))
    second = packs.pack_build(pack=packs.pack_request(office=offices["prov"], fiscal_year=2570, cs=4, by=people["axel"]))
    pdf, archive = Path(first.pdf.path), Path(first.zip.path)
    assert pdf.exists() and archive.exists()
    packs.pack_delete(pack=first)
    assert not pdf.exists() and not archive.exists()
    assert list(EvidencePack.objects.values_list("version", flat=True)) == [second.version] == [2]
