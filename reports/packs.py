"""The assessor's evidence pack: one office's fiscal year (CS1–CS7, or one CS) as a PDF and a ZIP of the originals.

- Requesting (`pack_request`): a new version (1, 2, … per office, year and CS), queued; earlier versions are kept.
- Building (`pack_build`, run by the task `reports.tasks.build_evidence_pack`): a done pack is never built again.
  Progress and the stage in Thai are written as it goes (small UPDATEs of their own), the end state in one save.
- The PDF is ONE WeasyPrint document: the cover (seed 002's header words), the contents whose page numbers are
  WeasyPrint's own `target-counter()`, then per CS a title page, the ADLI checklist (`reports.adli.checklist`), the
  action plans of the office's subtree (`plans/pdf/_plan.html`), the process's sections (`reports.sections`), the
  list of evidence files and the evidence itself. An image is placed on its own page with its caption; an evidence
  PDF gets as many reserved pages (a caption line and the page number) as it has pages, and pypdf then lays each of
  its pages, scaled, into its reserved page. So page numbers (Thai digits, "หน้า ๑๒"), the contents and the outline
  (bookmarks per CS, section and file, from the headings) are right by construction and nothing is stamped twice.
- Office files are listed only; the ZIP carries every original, in a folder per CS, with an index sheet.
- A broken or encrypted evidence PDF is listed with a Thai note, never fails the pack. Everything large goes
  through temporary files: the pages are rendered once, the evidence PDFs are opened one at a time.
"""
import logging
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.exports import add_sheet, new_workbook
from core.files import download_name
from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from core.offices.models import Office, User
from core.plans.choices import CS
from core.plans.models import ActionPlan, Evidence, Indicator, Step
from core.plans.printing import definition_paragraphs, indicator_rows
from core.reporting import EvidenceFile, ReportSection
from core.thai_dates import format_short

from . import adli
from . import sections as report_sections
from .models import EvidencePack, PackStatus

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "reports/pdf/evidence_pack.html"
ADLI_TEMPLATE = "reports/pdf/_adli.html"
PLAN_SOURCE = "หลักฐานแผนปฏิบัติการ"
INDEX_NAME = "ดัชนีหลักฐาน.xlsx"
INDEX_COLUMNS = ["CS", "ชื่อหลักฐาน", "ที่มา", "วันที่", "ไฟล์ใน ZIP", "ชนิด", "ขนาด (ไบต์)"]
# What an evidence PDF's page may take of its reserved A4 page (points): inside the margins, below the caption line
# and above the page number.
_BOX_LEFT, _BOX_BOTTOM, _BOX_RIGHT, _BOX_TOP = 57.0, 62.0, 538.0, 760.0
# A name a file system or archive tool refuses or misreads.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

Progress = Callable[[int, str], None]


class Kind:
    PDF, IMAGE, OFFICE = "pdf", "image", "office"


KIND_LABELS = {Kind.PDF: "PDF (รวมไว้ในเอกสาร)", Kind.IMAGE: "รูปภาพ (พิมพ์พร้อมคำบรรยาย)",
               Kind.OFFICE: "เอกสาร Office (อยู่ในไฟล์ ZIP)"}
# WeasyPrint lays out these; another image type is carried in the ZIP and listed.
_PRINTABLE_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


# --- Requesting --------------------------------------------------------------------------------------------------


def pack_request(*, office: Office, fiscal_year, cs=None, by: User | None) -> EvidencePack:
    """A new version of the office's pack for the year (and CS, None for CS1–CS7), queued. ValidationError (Thai,
    by field) for a year or CS out of range; the caller has checked the office is in the user's scope."""
    errors = {}
    try:
        fiscal_year = int(fiscal_year)
        if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
            raise ValueError
    except (TypeError, ValueError):
        errors["fiscal_year"] = _("ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง %(first)s–%(last)s") % {
            "first": FIRST_FISCAL_YEAR, "last": LAST_FISCAL_YEAR}
    if cs in ("", None):
        cs = None
    else:
        try:
            cs = int(cs)
            if cs not in CS.values:
                raise ValueError
        except (TypeError, ValueError):
            errors["cs"] = _("กระบวนการต้องเป็น CS1–CS7 (หรือเว้นว่างเพื่อจัดทำทุกกระบวนการ)")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Office.objects.select_for_update().filter(pk=office.pk).first()  # one new version at a time per office
        last = EvidencePack.objects.filter(office=office, fiscal_year=fiscal_year, cs=cs).aggregate(
            last=Max("version"))["last"] or 0
        return EvidencePack.objects.create(office=office, fiscal_year=fiscal_year, cs=cs, version=last + 1,
                                           requested_by=by, stage="รอคิวจัดทำ")


# --- What goes in ------------------------------------------------------------------------------------------------


@dataclass
class PackFile:
    """One evidence file as the pack places it."""

    number: str  # "3.2": the CS and its place in the CS's list
    cs: int
    title: str
    source: str
    on: date | None
    path: Path
    original_name: str
    content_type: str
    size: int
    kind: str
    pages: int = 0  # an evidence PDF's pages, laid into as many reserved pages
    note: str = ""  # why a PDF could not be merged
    zip_name: str = ""

    @property
    def anchor(self) -> str:
        return f"ev-{self.number.replace('.', '-')}"

    @property
    def zip_file(self) -> str:
        return self.zip_name.rpartition("/")[2]

    @property
    def uri(self) -> str:
        return self.path.as_uri()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def page_range(self) -> range:
        return range(1, self.pages + 1)


@dataclass
class PackPart:
    """One CS of the pack."""

    cs: CS
    checklist: list
    checklist_html: str
    plans: list[dict]
    sections: list[dict]
    files: list[PackFile] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"cs{self.cs.value}"

    @property
    def folder(self) -> str:
        return safe_name(str(self.cs.label))


def safe_name(name: str) -> str:
    """A file or folder name any archive tool and file system takes: no path, no reserved characters."""
    cleaned = _UNSAFE.sub("-", download_name(name)).strip(" .")
    return cleaned[:150] or "file"


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate, n = f"{stem} ({n}){suffix}", n + 1
    taken.add(candidate.lower())
    return candidate


def _plans(*, office: Office, fiscal_year: int, cs_values: list[int]) -> list[ActionPlan]:
    """The action plans of the office's subtree for the CSs, with everything their fragment prints (a fixed number of
    queries whatever their number)."""
    return list(ActionPlan.objects.filter(office__path__startswith=office.path, fiscal_year=fiscal_year,
                                          cs__in=cs_values)
                .select_related("office").order_by("cs", "office__path")
                .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order")),
                                  Prefetch("steps", queryset=Step.objects.order_by("order").prefetch_related("periods")),
                                  Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "pk"))))


def _plan_files(plan: ActionPlan) -> list[EvidenceFile]:
    return [EvidenceFile(cs=plan.cs, title=e.title, file=e.file, content_type=e.content_type,
                         source=f"{PLAN_SOURCE} {plan.office.name}", on=timezone.localdate(e.uploaded_at))
            for e in plan.evidence.all()]


def _kind(content_type: str) -> str:
    if content_type == "application/pdf":
        return Kind.PDF
    if content_type in _PRINTABLE_IMAGES:
        return Kind.IMAGE
    return Kind.OFFICE


def _pack_file(evidence: EvidenceFile, number: str) -> PackFile | None:
    try:
        path = Path(evidence.file.path)
        size = path.stat().st_size
    except (OSError, ValueError, NotImplementedError):
        logger.warning("Evidence file %s is missing; left out of the pack", evidence.file.name)
        return None
    item = PackFile(number=number, cs=evidence.cs, title=str(evidence.title), source=str(evidence.source),
                    on=evidence.on, path=path, original_name=download_name(evidence.file.name),
                    content_type=evidence.content_type, size=size, kind=_kind(evidence.content_type))
    if item.kind == Kind.PDF:
        item.pages, item.note = _pdf_pages(path)
    return item


def _pdf_pages(path: Path) -> tuple[int, str]:
    """How many pages an evidence PDF has, or 0 and a Thai note saying why it cannot be merged."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return 0, "ไฟล์ PDF เข้ารหัสไว้ จึงรวมไว้ในเอกสารนี้ไม่ได้ (ต้นฉบับอยู่ในไฟล์ ZIP)"
        pages = len(reader.pages)
        if not pages:
            raise ValueError("no pages")
        return pages, ""
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, NotImplementedError) as exc:
        logger.warning("Evidence PDF %s cannot be read: %s", path.name, exc)
        return 0, "ไฟล์ PDF เสียหรือเปิดไม่ได้ จึงรวมไว้ในเอกสารนี้ไม่ได้ (ต้นฉบับอยู่ในไฟล์ ZIP)"


def _section(section: ReportSection) -> dict:
    body = render_to_string(section.template, section.context) if section.has_data else ""
    return {"key": section.key, "title": section.title, "has_data": section.has_data,
            "empty_note": section.empty_note, "body": mark_safe(body)}  # noqa: S308 - our own template's output


def pack_parts(*, office: Office, fiscal_year: int, cs: int | None, progress: Progress | None = None
               ) -> list[PackPart]:
    """Everything the pack prints, per CS."""
    cs_values = [cs] if cs else list(CS.values)
    plans = _plans(office=office, fiscal_year=fiscal_year, cs_values=cs_values)
    parts = []
    taken_in_zip: dict[int, set[str]] = {}
    for step, value in enumerate(cs_values):
        if progress:
            progress(5 + 25 * step // len(cs_values), f"รวบรวมข้อมูล CS{value}")
        checklist = adli.checklist(office=office, fiscal_year=fiscal_year, cs=value)
        cs_plans = [p for p in plans if p.cs == value]
        part = PackPart(
            cs=CS(value), checklist=checklist,
            checklist_html=mark_safe(render_to_string(ADLI_TEMPLATE, {  # noqa: S308 - our own template's output
                "points": checklist, "cs": value, "office": office, "fiscal_year": fiscal_year, "untitled": True})),
            plans=[{"plan": p, "indicator_rows": indicator_rows(p), "definitions": definition_paragraphs(p.definitions)}
                   for p in cs_plans],
            sections=[_section(s) for s in report_sections.sections_for(office=office, fiscal_year=fiscal_year,
                                                                        cs=value)])
        evidence = [f for p in cs_plans for f in _plan_files(p)]
        evidence += report_sections.evidence_files_for(office=office, fiscal_year=fiscal_year, cs=value)
        taken = taken_in_zip.setdefault(value, set())
        for n, item in enumerate(evidence, start=1):
            placed = _pack_file(item, f"{value}.{n}")
            if placed:
                placed.zip_name = f"{part.folder}/{_unique(safe_name(placed.original_name), taken)}"
                part.files.append(placed)
        parts.append(part)
    return parts


# --- The PDF -----------------------------------------------------------------------------------------------------


def _contents(parts: list[PackPart], pages: dict[str, int] | None) -> list[dict]:
    """The contents' lines: (level, anchor, title) and the page that carries the anchor, in Thai digits; with no
    `pages` yet, the widest number a pack may have, so the front takes as many pages as it will."""
    from core.thai_dates import thai_digits

    lines = []
    for part in parts:
        lines += [("cs", part.anchor, part.cs.label), ("sub", f"{part.anchor}-adli", "รายการตรวจตามแนวทาง ADLI"),
                  ("sub", f"{part.anchor}-plans", "แผนปฏิบัติการ ตัวชี้วัดและผลการดำเนินงาน")]
        lines += [("sub", f"sec-{s['key']}", s["title"]) for s in part.sections]
        lines.append(("sub", f"{part.anchor}-files", "รายการไฟล์หลักฐาน"))
        lines += [("file", f.anchor, f"{f.number} {f.title}") for f in part.files if f.kind == Kind.IMAGE or f.pages]
    return [{"level": level, "anchor": anchor, "title": title,
             "page": thai_digits(pages[anchor] + 1) if pages is not None and anchor in pages else "๐๐๐๐"}
            for level, anchor, title in lines]


def _render(html: str):
    from weasyprint import HTML

    from core.pdf.render import BASE_URL, LocalFetcher

    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).render()


def _link_contents(writer, front, pages: dict[str, int]) -> None:
    """The contents' lines link to their pages (each CS is a document of its own, so WeasyPrint cannot)."""
    from pypdf.annotations import Link

    for index, page in enumerate(front.pages):
        height = page.height
        for kind, anchor, (left, top, right, bottom), _box in page.links:
            if kind == "internal" and anchor in pages:  # CSS px from the top left → PDF points from the bottom left
                writer.add_annotation(index, Link(rect=(left * 0.75, (height - bottom) * 0.75, right * 0.75,
                                                        (height - top) * 0.75), target_page_index=pages[anchor]))


def pack_pdf(*, pack: EvidencePack, parts: list[PackPart], out: Path, progress: Progress | None = None) -> int:
    """Write the pack's PDF to `out`; its page count.

    WeasyPrint keeps every page's layout of a document until it is written (about 1 MB a page of Thai tables), so a
    province's pack of a thousand pages is not one document: the front (cover and contents) is laid out first with
    the widest page numbers to learn its length, then each CS as a document of its own numbered on from there,
    written and dropped before the next; the anchors' pages are collected on the way, the front is laid out again
    with them, and pypdf joins the documents (their outlines too) and links the contents."""
    from pypdf import PdfReader, PdfWriter

    context = {"pack": pack, "office": pack.office, "made_on": timezone.localdate(),
               "cs_label": parts[0].cs.label if parts else ""}

    def front_html(pages):
        return render_to_string(PDF_TEMPLATE, {**context, "front": True, "parts": [],
                                               "contents": _contents(parts, pages)})

    front_pages = len(_render(front_html(None)).pages)
    pages: dict[str, int] = {}  # anchor → page index in the whole pack
    with tempfile.TemporaryDirectory() as work:
        documents, offset = [], front_pages
        for n, part in enumerate(parts):
            if progress:
                progress(35 + 20 * n // len(parts), f"จัดหน้าเอกสาร {part.cs.code}")
            document = _render(render_to_string(PDF_TEMPLATE, {**context, "parts": [part], "first_page": offset + 1}))
            for index, page in enumerate(document.pages):
                for anchor in page.anchors:
                    pages.setdefault(anchor, offset + index)
            path = Path(work) / f"part-{n}.pdf"
            document.write_pdf(path)
            documents.append(path)
            offset += len(document.pages)
            del document
        if progress:
            progress(55, "เขียนไฟล์ PDF")
        front = _render(front_html(pages))
        front_path = Path(work) / "front.pdf"
        front.write_pdf(front_path)
        writer = PdfWriter()
        writer.append(PdfReader(front_path))
        for _ in range(front_pages - len(front.pages)):  # the real numbers took fewer lines: keep the numbering
            writer.add_blank_page()
        for path in documents:
            writer.append(PdfReader(path))
        _link_contents(writer, front, pages)
        del front
        reserved = {anchor: index for anchor, index in pages.items() if anchor.startswith("ev-") and "-p" in anchor}
        merging = [f for part in parts for f in part.files if f.kind == Kind.PDF and f.pages]
        for done, item in enumerate(merging, start=1):
            _lay_in(writer, item, reserved)
            if progress and (done % 5 == 0 or done == len(merging)):
                progress(60 + 30 * done // len(merging), f"รวมไฟล์หลักฐาน PDF {done}/{len(merging)}")
        with open(out, "wb") as stream:
            writer.write(stream)
        return len(writer.pages)


def _lay_in(writer, item: PackFile, reserved: dict[str, int]) -> None:
    """Each page of an evidence PDF scaled into its reserved page. A page that cannot be read stays reserved (its
    caption says which file it is)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(item.path)
        if reader.is_encrypted:
            reader.decrypt("")
        for number, page in enumerate(reader.pages, start=1):
            target = reserved.get(f"{item.anchor}-p{number}")
            if target is None:
                continue
            writer.pages[target].merge_transformed_page(page, _fit(page))
    except Exception:  # noqa: BLE001 - a file that opened once and then fails must not fail the pack
        logger.exception("Evidence PDF %s could not be laid into the pack", item.path.name)


def _fit(page):
    """The transformation that turns a page upright (its /Rotate baked in) and scales it into the reserved box."""
    from pypdf import Transformation

    box = page.mediabox
    width, height = float(box.width), float(box.height)
    upright = Transformation().translate(-float(box.left), -float(box.bottom))
    rotation = page.rotation % 360
    if rotation == 90:  # shown turned clockwise
        upright, width, height = upright.rotate(-90).translate(0, width), height, width
    elif rotation == 180:
        upright = upright.rotate(180).translate(width, height)
    elif rotation == 270:
        upright, width, height = upright.rotate(90).translate(height, 0), height, width
    scale = min((_BOX_RIGHT - _BOX_LEFT) / width, (_BOX_TOP - _BOX_BOTTOM) / height)
    dx = _BOX_LEFT + ((_BOX_RIGHT - _BOX_LEFT) - width * scale) / 2
    dy = _BOX_TOP - height * scale
    return upright.scale(scale).translate(dx, dy)


# --- The ZIP -----------------------------------------------------------------------------------------------------


def index_rows(parts: list[PackPart]) -> list[list]:
    return [[f"CS{f.cs}", f.title, f.source, format_short(f.on) if f.on else "", f.zip_name, f.kind_label, f.size]
            for part in parts for f in part.files]


def pack_zip(*, parts: list[PackPart], out: Path) -> None:
    """The originals in a folder per CS, and the index sheet at the top."""
    from core.exports import xlsx_file

    book = new_workbook()
    sheet = add_sheet(book, "ดัชนีหลักฐาน")
    sheet.append(INDEX_COLUMNS)
    for row in index_rows(parts):
        sheet.append(row)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with xlsx_file(book) as index:
            with archive.open(INDEX_NAME, "w") as target:
                shutil.copyfileobj(index, target)
        for part in parts:
            for item in part.files:
                archive.write(item.path, item.zip_name)


# --- Building ----------------------------------------------------------------------------------------------------


def _progress(pack: EvidencePack, progress: int, stage: str, **fields) -> None:
    pack.progress, pack.stage = progress, stage
    for name, value in fields.items():
        setattr(pack, name, value)
    EvidencePack.objects.filter(pk=pack.pk).update(progress=progress, stage=stage, **fields)


def pack_build(*, pack: EvidencePack) -> EvidencePack:
    """Build a queued (or failed, or interrupted) pack; a done one is returned as it is. A failure leaves the pack
    failed with a Thai error and returns it."""
    if pack.status == PackStatus.DONE:
        return pack
    _progress(pack, 2, "เริ่มจัดทำ", status=PackStatus.RUNNING, started_at=timezone.now(), error="")
    try:
        parts = pack_parts(office=pack.office, fiscal_year=pack.fiscal_year, cs=pack.cs,
                           progress=lambda p, s: _progress(pack, p, s))
        with tempfile.TemporaryDirectory() as work:
            pdf_path, zip_path = Path(work) / "pack.pdf", Path(work) / "pack.zip"
            pages = pack_pdf(pack=pack, parts=parts, out=pdf_path, progress=lambda p, s: _progress(pack, p, s))
            _progress(pack, 92, "จัดทำไฟล์ ZIP ของต้นฉบับ")
            pack_zip(parts=parts, out=zip_path)
            _progress(pack, 97, "บันทึกไฟล์")
            with transaction.atomic(), open(pdf_path, "rb") as pdf, open(zip_path, "rb") as archive:
                pack.pdf.save(f"{pack.file_stem}.pdf", File(pdf), save=False)
                pack.zip.save(f"{pack.file_stem}.zip", File(archive), save=False)
                pack.status, pack.progress, pack.stage = PackStatus.DONE, 100, "ชุดหลักฐานพร้อมดาวน์โหลดแล้ว"
                pack.page_count, pack.finished_at = pages, timezone.now()
                pack.save(update_fields=["pdf", "zip", "status", "progress", "stage", "page_count", "finished_at"])
    except Exception as exc:  # noqa: BLE001 - any failure is the pack's, told in Thai; the log has the details
        logger.exception("Evidence pack %s could not be built", pack.pk)
        _progress(pack, pack.progress, "จัดทำไม่สำเร็จ", status=PackStatus.FAILED, finished_at=timezone.now(),
                  error=f"จัดทำชุดหลักฐานไม่สำเร็จ ({type(exc).__name__}) กรุณาสั่งจัดทำใหม่อีกครั้ง "
                        "หากยังไม่สำเร็จ แจ้งผู้ดูแลระบบ")
    return pack


def pack_delete(*, pack: EvidencePack) -> None:
    """Remove a version and its stored PDF and ZIP (the disk a province's pack takes is about 200 MB)."""
    files = [f for f in (pack.pdf, pack.zip) if f]
    pack.delete()
    for file in files:
        file.storage.delete(file.name)
