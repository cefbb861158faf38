from django import forms

from core.forms import bootstrap_widgets

from .choices import NO_TABLE, Register, Status
from .items import RESULT_TABLES
from .services import DETAILS_MAX, AnswerInput


def item_prefix(code: str) -> str:
    return "i" + code.replace(".", "")


class AnswerForm(forms.Form):
    """One item of seed 003's form. The plans and files offered are the office's (`selectors.plans_to_cite`,
    `evidence_to_cite`), read once for the whole page and handed in as choices."""

    status = forms.ChoiceField(label="สถานะ", choices=Status.choices, widget=forms.RadioSelect,
                               error_messages={"required": "กรุณาเลือกสถานะ",
                                               "invalid_choice": "กรุณาเลือกสถานะจากรายการ"})
    details = forms.CharField(label="รายละเอียด", required=False, max_length=DETAILS_MAX,
                              widget=forms.Textarea(attrs={"rows": 4}))
    plans = forms.TypedMultipleChoiceField(label="แผนปฏิบัติการที่อ้างอิง", coerce=int, required=False,
                                           error_messages={"invalid_choice": "แผนที่เลือกอ้างอิงไม่ได้"})
    files = forms.TypedMultipleChoiceField(label="ไฟล์หลักฐานของแผน", coerce=int, required=False,
                                           error_messages={"invalid_choice": "ไฟล์ที่เลือกอ้างอิงไม่ได้"})
    registers = forms.MultipleChoiceField(label="ทะเบียนในระบบ", choices=Register.choices, required=False,
                                          error_messages={"invalid_choice": "ไม่มีทะเบียนนี้ในระบบ"})

    def __init__(self, *args, item: str, plan_choices: list, file_choices: list, **kwargs):
        super().__init__(*args, prefix=item_prefix(item), **kwargs)
        self.item = item
        self.fields["plans"].choices = plan_choices
        self.fields["files"].choices = file_choices
        for name in ("plans", "files", "registers"):
            self.fields[name].widget.attrs["size"] = 4
        bootstrap_widgets(self, small=True)
        self.fields["status"].widget.attrs["class"] = "form-check-input"

    def answer(self) -> AnswerInput:
        data = self.cleaned_data
        return AnswerInput(item=self.item, status=data["status"], details=data["details"], plans=data["plans"],
                           files=data["files"], registers=data["registers"])


TABLE_CHOICES = [(NO_TABLE, "ไม่แสดงในตาราง 7.2")] + [(t.number, f"{t.number}. {t.title}") for t in RESULT_TABLES]


class TableChoiceForm(forms.Form):
    """The committee's placing of each indicator of the year in a 7.2 table: one field per indicator (`t<id>`)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[f"t{row.indicator_id}"] = forms.TypedChoiceField(
                label=row.label, choices=TABLE_CHOICES, coerce=int, initial=row.table,
                error_messages={"invalid_choice": "กรุณาเลือกตาราง 1–5 หรือไม่แสดง"})
        bootstrap_widgets(self, small=True)

    def choices(self) -> dict[int, int]:
        return {int(name[1:]): table for name, table in self.cleaned_data.items()}
