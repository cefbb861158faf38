from django import forms
from django.core.exceptions import ValidationError

from core.files import file_verify
from core.forms import ThaiDateField, ThaiMonthField, bootstrap_widgets

from .models import ActionPlan, Indicator, Step


class StepForm(forms.ModelForm):
    """Every column of the seed table plus progress, for one step."""

    planned_start = ThaiMonthField(label="เริ่มต้น")
    planned_end = ThaiMonthField(label="สิ้นสุด")
    actual_start = ThaiDateField(label="เริ่มจริง", required=False)
    actual_end = ThaiDateField(label="เสร็จจริง", required=False)

    class Meta:
        model = Step
        fields = ["order", "activity", "duration", "planned_start", "planned_end", "output", "owner",
                  "related_parties", "budget", "status", "progress", "actual_start", "actual_end", "note"]
        widgets = {
            "activity": forms.Textarea(attrs={"rows": 2}),
            "output": forms.Textarea(attrs={"rows": 2}),
            "related_parties": forms.Textarea(attrs={"rows": 2}),
            "note": forms.TextInput(),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self, small=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มต้น")
        a_start, a_end = cleaned.get("actual_start"), cleaned.get("actual_end")
        if a_start and a_end and a_end < a_start:
            self.add_error("actual_end", "วันเสร็จจริงต้องไม่ก่อนวันเริ่มจริง")
        progress = cleaned.get("progress")
        if progress is not None and progress > 100:
            self.add_error("progress", "ความก้าวหน้าต้องไม่เกิน 100%")
        return cleaned


class ProgressForm(StepForm):
    """What a district office reports on a step: status, progress, actual dates and a note."""

    planned_start = None
    planned_end = None

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
