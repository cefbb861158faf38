"""The CS1 forms. Each offers only what the office may link: its own groups and those of the offices above it, its
own missions of the same year. The services check the same again (an API client has no form)."""
from django import forms

from core.forms import ThaiDateField, bootstrap_widgets
from core.offices.models import Office

from .models import DutyRow, Mission, Review, Sipoc, StakeholderGroup
from .selectors import groups_to_pick


class GroupChoiceField(forms.ModelMultipleChoiceField):
    """Groups as checkboxes, each labelled with its kind (ผู้รับบริการ / ผู้มีส่วนได้ส่วนเสีย)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: StakeholderGroup) -> str:
        return f"{obj.name} ({obj.get_kind_display()})" + ("" if obj.is_active else " — ปิดใช้งานแล้ว")


class GroupForm(forms.ModelForm):
    class Meta:
        model = StakeholderGroup
        fields = ["kind", "name", "criteria", "needs", "expectations", "rank", "is_active"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3}), "expectations": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


def _groups_field(office: Office, instance, label: str = "กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย") -> GroupChoiceField:
    """The groups to tick: the office's, and those the record links already (kept even when switched off)."""
    linked = instance.groups.values_list("pk", flat=True) if instance.pk else ()
    return GroupChoiceField(label=label, queryset=groups_to_pick(office=office, linked=linked), required=False)


class MissionForm(forms.ModelForm):
    class Meta:
        model = Mission
        fields = ["order", "title", "groups"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"] = _groups_field(office, self.instance)
        bootstrap_widgets(self)


class DutyRowForm(forms.ModelForm):
    class Meta:
        model = DutyRow
        fields = ["order", "ministerial_duty", "other_law_duty", "missions", "other_task", "process", "products",
                  "groups"]
        widgets = {name: forms.Textarea(attrs={"rows": 2})
                   for name in ["ministerial_duty", "other_law_duty", "other_task", "process", "products"]}

    def __init__(self, *args, office: Office, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missions"] = forms.ModelMultipleChoiceField(
            label=DutyRow._meta.get_field("missions").verbose_name, required=False,
            queryset=Mission.objects.filter(office=office, fiscal_year=fiscal_year),
            widget=forms.CheckboxSelectMultiple)
        self.fields["groups"] = _groups_field(office, self.instance, "ผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย")
        bootstrap_widgets(self)


class SipocForm(forms.ModelForm):
    class Meta:
        model = Sipoc
        fields = ["title", "unit", "suppliers", "inputs", "steps", "outputs", "customers", "groups"]
        help_texts = {name: "หนึ่งรายการต่อหนึ่งบรรทัด" for name in ["suppliers", "inputs", "steps", "outputs",
                                                                    "customers"]}
        widgets = {name: forms.Textarea(attrs={"rows": 4})
                   for name in ["suppliers", "inputs", "steps", "outputs", "customers"]}

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"] = _groups_field(office, self.instance, "กลุ่มที่เชื่อมโยง")
        bootstrap_widgets(self)


class ReviewForm(forms.ModelForm):
    reviewed_on = ThaiDateField(label="วันที่ทบทวน")

    class Meta:
        model = Review
        fields = ["reviewed_on", "participants", "changes"]
        widgets = {"participants": forms.Textarea(attrs={"rows": 2}), "changes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)
