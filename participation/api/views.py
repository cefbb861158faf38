"""The CS5 API: participation projects with their outcome measures, scoped as the pages are; every write goes
through the services. RM 3.4 itself is served by the indicators API (`rm34`)."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django_filters import rest_framework as filters
from rest_framework import mixins, viewsets

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions
from core.offices.scoping import get_scoped_or_404
from core.plans.choices import Direction

from .. import selectors, services
from ..models import ParticipationProject
from .serializers import ProjectSerializer


class ProjectFilter(filters.FilterSet):
    office = filters.CharFilter(field_name="office__code", label="รหัสหน่วยงาน")

    class Meta:
        model = ParticipationProject
        fields = ["office", "fiscal_year", "level", "is_published"]


class ProjectViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """โครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม (CS5) ของหน่วยงานในสังกัดของผู้ใช้.

    `level` 1–5 (1 ให้ข้อมูล 2 ปรึกษาหารือ 3 เข้ามาเกี่ยวข้อง 4 ร่วมมือ 5 เสริมอำนาจประชาชน); `groups` รหัสกลุ่ม;
    `measures` ตัวชี้วัดผลลัพธ์ `{name, target, direction, result}` — `direction` higher (ยิ่งมากยิ่งดี) หรือ lower
    (ยิ่งน้อยยิ่งดี), `result` null = ยังไม่มีผล. โครงการนับในตัวชี้วัด RM 3.4 (`/api/v1/indicators/`, `rm34`) เมื่อสิ้นสุด
    ในปีงบประมาณ และสำเร็จเมื่อตัวชี้วัดผลลัพธ์ทุกตัวถึงค่าเป้าหมาย. การเผยแพร่ทำที่หน้าโครงการ.
    """

    serializer_class = ProjectSerializer
    permission_classes = [ModelPermissions]
    queryset = ParticipationProject.objects.none()
    filterset_class = ProjectFilter

    def get_queryset(self):
        return (selectors.project_list(user=self.request.user)
                .prefetch_related("info_channels", "opinion_channels",
                                  Prefetch("measures", queryset=selectors.measures_with_verdict()))
                .order_by("-fiscal_year", "office__code", "started_on", "pk"))

    def get_object(self):
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            return get_scoped_or_404(self.get_queryset(), self.request.user, pk=self.kwargs["pk"])
        return super().get_object()

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    def _save(self, serializer, instance):
        data = dict(serializer.validated_data)
        if instance is not None:
            data = {"office": instance.office, "fiscal_year": instance.fiscal_year, "title": instance.title,
                    "level": instance.level, "started_on": instance.started_on, "ended_on": instance.ended_on,
                    "mission": instance.mission, "strategy": instance.strategy, "mechanism": instance.mechanism,
                    "groups": list(instance.groups.all()), "info_channels": list(instance.info_channels.all()),
                    "opinion_channels": list(instance.opinion_channels.all()), "outcome": instance.outcome, **data}
        measures = data.pop("measures", None)
        if measures is not None:
            # The list replaces the measures whole, a PATCH too: what a measure leaves out takes its default.
            measures = [services.MeasureInput(m["name"], m["target"], m.get("direction", Direction.HIGHER),
                                              m.get("result"), m.get("unit", "")) for m in measures]
        try:
            project = services.project_save(project=instance, measures=measures, by=self.request.user, **data)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        serializer.instance = self.get_queryset().get(pk=project.pk)
