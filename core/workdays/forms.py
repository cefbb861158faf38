"""The holiday form of the calendar page (dates typed in Buddhist Era)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ThaiDateField, bootstrap_widgets

from .choices import HolidayKind
from .models import Holiday


class HolidayForm(forms.Form):
    date = ThaiDateField(label=_("วันที่"))
    name = forms.CharField(label=_("ชื่อวันหยุด"), max_length=255)
    kind = forms.ChoiceField(label=_("ประเภท"), choices=HolidayKind.choices, initial=HolidayKind.SPECIAL)
    source = forms.CharField(label=_("ที่มา"), max_length=255, required=False,
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
