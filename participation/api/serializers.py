"""What the CS5 API reads and answers. Offices and channels travel by their codes, groups and missions by their ids;
a project's outcome measures travel inside it, matched by name when it is changed."""
from rest_framework import serializers

from channels.models import Channel
from channels.selectors import channel_register
from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR
from core.offices.api.serializers import ScopedOfficeField
from core.plans.choices import Direction
from stakeholders.api.serializers import ScopedGroupField
from stakeholders.models import Mission
from stakeholders.selectors import mission_list

from ..choices import Level
from ..models import ParticipationProject
from ..services import ENDED_BEFORE_STARTED, LEVEL_ERROR, TARGET_REQUIRED

NUMBER_ERRORS = {"invalid": "ต้องเป็นตัวเลข", "max_digits": "ต้องเป็นตัวเลขไม่เกิน 9,999,999,999.99",
                 "max_whole_digits": "ต้องเป็นตัวเลขไม่เกิน 9,999,999,999.99",
                 "max_decimal_places": "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง", "max_string_length": "ตัวเลขยาวเกินไป"}


class ScopedChannelField(serializers.SlugRelatedField):
    """A channel by its code, among the channels the user sees (national, their subtree's and above)."""

    queryset = Channel.objects.none()

    def __init__(self, **kwargs):
        # The code is not repeated back: a code the user may not see reads exactly like one that does not exist.
        kwargs["error_messages"] = {"does_not_exist": "ไม่พบช่องทางรหัสนี้ในช่องทางที่หน่วยงานใช้ได้",
                                    "invalid": "รหัสช่องทางไม่ถูกต้อง"}
        kwargs.setdefault("help_text", "รหัสช่องทาง (code) จาก /api/v1/channels/ หรือช่องทางของหน่วยงาน")
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return channel_register(user=request.user) if request else Channel.objects.none()


class ScopedMissionField(serializers.PrimaryKeyRelatedField):
    queryset = Mission.objects.none()

    def __init__(self, **kwargs):
        kwargs["error_messages"] = {"does_not_exist": "ไม่พบพันธกิจรหัส {pk_value}",
                                    "incorrect_type": "รหัสพันธกิจต้องเป็นตัวเลข"}
        kwargs.setdefault("help_text", "รหัส (id) ของพันธกิจจาก /api/v1/missions/")
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return mission_list(user=request.user) if request else Mission.objects.none()


class MeasureSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, help_text="ชื่อตัวชี้วัดผลลัพธ์ (ไม่ซ้ำกันในโครงการ)",
                                 error_messages={"required": "กรุณาระบุชื่อตัวชี้วัดผลลัพธ์",
                                                 "blank": "กรุณาระบุชื่อตัวชี้วัดผลลัพธ์",
                                                 "max_length": "ชื่อยาวเกิน 255 ตัวอักษร"})
    unit = serializers.CharField(max_length=64, required=False, allow_blank=True, default="",
                                 help_text="หน่วยนับ เช่น ร้อยละ คน ครั้ง")
    target = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="ค่าเป้าหมาย",
                                      error_messages={**NUMBER_ERRORS, "required": TARGET_REQUIRED,
                                                      "null": TARGET_REQUIRED})
    direction = serializers.ChoiceField(choices=Direction.choices, default=Direction.HIGHER,
                                        help_text="higher = ยิ่งมากยิ่งดี, lower = ยิ่งน้อยยิ่งดี",
                                        error_messages={"invalid_choice": "ทิศทางต้องเป็น higher หรือ lower"})
    result = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True,
                                      default=None, help_text="ผลการดำเนินงาน (null = ยังไม่มีผล)",
                                      error_messages=NUMBER_ERRORS)
    reached = serializers.BooleanField(read_only=True, help_text="ผลถึงค่าเป้าหมายแล้ว")


class ProjectSerializer(serializers.ModelSerializer):
    office = ScopedOfficeField()
    fiscal_year = serializers.IntegerField(min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
                                           error_messages=FISCAL_YEAR_ERRORS, help_text="ปีงบประมาณ พ.ศ.")
    level = serializers.ChoiceField(choices=Level.choices, help_text="ระดับการมีส่วนร่วม 1–5: 1 ให้ข้อมูล "
                                    "2 ปรึกษาหารือ 3 เข้ามาเกี่ยวข้อง 4 ร่วมมือ 5 เสริมอำนาจประชาชน",
                                    error_messages={"invalid_choice": LEVEL_ERROR, "required": LEVEL_ERROR,
                                                    "null": LEVEL_ERROR})
    mission = ScopedMissionField(required=False, allow_null=True)
    groups = ScopedGroupField(many=True)
    info_channels = ScopedChannelField(many=True, required=False)
    opinion_channels = ScopedChannelField(many=True, required=False)
    measures = MeasureSerializer(many=True, required=False,
                                 help_text="ตัวชี้วัดผลลัพธ์ ส่งมาแทนที่ทั้งรายการ (ชื่อเดิมคือรายการเดิม); ไม่ส่ง = คงเดิม")
    status = serializers.CharField(read_only=True, help_text="planned ยังไม่เริ่ม, running กำลังดำเนินการ, "
                                                             "ended สิ้นสุดแล้ว")
    all_reached = serializers.BooleanField(read_only=True, help_text="มีตัวชี้วัดและทุกตัวถึงค่าเป้าหมาย")
    few_info_channels = serializers.BooleanField(read_only=True,
                                                 help_text="ช่องทางการให้ข้อมูลข่าวสารน้อยกว่า 3 ช่องทาง")

    class Meta:
        model = ParticipationProject
        fields = ["id", "office", "fiscal_year", "title", "level", "mission", "strategy", "mechanism", "groups",
                  "info_channels", "opinion_channels", "started_on", "ended_on", "outcome", "measures",
                  "is_published", "status", "all_reached", "few_info_channels"]
        read_only_fields = ["is_published"]
        extra_kwargs = {"started_on": {"error_messages": {"invalid": "วันที่ต้องอยู่ในรูป YYYY-MM-DD (ค.ศ.)",
                                                          "required": "กรุณาระบุวันเริ่มต้น"}},
                        "ended_on": {"error_messages": {"invalid": "วันที่ต้องอยู่ในรูป YYYY-MM-DD (ค.ศ.)"}},
                        "title": {"error_messages": {"required": "กรุณาระบุชื่อโครงการ/กิจกรรม",
                                                     "blank": "กรุณาระบุชื่อโครงการ/กิจกรรม"}}}

    def validate(self, data):
        started = data.get("started_on", getattr(self.instance, "started_on", None))
        ended = data.get("ended_on", getattr(self.instance, "ended_on", None))
        if started and ended and ended < started:
            raise serializers.ValidationError({"ended_on": [ENDED_BEFORE_STARTED]})
        return data
