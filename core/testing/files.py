"""Small real files for upload tests (made here, not shipped): what each kind of evidence really looks like."""
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def image_bytes(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return image_bytes("PDF")


def ooxml_bytes(main_part: str = "word/document.xml",
                main_type: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                ) -> bytes:
    """A minimal package: the parts list naming the main part, the relationships, and the main part itself."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'officeDocument" Target="{main_part}"/></Relationships>'))
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return ooxml_bytes()


def odf_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    """The ODF layout: `mimetype` first and stored uncompressed, then the content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """What the browser sends; its content type is the browser's claim, which the check ignores."""
    return SimpleUploadedFile(name, content, content_type=content_type)
