from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from core.files import file_verify
from core.fiscal import fiscal_months
from core.forms import ThaiDateField, bootstrap_widgets
from core.thai_dates import MONTHS_SHORT

from .models import ActionPlan, Indicator, Step
from .services import periods_from_months, step_periods_check


class MonthRow(forms.CheckboxSelectMultiple):
    """The twelve months of the fiscal year as a row of boxes, as seed 004 marks a step's months."""

    template_name = "plans/_month_row.html"


def _month_key(d) -> str:
    return f"{d.year:04d}-{d.month:02d}"


class StepForm(forms.ModelForm):
    """Every column of the seed table plus progress, for one step. The months it runs in are ticked on the fiscal
    year's row of months: each run of consecutive months is one planned period (services.periods_from_months)."""

    months = forms.MultipleChoiceField(
        label="เดือนที่ดำเนินการ", widget=MonthRow(attrs={"class": "form-check-input"}),
        error_messages={"required": "เลือกเดือนที่ดำเนินการอย่างน้อย 1 เดือน",
                        "invalid_choice": "เดือน %(value)s ไม่อยู่ในปีงบประมาณของแผน"})
    actual_start = ThaiDateField(label="เริ่มจริง", required=False)
    actual_end = ThaiDateField(label="เสร็จจริง", required=False)

    class Meta:
        model = Step
        fields = ["order", "activity", "duration", "output", "owner", "related_parties", "budget", "area", "status",
                  "progress", "actual_start", "actual_end", "note"]
        widgets = {
            "activity": forms.Textarea(attrs={"rows": 2}),
            "output": forms.Textarea(attrs={"rows": 2}),
            "related_parties": forms.Textarea(attrs={"rows": 2}),
            "note": forms.TextInput(),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
        }

    def __init__(self, *args, plan: ActionPlan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan or getattr(self.instance, "plan", None)
        self.periods = []
        if "months" in self.fields:
            months = fiscal_months(self.plan.fiscal_year)
            self.fields["months"].choices = [(_month_key(m), MONTHS_SHORT[m.month - 1]) for m in months]
            if self.instance.pk:
                runs = [(p.start, p.end) for p in self.instance.periods.all()] or [
                    (self.instance.planned_start, self.instance.planned_end)]
                self.initial["months"] = [_month_key(m) for m in months
                                          if any(s.replace(day=1) <= m <= e.replace(day=1) for s, e in runs)]
        bootstrap_widgets(self, small=True)

    def clean_months(self):
        return [date.fromisoformat(f"{key}-01") for key in self.cleaned_data["months"]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("months"):
            try:
                self.periods = step_periods_check(fiscal_year=self.plan.fiscal_year,
                                                  periods=periods_from_months(cleaned["months"]))
            except ValidationError as exc:
                self.add_error("months", exc)
            else:
                # The step's span, so the seed table, the API and the checks on the model keep working.
                self.instance.planned_start, self.instance.planned_end = self.periods[0][0], self.periods[-1][1]
        a_start, a_end = cleaned.get("actual_start"), cleaned.get("actual_end")
        if a_start and a_end and a_end < a_start:
            self.add_error("actual_end", "วันเสร็จจริงต้องไม่ก่อนวันเริ่มจริง")
        progress = cleaned.get("progress")
        if progress is not None and progress > 100:
            self.add_error("progress", "ความก้าวหน้าต้องไม่เกิน 100%")
        return cleaned


class ProgressForm(StepForm):
    """What a district office reports on a step: status, progress, actual dates and a note."""

    months = None

    class Meta(StepForm.Meta):
        fields = ["status", "progress", "actual_start", "actual_end", "note"]


class BaseStepFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        orders = [f.cleaned_data.get("order") for f in self.forms
                  if f.cleaned_data and not f.cleaned_data.get("DELETE") and "order" in f.cleaned_data]
        if len(orders) != len(set(orders)):
            raise ValidationError("ลำดับกิจกรรมซ้ำกัน: แต่ละกิจกรรมต้องมีลำดับไม่ซ้ำ")


StepFormSet = forms.modelformset_factory(Step, form=StepForm, formset=BaseStepFormSet, extra=1, can_delete=True)
ProgressFormSet = forms.modelformset_factory(Step, form=ProgressForm, extra=0)


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "objective", "definitions"]
        widgets = {"objective": forms.Textarea(attrs={"rows": 3}), "definitions": forms.Textarea(attrs={"rows": 6})}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["order", "code", "name", "unit", "target", "direction", "level_1", "level_2", "level_3", "level_4",
                  "level_5", "source", "metric", "manual_result"]


IndicatorFormSet = forms.inlineformset_factory(ActionPlan, Indicator, form=IndicatorForm, extra=1, can_delete=True)


class EvidenceForm(forms.Form):
    title = forms.CharField(label="ชื่อหลักฐาน", max_length=255, required=False)
    step = forms.ModelChoiceField(label="กิจกรรม/ขั้นตอน", queryset=Step.objects.none(), required=False,
                                  empty_label="(ทั้งแผน)")
    file = forms.FileField(label="ไฟล์ (PDF รูปภาพ หรือเอกสาร Office)")

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = plan.steps.order_by("order")

    def clean_file(self):
        file = self.cleaned_data["file"]
        file_verify(file=file)  # shown beside the field; evidence_add checks again, as the authority
        return file
