from rest_framework import serializers

from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, fiscal_year_of
from core.offices.api.serializers import ScopedOfficeField

from ..models import Channel
from ..usage import MAX_YEARS, default_years


class ChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Channel
        fields = ["code", "name"]


class UsageEntrySerializer(serializers.Serializer):
    """One keyed count, as `POST /api/v1/channel-usage/` takes it (a list of these); checked by the service."""

    office = serializers.CharField(help_text="รหัสหน่วยงาน (หน่วยงานของผู้ใช้หรือหน่วยงานในสังกัด)")
    channel = serializers.CharField(help_text="รหัสช่องทาง (จาก /api/v1/channels/ หรือช่องทางของหน่วยงาน)")
    fiscal_year = serializers.IntegerField(help_text="ปีงบประมาณ พ.ศ. ไม่เกินปีปัจจุบัน")
    count = serializers.IntegerField(help_text="จำนวนผู้ใช้ช่องทาง เฉพาะของหน่วยงานนั้นเอง (จำนวนเต็มตั้งแต่ 0)")


class UsageResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="จำนวนที่บันทึกใหม่")
    changed = serializers.IntegerField(help_text="จำนวนที่แทนที่ค่าเดิม")
    unchanged = serializers.IntegerField(help_text="จำนวนที่เท่าค่าเดิม (ไม่เปลี่ยน)")


class UsageQuerySerializer(serializers.Serializer):
    """`?office=CODE&years=2567,2568,2569`: an office the user sees (default: their own; its subtree is summed) and
    up to ten BE fiscal years (default: the current one and the two before it)."""

    office = ScopedOfficeField(required=False,
                               help_text="รหัสหน่วยงาน (รวมหน่วยงานในสังกัด) ค่าเริ่มต้น: หน่วยงานของผู้ใช้")
    years = serializers.CharField(required=False, help_text="ปีงบประมาณ พ.ศ. คั่นด้วยจุลภาค เช่น 2567,2568,2569 "
                                                            "ค่าเริ่มต้น: สามปีล่าสุด")

    def validate_years(self, value: str) -> list[int]:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not parts:
            raise serializers.ValidationError("กรุณาระบุปีงบประมาณ เช่น 2567,2568,2569")
        if len(parts) > MAX_YEARS:
            raise serializers.ValidationError(f"ระบุปีงบประมาณได้ไม่เกิน {MAX_YEARS} ปี")
        years = []
        for part in parts:
            if not part.isdecimal() or not FIRST_FISCAL_YEAR <= int(part) <= LAST_FISCAL_YEAR:
                raise serializers.ValidationError(
                    f"ปีงบประมาณ “{part[:20]}” ไม่ถูกต้อง: ใช้ปี พ.ศ. {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}")
            years.append(int(part))
        return sorted(set(years))

    def validate(self, data):
        user = self.context["request"].user
        if "office" not in data:
            if not user.office_id:
                raise serializers.ValidationError({"office": ["กรุณาระบุรหัสหน่วยงาน"]})
            data["office"] = user.office
        data.setdefault("years", default_years(fiscal_year_of(self.context["today"])))
        return data


class UsageRowSerializer(serializers.Serializer):
    channel = serializers.CharField(allow_null=True, help_text="รหัสช่องทาง (null: แบบสอบถามที่ไม่ระบุช่องทาง)")
    channel_name = serializers.CharField()
    fiscal_year = serializers.IntegerField()
    count = serializers.IntegerField(allow_null=True, help_text="จำนวนผู้ใช้ที่บันทึก รวมหน่วยงานในสังกัด "
                                                                "(null: ยังไม่มีหน่วยงานใดบันทึก)")
    complaints = serializers.IntegerField(help_text="เรื่องร้องเรียน/ข้อเสนอแนะที่รับทางช่องทางนี้ (ระบบนับ ไม่รวมใน count)")
    survey_responses = serializers.IntegerField(help_text="แบบสอบถามที่ได้รับทางช่องทางนี้ (ระบบนับ ไม่รวมใน count)")
