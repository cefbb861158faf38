"""Form fields that read and show Buddhist Era dates, as Thai users type them, and the forms every app shares."""
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import thai_dates


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's refusal on the form, beside the field it names or at the top, keeping what was typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def save_posted(request, form, save, done: str, back):
    """POST on a register page: validate the form, call the service with what it cleaned, say `done` and return
    `back()` (the redirect); or None to show the page again with the form as typed and the service's Thai refusal
    beside the field it names (nothing is lost). GET: None. A POST from someone with no form (no right to add): 403.
    """
    if request.method != "POST":
        return None
    if form is None:
        raise PermissionDenied
    if form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return back()
    return None


class QuickSelect(forms.Select):
    """A drop-down whose options are written by Python, not one template include each: the same HTML as Django's
    Select (tests/test_quick_select.py), for the lists of a whole department's offices. Django's per-option
    templates cost 0.25 ms an option, so the public complaint page and the register's office filter (1,000+ offices
    in a department) spent 250 ms of CPU each on this one field; the load test (make loadtest) showed it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(group_name)}">')
            parts += [f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                      f'{escape(option["label"])}</option>\n' for option in options]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: in order; True is the bare name, False is left out; values escaped."""
    return "".join(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
                   for name, value in attrs.items() if value is not False)


def bootstrap_widgets(form: forms.BaseForm, *, small: bool = False) -> None:
    """Give every widget of a form its Bootstrap 5 class (crispy does this only where it renders a layout)."""
    size = " form-select-sm" if small else ""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(field.widget, forms.Select):
            css = "form-select" + size
        else:
            css = "form-control" + (" form-control-sm" if small else "")
        field.widget.attrs.setdefault("class", css)


class ThaiDateInput(forms.TextInput):
    def format_value(self, value):
        if isinstance(value, date):
            return f"{value.day:02d}/{value.month:02d}/{thai_dates.be_year(value.year)}"
        return super().format_value(value)


class ThaiMonthInput(forms.TextInput):
    def format_value(self, value):
        if isinstance(value, date):
            return thai_dates.format_month(value, full_year=True)
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """Accepts 21/11/2569, 21 พ.ย. 69 or 2026-11-21."""

    widget = ThaiDateInput(attrs={"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "inputmode": "numeric"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return thai_dates.parse_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class ThaiMonthField(forms.DateField):
    """Accepts มค 55, ม.ค. 2555 or มกราคม 2555; stored as the first day of the month."""

    widget = ThaiMonthInput(attrs={"placeholder": "เช่น ม.ค. 2555"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        try:
            return thai_dates.parse_month(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class SheetUploadForm(forms.Form):
    """The file of a spreadsheet import; its label says the largest file that import takes."""

    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = f"ไฟล์ .xlsx หรือ .csv (ไม่เกิน {max_bytes // (1024 * 1024)} MB)"
