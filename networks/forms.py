from django import forms

from core.forms import ThaiDateField
from core.offices.models import Office
from stakeholders.selectors import groups_to_pick

from .choices import ActivityKind, ContactKind, MemberKind, NetworkForm
from .models import Member, Network


class GroupChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, group):
        return f"{group.name} ({group.get_kind_display()})"


class NetworkEditForm(forms.Form):
    """A network: its groups are the office's CS1 groups (its own and inherited), its contact channels the rows of
    `ContactFormSet` beside it."""

    name = forms.CharField(label="ชื่อเครือข่าย", max_length=255)
    form = forms.ChoiceField(label="รูปแบบเครือข่าย", choices=NetworkForm.choices)
    form_detail = forms.CharField(label="ลักษณะรูปแบบของเครือข่าย (รายละเอียด)", max_length=255, required=False)
    groups = GroupChoiceField(label="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่เป็นเครือข่าย", queryset=None,
                              widget=forms.CheckboxSelectMultiple, required=False)
    purpose = forms.CharField(label="วัตถุประสงค์ของเครือข่าย", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    is_active = forms.BooleanField(label="ใช้งาน", required=False, initial=True)

    def __init__(self, *args, office: Office, network: Network | None = None, **kwargs):
        if network is not None:
            kwargs.setdefault("initial", {"name": network.name, "form": network.form,
                                          "form_detail": network.form_detail, "purpose": network.purpose,
                                          "is_active": network.is_active, "groups": list(network.groups.all())})
        super().__init__(*args, **kwargs)
        linked = network.groups.values_list("pk", flat=True) if network is not None else ()
        self.fields["groups"].queryset = groups_to_pick(office=office, linked=linked)  # kept when switched off later


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label="ช่องทาง", choices=[("", "—")] + ContactKind.choices, required=False)
    value = forms.CharField(label="รายละเอียดการติดต่อ", max_length=255, required=False)


ContactFormSet = forms.formset_factory(ContactForm, extra=0, min_num=4, max_num=10, validate_max=True)


def contact_rows(formset) -> list[dict]:
    return [{"kind": f.cleaned_data.get("kind", ""), "value": f.cleaned_data.get("value", "")} for f in formset.forms
            if f.cleaned_data]


class MemberForm(forms.Form):
    kind = forms.ChoiceField(label="ประเภทสมาชิก", choices=MemberKind.choices)
    name = forms.CharField(label="ชื่อ", max_length=255)
    position = forms.CharField(label="ตำแหน่ง/สังกัด", max_length=255, required=False)
    phone = forms.CharField(label="โทรศัพท์", max_length=64, required=False)
    email = forms.CharField(label="อีเมล", max_length=254, required=False)
    group = forms.ModelChoiceField(label="กลุ่ม", queryset=None, required=False, empty_label="ไม่ระบุ")

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = network.groups.all()


class PlanForm(forms.Form):
    network = forms.ModelChoiceField(label="เครือข่าย", queryset=None)
    title = forms.CharField(label="เรื่อง/โครงการ", max_length=255)
    objective = forms.CharField(label="วัตถุประสงค์", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    co_design = forms.CharField(label="การร่วมกำหนดกิจกรรมกับเครือข่าย", required=False,
                                help_text="คณะทำงานและกลุ่มเครือข่ายร่วมกันแลกเปลี่ยนความคิดเห็นต่อการกำหนดกิจกรรมอย่างไร",
                                widget=forms.Textarea(attrs={"rows": 2}))
    reflection = forms.CharField(label="กิจกรรมที่ดำเนินการสะท้อนให้เห็นถึงการสร้างความสัมพันธ์กับเครือข่ายให้ดีขึ้นอย่างไร",
                                 required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks


class ActivityForm(forms.Form):
    title = forms.CharField(label="ชื่อกิจกรรม", max_length=255)
    kind = forms.ChoiceField(label="ลักษณะกิจกรรม", choices=ActivityKind.choices)
    held_on = ThaiDateField(label="วันที่จัด")
    starts_at = forms.TimeField(label="เวลาเริ่ม", required=False, help_text="เช่น 09:00",
                                error_messages={"invalid": "เวลาไม่ถูกต้อง ใช้รูปแบบ 09:00"})
    ends_at = forms.TimeField(label="เวลาสิ้นสุด", required=False, help_text="เช่น 12:00",
                              error_messages={"invalid": "เวลาไม่ถูกต้อง ใช้รูปแบบ 12:00"})
    place = forms.CharField(label="สถานที่", max_length=255)
    announced_on = ThaiDateField(label="วันที่แจ้งเครือข่าย (ล่วงหน้า)", required=False)
    announcement = forms.CharField(label="การแจ้งรายละเอียด วันเวลาและสถานที่แก่ผู้เกี่ยวข้อง", required=False,
                                   help_text="แจ้งทางช่องทางใด ถึงใคร เช่น หนังสือเชิญและกลุ่ม LINE ของเครือข่าย",
                                   widget=forms.Textarea(attrs={"rows": 2}))
    co_designed = forms.BooleanField(label="ร่วมกำหนดกิจกรรมกับเครือข่าย", required=False)
    participants = forms.IntegerField(label="จำนวนผู้เข้าร่วม (คน)", min_value=0, max_value=2_147_483_647,
                                      required=False)
    attendees = forms.ModelMultipleChoiceField(label="สมาชิกที่เข้าร่วม", queryset=Member.objects.none(),
                                               required=False, widget=forms.CheckboxSelectMultiple)
    outcome = forms.CharField(label="ผลการจัดกิจกรรม", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        # A person's name only for those who may see it (selectors.member_queryset says who).
        self.fields["attendees"].label_from_instance = lambda m: (
            m.name if m.details_visible or m.kind == "organisation"
            else f"{m.get_kind_display()} ({m.position or 'ไม่แสดงชื่อ'})")


class PhotoForm(forms.Form):
    photo = forms.FileField(label="ภาพกิจกรรม", widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    caption = forms.CharField(label="คำบรรยายภาพ", max_length=255, required=False)


class EvaluationForm(forms.Form):
    """Open the activity's evaluation from the standard questionnaire (a new one is built in CS6's builder)."""
