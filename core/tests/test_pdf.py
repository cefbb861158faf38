"""The Thai PDF engine: TH SarabunPSK is embedded, Thai text round-trips, lines break only between words."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import weasyprint
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.management import call_command
from pypdf import PdfReader
from weasyprint.text import line_break

from core.pdf import thai_linebreak
from core.pdf.render import LocalFetcher, render_pdf

REGRESSION_TEXT = "ตัวชี้วัด (Lagging Indicator) : จำนวนช่องทางการรับฟังและเรียนรู้ความต้องการของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"
# Phrases of the kind the reports print in narrow table cells.
PHRASES = [
    "การรับฟังและเรียนรู้ความต้องการของผู้รับบริการ",
    "ระบบสารสนเทศเพื่อการบริหารจัดการข้อร้องเรียน",
    "จำนวนช่องทางการรับฟังความคิดเห็นของประชาชน",
    "ร้อยละของความพึงพอใจของผู้รับบริการต่อการให้บริการ",
    "การสร้างเครือข่ายและการมีส่วนร่วมของภาคประชาชน",
    "มาตรฐานการให้บริการและระยะเวลาแล้วเสร็จตามที่กำหนด",
    "สำนักงานปลัดกระทรวงมหาดไทยและที่ทำการปกครองอำเภอ",
    "แผนปฏิบัติการประจำปีงบประมาณและตัวชี้วัดผลการดำเนินงาน",
    "การจัดการข้อร้องเรียนให้แล้วเสร็จภายในสิบห้าวันทำการ",
    "การประเมินความผูกพันและความร่วมมือของผู้มีส่วนได้ส่วนเสีย",
    "การวิเคราะห์ข้อมูลเพื่อปรับปรุงกระบวนการทำงานอย่างต่อเนื่อง",
    "คณะกรรมการหมู่บ้านและอาสาสมัครสาธารณสุขประจำหมู่บ้าน",
    "การเผยแพร่ประชาสัมพันธ์ข้อมูลข่าวสารทางราชการ",
    "ศูนย์ดำรงธรรมอำเภอรับเรื่องราวร้องทุกข์และประสานการแก้ไขปัญหา",
    "ผลสัมฤทธิ์ของการปฏิบัติราชการตามคำรับรองการปฏิบัติราชการ",
    "น้ำประปาหมู่บ้านและการบริหารจัดการทรัพยากรน้ำอย่างยั่งยืน",
    "ตัวชี้วัดที่ 3.1 (Lagging Indicator) : ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไข",
    "ระดับความสำเร็จของการดำเนินงานตามแผนยุทธศาสตร์การพัฒนาอำเภอ",
]
PAGE_FOOTER = re.compile(r"^หน้า \d+ / \d+$")


def pdf_tool(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    command = [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def bad_breaks(texts: list[str], extracted: str) -> list[str]:
    """Return the line ends of `extracted` that fall inside a word, as "before|after".

    Spaces are ignored on both sides (pdftotext drops them at line ends). A line may end where Pango
    allows a break in the *whole* text it belongs to, or at the end of that text.
    """
    compact, allowed = "", set()
    for text in texts:
        log_attrs = line_break.get_log_attrs(text, "th")
        for index, char in enumerate(text):
            if log_attrs[index].is_line_break:
                allowed.add(len(compact))
            compact += "" if char.isspace() else char
        allowed.add(len(compact))
    lines = [re.sub(r"\s", "", line) for line in extracted.splitlines() if not PAGE_FOOTER.match(line.strip())]
    lines = [line for line in lines if line]
    # The check only means something if the PDF gives back exactly the text that went in.
    assert "".join(lines) == compact
    bad, position = [], 0
    for line in lines:
        position += len(line)
        if position not in allowed:
            bad.append(f"{compact[position - 4:position]}|{compact[position:position + 4]}")
    return bad


@pytest.fixture
def unpatched(monkeypatch: pytest.MonkeyPatch) -> None:
    original = line_break.split_first_line.pmqa_unpatched
    for module in thai_linebreak.IMPORTERS:
        monkeypatch.setattr(module, "split_first_line", original)


def render_boxes(texts: list[str]) -> bytes:
    return render_pdf("pdf/tests/box.html", {"texts": texts, "width": "124pt", "font_size": "14pt"})


def test_pdf_embeds_th_sarabunpsk_and_thai_round_trips(tmp_path):
    """The table is set in TH SarabunPSK (no silent fallback) and pdftotext gives the Thai back exactly."""
    pdf = render_pdf(
        "pdf/tests/table.html",
        {
            "title": "ปริมาณน้ำฝน → รายเดือน",
            "headers": ["ลำดับ", "รายการ", "จำนวน"],
            "numeric_columns": [0, 2],
            "rows": [[1, "ปริมาณน้ำฝนสะสม", "1,250"], [2, "จำนวนช่องทางการรับฟัง", "12"]],
        },
    )
    fonts = pdf_tool("pdffonts", pdf, tmp_path).splitlines()[2:]
    families = {line.split()[0].split("+")[-1] for line in fonts}
    assert "TH-SarabunPSK" in families
    assert "TH-SarabunPSK-Bold" in families
    # Only TH SarabunPSK and DejaVu Sans for the arrow: any other font means a failed @font-face.
    assert all(family.startswith(("TH-SarabunPSK", "DejaVu-Sans")) for family in families), families
    text = pdf_tool("pdftotext", pdf, tmp_path, "-layout")
    for expected in ["ปริมาณน้ำฝน → รายเดือน", "ปริมาณน้ำฝนสะสม", "จำนวนช่องทางการรับฟัง", "น้ำ", "จำนวน", "หน้า 1 / 1"]:
        assert expected in text


def test_regression_text_breaks_only_between_words(tmp_path):
    """At 14 pt in a 124 pt box every line of the STACK.md sentence ends between two words."""
    text = pdf_tool("pdftotext", render_boxes([REGRESSION_TEXT]), tmp_path)
    assert len([line for line in text.splitlines() if line.strip()]) >= 4  # really wrapped (plus the footer)
    assert bad_breaks([REGRESSION_TEXT], text) == []


def test_unpatched_weasyprint_breaks_inside_words(tmp_path, unpatched):
    """Without the patch WeasyPrint 70.0 cuts จำ|นวน: proves the check above can fail."""
    text = pdf_tool("pdftotext", render_boxes([REGRESSION_TEXT]), tmp_path)
    assert any("จำ|นวน" in snippet for snippet in bad_breaks([REGRESSION_TEXT], text))


def test_narrow_table_cells_break_only_between_words(tmp_path):
    """Many rows of long Thai phrases in narrow cells, over several pages: no line ends inside a word."""
    cells = [a + b for a in PHRASES for b in PHRASES[::3]]
    pdf = render_pdf("pdf/tests/table.html", {"rows": [[cell] for cell in cells], "cell_width": "96pt"})
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 3
    assert bad_breaks(cells, pdf_tool("pdftotext", pdf, tmp_path)) == []


def test_table_header_repeats_on_next_page(tmp_path):
    """A table longer than a page repeats its thead row at the top of page 2."""
    rows = [[number, PHRASES[number % len(PHRASES)], f"{number * 1000:,}"] for number in range(1, 61)]
    context = {"headers": ["ลำดับ", "ชื่อตัวชี้วัดหัวตาราง", "จำนวน"], "numeric_columns": [0, 2], "rows": rows}
    pdf = render_pdf("pdf/tests/table.html", context)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages >= 2
    page_two = pdf_tool("pdftotext", pdf, tmp_path, "-layout", "-f", "2", "-l", "2")
    assert "ชื่อตัวชี้วัดหัวตาราง" in page_two
    assert f"หน้า 2 / {pages}" in page_two


def test_page_size_block_sets_landscape():
    """A child template can turn the page to A4 landscape through the page_size block."""
    pdf = render_pdf("pdf/tests/table.html", {"rows": [["๑"]], "page_size": "A4 landscape"})
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_fetcher_serves_static_files_from_disk():
    """/static/ URLs are read through the staticfiles finders, not over HTTP."""
    response = LocalFetcher().fetch("file:///static/fonts/thsarabun/THSarabun-Regular.ttf")
    font = Path(settings.BASE_DIR, "static/fonts/thsarabun/THSarabun-Regular.ttf")
    assert response.read() == font.read_bytes()


def test_fetcher_serves_hashed_static_names_after_collectstatic(tmp_path, settings):
    """In production {% static %} gives hashed names, found in STATIC_ROOT rather than by the finders."""
    shutil.copytree(settings.BASE_DIR / "static/fonts", tmp_path / "source/fonts")
    settings.STATICFILES_DIRS = [tmp_path / "source"]
    settings.STATIC_ROOT = tmp_path / "collected"
    manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": manifest}}
    call_command("collectstatic", interactive=False, verbosity=0)
    shutil.rmtree(tmp_path / "source")  # only the hashed copies are left
    fonts = pdf_tool("pdffonts", render_pdf("pdf/tests/table.html", {"rows": [["น้ำ"]]}), tmp_path)
    assert "TH-SarabunPSK" in fonts


def test_fetcher_serves_data_urls():
    """data: URLs (QR codes, small inline images) need no file at all."""
    assert LocalFetcher().fetch("data:text/plain;charset=utf-8,%E0%B8%99%E0%B9%89%E0%B8%B3").read().decode() == "น้ำ"


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://127.0.0.1:8000/static/fonts/thsarabun/THSarabun-Regular.ttf", ValueError),
        ("https://example.com/logo.png", ValueError),
        ("file:///etc/passwd", PermissionError),
        ("file:///static/../../etc/passwd", SuspiciousFileOperation),
    ],
)
def test_fetcher_refuses_network_and_foreign_files(url, error):
    """Nothing outside our static and media folders gets into a PDF."""
    with pytest.raises(error):
        LocalFetcher().fetch(url)


def test_apply_is_idempotent():
    """Applying twice keeps the one patched function (render.py already applied it at import)."""
    patched = line_break.split_first_line
    thai_linebreak.apply()
    assert line_break.split_first_line is patched
    assert all(module.split_first_line is patched for module in thai_linebreak.IMPORTERS)
    assert patched.pmqa_unpatched is not patched


def test_apply_refuses_another_weasyprint_version(monkeypatch):
    """Upgrading WeasyPrint fails loudly until someone re-checks the Thai line breaks."""
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(RuntimeError, match="71.0"):
        thai_linebreak.apply()


def test_apply_refuses_changed_weasyprint_code(monkeypatch):
    """Same version but a function without the estimated cut: refuse rather than patch blindly."""

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):
        return None

    for module in thai_linebreak.IMPORTERS:
        monkeypatch.setattr(module, "split_first_line", split_first_line)
    with pytest.raises(RuntimeError, match="no longer contains"):
        thai_linebreak.apply()
