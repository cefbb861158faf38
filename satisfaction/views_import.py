"""Spreadsheet import of paper questionnaires into a round (CSV/XLSX): template, upload, preview, confirm — the
shared import pages (`core.import_views`) given what differs for survey answers. A round outside the user's offices
is a 404 before anything else, and an upload is bound to its round."""
from functools import partial

from django.contrib.auth.decorators import login_required, permission_required
from django.views.decorators.http import require_http_methods

from core import import_views
from core.import_views import SheetImport

from . import imports
from .models import SurveyRound
from .selectors import round_get


def _answers(survey: SurveyRound) -> SheetImport:
    return SheetImport(
        keep=partial(imports.upload_save, survey=survey), find=partial(imports.upload_get, survey=survey),
        check=partial(imports.upload_check, survey=survey), write=partial(imports.upload_write, survey=survey),
        max_bytes=imports.MAX_UPLOAD_BYTES,
        blank_sheets={"xlsx": partial(imports.template_xlsx, survey), "csv": partial(imports.template_csv, survey)},
        blank_sheet_name=f"แบบฟอร์มนำเข้าแบบสอบถาม-{survey.pk}",
        upload_template="satisfaction/import.html", preview_template="satisfaction/import_preview.html",
        what="แบบสอบถาม", unit="ฉบับ",
        upload_url="satisfaction:import", preview_url="satisfaction:import-confirm", done_url="satisfaction:results",
        url_kwargs={"pk": survey.pk}, context={"survey": survey},
    )


@login_required
@permission_required("satisfaction.add_response", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_start(request, pk: int):
    survey = round_get(user=request.user, pk=pk)
    return import_views.upload_page(request, _answers(survey), headers=imports.template_headers(survey))


@login_required
@permission_required("satisfaction.add_response", raise_exception=True)
def import_template(request, pk: int, fmt: str):
    return import_views.template_download(_answers(round_get(user=request.user, pk=pk)), fmt)


@login_required
@permission_required("satisfaction.add_response", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_confirm(request, pk: int, token: str):
    return import_views.preview_page(request, _answers(round_get(user=request.user, pk=pk)), token)
