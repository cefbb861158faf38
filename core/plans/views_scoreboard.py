"""The scoreboard (ตารางสรุปตัวชี้วัด) of an office's subtree and fiscal year: the page, its XLSX and its A4 PDF, with
the filters CS, source (computed or typed) and target reached. Thin views over `scoreboard.scoreboard`.

It lives in the core with the plans it reads: the links from a computed value to its records and the figures come
from the processes through `core.plans.computed`, which `reports` fills at start-up, so imports still run one way."""
from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.utils import timezone

from core.exports import add_sheet, new_workbook, xlsx_response
from core.forms import bootstrap_widgets
from core.offices.pickers import office_and_year, register_page

from .choices import CS, IndicatorSource
from .scoreboard import EARLIER_YEARS, scoreboard

REACHED_CHOICES = [("", "ทั้งหมด"), ("yes", "ถึงค่าเป้าหมาย"), ("no", "ยังไม่ถึงค่าเป้าหมาย")]


class ScoreboardFilter(forms.Form):
    cs = forms.TypedChoiceField(label="กระบวนการ", choices=[("", "ทุกกระบวนการ"), *[(c.value, c.code) for c in CS]],
                                coerce=int, empty_value=None, required=False,
                                error_messages={"invalid_choice": "ไม่มีกระบวนการนี้ (CS1–CS7)"})
    source = forms.ChoiceField(label="ที่มาของผล", choices=[("", "ทั้งหมด"), *IndicatorSource.choices],
                               required=False, error_messages={"invalid_choice": "ที่มาของผลต้องเป็น computed หรือ manual"})
    reached = forms.ChoiceField(label="ผลเทียบค่าเป้าหมาย", choices=REACHED_CHOICES, required=False,
                                error_messages={"invalid_choice": "ผลเทียบค่าเป้าหมายต้องเป็น yes หรือ no"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self, small=True)


def _board(request):
    office, fiscal_year = office_and_year(request)
    form = ScoreboardFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise BadRequest(" ".join(m for errors in form.errors.values() for m in errors))
    data = form.cleaned_data if form.is_bound else {}
    reached = {"yes": True, "no": False}.get(data.get("reached") or "")
    rows = (scoreboard(user=request.user, office=office, fiscal_year=fiscal_year, cs=data.get("cs"),
                       source=data.get("source") or None, reached=reached) if office else [])
    years = list(range(fiscal_year - EARLIER_YEARS, fiscal_year))
    return office, fiscal_year, form, rows, years


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def scoreboard_page(request):
    office, fiscal_year, form, rows, years = _board(request)
    return register_page(request, "plans/scoreboard.html", "scoreboard", office, fiscal_year, filter=form,
                         rows=rows, years=years, query=request.GET.urlencode())


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def scoreboard_xlsx(request):
    office, fiscal_year, form, rows, years = _board(request)
    book = new_workbook()
    sheet = add_sheet(book, f"ตัวชี้วัด {fiscal_year}")
    sheet.append([f"ตารางสรุปตัวชี้วัด {office.name if office else ''} (รวมหน่วยงานในสังกัด) ปีงบประมาณ {fiscal_year}"])
    sheet.append(["หน่วยงาน", "กระบวนการ", "รหัสตัวชี้วัด", "ตัวชี้วัด", "หน่วยนับ", "ที่มาของผล",
                  *[f"ผลปีงบประมาณ {year}" for year in years], "ผลการดำเนินงาน", "ค่าเป้าหมาย", "ทิศทาง",
                  "ร้อยละความสำเร็จ", "คะแนน", "ถึงค่าเป้าหมาย"])
    for row in rows:
        i = row.indicator
        sheet.append([i.plan.office.name, i.plan.cs_code, i.code, i.name, i.unit, i.get_source_display(),
                      *[value for _, value in row.earlier], row.result, i.target, i.get_direction_display(),
                      row.success, row.score,
                      "" if row.reached is None else ("ถึง" if row.reached else "ไม่ถึง")])
    code = office.code if office else "none"
    return xlsx_response(book, f"scoreboard-{code}-{fiscal_year}.xlsx")


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def scoreboard_pdf(request):
    from core.pdf.render import render_pdf  # WeasyPrint is heavy: load it only when a PDF is asked for

    office, fiscal_year, form, rows, years = _board(request)
    pdf = render_pdf("plans/pdf/scoreboard.html", {"office": office, "fiscal_year": fiscal_year, "rows": rows,
                                                   "years": years, "printed_on": timezone.localdate()})
    response = HttpResponse(pdf, content_type="application/pdf")
    code = office.code if office else "none"
    response["Content-Disposition"] = f'inline; filename="scoreboard-{code}-{fiscal_year}.pdf"'
    return response
