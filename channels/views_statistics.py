"""The three-year channel statistics (seed 002): the table of an office's subtree with its chart, the form an office
keys its own counts in, the PDF and XLSX of the table, and the spreadsheet import of counts (the shared import
pages, `core.import_views`). The numbers come from `channels.usage`; this module only picks and renders."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.views.decorators.http import require_http_methods

from core import exports, import_views
from core.forms import add_service_errors
from core.import_views import SheetImport
from core.offices.models import Office
from core.offices.pickers import back_to, may_edit, office_and_year, register_page
from core.pdf.responses import pdf_response

from . import imports, selectors, services, usage
from .forms import UsageForm


def _usage_form(request, office: Office | None, fiscal_year: int):
    if not may_edit(request.user, "channels.add_channelusage", office):
        return None
    stored = dict(selectors.usage_rows(user=request.user, office=office, fiscal_year=fiscal_year)
                  .values_list("channel_id", "count"))
    channels = selectors.channels_for_office(office=office).order_by("order", "code")
    return UsageForm(request.POST or None, channels=channels, stored=stored)


@login_required
@permission_required("channels.view_channelusage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def statistics(request):
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise PermissionDenied  # no office, no scope: nothing to show
    form = _usage_form(request, office, fiscal_year)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            entries = [services.UsageEntry(office.code, channel.code, fiscal_year, count)
                       for channel, count in form.counts()]
            try:
                result = services.usage_record(user=request.user, entries=entries)
            except ValidationError as exc:
                add_service_errors(form, ValidationError(sorted({m for ms in exc.message_dict.values() for m in ms})))
            else:
                messages.success(request, f"บันทึกแล้ว: ใหม่ {result.created} เปลี่ยน {result.changed} "
                                          f"ไม่เปลี่ยน {result.unchanged} ช่องทาง")
                return back_to("channels:statistics", office, fiscal_year)
    table = usage.usage_table(office=office, fiscal_years=usage.default_years(fiscal_year))
    return register_page(request, "channels/statistics.html", "statistics", office, fiscal_year, table=table,
                         charts=table.chart_data(), form=form,
                         can_import=request.user.has_perm("channels.add_channelusage"),
                         status=400 if form is not None and form.errors else 200)


@login_required
@permission_required("channels.view_channelusage", raise_exception=True)
def statistics_pdf(request):
    """The three-year table of an office's subtree as an A4 page, from the template the annual report will include."""
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("channels/pdf/statistics.html",
                        usage.statistics_context(office=office, fiscal_years=usage.default_years(fiscal_year)),
                        f"cs2-statistics-{office.code}-{fiscal_year}.pdf")


@login_required
@permission_required("channels.view_channelusage", raise_exception=True)
def statistics_export(request):
    """The same table as XLSX: per year the keyed count, then the complaints and responses counted beside it."""
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise Http404
    table = usage.usage_table(office=office, fiscal_years=usage.default_years(fiscal_year))
    book = exports.new_workbook()
    sheet = exports.add_sheet(book, "สถิติจำนวนผู้ใช้ช่องทาง")
    sheet.append([f"สถิติจำนวนผู้ใช้ช่องทาง {office.name}"])
    sheet.append(["ช่องทาง"] + [f"{label} ปี {year}" for year in table.fiscal_years
                                for label in ("จำนวนผู้ใช้ (บันทึก)", "ข้อร้องเรียน (ระบบนับ)", "แบบสอบถาม (ระบบนับ)")])
    for row in [*table.rows, None]:
        cells = row.cells if row else table.totals
        sheet.append([row.label if row else "รวม"]
                     + [value for cell in cells for value in (cell.keyed, cell.complaints, cell.responses)])
    return exports.xlsx_response(book, f"cs2-statistics-{office.code}-{fiscal_year}.xlsx")


# --- The spreadsheet import of counts ----------------------------------------------------------------------------

SHEET = SheetImport(
    keep=imports.upload_save, find=imports.upload_get, check=imports.upload_check, write=imports.upload_write,
    max_bytes=imports.MAX_UPLOAD_BYTES,
    blank_sheets={"xlsx": imports.template_xlsx, "csv": imports.template_csv},
    blank_sheet_name="แบบฟอร์มนำเข้าสถิติช่องทาง",
    upload_template="channels/import.html", preview_template="channels/import_preview.html",
    what="จำนวนผู้ใช้ช่องทาง", unit="รายการ",
    upload_url="channels:import", preview_url="channels:import-confirm", done_url="channels:statistics",
)


@login_required
@permission_required("channels.add_channelusage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_start(request):
    return import_views.upload_page(request, SHEET, headers=imports.HEADERS, tab="statistics")


@login_required
@permission_required("channels.add_channelusage", raise_exception=True)
def import_template(request, fmt: str):
    return import_views.template_download(SHEET, fmt)


@login_required
@permission_required("channels.add_channelusage", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_confirm(request, token: str):
    return import_views.preview_page(request, SHEET, token)
