"""The one check for every uploaded file (plan evidence, ticket attachments, CS6 evidence) and the one way to serve it.

A file is accepted only when its extension is on the list, it is not larger than settings.EVIDENCE_MAX_BYTES and
its bytes are what the extension promises; the verified content type is what gets stored. Serving trusts the bytes
again, not the stored name or type (rows from before this check carry a type guessed from the name): a file is
shown in the browser only when its first bytes prove it an image or a PDF, every other file is a download, and
the content type sent is never one a browser would run (no text/html).
"""
import codecs
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO
from xml.etree import ElementTree

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat

# filetype's matchers need at most the first 8 KB (it reads no more itself).
HEAD_BYTES = 8192
OCTET_STREAM = "application/octet-stream"
# The OOXML parts list is a few KB; anything far larger is not a document someone saved.
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OOXML_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Everything that can go wrong opening a damaged or hostile zip.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, RuntimeError, NotImplementedError, EOFError,
               OSError, ValueError, zlib.error, ElementTree.ParseError)

Check = Callable[[IO[bytes], bytes], bool]


@dataclass(frozen=True)
class FileKind:
    """What an extension promises: the content type to store and send, how to prove it, and whether to show it."""

    content_type: str
    label: str  # in the refusal: "ไฟล์ x.png ไม่ใช่<label> ตามนามสกุล"
    check: Check
    inline: bool = False


def _signature(extension: str) -> Check:
    """filetype's magic-number matcher for the extension: images, PDF and OpenDocument (the `mimetype` entry that
    the ODF standard puts first in the zip, stored, so it sits at a fixed offset)."""
    matcher = filetype.get_type(ext=extension)
    return lambda stream, head: bool(matcher.match(head))


def _ole2(stream: IO[bytes], head: bytes) -> bool:
    # By hand: filetype tells .doc/.xls/.ppt apart by which stream the saving program put in the first sector, and
    # so refuses many genuine files; the OLE2 container signature is the dependable part, and it alone rules out
    # HTML and scripts.
    return head.startswith(_OLE2_SIGNATURE)


def _ooxml(main_type: str) -> Check:
    # By hand: filetype guesses .docx/.xlsx/.pptx from the order of the zip entries in the first 8 KB. The package
    # itself says what it is: [Content_Types].xml names the main part and its type, and that part must be there.
    def check(stream: IO[bytes], head: bytes) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(stream) as archive:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > _CONTENT_TYPES_MAX_BYTES:
                    return False
                parts = ElementTree.fromstring(archive.read(info))
                names = set(archive.namelist())
        except _ZIP_ERRORS:
            return False
        return any(override.get("ContentType") == main_type and override.get("PartName", "").lstrip("/") in names
                   for override in parts.iter(f"{_OOXML_TYPES_NS}Override"))

    return check


def _text(stream: IO[bytes], head: bytes) -> bool:
    # By hand: text has no signature for filetype to find. It must decode as UTF-8 or as Thai Windows-874 (TIS-620
    # and its Windows superset), the two encodings Thai offices save in, and hold no NUL byte (binary data does).
    for encoding in ("utf-8", "cp874"):
        stream.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for chunk in iter(lambda: stream.read(64 * 1024), b""):
                if b"\x00" in chunk:
                    return False
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return True
    return False


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

ALLOWED: dict[str, FileKind] = {
    ".pdf": FileKind("application/pdf", "เอกสาร PDF", _signature("pdf"), inline=True),
    ".png": FileKind("image/png", "รูปภาพ PNG", _signature("png"), inline=True),
    ".jpg": FileKind("image/jpeg", "รูปภาพ JPEG", _signature("jpg"), inline=True),
    ".jpeg": FileKind("image/jpeg", "รูปภาพ JPEG", _signature("jpg"), inline=True),
    ".gif": FileKind("image/gif", "รูปภาพ GIF", _signature("gif"), inline=True),
    ".webp": FileKind("image/webp", "รูปภาพ WebP", _signature("webp"), inline=True),
    ".doc": FileKind("application/msword", "เอกสาร Word", _ole2),
    ".docx": FileKind(_DOCX, "เอกสาร Word", _ooxml(f"{_DOCX}.main+xml")),
    ".xls": FileKind("application/vnd.ms-excel", "ไฟล์ Excel", _ole2),
    ".xlsx": FileKind(_XLSX, "ไฟล์ Excel", _ooxml(f"{_XLSX}.main+xml")),
    ".ppt": FileKind("application/vnd.ms-powerpoint", "ไฟล์ PowerPoint", _ole2),
    ".pptx": FileKind(_PPTX, "ไฟล์ PowerPoint", _ooxml(f"{_PPTX}.main+xml")),
    ".odt": FileKind("application/vnd.oasis.opendocument.text", "เอกสาร OpenDocument", _signature("odt")),
    ".ods": FileKind("application/vnd.oasis.opendocument.spreadsheet", "ตารางคำนวณ OpenDocument",
                     _signature("ods")),
    ".odp": FileKind("application/vnd.oasis.opendocument.presentation", "งานนำเสนอ OpenDocument",
                     _signature("odp")),
    ".csv": FileKind("text/csv", "ไฟล์ข้อความ CSV", _text),
    ".txt": FileKind("text/plain", "ไฟล์ข้อความ", _text),
}


def _kind_of(name: str) -> FileKind | None:
    return ALLOWED.get(PurePath(name).suffix.lower())


def _matches(kind: FileKind, stream: IO[bytes]) -> bool:
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    try:
        return kind.check(stream, head)
    finally:
        stream.seek(0)


def file_verify(*, file: File) -> str:
    """The verified content type of an upload, or ValidationError (in Thai, naming the file). Reads, never writes."""
    name = download_name(file.name or "")
    extension = PurePath(name).suffix.lower()
    kind = ALLOWED.get(extension)
    if kind is None:
        raise ValidationError("ไม่รับไฟล์ชนิด %(extension)s (%(name)s): รับเฉพาะ PDF รูปภาพ และเอกสาร Office",
                              code="file_type", params={"extension": extension or "(ไม่มีนามสกุล)", "name": name})
    if file.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError("ไฟล์ใหญ่เกินไป: %(name)s มีขนาด %(size)s รับไม่เกิน %(limit)s", code="file_size",
                              params={"name": name, "size": filesizeformat(file.size),
                                      "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES)})
    if not file.size:
        raise ValidationError("ไฟล์ %(name)s ว่างเปล่า", code="file_empty", params={"name": name})
    if not _matches(kind, file):
        raise ValidationError("ไฟล์ %(name)s ไม่ใช่%(label)s ตามนามสกุล", code="file_content",
                              params={"name": name, "label": kind.label})
    return kind.content_type


def photo_fields(name: str, photo: File | None) -> dict:
    """The columns of a checked photo (the one file check, and an image at that) for a model with `<name>`,
    `<name>_name` and `<name>_type` fields, or ValidationError keyed by `name`. Nothing for no photo."""
    if not photo:
        return {}
    try:
        content_type = file_verify(file=photo)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from exc
    if not content_type.startswith("image/"):
        raise ValidationError({name: f"ไฟล์ {download_name(photo.name)} ไม่ใช่รูปภาพ (รับ JPEG PNG GIF WebP)"})
    return {name: photo, f"{name}_name": download_name(photo.name)[:255], f"{name}_type": content_type}


def download_name(name: str) -> str:
    """The last part of a path without control or direction-override characters (a name that hides its real
    extension); FileResponse writes it into Content-Disposition, encoded for Thai (RFC 6266 filename*)."""
    base = re.split(r"[/\\]", name)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base or "file"


def file_response(*, file: File, filename: str) -> FileResponse:
    """Serve a stored file: inline only when its first bytes prove it the image or PDF its name says, otherwise
    as a download; the content type is the verified one, or application/octet-stream when the bytes disagree."""
    name = download_name(filename)
    try:
        stream = file.open("rb")
    except (OSError, ValueError) as exc:  # the row has no file, or the file is gone: as if the row were not there
        raise Http404 from exc
    kind = _kind_of(name)
    verified = kind is not None and _matches(kind, stream)
    response = FileResponse(stream, as_attachment=not (verified and kind.inline), filename=name,
                            content_type=kind.content_type if verified else OCTET_STREAM)
    # SecurityMiddleware sets it too; a file must never be sniffed into HTML even where the middleware is off.
    response["X-Content-Type-Options"] = "nosniff"
    return response
