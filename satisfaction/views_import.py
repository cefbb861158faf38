"""Spreadsheet import of paper questionnaires into a round (CSV/XLSX): template, upload, preview, confirm.

Upload reads the file and keeps its rows on the server under a token, then redirects to the preview; the preview
checks every row and writes nothing; confirming checks again and writes all new rows or none. The token is the
uploader's own, for this round: to anyone else it is a 404, like a round outside the user's offices.
"""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from core.imports import preview_pages

from . import imports
from .selectors import round_get

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ResponsesUploadForm(forms.Form):
    file = forms.FileField(label="ไฟล์ .xlsx หรือ .csv (ไม่เกิน 30 MB)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))


def _upload_or_404(request, survey, token: str) -> imports.Upload:
    upload = imports.upload_get(token=token, user=request.user, survey=survey)
    if upload is None:
        raise Http404
    return upload


def _rows_or_404(upload: imports.Upload) -> imports.StoredRows:
    try:
        return upload.rows()
    except FileNotFoundError as exc:  # confirmed or cancelled a moment ago (a second click)
        raise Http404 from exc


@login_required
@permission_required("satisfaction.add_response", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_start(request, pk: int):
    survey = round_get(user=request.user, pk=pk)
    form = ResponsesUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = imports.upload_save(file=form.cleaned_data["file"], user=request.user, survey=survey)
        except imports.ImportRejected as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            return redirect("satisfaction:import-confirm", pk=survey.pk, token=upload.token)
    return render(request, "satisfaction/import.html", {
        "survey": survey, "form": form, "headers": imports.template_headers(survey)})


@login_required
@permission_required("satisfaction.add_response", raise_exception=True)
def import_template(request, pk: int, fmt: str):
    survey = round_get(user=request.user, pk=pk)
    if fmt not in imports.FORMATS:
        raise Http404
    content = imports.template_xlsx(survey) if fmt == "xlsx" else imports.template_csv(survey)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"แบบฟอร์มนำเข้าแบบสอบถาม-{survey.pk}.{fmt}")
    return response


@login_required
@permission_required("satisfaction.add_response", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_confirm(request, pk: int, token: str):
    """GET: the preview of every row. POST: record all new rows, or nothing and say why."""
    survey = round_get(user=request.user, pk=pk)
    upload = _upload_or_404(request, survey, token)
    if request.method == "POST":
        return _confirm(request, survey, upload)
    check = imports.responses_import_check(survey=survey, stored=_rows_or_404(upload))
    return _preview(request, survey, upload, check)


def _preview(request, survey, upload, check, status: int = 200):
    return render(request, "satisfaction/import_preview.html",
                  {"survey": survey, "upload": upload, "check": check, **preview_pages(check, request.GET)},
                  status=status)


def _confirm(request, survey, upload: imports.Upload):
    if "cancel" in request.POST:
        imports.upload_discard(token=upload.token)
        messages.info(request, "ยกเลิกการนำเข้าแล้ว ไม่มีแบบสอบถามใดถูกบันทึก")
        return redirect("satisfaction:import", pk=survey.pk)
    try:
        check = imports.responses_import(survey=survey, stored=_rows_or_404(upload))
    except imports.ImportRejected as exc:
        messages.error(request, "ยังไม่ได้นำเข้า ไม่มีแบบสอบถามใดถูกบันทึก: " + "; ".join(exc.messages))
        if exc.check is None:
            return redirect("satisfaction:import-confirm", pk=survey.pk, token=upload.token)
        return _preview(request, survey, upload, exc.check, status=422)
    imports.upload_discard(token=upload.token)
    if check.recorded:
        messages.success(request, f"นำเข้าแล้ว {check.recorded:,} ฉบับ"
                         + (f" ข้าม {check.exists_count:,} แถวที่มีอยู่แล้ว" if check.exists_count else ""))
    else:
        messages.info(request, f"นำเข้า 0 ฉบับ: ทุกแถว ({check.exists_count:,} แถว) มีอยู่แล้ว ไม่มีการบันทึกเพิ่ม")
    return redirect("satisfaction:results", pk=survey.pk)
