"""Spreadsheet import of tickets (CSV/XLSX): template, upload, preview, confirm — the shared import pages
(`core.import_views`) given what differs for tickets."""
from functools import partial

from django.contrib.auth.decorators import login_required, permission_required
from django.views.decorators.http import require_http_methods

from core import import_views
from core.import_views import SheetImport

from . import imports
from .resources import COLUMN_HELP, REQUIRED_COLUMNS, TicketResource, import_template_csv, import_template_xlsx


def _tickets(user) -> SheetImport:
    return SheetImport(
        keep=imports.upload_save, find=imports.upload_get, check=imports.upload_check, write=imports.upload_write,
        max_bytes=imports.MAX_UPLOAD_BYTES,
        # The xlsx lists the offices the user may import for; the csv is the header row alone.
        blank_sheets={"xlsx": partial(import_template_xlsx, user=user), "csv": import_template_csv},
        blank_sheet_name="แบบฟอร์มนำเข้าเรื่องร้องเรียน",
        upload_template="complaints/import.html", preview_template="complaints/import_preview.html",
        what="เรื่อง", unit="เรื่อง",
        upload_url="complaints:import", preview_url="complaints:import-confirm", done_url="complaints:import",
    )


@login_required
@permission_required("complaints.add_ticket", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_start(request):
    columns = [(title, COLUMN_HELP[name], name in REQUIRED_COLUMNS) for name, title in TicketResource.headers().items()]
    return import_views.upload_page(request, _tickets(request.user), columns=columns)


@login_required
@permission_required("complaints.add_ticket", raise_exception=True)
def import_template(request, fmt: str):
    return import_views.template_download(_tickets(request.user), fmt)


@login_required
@permission_required("complaints.add_ticket", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_confirm(request, token: str):
    return import_views.preview_page(request, _tickets(request.user), token)
