"""What the plans API reads and answers. A plan travels whole: its indicators and steps inside it, matched by order
when it is changed (see `ActionPlanWriteSerializer`)."""
from rest_framework import serializers

from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR
from core.offices.api.serializers import ScopedOfficeField

from ..choices import CS, Direction, Metric, StepStatus
from ..models import ActionPlan, Indicator, Step, StepPeriod
from ..scoring import score, success_percent

NUMBER_ERRORS = {"invalid": "ต้องเป็นตัวเลข", "max_digits": "ต้องเป็นตัวเลขไม่เกิน 9,999,999,999.99",
                 "max_whole_digits": "ต้องเป็นตัวเลขไม่เกิน 9,999,999,999.99",
                 "max_decimal_places": "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง", "max_string_length": "ตัวเลขยาวเกินไป"}
DECIMAL = serializers.DecimalField(max_digits=12, decimal_places=2)


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator as the API answers it. `result` of a computed indicator is the one the view computed now (the
    context's `results`, by indicator id) when it gives one, else the value stored at the last computation."""

    ladder = serializers.ListField(child=serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True),
                                   read_only=True)
    result = serializers.SerializerMethodField()
    success_percent = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "target", "direction", "ladder", "source", "metric", "result",
                  "success_percent", "score"]

    def _result(self, obj):
        results = self.context.get("results") or {}
        return results[obj.pk] if obj.pk in results else obj.result

    def get_result(self, obj) -> str | None:
        value = self._result(obj)
        return DECIMAL.to_representation(value) if value is not None else None

    def get_success_percent(self, obj) -> str | None:
        value = success_percent(self._result(obj), obj.target, obj.direction)
        return str(value) if value is not None else None

    def get_score(self, obj) -> str | None:
        value = score(self._result(obj), obj.ladder)
        return str(value) if value is not None else None


class StepPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = StepPeriod
        fields = ["start", "end"]


class StepSerializer(serializers.ModelSerializer):
    # Each planned run of months (a quarterly review has four); planned_start/planned_end are the first and last.
    periods = StepPeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Step
        fields = ["order", "activity", "duration", "planned_start", "planned_end", "periods", "output", "owner",
                  "related_parties", "budget", "area", "status", "progress", "actual_start", "actual_end"]


class ActionPlanListSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code")
    office_name = serializers.CharField(source="office.name")
    cs = serializers.CharField(source="cs_code")

    class Meta:
        model = ActionPlan
        fields = ["id", "office", "office_name", "fiscal_year", "cs", "title"]


class ActionPlanSerializer(ActionPlanListSerializer):
    indicators = IndicatorSerializer(many=True)
    steps = StepSerializer(many=True)

    class Meta(ActionPlanListSerializer.Meta):
        fields = ActionPlanListSerializer.Meta.fields + ["objective", "definitions", "indicators", "steps"]


# --- Writing ----------------------------------------------------------------------------------------------------------

def _number(**kwargs):
    return serializers.DecimalField(max_digits=12, decimal_places=2, error_messages=NUMBER_ERRORS, **kwargs)


class IndicatorWriteSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="",
                                 help_text="รหัสตัวชี้วัด เช่น RM 3.1 (ตัวชี้วัดเดียวกันในปีต่อไปใช้รหัสเดิม)")
    name = serializers.CharField(max_length=500, error_messages={"required": "กรุณาระบุชื่อตัวชี้วัด",
                                                                 "blank": "กรุณาระบุชื่อตัวชี้วัด"})
    unit = serializers.CharField(max_length=64, required=False, default="ร้อยละ", help_text="หน่วยนับ")
    target = _number(allow_null=True, help_text="ค่าเป้าหมาย")
    direction = serializers.ChoiceField(choices=Direction.choices, default=Direction.HIGHER,
                                        help_text="higher = ยิ่งมากยิ่งดี, lower = ยิ่งน้อยยิ่งดี",
                                        error_messages={"invalid_choice": "ทิศทางต้องเป็น higher หรือ lower"})
    ladder = serializers.ListField(child=_number(), min_length=5, max_length=5,
                                   help_text="เกณฑ์คะแนน 1 ถึง 5 (ห้าค่า): เพิ่มขึ้นเมื่อยิ่งมากยิ่งดี ลดลงเมื่อยิ่งน้อยยิ่งดี",
                                   error_messages={"min_length": "เกณฑ์คะแนนต้องมี 5 ระดับ",
                                                   "max_length": "เกณฑ์คะแนนต้องมี 5 ระดับ",
                                                   "not_a_list": "เกณฑ์คะแนนต้องเป็นรายการตัวเลข 5 ค่า",
                                                   "required": "กรุณาระบุเกณฑ์คะแนน 5 ระดับ"})
    metric = serializers.ChoiceField(choices=Metric.choices, required=False, allow_blank=True, default="",
                                     help_text="ตัวชี้วัดที่ระบบคำนวณเอง (ถ้ามี ผลคำนวณจากข้อมูลในระบบ ไม่รับ result)",
                                     error_messages={"invalid_choice": "ไม่มีตัวชี้วัดที่คำนวณจากระบบรหัสนี้"})
    result = _number(required=False, allow_null=True, default=None,
                     help_text="ผลการดำเนินงานที่บันทึกเอง (เมื่อไม่มี metric; null = ยังไม่มีผล)")


class PeriodWriteSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="เดือนที่เริ่ม (YYYY-MM-01, ค.ศ.)",
                                  error_messages={"invalid": "วันที่ต้องเป็นรูปแบบ YYYY-MM-DD"})
    end = serializers.DateField(help_text="เดือนที่สิ้นสุด (YYYY-MM-01, ค.ศ.)",
                                error_messages={"invalid": "วันที่ต้องเป็นรูปแบบ YYYY-MM-DD"})


class StepWriteSerializer(serializers.ModelSerializer):
    periods = PeriodWriteSerializer(many=True, required=False,
                                    help_text="ช่วงเดือนตามแผน (กิจกรรมที่ทำซ้ำ เช่น ทบทวนรายไตรมาส มีหลายช่วง); "
                                              "ไม่ระบุ = ช่วงเดียวจาก planned_start ถึง planned_end")
    order = serializers.IntegerField(min_value=1, max_value=32767,
                                     error_messages={"invalid": "ลำดับต้องเป็นจำนวนเต็ม",
                                                     "min_value": "ลำดับต้องตั้งแต่ 1",
                                                     "max_value": "ลำดับมากเกินไป",
                                                     "required": "กรุณาระบุลำดับกิจกรรม"})
    status = serializers.ChoiceField(choices=StepStatus.choices, default=StepStatus.NOT_STARTED,
                                     error_messages={"invalid_choice": "สถานะกิจกรรมไม่ถูกต้อง"})
    progress = serializers.IntegerField(min_value=0, max_value=100, default=0,
                                        error_messages={"invalid": "ความก้าวหน้าต้องเป็นจำนวนเต็ม",
                                                        "min_value": "ความก้าวหน้าต้องอยู่ระหว่างร้อยละ 0 ถึง 100",
                                                        "max_value": "ความก้าวหน้าต้องอยู่ระหว่างร้อยละ 0 ถึง 100"})
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True,
                                      error_messages=NUMBER_ERRORS)

    class Meta:
        model = Step
        fields = [*StepSerializer.Meta.fields, "note"]
        extra_kwargs = {"planned_start": {"help_text": "เดือนที่เริ่ม (YYYY-MM-DD, ค.ศ.); ไม่ต้องระบุเมื่อให้ periods",
                                          "required": False},
                        "planned_end": {"help_text": "เดือนที่สิ้นสุด (YYYY-MM-DD, ค.ศ.); ไม่ต้องระบุเมื่อให้ periods",
                                        "required": False}}


class ActionPlanWriteSerializer(serializers.Serializer):
    """A plan as an office's own system sends it. On PATCH a field left out stays as it is; `indicators` and
    `steps`, when given, are the whole lists, matched by order: an indicator's order is its place in the list, a
    step's its `order`; the one with a current order changes it in place (a step keeps its evidence and
    progress), a new order adds one, and a current one the list no longer names is removed."""

    office = ScopedOfficeField(help_text="รหัสหน่วยงาน")
    fiscal_year = serializers.IntegerField(min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
                                           error_messages=FISCAL_YEAR_ERRORS, help_text="ปีงบประมาณ พ.ศ.")
    cs = serializers.CharField(help_text="CS1–CS7", error_messages={"required": "กรุณาระบุกระบวนการ (CS1–CS7)"})
    title = serializers.CharField(max_length=500, error_messages={"required": "กรุณาระบุชื่อกระบวนการ",
                                                                  "blank": "กรุณาระบุชื่อกระบวนการ"})
    objective = serializers.CharField(error_messages={"required": "กรุณาระบุวัตถุประสงค์",
                                                      "blank": "กรุณาระบุวัตถุประสงค์"})
    definitions = serializers.CharField(required=False, allow_blank=True, default="", help_text="คำนิยาม / แนวทาง")
    indicators = IndicatorWriteSerializer(many=True, required=False)
    steps = StepWriteSerializer(many=True, required=False)

    def validate_cs(self, value) -> int:
        number = str(value).upper().removeprefix("CS")
        if not (number.isdecimal() and len(number) < 3 and int(number) in CS.values):
            raise serializers.ValidationError("กระบวนการต้องเป็น CS1 ถึง CS7")
        return int(number)
