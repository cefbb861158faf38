"""The CS7 API: services with their standard and steps (list, create, read, update), and a service's records (a
paginated, filtered list; a posted list saved all or nothing, a reference posted again updating its record). Scoped
as the pages are; every write goes through the services."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions
from core.db import in_chunks
from core.offices.api.serializers import ScopedOfficeField
from core.offices.models import Office
from core.offices.pickers import may_edit
from core.offices.scoping import offices_under, visible_offices

from .. import selectors, services
from ..choices import StandardUnit, Verdict
from ..models import Service, ServiceRecord
from .serializers import RecordInSerializer, RecordSerializer, RecordsPostedSerializer, ServiceSerializer

# One post: a district office's month of records many times over; larger batches go as several posts.
MAX_RECORDS = 5_000
_POSTED_SHAPE = "{reference, received_on, completed_on} หรือ {reference, received_at, completed_at}"


class ServiceFilter(filters.FilterSet):
    office = filters.CharFilter(field_name="office__code", label="รหัสหน่วยงานเจ้าของงานบริการ")
    standard_unit = filters.ChoiceFilter(choices=StandardUnit.choices,
                                         error_messages={"invalid_choice": "ไม่มีหน่วย “%(value)s”"})

    class Meta:
        model = Service
        fields = ["office", "standard_unit", "is_active"]


def _visible_offices(request):
    return visible_offices(request.user) if request is not None else Office.objects.none()


def _iso_date(field_name: str, lookup: str, help_text: str) -> filters.DateFilter:
    # ISO only: Django's default formats would read 3/11/2568 as 11 March 2568 CE, a silent wrong answer.
    return filters.DateFilter(field_name=field_name, lookup_expr=lookup, help_text=help_text, input_formats=["%Y-%m-%d"],
                              error_messages={"invalid": "วันที่ต้องอยู่ในรูป YYYY-MM-DD (ค.ศ.) เช่น 2026-11-21"})


class RecordFilter(filters.FilterSet):
    """A service's records: an office and its subtree, dates of receipt and completion, the verdict, a reference."""

    office = filters.ModelChoiceFilter(queryset=_visible_offices, to_field_name="code", method="filter_office",
                                       help_text="รหัสหน่วยงาน: รวมหน่วยงานในสังกัด",
                                       error_messages={"invalid_choice": "ไม่พบหน่วยงานนี้"})
    received_from = _iso_date("received_on", "gte", "รับคำขอตั้งแต่วันที่ (YYYY-MM-DD)")
    received_to = _iso_date("received_on", "lte", "รับคำขอถึงวันที่ (YYYY-MM-DD)")
    completed_from = _iso_date("completed_on", "gte", "แล้วเสร็จตั้งแต่วันที่ (YYYY-MM-DD)")
    completed_to = _iso_date("completed_on", "lte", "แล้วเสร็จถึงวันที่ (YYYY-MM-DD)")
    verdict = filters.ChoiceFilter(choices=Verdict.choices, method="filter_verdict",
                                   help_text="met (ทันตามมาตรฐาน), late (เกินมาตรฐาน), open (ยังไม่แล้วเสร็จ)",
                                   error_messages={"invalid_choice": "ผลเทียบมาตรฐานต้องเป็น met, late หรือ open"})
    reference = filters.CharFilter(field_name="reference", help_text="เลขที่อ้างอิง (ตรงทั้งหมด)")

    class Meta:
        model = ServiceRecord
        fields = ["office", "received_from", "received_to", "completed_from", "completed_to", "verdict", "reference"]

    def filter_office(self, queryset, name, office):
        return queryset.filter(office__in=offices_under(office).values("pk"))

    def filter_verdict(self, queryset, name, value):
        return queryset.filter(selectors.verdict_q(value))


class RecordOfficeSerializer(serializers.Serializer):
    office = ScopedOfficeField(required=False, help_text="รหัสหน่วยงานเจ้าของบันทึก ค่าเริ่มต้น: หน่วยงานของผู้ใช้")


class RecordPermissions(permissions.BasePermission):
    """A service's records: reading needs view_servicerecord, posting add_servicerecord."""

    def has_permission(self, request, view):
        needed = ("service_standards.view_servicerecord" if request.method in permissions.SAFE_METHODS
                  else "service_standards.add_servicerecord")
        return request.user.has_perm(needed)


class ServiceViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """งานบริการ (CS7) ที่ผู้ใช้เห็นได้ (ของหน่วยงานในสังกัดและของหน่วยงานต้นสังกัดที่ใช้ร่วม) พร้อมมาตรฐาน
    (`standard_amount` + `standard_unit`: `minutes` นาทีในเวลาราชการ, `working_days` วันทำการ, `calendar_days` วันตามปฏิทิน)
    และขั้นตอน (`steps`: `[{name, amount, responsible_unit}]` ในหน่วยเดียวกับมาตรฐาน รวมกันไม่เกินมาตรฐาน).
    แก้ไขได้เฉพาะงานบริการของหน่วยงานในสังกัดของผู้ใช้ (งานบริการของหน่วยงานต้นสังกัดอ่านได้ แก้ไม่ได้: 403)."""

    serializer_class = ServiceSerializer
    permission_classes = [ModelPermissions]
    queryset = Service.objects.none()
    filterset_class = ServiceFilter

    def get_queryset(self):
        return (selectors.services_visible(user=self.request.user)
                .prefetch_related("steps", "groups", "channels").order_by("office__path", "name", "pk"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        office = data.pop("office")
        if not may_edit(self.request.user, "service_standards.add_service", office):
            raise PermissionDenied
        self._save(serializer, office, None, data)

    def perform_update(self, serializer):
        service = serializer.instance
        if not may_edit(self.request.user, "service_standards.change_service", service.office):
            raise PermissionDenied
        data = {"name": service.name, "standard_amount": service.standard_amount,
                "standard_unit": service.standard_unit, "is_active": service.is_active,
                "groups": list(service.groups.all()), "channels": list(service.channels.all()),
                "steps": [{"name": s.name, "amount": s.amount, "responsible_unit": s.responsible_unit}
                          for s in service.steps.all()],
                **{field: getattr(service, field) for field in services.SERVICE_TEXT_FIELDS},
                **serializer.validated_data}  # a partial update keeps what it does not name
        data.pop("office", None)  # a service stays with the office that defined it
        self._save(serializer, service.office, service, data)

    def _save(self, serializer, office: Office, service: Service | None, data: dict):
        data["steps"] = [dict(step) for step in data.get("steps", [])]
        try:
            saved = services.service_save(office=office, service=service, **data)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        serializer.instance = self.get_queryset().get(pk=saved.pk)

    @extend_schema(methods=["GET"], filters=False, responses={200: RecordSerializer(many=True)},
                   parameters=[OpenApiParameter(name, str, description=str(f.extra.get("help_text", "")))
                               for name, f in RecordFilter.base_filters.items()])
    @extend_schema(methods=["POST"], request=RecordInSerializer(many=True), responses={200: RecordsPostedSerializer},
                   parameters=[OpenApiParameter("office", str, description="รหัสหน่วยงานเจ้าของบันทึก "
                                                                           "ค่าเริ่มต้น: หน่วยงานของผู้ใช้")])
    @action(detail=True, methods=["get", "post"], url_path="records", permission_classes=[RecordPermissions],
            filter_backends=[])
    def records(self, request, pk=None, **kwargs):
        """บันทึกการให้บริการของงานบริการนี้. `GET`: รายการที่ผู้ใช้เห็นได้ กรองด้วย office, received_from/received_to,
        completed_from/completed_to, verdict (met/late/open), reference. `POST ?office=CODE`: รายการ
        `[{reference, received_on, completed_on}]` (มาตรฐานเป็นนาทีใช้ `received_at`/`completed_at`) ไม่เกิน 5,000
        รายการ บันทึกทั้งหมดหรือไม่บันทึกเลย ข้อผิดพลาดระบุรายการและช่อง (`3.received_on`); เลขที่อ้างอิงเดิมจะปรับปรุง
        รายการเดิม ตอบรายการที่ส่งพร้อม `due_on` (`due_at`) และ `met` (null = ยังไม่แล้วเสร็จ)."""
        service = self.get_object()
        if request.method == "GET":
            return self._records_list(request, service)
        query = RecordOfficeSerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        office = query.validated_data.get("office") or request.user.office
        if office is None:
            raise serializers.ValidationError({"office": ["กรุณาระบุรหัสหน่วยงาน"]})
        if not may_edit(request.user, "service_standards.add_servicerecord", office):
            raise PermissionDenied
        rows = _posted_rows(service, request.data)
        references = [row["reference"].strip() for row in rows]
        existing = {reference for chunk in in_chunks(references) for reference in ServiceRecord.objects.filter(
            office=office, service=service, reference__in=chunk).values_list("reference", flat=True)}
        try:
            saved = services.records_save(office=office, service=service, rows=rows)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        by_reference = {record.reference: record for record in saved}
        for record in saved:
            record.office = office  # read back with the service and step; the office is the one posted for
        return Response({"created": len(saved) - len(existing), "updated": len(existing),
                         "results": RecordSerializer([by_reference[r] for r in references], many=True).data})

    def _records_list(self, request, service: Service):
        rows = selectors.records_visible(user=request.user).filter(service=service).order_by("-received_on", "-pk")
        filterset = RecordFilter(request.query_params, queryset=rows, request=request)
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        page = self.paginate_queryset(filterset.qs)
        return self.get_paginated_response(RecordSerializer(page, many=True).data)


def _posted_rows(service: Service, data) -> list[dict]:
    """The posted list as `records_save` takes it, or every problem at once keyed by item and field (`3.reference`)."""
    if not isinstance(data, list) or not data:
        raise serializers.ValidationError({"non_field_errors": [f"ต้องส่งเป็นรายการ [{_POSTED_SHAPE}] อย่างน้อย 1 รายการ"]})
    if len(data) > MAX_RECORDS:
        raise serializers.ValidationError({"non_field_errors": [f"ส่งได้ไม่เกิน {MAX_RECORDS:,} รายการต่อครั้ง"]})
    steps = {step.order: step for step in service.steps.all()}
    rows, errors, seen = [], {}, {}
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            errors[str(n)] = [f"รายการที่ {n}: ต้องเป็น {_POSTED_SHAPE}"]
            continue
        posted = RecordInSerializer(data=item)
        if not posted.is_valid():
            errors.update({f"{n}.{field}": [str(m) for m in messages] for field, messages in posted.errors.items()})
            continue
        row = dict(posted.validated_data)
        order = row.pop("step", None)
        if order is not None:
            if order not in steps:
                errors[f"{n}.step"] = [f"ไม่พบขั้นตอนลำดับที่ {order} ของงานบริการนี้"]
                continue
            row["step"] = steps[order]
        problems = services.record_errors(service=service, row=row)
        errors.update({f"{n}.{field}": [message] for field, message in problems.items()})
        reference = row["reference"].strip()
        if "reference" not in problems:
            if reference in seen:
                errors[f"{n}.reference"] = [f"เลขที่อ้างอิงซ้ำกับรายการที่ {seen[reference]}"]
            seen.setdefault(reference, n)
        rows.append(row)
    if errors:
        raise serializers.ValidationError(errors)
    return rows
