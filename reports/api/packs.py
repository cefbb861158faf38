"""The evidence packs API: start a build, follow its status, download the PDF and the ZIP with the same credentials.

`POST /api/v1/evidence-packs/` (`office`, `fiscal_year`, optional `cs`) → 201 with `id`; `GET
/api/v1/evidence-packs/{id}/` → `status`, `progress` and, when done, `pdf` and `zip` URLs
(`/api/v1/evidence-packs/{id}/pdf/`, `…/zip/`), which answer to the same token. Scoped like the page."""
from functools import partial

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions
from core.files import file_response
from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR
from core.offices.api.serializers import ScopedOfficeField
from core.offices.scoping import scope
from core.plans.choices import CS

from .. import packs
from ..models import EvidencePack, PackStatus
from ..tasks import queue_pack


class EvidencePackRequestSerializer(serializers.Serializer):
    office = ScopedOfficeField(help_text="รหัสหน่วยงาน (ชุดหลักฐานรวมหน่วยงานในสังกัด)")
    fiscal_year = serializers.IntegerField(min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
                                           help_text="ปีงบประมาณ พ.ศ.", error_messages=FISCAL_YEAR_ERRORS)
    cs = serializers.ChoiceField(choices=CS.choices, required=False, allow_null=True,
                                 help_text="กระบวนการ 1–7; เว้นไว้เพื่อจัดทำทุกกระบวนการ",
                                 error_messages={"invalid_choice": gettext_lazy("กระบวนการต้องเป็น 1–7 (CS1–CS7)")})


class EvidencePackSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code", read_only=True)
    pdf = serializers.SerializerMethodField()
    zip = serializers.SerializerMethodField()

    class Meta:
        model = EvidencePack
        fields = ["id", "office", "fiscal_year", "cs", "version", "status", "progress", "stage", "page_count",
                  "error", "created_at", "started_at", "finished_at", "pdf", "zip"]
        read_only_fields = fields

    def _url(self, pack, which) -> str | None:
        if pack.status != PackStatus.DONE:
            return None
        request = self.context.get("request")
        path = f"/api/v1/evidence-packs/{pack.pk}/{which}/"
        return request.build_absolute_uri(path) if request else path

    def get_pdf(self, pack) -> str | None:
        return self._url(pack, "pdf")

    def get_zip(self, pack) -> str | None:
        return self._url(pack, "zip")


class EvidencePackViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin,
                          viewsets.GenericViewSet):
    """ชุดหลักฐานสำหรับผู้ตรวจประเมิน: สั่งจัดทำ (จัดทำในเบื้องหลัง) ติดตามสถานะ และดาวน์โหลด PDF และ ZIP ภายในขอบเขตหน่วยงานของผู้ใช้."""

    serializer_class = EvidencePackSerializer
    permission_classes = [ModelPermissions]
    queryset = EvidencePack.objects.none()  # the model, for the permissions; the rows come from get_queryset

    def get_queryset(self):
        return scope(EvidencePack.objects.select_related("office"), self.request.user).order_by("-created_at", "-pk")

    @extend_schema(request=EvidencePackRequestSerializer, responses={201: EvidencePackSerializer})
    def create(self, request, *args, **kwargs):
        query = EvidencePackRequestSerializer(data=request.data, context={"request": request})
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            with transaction.atomic():
                pack = packs.pack_request(office=data["office"], fiscal_year=data["fiscal_year"], cs=data.get("cs"),
                                          by=request.user)
                transaction.on_commit(partial(queue_pack, pack.pk))
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response(EvidencePackSerializer(pack, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)

    def _download(self, which: str):
        pack = self.get_object()
        file = getattr(pack, which)
        if pack.status != PackStatus.DONE or not file:
            raise Http404
        return file_response(file=file, filename=f"{pack.file_stem}.{which}")

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None, **kwargs):
        """ไฟล์ PDF ของชุดหลักฐาน (เมื่อจัดทำเสร็จแล้ว)."""
        return self._download("pdf")

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def zip(self, request, pk=None, **kwargs):
        """ไฟล์ ZIP ของต้นฉบับหลักฐาน แยกโฟลเดอร์ตามกระบวนการ พร้อมแผ่นดัชนี (เมื่อจัดทำเสร็จแล้ว)."""
        return self._download("zip")
