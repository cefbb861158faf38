"""The pages of every spreadsheet import, written once: upload, template, preview, confirm.

Upload reads the file and keeps its rows on the server under a token, then redirects to the preview; the preview
checks every row and writes nothing; confirming checks again and writes all new rows or none, then removes the
upload (as cancelling does). The token is the uploader's own, and bound to what the import is for (a survey round):
to anyone else it is a 404.

A process's own views check the permission, fetch what the import is for (scoped to the user) and pass the pages a
`SheetImport`: how its files are kept, checked and written, and its templates, words and addresses.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.forms import SheetUploadForm
from core.imports import ImportCheck, ImportRejected, Upload, preview_pages

CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE, "csv": CSV_CONTENT_TYPE}


@dataclass(frozen=True)
class SheetImport:
    """What one process's import gives its pages. The callables take keyword arguments only."""

    keep: Callable[..., Upload]  # (file, user): the upload kept, or ImportRejected
    find: Callable[..., Upload | None]  # (token, user): the user's own live upload, or None
    check: Callable[..., ImportCheck]  # (upload, user): every row judged, nothing written
    write: Callable[..., tuple[ImportCheck, int]]  # (upload, user): the check and how many written, or ImportRejected
    max_bytes: int  # the largest file it takes, as the upload form says
    blank_sheets: dict[str, Callable[[], bytes]]  # the empty form to fill in, by format ("xlsx", "csv")
    blank_sheet_name: str  # its file name, without the extension
    upload_template: str  # the pages' templates: extending imports/upload.html and imports/preview.html
    preview_template: str
    what: str  # what a row becomes, in the messages: "ไม่มี{what}ใดถูกบันทึก"
    unit: str  # the word it is counted by: "นำเข้าแล้ว 3 {unit}"
    upload_url: str  # URL names: the upload page (where a cancel goes back to), the preview, after a confirm
    preview_url: str
    done_url: str
    url_kwargs: dict = field(default_factory=dict)  # the URLs' arguments besides the token
    context: dict = field(default_factory=dict)  # what both pages show besides the form or the check


def upload_page(request, sheet: SheetImport, **context) -> HttpResponse:
    """GET: the form (and whatever `context` explains of the file). POST: keep the file and go to its preview."""
    form = SheetUploadForm(request.POST or None, request.FILES or None, max_bytes=sheet.max_bytes)
    if request.method == "POST" and form.is_valid():
        try:
            upload = sheet.keep(file=form.cleaned_data["file"], user=request.user)
        except ImportRejected as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            return redirect(sheet.preview_url, **sheet.url_kwargs, token=upload.token)
    return render(request, sheet.upload_template, {**sheet.context, **context, "form": form})


def template_download(sheet: SheetImport, fmt: str) -> HttpResponse:
    """The empty form to fill in, as a download; an unknown format is a 404."""
    if fmt not in sheet.blank_sheets:
        raise Http404
    response = HttpResponse(sheet.blank_sheets[fmt](), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{sheet.blank_sheet_name}.{fmt}")
    return response


def preview_page(request, sheet: SheetImport, token: str) -> HttpResponse:
    """GET: the preview of every row. POST: write all new rows (or nothing, and say why), or cancel."""
    upload = sheet.find(token=token, user=request.user)
    if upload is None:
        raise Http404
    if request.method == "POST":
        return _confirm(request, sheet, upload)
    return _preview(request, sheet, upload, _while_kept(sheet.check, upload=upload, user=request.user))


def _preview(request, sheet: SheetImport, upload: Upload, check: ImportCheck, status: int = 200) -> HttpResponse:
    return render(request, sheet.preview_template,
                  {**sheet.context, "upload": upload, "check": check, **preview_pages(check, request.GET)},
                  status=status)


def _confirm(request, sheet: SheetImport, upload: Upload) -> HttpResponse:
    if "cancel" in request.POST:
        upload.discard()
        messages.info(request, f"ยกเลิกการนำเข้าแล้ว ไม่มี{sheet.what}ใดถูกบันทึก")
        return redirect(sheet.upload_url, **sheet.url_kwargs)
    try:
        check, written = _while_kept(sheet.write, upload=upload, user=request.user)
    except ImportRejected as exc:
        messages.error(request, f"ยังไม่ได้นำเข้า ไม่มี{sheet.what}ใดถูกบันทึก: " + "; ".join(exc.messages))
        if exc.check is None:
            return redirect(sheet.preview_url, **sheet.url_kwargs, token=upload.token)
        return _preview(request, sheet, upload, exc.check, status=422)
    upload.discard()
    if written:
        messages.success(request, f"นำเข้าแล้ว {written:,} {sheet.unit}"
                         + (f" ข้าม {check.exists_count:,} แถวที่มีอยู่แล้ว" if check.exists_count else ""))
    else:
        messages.info(request, f"นำเข้า 0 {sheet.unit}: ทุกแถว ({check.exists_count:,} แถว) มีอยู่แล้ว ไม่มีการบันทึกเพิ่ม")
    return redirect(sheet.done_url, **sheet.url_kwargs)


def _while_kept(step: Callable, **kwargs):
    try:
        return step(**kwargs)
    except FileNotFoundError as exc:  # its rows went a moment ago: confirmed or cancelled by a second click
        raise Http404 from exc
