"""The CS5 forms. Each offers only what the office may link (its own and inherited groups, missions and channels);
the services check the same again (an API client has no form)."""
from django import forms

from channels.selectors import channels_for_office
from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR
from core.forms import ThaiDateField, bootstrap_widgets
from core.offices.models import Office
from core.plans.choices import Direction
from stakeholders.selectors import groups_for_office, groups_to_pick, missions_for_office

from .choices import Level, NextStepKind
from .models import ParticipationProject
from .services import TARGET_REQUIRED, MeasureInput


class GroupChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ChannelChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class ProjectForm(forms.Form):
    title = forms.CharField(label="ชื่อโครงการ/กิจกรรม", max_length=255)
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=FIRST_FISCAL_YEAR,
                                     max_value=LAST_FISCAL_YEAR, error_messages=FISCAL_YEAR_ERRORS)
    level = forms.TypedChoiceField(label="ระดับการมีส่วนร่วม", choices=Level.choices, coerce=int, widget=forms.RadioSelect,
                                   error_messages={"required": "กรุณาเลือกระดับการมีส่วนร่วม"})
    mission = forms.ModelChoiceField(label="พันธกิจ", queryset=None, required=False, empty_label="(ไม่ระบุ)")
    strategy = forms.CharField(label="ยุทธศาสตร์/ภารกิจหลัก/กระบวนงาน", required=False,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text="ระบุเมื่อโครงการเชื่อมโยงกับยุทธศาสตร์หรือภารกิจหลักที่ไม่ได้อยู่ในรายการพันธกิจ")
    mechanism = forms.CharField(label="วิธีการ/กลไกการมีส่วนร่วมของประชาชน", required=False,
                                widget=forms.Textarea(attrs={"rows": 2}),
                                help_text="เช่น เวทีประชาคม คณะกรรมการที่มีตัวแทนภาคประชาชน การสำรวจความคิดเห็น")
    groups = GroupChoiceField(label="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย", queryset=None)
    info_channels = ChannelChoiceField(label="ช่องทางการให้ข้อมูลข่าวสาร", queryset=None, required=False,
                                       help_text="แนวทางการประเมิน CS5 ขอให้มีอย่างน้อย 3 ช่องทาง")
    opinion_channels = ChannelChoiceField(label="ช่องทางการรับฟังความคิดเห็นข้อเสนอแนะ", queryset=None,
                                          required=False)
    started_on = ThaiDateField(label="วันเริ่มต้น")
    ended_on = ThaiDateField(label="วันสิ้นสุด", required=False,
                             help_text="ว่างไว้ = ยังดำเนินการอยู่ นับในตัวชี้วัด RM 3.4 เมื่อสิ้นสุดแล้ว")
    outcome = forms.CharField(label="ผลการดำเนินงาน/สิ่งที่เปลี่ยนแปลงจากการมีส่วนร่วม", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="แสดงในหน้าเผยแพร่ต่อประชาชน เมื่อเผยแพร่โครงการ")

    def __init__(self, *args, office: Office, fiscal_year: int, project: ParticipationProject | None = None,
                 **kwargs):
        if project is not None:
            kwargs.setdefault("initial", {
                "title": project.title, "fiscal_year": project.fiscal_year, "level": project.level,
                "mission": project.mission_id, "strategy": project.strategy, "mechanism": project.mechanism,
                "groups": [g.pk for g in project.groups.all()],
                "info_channels": [c.pk for c in project.info_channels.all()],
                "opinion_channels": [c.pk for c in project.opinion_channels.all()],
                "started_on": project.started_on, "ended_on": project.ended_on, "outcome": project.outcome})
            fiscal_year = project.fiscal_year
        else:
            kwargs.setdefault("initial", {"fiscal_year": fiscal_year})
        super().__init__(*args, **kwargs)
        year = self.data.get(self.add_prefix("fiscal_year")) if self.is_bound else None
        year = int(year) if year and str(year).isdecimal() and len(str(year)) == 4 else fiscal_year
        self.fields["mission"].queryset = missions_for_office(office=office, fiscal_year=year)
        linked = project.groups.values_list("pk", flat=True) if project is not None else ()
        self.fields["groups"].queryset = groups_to_pick(office=office, linked=linked)  # kept when switched off later
        channels = channels_for_office(office=office)
        self.fields["info_channels"].queryset = channels
        self.fields["opinion_channels"].queryset = channels
        self.fields["groups"].error_messages["required"] = (
            "กรุณาเลือกกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่โครงการให้มีส่วนร่วมอย่างน้อย 1 กลุ่ม")
        bootstrap_widgets(self)


class MeasureForm(forms.Form):
    """One outcome measure: a blank row is no measure; a row with a name needs its target."""

    name = forms.CharField(label="ตัวชี้วัดผลลัพธ์", max_length=255)
    unit = forms.CharField(label="หน่วยนับ", max_length=64, required=False)
    target = forms.DecimalField(label="ค่าเป้าหมาย", max_digits=12, decimal_places=2,
                                error_messages={"required": TARGET_REQUIRED, "invalid": "ค่าเป้าหมายต้องเป็นตัวเลข"})
    direction = forms.ChoiceField(label="ทิศทาง", choices=Direction.choices, initial=Direction.HIGHER)
    result = forms.DecimalField(label="ผลการดำเนินงาน", max_digits=12, decimal_places=2, required=False,
                                error_messages={"invalid": "ผลการดำเนินงานต้องเป็นตัวเลข"},
                                help_text="ว่างไว้ = ยังไม่มีผล")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "กรุณาระบุชื่อตัวชี้วัดผลลัพธ์"
        bootstrap_widgets(self, small=True)

    def measure(self) -> MeasureInput:
        data = self.cleaned_data
        return MeasureInput(data["name"], data["target"], data["direction"], data["result"], data["unit"])


MeasureFormSet = forms.formset_factory(MeasureForm, extra=2, can_delete=True, max_num=30, absolute_max=30)


def measure_formset(data=None, *, project: ParticipationProject | None = None):
    initial = [{"name": m.name, "unit": m.unit, "target": m.target, "direction": m.direction, "result": m.result}
               for m in project.measures.all()] if project else []
    return MeasureFormSet(data, prefix="measures", initial=initial)


def formset_measures(formset) -> list[MeasureInput]:
    """The measures a valid formset holds, in order: blank rows and rows ticked for deletion left out."""
    return [form.measure() for form in formset.forms
            if form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")]


class GovernorReportForm(forms.Form):
    title = forms.CharField(label="ชื่อรายงาน", max_length=255)
    addressee = forms.CharField(label="เสนอ", max_length=255, initial="ผู้ว่าราชการจังหวัด",
                                help_text="เช่น ผู้ว่าราชการจังหวัด หรือ หัวหน้าหน่วยงาน")
    letter_number = forms.CharField(label="หนังสือเลขที่", max_length=64)
    letter_date = ThaiDateField(label="ลงวันที่")
    meeting = forms.CharField(label="นำเสนอในการประชุม", max_length=255, required=False)
    meeting_date = ThaiDateField(label="วันที่ประชุม", required=False)
    summary = forms.CharField(label="สรุปความคิดเห็นและข้อเสนอแนะ", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    letter = forms.FileField(label="ไฟล์หนังสือ (PDF หรือเอกสาร Office)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class NextStepForm(forms.Form):
    order = forms.IntegerField(label="ลำดับ", min_value=1, max_value=32767, initial=1)
    kind = forms.ChoiceField(label="แนวทาง", choices=NextStepKind.choices)
    project = forms.ModelChoiceField(label="โครงการที่ต่อยอด", queryset=None, required=False, empty_label="(ไม่ระบุ)")
    target_level = forms.TypedChoiceField(label="ระดับเป้าหมาย", choices=[("", "(ไม่ระบุ)"), *Level.choices],
                                          coerce=int, empty_value=None, required=False)
    groups = GroupChoiceField(label="กลุ่มเป้าหมายที่ขยายผล", queryset=None, required=False)
    action = forms.CharField(label="ขั้นตอน/แนวทางดำเนินการ", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, office: Office, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = ParticipationProject.objects.filter(office=office).order_by(
            "-fiscal_year", "title")
        self.fields["groups"].queryset = groups_for_office(office=office)
        bootstrap_widgets(self)
