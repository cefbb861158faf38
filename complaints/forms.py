from django import forms
from django.utils import timezone

from channels.selectors import channel_list
from core.files import file_verify
from core.fiscal import fiscal_year_of
from core.forms import QuickSelect, ThaiDateField, bootstrap_widgets
from core.offices.forms import OfficeChoiceField as TreeOfficeField
from core.offices.models import Office, User
from core.offices.scoping import visible_offices
from core.workdays.models import DeadlineRule

from .choices import TRANSITIONS, Kind, Priority, ReplyKind, ReplyMethod, Status
from .models import Category, FollowUpPlan, ImprovementAnalysis
from .selectors import handler_candidates, transfer_targets


class OfficeChoiceField(forms.ModelChoiceField):
    widget = QuickSelect  # a department's thousand offices (core.forms.QuickSelect)

    def label_from_instance(self, obj: Office) -> str:
        return f"{obj.name} ({obj.code})"


class TicketForm(forms.Form):
    """Staff and district-office intake: what a letter, a call or a walk-in gives us."""

    kind = forms.ChoiceField(label="ประเภทเรื่อง", choices=Kind.choices)
    channel = forms.ModelChoiceField(label="ช่องทาง", queryset=channel_list())
    office = OfficeChoiceField(label="หน่วยงานที่รับเรื่อง", queryset=Office.objects.none())
    received_on = ThaiDateField(label="วันที่รับเรื่อง", help_text="บันทึกย้อนหลังได้ ระบบนับกำหนดจากวันที่รับเรื่อง")
    category = forms.ModelChoiceField(label="หมวดหมู่", queryset=Category.objects.filter(is_active=True),
                                      required=False)
    subject = forms.CharField(label="เรื่อง", max_length=255)
    detail = forms.CharField(label="รายละเอียด", widget=forms.Textarea(attrs={"rows": 5}))
    complainant_name = forms.CharField(label="ชื่อผู้ร้อง", max_length=255, required=False)
    complainant_contact = forms.CharField(label="ช่องทางติดต่อผู้ร้อง (โทรศัพท์/อีเมล/LINE)", max_length=255,
                                          required=False)
    anonymous = forms.BooleanField(label="ไม่ประสงค์ออกนาม", required=False)
    confidential = forms.BooleanField(label="ขอให้ปกปิดข้อมูลผู้ร้อง", required=False)
    attachment = forms.FileField(label="ไฟล์แนบ (ถ้ามี)", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = visible_offices(user).order_by("path")
        if user.office_id:
            self.fields["office"].initial = user.office_id
        self.fields["received_on"].initial = timezone.localdate()
        bootstrap_widgets(self)


class PublicTicketForm(forms.Form):
    """The citizen's form: no login, nothing required about the person."""

    kind = forms.ChoiceField(label="ประเภทเรื่อง", choices=Kind.choices, widget=forms.RadioSelect)
    office = OfficeChoiceField(label="หน่วยงานที่ต้องการติดต่อ", queryset=Office.objects.order_by("path"))
    subject = forms.CharField(label="เรื่อง", max_length=255)
    detail = forms.CharField(label="รายละเอียด", widget=forms.Textarea(attrs={"rows": 6}))
    complainant_name = forms.CharField(label="ชื่อ–นามสกุล (ไม่บังคับ)", max_length=255, required=False)
    complainant_contact = forms.CharField(label="โทรศัพท์หรืออีเมลสำหรับแจ้งผล (ไม่บังคับ)", max_length=255,
                                          required=False)
    anonymous = forms.BooleanField(label="ไม่ประสงค์ออกนาม", required=False)
    confidential = forms.BooleanField(label="ขอให้ปกปิดข้อมูลของข้าพเจ้า", required=False)
    attachment = forms.FileField(label="ภาพถ่ายหรือเอกสารประกอบ (ไม่บังคับ)", required=False,
                                 widget=forms.ClearableFileInput(attrs={"accept": "image/*,.pdf"}))
    consent = forms.BooleanField(label="ข้าพเจ้ารับทราบการเก็บและใช้ข้อมูลส่วนบุคคลตามประกาศข้างต้น")
    # Bots fill every field; people never see this one.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = Kind.COMPLAINT
        bootstrap_widgets(self)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if file:
            file_verify(file=file)  # shown beside the field; ticket_attach checks again, as the authority
        return file


class TrackForm(forms.Form):
    code = forms.CharField(label="รหัสติดตามเรื่อง", max_length=16)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class AssignForm(forms.Form):
    office = OfficeChoiceField(label="มอบหมายให้หน่วยงาน", queryset=Office.objects.none())
    handler = forms.ModelChoiceField(label="ผู้รับผิดชอบ (ถ้าระบุ)", queryset=User.objects.none(), required=False)
    note = forms.CharField(label="หมายเหตุ", required=False, max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offices = visible_offices(user)
        self.fields["office"].queryset = offices.order_by("path")
        self.fields["handler"].queryset = handler_candidates(offices=offices)
        bootstrap_widgets(self)


class TransferForm(forms.Form):
    office = OfficeChoiceField(label="โอนไปหน่วยงาน", queryset=Office.objects.none())
    note = forms.CharField(label="เหตุผลที่โอน", max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = transfer_targets(user=user).order_by("path")
        bootstrap_widgets(self)


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(label="ประเภทการแจ้ง", choices=ReplyKind.choices, initial=ReplyKind.FINAL)
    replied_on = ThaiDateField(label="วันที่แจ้งผู้ร้อง")
    method = forms.ChoiceField(label="วิธีการแจ้ง", choices=ReplyMethod.choices)
    text = forms.CharField(label="ข้อความที่แจ้งผู้ร้อง", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replied_on"].initial = timezone.localdate()
        bootstrap_widgets(self)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="เปลี่ยนสถานะเป็น", choices=())
    note = forms.CharField(label="หมายเหตุ / เหตุผล", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, ticket, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(ticket.status, set())
        self.fields["status"].choices = [(s.value, s.label) for s in Status if s in allowed]
        bootstrap_widgets(self)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="เหตุที่เปิดเรื่องใหม่", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class DuplicateForm(forms.Form):
    original = forms.CharField(label="เลขที่เรื่องต้นเรื่อง", max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(label="ลำดับความสำคัญ (ไตรมาสนี้)", choices=Priority.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class FollowUpPlanForm(forms.ModelForm):
    class Meta:
        model = FollowUpPlan
        fields = ["process", "priority", "timing", "frequency", "owner", "related_party", "follow_up_channel"]
        widgets = {"follow_up_channel": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class ImprovementAnalysisForm(forms.ModelForm):
    class Meta:
        model = ImprovementAnalysis
        fields = ["follow_up_data", "follow_up_channel", "analysis_method", "analysis_result", "analyst", "priority",
                  "improvement_factors", "process_improved", "owner", "related_party"]
        widgets = {f: forms.Textarea(attrs={"rows": 2})
                   for f in ["follow_up_data", "analysis_result", "improvement_factors"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


# ---------------------------------------------------------------------------------------------
# The CS3 dashboard's choices

DASHBOARD_YEARS_SHOWN = 6  # the current fiscal year and the five before it (the span the scale target names)


class DashboardFilterForm(forms.Form):
    """Fiscal year (BE, default the current one), an optional quarter, and an office within the reader's scope."""

    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, required=False)
    quarter = forms.TypedChoiceField(label="ไตรมาส", coerce=int, required=False, empty_value=None,
                                     choices=[("", "ทั้งปี")] + [(n, f"ไตรมาส {n}") for n in (1, 2, 3, 4)])
    office = TreeOfficeField(label="หน่วยงาน", queryset=Office.objects.none(), to_field_name="code", required=False)

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_year = fiscal_year_of(today)
        years = range(self.current_year, self.current_year - DASHBOARD_YEARS_SHOWN, -1)
        self.fields["fiscal_year"].choices = [(y, f"ปีงบประมาณ {y}") for y in years]
        self.fields["office"].queryset = visible_offices(user).order_by("path")
        self.fields["office"].top_depth = user.office.depth if user.office_id else 1
        # A superuser has no office: the empty choice means every office.
        self.fields["office"].empty_label = "ทุกหน่วยงาน" if user.office_id is None else None
        self.default_office = user.office
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def choice(self) -> tuple[int, int | None, Office | None]:
        """The valid choices, each falling back to its default (an office outside the scope is not a choice)."""
        self.is_valid()  # an unbound form has no cleaned_data; an invalid one keeps its valid fields
        data = getattr(self, "cleaned_data", {})
        return (data.get("fiscal_year") or self.current_year, data.get("quarter"),
                data.get("office") or self.default_office)


class CategoryForm(forms.Form):
    """A complaint category and its deadline rule (the national list, kept by the top office's administrators)."""

    name = forms.CharField(label="ชื่อหมวดหมู่", max_length=255)
    deadline_rule = forms.ModelChoiceField(
        label="เกณฑ์ระยะเวลา", queryset=DeadlineRule.objects.order_by("days", "code"), required=False,
        empty_label="— 15 วันทำการ (เกณฑ์ตั้งต้น) —",
        help_text="เปลี่ยนเกณฑ์แล้วมีผลกับเรื่องที่รับใหม่ เรื่องที่รับแล้วคงวันครบกำหนดตามเกณฑ์เดิม")
    is_active = forms.BooleanField(label="ใช้งาน (เลือกได้เมื่อรับเรื่อง)", required=False, initial=True)

    def __init__(self, *args, category: Category | None = None, **kwargs):
        if category is not None:
            kwargs.setdefault("initial", {"name": category.name, "deadline_rule": category.deadline_rule_id,
                                          "is_active": category.is_active})
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)
