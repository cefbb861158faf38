"""The CS6 forms: the questionnaire builder, a new survey round and its settings, and an improvement planned from a
round's results.

The builder's items are rows of plainly named inputs (`items-<n>-code` …) that the page's script adds, moves
and deletes; `item_rows` reads them back in the order the rows were shown.
"""
import re

from django import forms

from core.forms import ThaiDateField
from core.offices.scoping import scope_shared_down, visible_offices
from stakeholders.selectors import group_list

from .choices import ItemKind, Section
from .metrics import default_bands
from .models import Item, Questionnaire
from .selectors import round_list

ROW_FIELD = re.compile(r"^items-(\d+)-(code|text|dimension|kind|section|choices|required)$")
CODE = re.compile(r"^[-a-zA-Z0-9_]+$")
CODE_MAX = Item._meta.get_field("code").max_length
ITEM_ERROR = re.compile(r"^items\[(\d+)\]\.(\w+)$")
# "4.21–5.00 มากที่สุด": two numbers (Arabic or Thai digits) joined by a dash or "ถึง", then the label.
NUMBER = r"([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)(?![0-9๐-๙.])"  # a number whole: "2.50", never "2.5" and a label "0"
BAND_LINE = re.compile(rf"^{NUMBER}\s*(?:–|—|−|-|ถึง)\s*{NUMBER}\s*[:=]?\s*(\S.*)$")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label="ชื่อแบบสอบถาม", max_length=255)
    group = forms.ModelChoiceField(label="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย", queryset=None, required=False,
                                   empty_label="(ไม่ระบุกลุ่ม)")
    office = forms.ModelChoiceField(label="หน่วยงานเจ้าของ", queryset=None)
    scale_max = forms.TypedChoiceField(label="มาตราส่วน", coerce=int, initial=5,
                                       choices=[(5, "5 ระดับ"), (4, "4 ระดับ")])
    allow_no_opinion = forms.BooleanField(label="มีตัวเลือก “ไม่แสดงความคิดเห็น” (ไม่นับรวมในค่าเฉลี่ย)",
                                          required=False, initial=True)
    bands = forms.CharField(
        label="เกณฑ์แปลผลค่าเฉลี่ย (เว้นว่าง = เกณฑ์มาตรฐาน)", required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="บรรทัดละหนึ่งช่วง เรียงจากช่วงสูงสุดลงมา ในรูป “ค่าต่ำสุด–ค่าสูงสุด คำแปลผล” "
                  "เช่น 4.21–5.00 มากที่สุด (คั่นตัวเลขด้วย – หรือ - หรือ “ถึง” ก็ได้)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = visible_offices(user).order_by("path")
        self.fields["group"].queryset = group_list(user=user).filter(is_active=True).order_by("office__path", "kind",
                                                                                             "rank")
        if user.office_id:
            self.fields["office"].initial = user.office_id
        # The standard bands of the scale shown, as the example; the page's script swaps them when the scale changes.
        scale = 4 if self.is_bound and self.data.get("scale_max") == "4" else 5
        self.fields["bands"].widget.attrs.update({
            "placeholder": bands_text(default_bands(scale)),
            "data-standard-4": bands_text(default_bands(4)), "data-standard-5": bands_text(default_bands(5))})

    def clean_bands(self) -> list[list[str]]:
        """The lines as [[low, high, label], …] (numbers kept as typed, in Arabic digits); whether they fit the
        scale is the service's check."""
        bands, problems = [], []
        for n, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            match = BAND_LINE.match(line.strip())
            if match:
                bands.append([match[1].translate(ARABIC_DIGITS), match[2].translate(ARABIC_DIGITS), match[3].strip()])
            else:
                problems.append(f"บรรทัดที่ {n}: อ่านไม่ได้ “{line.strip()}” "
                                "(ต้องเป็น ค่าต่ำสุด–ค่าสูงสุด ตามด้วยคำแปลผล เช่น 4.21–5.00 มากที่สุด)")
        if problems:
            raise forms.ValidationError(problems)
        return bands


def bands_text(bands) -> str:
    return "\n".join(f"{low}–{high} {label}" for low, high, label in bands)


def blank_row() -> dict:
    return {"code": "", "text": "", "dimension": "", "kind": ItemKind.RATING, "section": Section.SATISFACTION,
            "choices": "", "required": False, "errors": {}}


def item_rows(data) -> list[dict]:
    """The rows as typed, in the order shown (by row number); rows left entirely blank are dropped."""
    found: dict[int, dict] = {}
    for key in data:
        match = ROW_FIELD.match(key)
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = data.get(key, "").strip()
    rows = []
    for number in sorted(found):
        raw = found[number]
        if not any(raw.get(name) for name in ("code", "text", "dimension", "choices")):
            continue
        rows.append({**blank_row(), **raw, "required": bool(raw.get("required")),
                     "kind": raw.get("kind") or ItemKind.RATING, "section": raw.get("section") or Section.SATISFACTION})
    return rows


def row_item(row: dict) -> dict:
    """One row as `questionnaire_create` takes an item: the choices typed "ก, ข, ค" become a list."""
    return {"code": row["code"], "text": row["text"], "dimension": row["dimension"], "kind": row["kind"],
            "section": row["section"], "required": row["required"],
            "choices": [c.strip() for c in row["choices"].split(",") if c.strip()]}


def row_code_errors(rows: list[dict]) -> dict[str, str]:
    """What the service does not check, keyed as the service keys its messages: a code must fit the item's
    slug column (the public page names its inputs after it)."""
    errors = {}
    for n, row in enumerate(rows, start=1):
        code = row["code"]
        if code and not CODE.match(code):
            errors[f"items[{n}].code"] = f"ข้อ {n}: รหัสข้อใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข - และ _"
        elif len(code) > CODE_MAX:
            errors[f"items[{n}].code"] = f"ข้อ {n}: รหัสข้อยาวได้ไม่เกิน {CODE_MAX} ตัวอักษร"
    return errors


def attach_errors(form: forms.Form, rows: list[dict], errors: dict[str, list[str]]) -> None:
    """Each message beside the row and field it names; the others on the form (keeping what was typed)."""
    for key, messages in errors.items():
        match = ITEM_ERROR.match(key)
        if match and 1 <= int(match[1]) <= len(rows):
            rows[int(match[1]) - 1]["errors"][match[2]] = " ".join(messages)
        else:
            form.add_error(key if key in form.fields else None, messages)


class RoundForm(forms.Form):
    questionnaire = forms.ModelChoiceField(label="แบบสอบถาม", queryset=None)
    title = forms.CharField(label="ชื่อรอบการสำรวจ", max_length=255)
    office = forms.ModelChoiceField(label="หน่วยงานที่สำรวจ (รวมหน่วยงานในสังกัด)", queryset=None)
    starts_on = ThaiDateField(label="วันเริ่ม", required=False)
    ends_on = ThaiDateField(label="วันสิ้นสุด", required=False)
    previous = forms.ModelChoiceField(label="รอบก่อนหน้า (สำรวจซ้ำหลังปรับปรุง)", queryset=None, required=False,
                                      empty_label="— ไม่มี (รอบแรก) —")
    requires_token = forms.BooleanField(label="ต้องใช้รหัสตอบครั้งเดียว", required=False)

    def __init__(self, *args, user, questionnaire: Questionnaire | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = questionnaires_of(user)
        self.fields["office"].queryset = visible_offices(user).order_by("path")
        rounds = round_list(user=user).order_by("-created_at")
        if questionnaire is not None:
            self.fields["questionnaire"].initial = questionnaire.pk
            self.fields["title"].initial = questionnaire.title
            rounds = rounds.filter(questionnaire=questionnaire)
        self.fields["previous"].queryset = rounds
        if user.office_id:
            self.fields["office"].initial = user.office_id

    def clean(self):
        data = super().clean()
        previous, questionnaire = data.get("previous"), data.get("questionnaire")
        if previous and questionnaire and previous.questionnaire_id != questionnaire.pk:
            self.add_error("previous", "รอบก่อนหน้าต้องใช้แบบสอบถามเดียวกัน")
        return data


class RoundSettingsForm(forms.Form):
    """A round's title, dates and whether it takes answers (views.round_settings)."""

    title = forms.CharField(label="ชื่อรอบการสำรวจ", max_length=255)
    starts_on = ThaiDateField(label="วันเริ่ม", required=False)
    ends_on = ThaiDateField(label="วันสิ้นสุด", required=False,
                            help_text="คำตอบทุกช่องทาง (หน้าสาธารณะ API บันทึกแบบกระดาษ นำเข้าไฟล์) รับได้ถึงวันนี้")
    is_open = forms.BooleanField(label="เปิดรับคำตอบ", required=False)


def questionnaires_of(user):
    """Questionnaires of the user's offices and of the offices above (a province's form run by a district)."""
    return scope_shared_down(Questionnaire.objects.select_related("office"), user)


class ImprovementForm(forms.Form):
    """An improvement of a round (views_improvements): a suggested topic's form comes prefilled with its item."""

    item = forms.ModelChoiceField(queryset=Item.objects.none(), to_field_name="code", required=False,
                                  widget=forms.HiddenInput)
    topic = forms.CharField(label="ประเด็นที่ต้องปรับปรุง", max_length=255)
    fix = forms.CharField(label="แนวทางการปรับปรุง", widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label="ผู้รับผิดชอบ", max_length=255)
    due_on = ThaiDateField(label="กำหนดเสร็จ")
    remeasure_round = forms.TypedChoiceField(label="รอบที่สำรวจซ้ำเพื่อวัดผล", coerce=int, required=False,
                                             empty_value=None)
    evidence = forms.FileField(label="หลักฐาน", required=False)

    def __init__(self, *args, survey, rounds: list, **kwargs):
        """`rounds`: the other rounds the user sees (`remeasure_choices`), read once for the page's every form."""
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = survey.questionnaire.items.all()
        self._rounds = {other.pk: other for other in rounds}
        self.fields["remeasure_round"].choices = [("", "---------")] + [(pk, str(r)) for pk, r in self._rounds.items()]

    def clean_remeasure_round(self):
        pk = self.cleaned_data["remeasure_round"]
        return self._rounds[pk] if pk is not None else None


def remeasure_choices(*, survey, user) -> list:
    """The rounds an improvement may be re-measured by: every other round the user sees."""
    return list(round_list(user=user).exclude(pk=survey.pk))
