"""Spreadsheet import of tickets (CSV/XLSX): template, upload, preview, confirm.

Upload reads the file and keeps its rows on the server under a token, then redirects to the preview; the
preview checks every row and writes nothing; confirming checks again and writes all new rows or none.
The token is the uploader's own: to anyone else it is a 404.
"""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from core.imports import preview_pages

from . import imports
from .resources import COLUMN_HELP, REQUIRED_COLUMNS, TicketResource, import_template_csv, import_template_xlsx

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="ไฟล์ .xlsx หรือ .csv (ไม่เกิน 10 MB)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))


def _upload_or_404(request, token: str) -> imports.Upload:
    upload = imports.upload_get(token=token, user=request.user)
    if upload is None:
        raise Http404
    return upload


def _rows_or_404(upload: imports.Upload) -> list:
    try:
        return upload.rows()
    except FileNotFoundError as exc:  # confirmed or cancelled a moment ago (a second click)
        raise Http404 from exc


@login_required
@permission_required("complaints.add_ticket", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_start(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = imports.upload_save(file=form.cleaned_data["file"], user=request.user)
        except imports.ImportRejected as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            return redirect("complaints:import-confirm", token=upload.token)
    columns = [(title, COLUMN_HELP[name], name in REQUIRED_COLUMNS) for name, title in TicketResource.headers().items()]
    return render(request, "complaints/import.html", {"form": form, "columns": columns})


@login_required
@permission_required("complaints.add_ticket", raise_exception=True)
def import_template(request, fmt: str):
    if fmt not in imports.FORMATS:
        raise Http404
    content = import_template_xlsx(user=request.user) if fmt == "xlsx" else import_template_csv()
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"แบบฟอร์มนำเข้าเรื่องร้องเรียน.{fmt}")
    return response


@login_required
@permission_required("complaints.add_ticket", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_confirm(request, token: str):
    """GET: the preview of every row. POST: write all new rows, or nothing and say why."""
    upload = _upload_or_404(request, token)
    if request.method == "POST":
        return _confirm(request, upload)
    check = imports.tickets_import_check(rows=_rows_or_404(upload), user=request.user, today=timezone.localdate())
    return render(request, "complaints/import_preview.html",
                  {"upload": upload, "check": check, **preview_pages(check, request.GET)})


def _confirm(request, upload: imports.Upload):
    if "cancel" in request.POST:
        imports.upload_discard(token=upload.token)
        messages.info(request, "ยกเลิกการนำเข้าแล้ว ไม่มีเรื่องใดถูกบันทึก")
        return redirect("complaints:import")
    try:
        check, tickets = imports.tickets_import(rows=_rows_or_404(upload), user=request.user,
                                                today=timezone.localdate(), filename=upload.name)
    except imports.ImportRejected as exc:
        messages.error(request, "ยังไม่ได้นำเข้า ไม่มีเรื่องใดถูกบันทึก: " + "; ".join(exc.messages))
        if exc.check is None:
            return redirect("complaints:import-confirm", token=upload.token)
        return render(request, "complaints/import_preview.html",
                      {"upload": upload, "check": exc.check, **preview_pages(exc.check, {})}, status=422)
    imports.upload_discard(token=upload.token)
    if tickets:
        messages.success(request, f"นำเข้าแล้ว {len(tickets):,} เรื่อง"
                         + (f" ข้าม {check.exists_count:,} แถวที่มีอยู่แล้ว" if check.exists_count else ""))
    else:
        messages.info(request, f"นำเข้า 0 เรื่อง: ทุกแถว ({check.exists_count:,} แถว) มีอยู่แล้ว ไม่มีการบันทึกเพิ่ม")
    return redirect("complaints:import")
