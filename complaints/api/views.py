"""The complaints API: intake from district systems, the scoped list and ticket, workflow actions, an Open311 feed.

Every lookup goes through the user's scope (`ticket_queryset`, `ticket_get`, `visible_offices`): a ticket or office
outside it answers exactly as one that does not exist. Every change goes through one service in `services.py`.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions
from core.offices.scoping import get_scoped_or_404

from ..models import Ticket, TicketEvent
from ..selectors import ticket_get, ticket_queryset
from ..services import ticket_assign, ticket_change_status, ticket_create, ticket_reopen, ticket_reply, ticket_transfer
from .filters import Open311Filter, TicketFilter
from .serializers import (
    AssignSerializer,
    Open311RequestSerializer,
    ReopenSerializer,
    ReplyCreateSerializer,
    ReplySerializer,
    StatusChangeSerializer,
    TicketIntakeSerializer,
    TicketSerializer,
    TransferSerializer,
)

# GeoReport v2 recommends capping requests.json; narrow the window with start_date/end_date.
MAX_OPEN311_REQUESTS = 1000


class CanHandleTickets(BasePermission):
    """Workflow actions change a ticket: they need `change_ticket`, whatever the HTTP method says."""

    def has_permission(self, request, view):
        return request.user.has_perm("complaints.change_ticket")


class TicketViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """เรื่องร้องเรียน/ข้อเสนอแนะ/ข้อคิดเห็น/คำชมเชย ในหน่วยงานที่ผู้ใช้เห็น (หน่วยงานของตนและหน่วยงานในสังกัด).

    เรื่องนอกขอบเขตตอบ 404 เหมือนไม่มีเรื่องนั้น. ชื่อและช่องทางติดต่อผู้ร้องเป็น null เมื่อผู้ใช้ไม่มีสิทธิ์เห็น
    (เห็นได้เฉพาะกรรมการ และเจ้าหน้าที่หน่วยงานที่รับผิดชอบ; เรื่องที่ขอปกปิด เฉพาะกรรมการและผู้รับผิดชอบเรื่อง).
    ตัวกรอง `office` รวมหน่วยงานในสังกัดทั้งหมด.
    """

    serializer_class = TicketSerializer
    permission_classes = [ModelPermissions]
    filterset_class = TicketFilter
    lookup_field = "reference"
    queryset = Ticket.objects.none()  # for the schema and the permission class

    def get_queryset(self):
        return ticket_queryset(user=self.request.user).select_related("receiving_office")

    def get_object(self):
        ticket = ticket_get(user=self.request.user, reference=self.kwargs["reference"])
        self.check_object_permissions(self.request, ticket)
        return ticket

    def _ticket_data(self, reference: str) -> dict:
        # Re-read through the selector: fresh state and the complainant_visible rule for this user.
        return TicketSerializer(ticket_get(user=self.request.user, reference=reference)).data

    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _already_received(self, data: dict) -> Ticket | None:
        if not data["source_ref"]:
            return None
        return self.get_queryset().filter(receiving_office=data["office"], source_ref=data["source_ref"]).first()

    @extend_schema(request=TicketIntakeSerializer,
                   responses={201: TicketSerializer, 200: TicketSerializer})
    def create(self, request, *args, **kwargs):
        """รับเรื่องใหม่ (ต้องมีสิทธิ์ add_ticket). ตอบ 201 พร้อมเรื่องที่สร้าง: `reference`, `tracking_code`, `due_on`.

        `office` ต้องเป็นรหัสหน่วยงานที่ผู้ใช้เห็น มิฉะนั้นตอบ 400 “ไม่พบหน่วยงานรหัส …” เหมือนรหัสที่ไม่มีอยู่.
        ข้อมูลไม่ถูกต้องตอบ 400 พร้อมข้อความภาษาไทยรายช่อง และไม่บันทึกอะไรเลย.

        **ส่งซ้ำได้อย่างปลอดภัย (idempotent):** ถ้าหน่วยงาน `office` เคยรับเรื่องที่มี `source_ref` เดียวกันแล้ว
        จะไม่สร้างเรื่องซ้ำและไม่ถือเป็นข้อผิดพลาด แต่ตอบ **200** พร้อมเรื่องเดิมตามที่เป็นอยู่ (ไม่เทียบหรือแก้ไขข้อมูลอื่น
        ในคำขอ). ระบบของอำเภอจึงส่งรายการเดิมซ้ำได้เมื่อไม่แน่ใจว่าครั้งก่อนสำเร็จหรือไม่. ถ้าเรื่องเดิมถูกโอนออกไปนอก
        หน่วยงานที่ผู้ใช้เห็นแล้ว ตอบ 400 ที่ช่อง `source_ref` (ยังไม่สร้างเรื่องซ้ำ).
        """
        data = self._valid(TicketIntakeSerializer)
        existing = self._already_received(data)
        if existing is not None:
            return Response(TicketSerializer(existing).data, status=status.HTTP_200_OK)
        try:
            ticket = ticket_create(**data, by=request.user)
        except (DjangoValidationError, IntegrityError) as exc:
            existing = self._already_received(data)  # a concurrent request with the same source_ref won
            if existing is not None:
                return Response(TicketSerializer(existing).data, status=status.HTTP_200_OK)
            if isinstance(exc, IntegrityError):
                raise
            raise as_field_errors(exc) from exc
        return Response(self._ticket_data(ticket.reference), status=status.HTTP_201_CREATED,
                        headers={"Location": reverse("api:complaint-detail", args=[ticket.reference])})

    @extend_schema(request=ReplyCreateSerializer, responses={201: ReplySerializer})
    @action(detail=True, methods=["post"], url_path="replies", permission_classes=[CanHandleTickets])
    def add_reply(self, request, *args, **kwargs):
        """แจ้งผู้ร้อง (interim = ความคืบหน้า, final = แจ้งผล). การแจ้งผลครั้งแรกของรอบหยุดนับเวลา
        และตรึง `answered_on_time` ของรอบแรก."""
        ticket = self.get_object()
        data = self._valid(ReplyCreateSerializer)
        try:
            reply = ticket_reply(ticket=ticket, by=request.user, **data)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        fresh = ticket_get(user=request.user, reference=ticket.reference)
        return Response(ReplySerializer(reply, context={"ticket": fresh}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusChangeSerializer, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"], url_path="status", permission_classes=[CanHandleTickets])
    def change_status(self, request, *args, **kwargs):
        """เปลี่ยนสถานะตามขั้นตอนที่อนุญาตเท่านั้น (received → screened/rejected → assigned → in_progress;
        answered → closed). เปลี่ยนไม่ได้ตอบ 400 พร้อมเหตุผล; rejected ต้องมี `note`."""
        ticket = self.get_object()
        data = self._valid(StatusChangeSerializer)
        try:
            ticket_change_status(ticket=ticket, to_status=data["status"], note=data["note"], by=request.user)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response(self._ticket_data(ticket.reference))

    @extend_schema(request=AssignSerializer, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"], permission_classes=[CanHandleTickets])
    def assign(self, request, *args, **kwargs):
        """มอบหมายให้หน่วยงาน (รหัสหน่วยงานที่ผู้ใช้เห็น) และผู้รับผิดชอบ (ชื่อผู้ใช้ ไม่บังคับ)."""
        ticket = self.get_object()
        data = self._valid(AssignSerializer)
        try:
            ticket_assign(ticket=ticket, office=data["office"], handler=data["handler"], note=data["note"],
                          by=request.user)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response(self._ticket_data(ticket.reference))

    @extend_schema(request=TransferSerializer, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"], permission_classes=[CanHandleTickets])
    def transfer(self, request, *args, **kwargs):
        """โอนเรื่องไปหน่วยงานอื่น (รหัสหน่วยงานที่ผู้ใช้เห็น). วันครบกำหนดของผู้ร้องไม่เริ่มนับใหม่."""
        ticket = self.get_object()
        data = self._valid(TransferSerializer)
        try:
            ticket_transfer(ticket=ticket, to_office=data["office"], note=data["note"], by=request.user)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response(self._ticket_data(ticket.reference))

    @extend_schema(request=ReopenSerializer, responses={200: TicketSerializer})
    @action(detail=True, methods=["post"], permission_classes=[CanHandleTickets])
    def reopen(self, request, *args, **kwargs):
        """เปิดเรื่องที่แจ้งผลหรือปิดแล้วใหม่: รอบใหม่มีวันครบกำหนดของตัวเอง ผลของรอบแรกคงเดิม."""
        ticket = self.get_object()
        data = self._valid(ReopenSerializer)
        try:
            ticket_reopen(ticket=ticket, reason=data["reason"], by=request.user)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response(self._ticket_data(ticket.reference))


class Open311RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Open311 GeoReport v2: `GET /api/v1/open311/requests.json` และ `/api/v1/open311/requests/{id}.json`.

    ขอบเขตและการยืนยันตัวตนเหมือน API ส่วนอื่น (Token; เห็นเฉพาะหน่วยงานของตนและในสังกัด). ไม่มีข้อมูลส่วนบุคคลเลย:
    ไม่มีผู้ร้อง รายละเอียด หรือผู้รับผิดชอบ. `service_request_id` = เลขที่เรื่อง; `status` = open/closed;
    `status_notes` = ชื่อสถานะ; `service_code`/`service_name` = รหัสและชื่อหมวดหมู่ หรือประเภทเรื่องเมื่อไม่มีหมวดหมู่;
    `description` = เรื่อง; `agency_responsible` = หน่วยงานที่รับผิดชอบ.
    เวลาเป็น ISO 8601 เวลาประเทศไทย (+07:00): `requested_datetime` = วันที่รับเรื่อง 00:00:00;
    `expected_datetime` = วันครบกำหนด **23:59:59** (แจ้งผลภายในวันครบกำหนดถือว่าทันกำหนด; null สำหรับคำชมเชย);
    `updated_datetime` = ความเคลื่อนไหวล่าสุดของเรื่อง.
    รายการเรียงจากวันที่รับเรื่องล่าสุด สูงสุด 1,000 เรื่องต่อคำขอ (ใช้ start_date/end_date แบ่งช่วง). รายการเดียว
    ตอบเป็น array หนึ่งรายการตาม GeoReport v2. มีเฉพาะ JSON.
    """

    serializer_class = Open311RequestSerializer
    permission_classes = [ModelPermissions]
    filterset_class = Open311Filter
    pagination_class = None  # GeoReport v2 answers a plain array, capped below
    lookup_field = "reference"
    lookup_url_kwarg = "service_request_id"
    queryset = Ticket.objects.none()

    def get_queryset(self):
        last_event = TicketEvent.objects.filter(ticket=OuterRef("pk")).order_by("-at", "-id").values("at")[:1]
        return ticket_queryset(user=self.request.user).annotate(updated_at=Subquery(last_event))

    def get_object(self):
        return get_scoped_or_404(self.get_queryset(), self.request.user,
                                 reference=self.kwargs[self.lookup_url_kwarg])

    def list(self, request, *args, **kwargs):
        tickets = self.filter_queryset(self.get_queryset())[:MAX_OPEN311_REQUESTS]
        return Response(self.get_serializer(tickets, many=True).data)

    @extend_schema(operation_id="open311_requests_retrieve", responses={200: Open311RequestSerializer(many=True)})
    def retrieve(self, request, *args, **kwargs):
        return Response([self.get_serializer(self.get_object()).data])
