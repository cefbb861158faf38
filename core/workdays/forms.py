"""The forms of the holiday calendar page (dates typed in Buddhist Era) and of the deadline rules page."""
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ThaiDateField, bootstrap_widgets

from .choices import DeadlineBasis, HolidayKind
from .models import DeadlineRule, Holiday
from .services import DEADLINE_RULE_MAX_DAYS


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


class HolidayForm(forms.Form):
    date = ThaiDateField(label=_("วันที่"))
    name = forms.CharField(label=_("ชื่อวันหยุด"), max_length=_max_length(Holiday, "name"))
    kind = forms.ChoiceField(label=_("ประเภท"), choices=HolidayKind.choices, initial=HolidayKind.SPECIAL)
    source = forms.CharField(label=_("ที่มา"), max_length=_max_length(Holiday, "source"), required=False,
                             help_text=_("เช่น มติคณะรัฐมนตรี วันที่ …"))

    def __init__(self, *args, holiday: Holiday | None = None, **kwargs):
        self.holiday = holiday
        super().__init__(*args, **kwargs)
        if holiday is not None:
            # A holiday is its date: moving one is deleting it and adding another, each moving deadlines.
            self.fields["date"].disabled = True
        bootstrap_widgets(self)

    def clean_date(self):
        day = self.cleaned_data["date"]
        existing = Holiday.objects.filter(date=day).first()
        if self.holiday is None and existing is not None:
            raise forms.ValidationError(_("วันนี้เป็นวันหยุดอยู่แล้ว (%(name)s) โปรดแก้ไขรายการเดิม"),
                                        params={"name": existing.name})
        return day


class DeadlineRuleForm(forms.Form):
    """A rule's code, name and count. The service checks them; a rule in use keeps its count (only its name changes)."""

    code = forms.CharField(label=_("รหัสเกณฑ์"), max_length=_max_length(DeadlineRule, "code"),
                           help_text=_("อักษรอังกฤษ ตัวเลข - และ _ เช่น 7-working-days"))
    name = forms.CharField(label=_("ชื่อเกณฑ์"), max_length=_max_length(DeadlineRule, "name"),
                           help_text=_("เช่น 7 วันทำการ (เรื่องเร่งด่วน) พร้อมที่มาของเกณฑ์"))
    basis = forms.ChoiceField(label=_("นับเป็น"), choices=DeadlineBasis.choices, initial=DeadlineBasis.WORKING_DAYS)
    days = forms.IntegerField(label=_("จำนวนวัน"), min_value=1, max_value=DEADLINE_RULE_MAX_DAYS)

    def __init__(self, *args, rule: DeadlineRule | None = None, in_use: bool = False, **kwargs):
        if rule is not None:
            kwargs.setdefault("initial", {"code": rule.code, "name": rule.name, "basis": rule.basis, "days": rule.days})
        super().__init__(*args, **kwargs)
        if in_use:
            # Disabled fields keep the rule's own values whatever is posted; the service refuses a change anyway.
            for name in ("code", "basis", "days"):
                self.fields[name].disabled = True
        bootstrap_widgets(self)
