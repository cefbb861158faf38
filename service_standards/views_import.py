"""The spreadsheet import of service records (CSV/XLSX) for the office picked: template, upload, preview, confirm —
the shared import pages (`core.import_views`) given what differs for records. Only those who may key the office's
records (`may_edit`) reach them; the office travels with the upload, so the preview and confirm are the office's
it was made for."""
from functools import partial

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_http_methods

from core import import_views
from core.import_views import SheetImport
from core.offices.models import Office
from core.offices.pickers import may_edit, office_and_year

from . import imports


def _sheet(office: Office | None) -> SheetImport:
    return SheetImport(
        keep=partial(imports.upload_save, office=office), find=imports.upload_get, check=imports.upload_check,
        write=imports.upload_write, max_bytes=imports.MAX_UPLOAD_BYTES,
        blank_sheets={"xlsx": partial(imports.template_xlsx, office=office),
                      "csv": partial(imports.template_csv, office=office)},
        blank_sheet_name="แบบฟอร์มนำเข้าบันทึกการให้บริการ",
        upload_template="service_standards/import.html", preview_template="service_standards/import_preview.html",
        what="บันทึกการให้บริการ", unit="รายการ",
        upload_url="service_standards:records-import", preview_url="service_standards:records-import-confirm",
        done_url="service_standards:records", context={"tab": "records", "office": office},
    )


def _office(request) -> Office:
    office, _year = office_and_year(request)
    if not may_edit(request.user, imports.PERMISSION, office):
        raise PermissionDenied
    return office


@login_required
@permission_required(imports.PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_start(request):
    office = _office(request)
    return import_views.upload_page(request, _sheet(office), columns=imports.COLUMNS.values(),
                                    required=[imports.COLUMNS[name] for name in imports.REQUIRED])


@login_required
@permission_required(imports.PERMISSION, raise_exception=True)
def import_template(request, fmt: str):
    return import_views.template_download(_sheet(_office(request)), fmt)


@login_required
@permission_required(imports.PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_confirm(request, token: str):
    return import_views.preview_page(request, _sheet(None), token)
