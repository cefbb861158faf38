"""The CS7 forms. Each offers only what the office may link (its own and inherited groups, channels and services);
the services check the same again (an API client has no form)."""
from datetime import datetime, time

from django import forms
from django.utils import timezone

from channels.selectors import channels_for_office
from core.forms import ThaiDateField, bootstrap_widgets
from core.offices.models import Office
from core.offices.scoping import visible_offices
from stakeholders.selectors import groups_to_pick

from .choices import RATINGS, ActionStatus, CheckKind, PublicationMethod, StandardUnit
from .models import PublicManual, Service, ServiceStep, StaffManual, UsageCheck
from .selectors import services_for_office, services_visible


class ServiceForm(forms.Form):
    name = forms.CharField(label="ชื่องานบริการ", max_length=255,
                           error_messages={"required": "กรุณาระบุชื่องานบริการ"})
    mission = forms.CharField(label="กฎหมาย/ภารกิจที่เกี่ยวข้อง", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    standard_amount = forms.IntegerField(label="ระยะเวลาแล้วเสร็จตามมาตรฐาน", min_value=1, max_value=100000,
                                         error_messages={"required": "กรุณาระบุระยะเวลาตามมาตรฐาน",
                                                         "invalid": "ระยะเวลาตามมาตรฐานต้องเป็นจำนวนเต็ม",
                                                         "min_value": "ระยะเวลาตามมาตรฐานต้องมากกว่า 0"})
    standard_unit = forms.ChoiceField(label="หน่วยของระยะเวลา", choices=StandardUnit.choices,
                                      error_messages={"required": "กรุณาเลือกหน่วยของระยะเวลา"})
    groups = forms.ModelMultipleChoiceField(label="กลุ่มผู้รับบริการ", queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    channels = forms.ModelMultipleChoiceField(label="ช่องทางการให้บริการ", queryset=None, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    where_to_apply = forms.CharField(label="สถานที่/ช่องทางการยื่นคำขอ", required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    documents = forms.CharField(label="เอกสารหลักฐานประกอบ", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    fees = forms.CharField(label="ค่าธรรมเนียม", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    complaint_channel = forms.CharField(label="ช่องทางการร้องเรียน", required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    is_active = forms.BooleanField(label="ใช้งาน", required=False, initial=True)

    def __init__(self, *args, office: Office, service: Service | None = None, **kwargs):
        if service is not None:
            kwargs.setdefault("initial", {
                "name": service.name, "mission": service.mission, "standard_amount": service.standard_amount,
                "standard_unit": service.standard_unit, "groups": [g.pk for g in service.groups.all()],
                "channels": [c.pk for c in service.channels.all()], "where_to_apply": service.where_to_apply,
                "documents": service.documents, "fees": service.fees,
                "complaint_channel": service.complaint_channel, "is_active": service.is_active})
        super().__init__(*args, **kwargs)
        linked = service.groups.values_list("pk", flat=True) if service is not None else ()
        self.fields["groups"].queryset = groups_to_pick(office=office, linked=linked)  # kept when switched off later
        self.fields["channels"].queryset = channels_for_office(office=office)
        bootstrap_widgets(self)


class StepForm(forms.Form):
    """One step of the service chart: a blank row is no step."""

    name = forms.CharField(label="ขั้นตอน", max_length=255, error_messages={"required": "กรุณาระบุชื่อขั้นตอน"})
    amount = forms.IntegerField(label="ระยะเวลา", min_value=0, max_value=100000,
                                error_messages={"required": "กรุณาระบุระยะเวลาของขั้นตอน",
                                                "invalid": "ระยะเวลาของขั้นตอนต้องเป็นจำนวนเต็ม",
                                                "min_value": "ระยะเวลาของขั้นตอนต้องไม่ติดลบ"})
    responsible_unit = forms.CharField(label="ผู้รับผิดชอบ", max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self, small=True)


StepFormSet = forms.formset_factory(StepForm, extra=2, can_delete=True, max_num=40, absolute_max=40)


def step_formset(data=None, *, service: Service | None = None):
    initial = [{"name": s.name, "amount": s.amount, "responsible_unit": s.responsible_unit}
               for s in service.steps.all()] if service else []
    return StepFormSet(data, prefix="steps", initial=initial)


def formset_steps(formset) -> list[dict]:
    """The steps a valid formset holds, in order: blank rows and rows ticked for deletion left out."""
    return [{key: form.cleaned_data[key] for key in ("name", "amount", "responsible_unit")}
            for form in formset.forms if form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")]


class ManualForm(forms.Form):
    title = forms.CharField(label="ชื่อคู่มือ", max_length=255, error_messages={"required": "กรุณาระบุชื่อคู่มือ"})
    body = forms.CharField(label="เนื้อหาคู่มือ", required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=PublicManual._meta.get_field("body").help_text)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class ApproveForm(forms.Form):
    approver_name = forms.CharField(label="ผู้บริหารผู้เห็นชอบ", max_length=255,
                                    error_messages={"required": "กรุณาระบุผู้บริหารผู้เห็นชอบ"},
                                    help_text="ผู้บริหารหรือคณะกรรมการที่เห็นชอบคู่มือฉบับนี้")
    approver_position = forms.CharField(label="ตำแหน่งผู้เห็นชอบ", max_length=255, required=False)
    approved_on = ThaiDateField(label="วันที่เห็นชอบ", error_messages={"required": "กรุณาระบุวันที่เห็นชอบ"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class PublishForm(forms.Form):
    method = forms.ChoiceField(label="วิธีการเผยแพร่", choices=PublicationMethod.choices,
                               error_messages={"required": "กรุณาเลือกวิธีการเผยแพร่",
                                               "invalid_choice": "กรุณาเลือกวิธีการเผยแพร่"})
    published_on = ThaiDateField(label="วันที่เผยแพร่", error_messages={"required": "กรุณาระบุวันที่เผยแพร่"})
    detail = forms.CharField(label="รายละเอียด", max_length=255, required=False,
                             help_text="เช่น ที่อยู่เว็บไซต์ ป้ายประกาศหน้าสำนักงาน จำนวนเล่มที่พิมพ์")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class DiffForm(forms.Form):
    """Two versions of one service's manual to compare (`?a=1&b=2`, version numbers)."""

    a = forms.IntegerField(label="ฉบับที่", min_value=1, max_value=32767,
                           error_messages={"required": "กรุณาเลือกฉบับที่จะเปรียบเทียบ",
                                           "invalid": "ฉบับที่ต้องเป็นตัวเลข"})
    b = forms.IntegerField(label="กับฉบับที่", min_value=1, max_value=32767,
                           error_messages={"required": "กรุณาเลือกฉบับที่จะเปรียบเทียบ",
                                           "invalid": "ฉบับที่ต้องเป็นตัวเลข"})


class RecordForm(forms.Form):
    """One service record. A minute standard needs the times as well as the dates; a day standard the dates."""

    service = forms.ModelChoiceField(label="งานบริการ", queryset=None,
                                     error_messages={"required": "กรุณาเลือกงานบริการ",
                                                     "invalid_choice": "กรุณาเลือกงานบริการที่หน่วยงานนี้ใช้"})
    reference = forms.CharField(label="เลขที่อ้างอิง", max_length=64,
                                error_messages={"required": "กรุณาระบุเลขที่อ้างอิง"})
    received_on = ThaiDateField(label="วันที่รับคำขอ", error_messages={"required": "กรุณาระบุวันที่รับคำขอ"})
    received_time = forms.TimeField(label="เวลารับคำขอ", required=False, input_formats=["%H:%M", "%H.%M"],
                                    help_text="เฉพาะงานบริการที่มาตรฐานเป็นนาที เช่น 09:15",
                                    error_messages={"invalid": "เวลาไม่ถูกต้อง (ชช:นน)"})
    completed_on = ThaiDateField(label="วันที่แล้วเสร็จ", required=False, help_text="ว่างไว้ = ยังไม่แล้วเสร็จ")
    completed_time = forms.TimeField(label="เวลาแล้วเสร็จ", required=False, input_formats=["%H:%M", "%H.%M"],
                                     error_messages={"invalid": "เวลาไม่ถูกต้อง (ชช:นน)"})
    step = forms.ModelChoiceField(label="ขั้นตอนปัจจุบัน", queryset=None, required=False, empty_label="(ไม่ระบุ)",
                                  error_messages={"invalid_choice": "ขั้นตอนนี้ไม่ใช่ของงานบริการที่ใช้ได้"})

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        services = services_for_office(office=office)
        self.fields["service"].queryset = services
        self.fields["step"].queryset = ServiceStep.objects.filter(service__in=services.values("pk")).select_related(
            "service").order_by("service__name", "order")
        self.fields["step"].label_from_instance = lambda s: f"{s.service.name}: {s.order}. {s.name}"
        bootstrap_widgets(self)

    def row(self) -> dict:
        """What `services.record_save` takes: dates, and for a minute standard the local date-times too."""
        data = self.cleaned_data
        row = {"reference": data["reference"], "step": data.get("step")}
        if data["service"].standard_unit == StandardUnit.MINUTES:
            row["received_at"] = _at(data["received_on"], data.get("received_time"))
            row["completed_at"] = _at(data.get("completed_on"), data.get("completed_time"))
        else:
            row["received_on"], row["completed_on"] = data["received_on"], data.get("completed_on")
        return row


def _at(day, moment: time | None):
    """A local date and time (None without both: the service then says which is missing)."""
    if day is None or moment is None:
        return None if day is None else day  # a date alone: the service answers that the time is needed
    return timezone.make_aware(datetime.combine(day, moment))


class StaffManualForm(forms.Form):
    """A file of a staff manual: a new version of one the service has, or the first of a new title."""

    manual = forms.ModelChoiceField(label="คู่มือ", queryset=None, required=False,
                                    empty_label="คู่มือเล่มใหม่ (ระบุชื่อด้านล่าง)",
                                    error_messages={"invalid_choice": "ไม่พบคู่มือนี้ของงานบริการนี้"})
    title = forms.CharField(label="ชื่อคู่มือการปฏิบัติงาน (เล่มใหม่)", max_length=255, required=False)
    file = forms.FileField(label="ไฟล์คู่มือ", required=False,
                           help_text="PDF เอกสาร Word/Excel/PowerPoint/OpenDocument หรือรูปภาพ "
                                     "(ตรวจชนิดไฟล์จากเนื้อไฟล์)")
    note = forms.CharField(label="สิ่งที่ปรับปรุงในฉบับนี้", max_length=255, required=False)
    approver_name = forms.CharField(label="ผู้อนุมัติ", max_length=255, required=False)
    approved_on = ThaiDateField(label="วันที่อนุมัติ", required=False)

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manual"].queryset = StaffManual.objects.filter(service=service).order_by("title", "pk")
        bootstrap_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("manual") is None and not (data.get("title") or "").strip() and "title" not in self.errors:
            self.add_error("title", "กรุณาเลือกคู่มือที่มีอยู่ หรือระบุชื่อคู่มือเล่มใหม่")
        return data

    def upload(self) -> dict:
        """What `services.staff_manual_version_add` takes: the title of the manual picked, or the new one typed."""
        data = self.cleaned_data
        return {"title": data["manual"].title if data.get("manual") else data["title"], "file": data.get("file"),
                "note": data["note"], "approver_name": data["approver_name"], "approved_on": data.get("approved_on")}


class CheckForm(forms.Form):
    """A check on the use of a service's manuals. The rules (which office, rating only for supervisors, the action
    and its status) are `services.check_save`'s: the form reads what was typed and shows the service's refusals."""

    service = forms.ModelChoiceField(label="งานบริการ", queryset=None,
                                     error_messages={"required": "กรุณาเลือกงานบริการ",
                                                     "invalid_choice": "กรุณาเลือกงานบริการที่หน่วยงานของท่านเห็น"})
    office = forms.ModelChoiceField(label="หน่วยงานที่ตรวจ", queryset=None, to_field_name="code",
                                    error_messages={"required": "กรุณาเลือกหน่วยงานที่ตรวจ",
                                                    "invalid_choice": "กรุณาเลือกหน่วยงานในสังกัดของท่าน"})
    kind = forms.ChoiceField(label="วิธีการตรวจสอบ", choices=CheckKind.choices,
                             error_messages={"required": "กรุณาเลือกวิธีการตรวจสอบ",
                                             "invalid_choice": "กรุณาเลือกวิธีการตรวจสอบ"})
    checked_on = ThaiDateField(label="วันที่ตรวจ", error_messages={"required": "กรุณาระบุวันที่ตรวจ"})
    checker_name = forms.CharField(label="ผู้ตรวจ/ผู้ประเมิน", max_length=255,
                                   error_messages={"required": "กรุณาระบุชื่อผู้ตรวจ/ผู้ประเมิน"})
    checker_position = forms.CharField(label="ตำแหน่ง", max_length=255, required=False)
    finding = forms.CharField(label="ผลการตรวจ/ข้อค้นพบ", widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": "กรุณาระบุผลการตรวจ/ข้อค้นพบ"})
    rating = forms.TypedChoiceField(label="ระดับคะแนน (เฉพาะการประเมินโดยผู้บังคับบัญชา)", required=False,
                                    choices=[("", "(ไม่มี)"), *RATINGS], coerce=int, empty_value=None,
                                    error_messages={"invalid_choice": "ระดับคะแนนต้องเป็น 1 ถึง 5"})
    corrective_action = forms.CharField(label="การแก้ไข/ปรับปรุง", required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    action_status = forms.ChoiceField(label="สถานะการแก้ไข", choices=ActionStatus.choices,
                                      initial=ActionStatus.NONE_NEEDED,
                                      error_messages={"required": "กรุณาเลือกสถานะการแก้ไข",
                                                      "invalid_choice": "กรุณาเลือกสถานะการแก้ไข"})
    action_due_on = ThaiDateField(label="กำหนดแก้ไขเสร็จ", required=False)
    action_done_on = ThaiDateField(label="วันที่แก้ไขเสร็จ", required=False,
                                   help_text="ระบุเมื่อสถานะเป็น “แก้ไขแล้วเสร็จ”")

    def __init__(self, *args, user, check: UsageCheck | None = None, **kwargs):
        if check is not None:
            kwargs["initial"] = {
                "service": check.service_id, "office": check.office.code, "kind": check.kind,
                "checked_on": check.checked_on, "checker_name": check.checker_name,
                "checker_position": check.checker_position, "finding": check.finding, "rating": check.rating,
                "corrective_action": check.corrective_action, "action_status": check.action_status,
                "action_due_on": check.action_due_on, "action_done_on": check.action_done_on}
        super().__init__(*args, **kwargs)
        services = services_visible(user=user).filter(is_active=True)
        if check is not None:  # a check kept on a service switched off since still shows it
            services = services | services_visible(user=user).filter(pk=check.service_id)
        self.fields["service"].queryset = services.order_by("name", "pk")
        self.fields["office"].queryset = visible_offices(user).order_by("path")
        bootstrap_widgets(self)
