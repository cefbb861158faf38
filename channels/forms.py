from django import forms

from core.forms import ThaiDateField
from core.offices.models import Office
from stakeholders.selectors import groups_for_office

from .choices import ChannelKind, Direction, ImprovementSource
from .models import Channel, ChannelReview, GroupChannel
from .selectors import channels_for_office


class ChannelForm(forms.Form):
    """A channel of the register; the code is asked only when it is added (it never changes)."""

    code = forms.SlugField(label="รหัสช่องทาง", max_length=32,
                           help_text="ภาษาอังกฤษตัวเล็ก ตัวเลข และขีด เช่น radio-community ใช้ในไฟล์นำเข้าและ API")
    name = forms.CharField(label="ชื่อช่องทาง", max_length=255)
    kind = forms.ChoiceField(label="ประเภทช่องทาง", choices=ChannelKind.choices)
    direction = forms.ChoiceField(label="ลักษณะ", choices=Direction.choices)
    owner = forms.CharField(label="ผู้รับผิดชอบ", max_length=255, required=False)
    active_from = ThaiDateField(label="เริ่มใช้", required=False)
    active_to = ThaiDateField(label="เลิกใช้", required=False)
    order = forms.IntegerField(label="ลำดับ", min_value=0, max_value=32767, initial=100)
    is_active = forms.BooleanField(label="ใช้งาน", required=False, initial=True)

    def __init__(self, *args, channel: Channel | None = None, owner_choices: list | None = None, **kwargs):
        if channel is not None:
            kwargs.setdefault("initial", {name: getattr(channel, name) for name in
                                          ("name", "kind", "direction", "owner", "active_from", "active_to", "order",
                                           "is_active")})
        super().__init__(*args, **kwargs)
        if channel is not None:
            del self.fields["code"]
        if owner_choices is not None:  # a new channel: whose it is (the offices the user may add for, or national)
            self.fields["owner_office"] = forms.ChoiceField(label="หน่วยงานเจ้าของช่องทาง", choices=owner_choices,
                                                            required=False)
            self.order_fields(["owner_office"])


class GroupChannelForm(forms.ModelForm):
    """A row of table CS2-1: the groups and channels offered are the office's own and inherited ones."""

    class Meta:
        model = GroupChannel
        fields = ["group", "channel", "reason", "analysis_method", "finding", "owner"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("reason", "analysis_method", "finding")}

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups_for_office(office=office)
        self.fields["channel"].queryset = channels_for_office(office=office)


class UsageForm(forms.Form):
    """The counts an office keys for one fiscal year: one box per channel it uses, blank = leave as it is."""

    def __init__(self, *args, channels, stored: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.channels = list(channels)
        for channel in self.channels:
            self.fields[f"c{channel.pk}"] = forms.IntegerField(
                label=channel.name, min_value=0, required=False, initial=stored.get(channel.pk),
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm text-end", "min": 0}),
                error_messages={"invalid": "ต้องเป็นจำนวนเต็ม", "min_value": "ต้องไม่น้อยกว่า 0"})

    def counts(self) -> list[tuple[Channel, int]]:
        return [(channel, self.cleaned_data[f"c{channel.pk}"]) for channel in self.channels
                if self.cleaned_data.get(f"c{channel.pk}") is not None]


class InformationTypesForm(forms.Form):
    lines = forms.CharField(label="ประเภทข้อมูลที่ได้รับ (หนึ่งประเภทต่อบรรทัด ตามลำดับ)", required=False,
                            widget=forms.Textarea(attrs={"rows": 6}))


class ReviewForm(forms.ModelForm):
    reviewed_on = ThaiDateField(label="วันที่ทบทวน")

    class Meta:
        model = ChannelReview
        fields = ["channel", "group", "sample_size", "sampling_method", "statistics", "collection_method", "result",
                  "reviewed_on"]
        widgets = {"result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups_for_office(office=office)
        self.fields["channel"].queryset = channels_for_office(office=office)


class ImprovementForm(forms.Form):
    source = forms.ChoiceField(label="ที่มา", choices=ImprovementSource.choices)
    topic = forms.CharField(label="เรื่อง (กระบวนงานที่ปรับปรุง)", max_length=255)
    channel = forms.ModelChoiceField(label="ช่องทางที่รับฟัง", queryset=Channel.objects.none(), required=False)
    group = forms.ModelChoiceField(label="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย", queryset=None, required=False)
    steps = forms.CharField(label="วิธีการและขั้นตอนดำเนินการ (หนึ่งขั้นตอนต่อบรรทัด)",
                            widget=forms.Textarea(attrs={"rows": 4}))
    result = forms.CharField(label="ผลการดำเนินการปรับปรุง", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    before_photo = forms.FileField(label="ภาพก่อนปรับปรุง", required=False,
                                   widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    after_photo = forms.FileField(label="ภาพหลังปรับปรุง", required=False,
                                  widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups_for_office(office=office)
        self.fields["channel"].queryset = channels_for_office(office=office)
