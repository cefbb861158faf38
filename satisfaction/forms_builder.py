"""Forms of the questionnaire builder and of a new survey round.

The builder's items are rows of plainly named inputs (`items-<n>-code` …) that the page's script adds, moves
and deletes; `item_rows` reads them back in the order the rows were shown.
"""
import re

from django import forms

from pmqa.forms import ThaiDateField
from pmqa.offices.scoping import scope_shared_down, visible_offices

from .choices import ItemKind, Section
from .models import Item, Questionnaire
from .selectors import round_list

ROW_FIELD = re.compile(r"^items-(\d+)-(code|text|dimension|kind|section|choices|required)$")
CODE = re.compile(r"^[-a-zA-Z0-9_]+$")
CODE_MAX = Item._meta.get_field("code").max_length
ITEM_ERROR = re.compile(r"^items\[(\d+)\]\.(\w+)$")


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label="ชื่อแบบสอบถาม", max_length=255)
    stakeholder_group = forms.CharField(label="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย", max_length=255,
                                        required=False)
    office = forms.ModelChoiceField(label="หน่วยงานเจ้าของ", queryset=None)
    scale_max = forms.TypedChoiceField(label="มาตราส่วน", coerce=int, initial=5,
                                       choices=[(5, "5 ระดับ"), (4, "4 ระดับ")])
    allow_no_opinion = forms.BooleanField(label="มีตัวเลือก “ไม่แสดงความคิดเห็น” (ไม่นับรวมในค่าเฉลี่ย)",
                                          required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = visible_offices(user).order_by("path")
        if user.office_id:
            self.fields["office"].initial = user.office_id


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


def questionnaires_of(user):
    """Questionnaires of the user's offices and of the offices above (a province's form run by a district)."""
    return scope_shared_down(Questionnaire.objects.select_related("office"), user)

