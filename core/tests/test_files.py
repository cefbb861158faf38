"""The one upload check (extension, size, bytes) and the one way to serve a stored file (core.files)."""
import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import Http404

from core.files import download_name, file_response, file_verify
from core.testing.files import (
    HTML,
    OLE2_SIGNATURE,
    docx_bytes,
    image_bytes,
    odf_bytes,
    ooxml_bytes,
    pdf_bytes,
    upload,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _without_bytes(value):
    """Test ids from names and types: file contents would only clutter them."""
    return "" if isinstance(value, bytes) else None


def _xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["หน่วยงาน", "คะแนน"])
    book.save(buffer)
    return buffer.getvalue()


def _refusal(file) -> str:
    with pytest.raises(ValidationError) as caught:
        file_verify(file=file)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize("name, content, expected", [
    ("ภาพ.png", image_bytes("PNG"), "image/png"),
    ("ภาพ.jpg", image_bytes("JPEG"), "image/jpeg"),
    ("ภาพ.JPEG", image_bytes("JPEG"), "image/jpeg"),
    ("ภาพ.gif", image_bytes("GIF"), "image/gif"),
    ("ภาพ.webp", image_bytes("WEBP"), "image/webp"),
    ("รายงาน.pdf", pdf_bytes(), "application/pdf"),
    ("รายงาน.docx", docx_bytes(), DOCX),
    ("ตาราง.xlsx", _xlsx_bytes(), XLSX),
    ("สไลด์.pptx", ooxml_bytes("ppt/presentation.xml", f"{PPTX}.main+xml"), PPTX),
    ("รายงาน.odt", odf_bytes(), "application/vnd.oasis.opendocument.text"),
    ("ตาราง.ods", odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
     "application/vnd.oasis.opendocument.spreadsheet"),
    ("รายงาน.doc", OLE2_SIGNATURE + b"\x00" * 1024, "application/msword"),
    ("ตาราง.xls", OLE2_SIGNATURE + b"\x00" * 1024, "application/vnd.ms-excel"),
    ("ข้อมูล.csv", "หน่วยงาน,คะแนน\nอำเภอ ก,4.5\n".encode("utf-8-sig"), "text/csv"),
    ("บันทึก.txt", "บันทึกการประชุม".encode("cp874"), "text/plain"),
], ids=_without_bytes)
def test_a_genuine_file_of_each_kind_is_accepted_with_its_verified_type(name, content, expected):
    """The browser's claimed type (octet-stream here) plays no part: the bytes give the stored type."""
    assert file_verify(file=upload(name, content)) == expected


@pytest.mark.parametrize("name, content, message", [
    ("x.png", HTML, "ไฟล์ x.png ไม่ใช่รูปภาพ PNG ตามนามสกุล"),
    ("x.jpg", image_bytes("PNG"), "ไฟล์ x.jpg ไม่ใช่รูปภาพ JPEG ตามนามสกุล"),
    ("x.pdf", HTML, "ไฟล์ x.pdf ไม่ใช่เอกสาร PDF ตามนามสกุล"),
    ("x.docx", HTML, "ไฟล์ x.docx ไม่ใช่เอกสาร Word ตามนามสกุล"),
    ("x.docx", _xlsx_bytes(), "ไฟล์ x.docx ไม่ใช่เอกสาร Word ตามนามสกุล"),  # a zip, but not a Word package
    ("x.xlsx", b"PK\x03\x04 truncated", "ไฟล์ x.xlsx ไม่ใช่ไฟล์ Excel ตามนามสกุล"),
    ("x.odt", odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
     "ไฟล์ x.odt ไม่ใช่เอกสาร OpenDocument ตามนามสกุล"),
    ("x.doc", HTML, "ไฟล์ x.doc ไม่ใช่เอกสาร Word ตามนามสกุล"),
    ("x.txt", b"MZ\x90\x00\x03\x00", "ไฟล์ x.txt ไม่ใช่ไฟล์ข้อความ ตามนามสกุล"),  # a NUL byte: binary
    ("x.csv", b"\xdb\xfc\xff\xfe", "ไฟล์ x.csv ไม่ใช่ไฟล์ข้อความ CSV ตามนามสกุล"),  # neither UTF-8 nor cp874
], ids=_without_bytes)
def test_bytes_that_are_not_what_the_extension_says_are_refused_in_thai(name, content, message):
    assert message in _refusal(upload(name, content))


def test_an_extension_off_the_list_too_large_or_empty_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 100
    assert "ไม่รับไฟล์ชนิด .html (หน้า.html)" in _refusal(upload("หน้า.html", HTML))
    assert "ไม่รับไฟล์ชนิด (ไม่มีนามสกุล)" in _refusal(upload("noext", b"x"))
    assert "ไฟล์ใหญ่เกินไป: big.txt" in _refusal(upload("big.txt", b"x" * 101))
    assert "ไฟล์ empty.txt ว่างเปล่า" in _refusal(upload("empty.txt", b""))


def test_an_ooxml_parts_list_must_name_a_part_that_is_there():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    assert "ไม่ใช่เอกสาร Word" in _refusal(upload("x.docx", buffer.getvalue()))
    missing = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(missing, "w") as archive:
        for name in source.namelist():
            if name != "word/document.xml":
                archive.writestr(name, source.read(name))
    assert "ไม่ใช่เอกสาร Word" in _refusal(upload("x.docx", missing.getvalue()))


def test_the_check_leaves_the_upload_readable_from_the_start():
    file = upload("ภาพ.png", image_bytes())
    file_verify(file=file)
    assert file.read(4) == b"\x89PNG"


def _stored(tmp_path, content: bytes) -> File:
    path = tmp_path / "stored.bin"
    path.write_bytes(content)
    return File(open(path, "rb"), name=str(path))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("name, content, content_type", [
    ("ภาพกิจกรรม.png", image_bytes("PNG"), "image/png"),
    ("ภาพ.jpeg", image_bytes("JPEG"), "image/jpeg"),
    ("ภาพ.gif", image_bytes("GIF"), "image/gif"),
    ("ภาพ.webp", image_bytes("WEBP"), "image/webp"),
    ("รายงาน.pdf", pdf_bytes(), "application/pdf"),
], ids=_without_bytes)
def test_verified_images_and_pdfs_are_shown_inline(tmp_path, name, content, content_type):
    response = file_response(file=_stored(tmp_path, content), filename=name)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response) == content


@pytest.mark.parametrize("name, content, content_type", [
    ("รายงาน.docx", docx_bytes(), DOCX),
    ("บันทึก.txt", "บันทึก".encode(), "text/plain"),
    ("ตาราง.csv", b"a,b\n1,2\n", "text/csv"),
], ids=_without_bytes)
def test_other_kinds_are_downloads_with_their_verified_type(tmp_path, name, content, content_type):
    response = file_response(file=_stored(tmp_path, content), filename=name)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert _body(response) == content


@pytest.mark.parametrize("name", ["legacy.png", "legacy.pdf", "legacy.html", "legacy"])
def test_bytes_that_disagree_with_the_name_are_a_download_never_html(tmp_path, name):
    """Rows stored before the check: their name (and stored type) say image, their bytes are HTML."""
    response = file_response(file=_stored(tmp_path, HTML), filename=name)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"


def test_the_download_name_is_safe_and_keeps_thai(tmp_path):
    response = file_response(file=_stored(tmp_path, b"text"), filename="evidence/DIST-A/รายงาน\u202egnp.txt")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99gnp.txt")
    assert download_name("..\\..\\a\r\nb.pdf") == "ab.pdf"
    assert download_name("/") == "file"


def test_a_file_missing_from_storage_is_not_found(tmp_path):
    file = _stored(tmp_path, b"x")
    file.close()
    (tmp_path / "stored.bin").unlink()
    with pytest.raises(Http404):
        file_response(file=file, filename="x.txt")
