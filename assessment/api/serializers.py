"""What the PMQA 4.0 API reads and answers."""
from rest_framework import serializers

from core.offices.api.serializers import OfficeYearQuerySerializer


class Pmqa40QuerySerializer(OfficeYearQuerySerializer):
    """`?office=CODE&fiscal_year=YYYY`: an office the user sees (default: their own) and a BE fiscal year (default:
    the current one), checked as the indicators API checks them."""


class Pmqa40LinkSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="plan แผนปฏิบัติการ, file ไฟล์หลักฐานของแผน, register ทะเบียนในระบบ")
    label = serializers.CharField()
    url = serializers.CharField()
    plan = serializers.IntegerField(source="plan_id", allow_null=True)
    evidence = serializers.IntegerField(source="evidence_id", allow_null=True)
    register = serializers.CharField(allow_blank=True)


class Pmqa40FactSerializer(serializers.Serializer):
    title = serializers.CharField()
    lines = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField(allow_blank=True)


class Pmqa40ItemSerializer(serializers.Serializer):
    """One item 3.1.1–3.4.5: its wording (seed 003), status, details, evidence links and the data beside it."""

    code = serializers.CharField(source="item.code")
    section = serializers.CharField(source="section_code")
    text = serializers.CharField(source="item.text")
    status = serializers.CharField(help_text="not_started ยังไม่ได้ดำเนินการ, starting อยู่ระหว่างเริ่มดำเนินการ, "
                                             "implemented มีการดำเนินการ")
    status_label = serializers.CharField()
    details = serializers.CharField(allow_blank=True)
    links = Pmqa40LinkSerializer(many=True)
    facts = Pmqa40FactSerializer(many=True)


class Pmqa40ResultRowSerializer(serializers.Serializer):
    """One row of a 7.2 table."""

    indicator = serializers.CharField(source="label")
    code = serializers.CharField(allow_blank=True)
    unit = serializers.CharField()
    direction = serializers.CharField(help_text="higher ยิ่งมากยิ่งดี, lower ยิ่งน้อยยิ่งดี")
    target = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    results = serializers.DictField(child=serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True),
                                    help_text="ผลการดำเนินงานรายปีงบประมาณ {ปี: ค่า} สามปี ค่า null เมื่อไม่มีผล")
    success_percent = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    score = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)


class Pmqa40TableSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    rows = Pmqa40ResultRowSerializer(many=True)


class Pmqa40Serializer(serializers.Serializer):
    office = serializers.CharField(source="office.code")
    fiscal_year = serializers.IntegerField()
    items = Pmqa40ItemSerializer(many=True, source="rows")
    tables = Pmqa40TableSerializer(many=True)
