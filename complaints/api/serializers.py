"""What the complaints API reads and writes. Offices, channels and categories travel by the codes people know."""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from channels.selectors import channel_list
from core.offices.api.serializers import ScopedOfficeField
from core.offices.scoping import visible_offices

from ..choices import OPEN_STATUSES, Kind, ReplyKind, ReplyMethod, Status
from ..models import Category, Reply, Ticket
from ..selectors import PERSONAL_FIELDS, handler_candidates, transfer_targets

BANGKOK = ZoneInfo("Asia/Bangkok")
BOOLEAN_ERRORS = {"invalid": "ต้องเป็น true หรือ false"}


def _required(what: str) -> dict:
    return {"required": f"กรุณาระบุ{what}", "blank": f"กรุณาระบุ{what}", "null": f"กรุณาระบุ{what}"}


def _choices_error(choices) -> dict:
    return {"invalid_choice": "“{input}” ไม่ใช่ค่าที่ใช้ได้ (ใช้ได้: " + ", ".join(choices.values) + ")"}


class TicketSerializer(serializers.ModelSerializer):
    """A ticket as the API shows it; the complainant is null unless this user may see who complained."""

    channel = serializers.CharField(source="channel.code", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True, help_text="หน่วยงานที่รับผิดชอบ")
    receiving_office = serializers.CharField(source="receiving_office.code", read_only=True,
                                             help_text="หน่วยงานที่รับเรื่อง")
    category = serializers.CharField(source="category.name", read_only=True, allow_null=True)
    handler = serializers.CharField(source="handler.username", read_only=True, allow_null=True)
    due_date = serializers.DateField(source="due_on", read_only=True, allow_null=True,
                                     help_text="ชื่อตามประเด็นงาน: เท่ากับ due_on")
    answered_on_time = serializers.BooleanField(
        source="on_time", read_only=True, allow_null=True,
        help_text="ผลของรอบแรก (ตัวชี้วัด 15 วันทำการ) ตรึงไว้เมื่อแจ้งผล; null จนกว่าจะแจ้งผลหรือไม่มีกำหนด")
    complainant_name = serializers.CharField(read_only=True, allow_null=True,
                                             help_text="null เมื่อผู้ใช้ไม่มีสิทธิ์เห็นตัวผู้ร้อง")
    complainant_contact = serializers.CharField(read_only=True, allow_null=True,
                                                help_text="null เมื่อผู้ใช้ไม่มีสิทธิ์เห็นตัวผู้ร้อง")

    class Meta:
        model = Ticket
        fields = ["reference", "tracking_code", "kind", "channel", "office", "receiving_office", "handler", "status",
                  "round", "received_on", "entered_on", "due_on", "due_date", "answered_on", "answered_on_time",
                  "subject", "detail", "category", "anonymous", "confidential", "source_ref", "complainant_name",
                  "complainant_contact"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # `complainant_visible` comes from ticket_queryset; without it, nobody sees the person.
        if not getattr(instance, "complainant_visible", False):
            for name in PERSONAL_FIELDS:
                data[name] = None
        return data


class TicketIntakeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, error_messages={**_required("ประเภทเรื่อง"),
                                                                          **_choices_error(Kind)})
    channel = serializers.SlugRelatedField(
        slug_field="code", queryset=channel_list(), help_text="รหัสช่องทางจาก /api/v1/channels/",
        error_messages={"does_not_exist": "ไม่พบช่องทางรหัส “{value}”", **_required("ช่องทาง")})
    office = ScopedOfficeField(help_text="รหัสหน่วยงานที่รับเรื่อง (ต้องอยู่ในหน่วยงานที่ผู้ใช้เห็น)")
    received_on = serializers.DateField(help_text="วันที่รับเรื่อง (YYYY-MM-DD) ย้อนหลังได้ ไม่เป็นวันในอนาคต",
                                        error_messages=_required("วันที่รับเรื่อง"))
    subject = serializers.CharField(max_length=255, error_messages=_required("เรื่อง"))
    detail = serializers.CharField(error_messages=_required("รายละเอียด"))
    category = serializers.SlugRelatedField(
        slug_field="name", queryset=Category.objects.filter(is_active=True), required=False, allow_null=True,
        help_text="ชื่อหมวดหมู่", error_messages={"does_not_exist": "ไม่พบหมวดหมู่ “{value}”"})
    complainant_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    complainant_contact = serializers.CharField(max_length=255, required=False, allow_blank=True, default="",
                                                help_text="โทรศัพท์หรืออีเมล")
    anonymous = serializers.BooleanField(required=False, default=False, error_messages=BOOLEAN_ERRORS)
    confidential = serializers.BooleanField(required=False, default=False, error_messages=BOOLEAN_ERRORS)
    source_ref = serializers.CharField(max_length=128, required=False, allow_blank=True, default="",
                                       help_text="เลขอ้างอิงในระบบต้นทาง: ส่งซ้ำได้โดยไม่เกิดเรื่องซ้ำ")


class ReplyCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReplyKind.choices, help_text="final = แจ้งผล (หยุดนับเวลา)",
                                   error_messages={**_required("ประเภทการแจ้ง"), **_choices_error(ReplyKind)})
    replied_on = serializers.DateField(error_messages=_required("วันที่แจ้ง"))
    method = serializers.ChoiceField(choices=ReplyMethod.choices,
                                     error_messages={**_required("วิธีการแจ้ง"), **_choices_error(ReplyMethod)})
    text = serializers.CharField(error_messages=_required("ข้อความที่แจ้งผู้ร้อง"))


class ReplySerializer(serializers.ModelSerializer):
    ticket = serializers.SerializerMethodField()

    class Meta:
        model = Reply
        fields = ["round", "kind", "replied_on", "method", "text", "ticket"]

    @extend_schema_field(TicketSerializer)
    def get_ticket(self, reply):
        return TicketSerializer(self.context["ticket"]).data


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices,
                                     error_messages={**_required("สถานะ"), **_choices_error(Status)})
    note = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text="บังคับเมื่อ status = rejected (เหตุผลที่ไม่รับพิจารณา)")


class AssignSerializer(serializers.Serializer):
    office = ScopedOfficeField()
    handler = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None,
                                    help_text="ชื่อผู้ใช้ของผู้รับผิดชอบ ในหน่วยงานที่ได้รับมอบหมาย")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_handler(self, value):
        if not value:
            return None
        candidates = handler_candidates(offices=visible_offices(self.context["request"].user))
        handler = candidates.filter(username=value).first()
        if handler is None:
            raise serializers.ValidationError(f"ไม่พบผู้ใช้ “{value}” ที่รับผิดชอบเรื่องร้องเรียนได้")
        return handler


class TransferTargetField(ScopedOfficeField):
    """An office the user may transfer to: as the ticket page allows (see selectors.transfer_targets)."""

    def get_queryset(self):
        return transfer_targets(user=self.context["request"].user)


class TransferSerializer(serializers.Serializer):
    office = TransferTargetField(help_text="รหัสหน่วยงานที่รับโอน")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(error_messages=_required("เหตุที่เปิดเรื่องใหม่"))


def bangkok_midnight(day: date) -> str:
    return datetime.combine(day, time(0), tzinfo=BANGKOK).isoformat()


def bangkok_end_of_day(day: date) -> str:
    return datetime.combine(day, time(23, 59, 59), tzinfo=BANGKOK).isoformat()


class Open311RequestSerializer(serializers.Serializer):
    """GeoReport v2 `request`. Nothing personal: no complainant, no detail, no handler, no notes typed by staff."""

    service_request_id = serializers.CharField(source="reference")
    status = serializers.SerializerMethodField()
    status_notes = serializers.SerializerMethodField()
    service_name = serializers.SerializerMethodField()
    service_code = serializers.SerializerMethodField()
    description = serializers.CharField(source="subject")
    agency_responsible = serializers.CharField(source="office.name")
    requested_datetime = serializers.SerializerMethodField()
    updated_datetime = serializers.SerializerMethodField()
    expected_datetime = serializers.SerializerMethodField()

    def get_status(self, ticket) -> str:
        return "open" if ticket.status in OPEN_STATUSES else "closed"

    def get_status_notes(self, ticket) -> str:
        return str(Status(ticket.status).label)

    def get_service_name(self, ticket) -> str:
        return ticket.category.name if ticket.category_id else str(Kind(ticket.kind).label)

    def get_service_code(self, ticket) -> str:
        return str(ticket.category_id) if ticket.category_id else ticket.kind

    def get_requested_datetime(self, ticket) -> str:
        return bangkok_midnight(ticket.received_on)

    def get_updated_datetime(self, ticket) -> str:
        updated = getattr(ticket, "updated_at", None) or ticket.created_at
        return updated.astimezone(BANGKOK).isoformat(timespec="seconds")

    def get_expected_datetime(self, ticket) -> str | None:
        # End of the due day: a reply dated on the due day is on time (services.ticket_reply).
        return bangkok_end_of_day(ticket.due_on) if ticket.due_on else None
