"""The CS7 demo: seed 000's CS7 plan made concrete for Chumphon. Three services with their charts, manuals (one
superseded), a staff manual PDF, the records of FY 2569 and 2570 so far; deterministic, and a second run changes
nothing."""
from datetime import date

import pytest
from django.db.models import Count, Q

from core.demo import load_demo as load_core_demo
from core.offices.models import Office
from reports.indicators import indicators_refresh
from service_standards import demo
from service_standards.choices import ManualStatus, StandardUnit
from service_standards.models import (
    ManualPublication,
    PublicManual,
    Service,
    ServiceRecord,
    ServiceStep,
    StaffManual,
    StaffManualVersion,
    UsageCheck,
)
from service_standards.selectors import rm35_figure
from stakeholders.demo import load_demo as load_groups_demo

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


def _state() -> tuple:
    """Everything the demo writes, as plain values."""
    return (list(Service.objects.order_by("pk").values_list("name", "standard_amount", "standard_unit")),
            list(ServiceStep.objects.order_by("pk").values_list("service__name", "order", "name", "amount")),
            list(PublicManual.objects.order_by("pk").values_list("service__name", "version", "status",
                                                                 "approved_on", "superseded_on")),
            list(ManualPublication.objects.order_by("pk").values_list("manual__version", "method", "published_on")),
            list(StaffManualVersion.objects.order_by("pk").values_list("version", "file_name", "approved_on")),
            list(ServiceRecord.objects.order_by("pk").values_list("office__code", "reference", "received_on",
                                                                  "completed_on", "due_on", "met", "step__order")),
            list(UsageCheck.objects.order_by("pk").values_list("office__code", "kind", "checked_on", "action_status")))


@pytest.fixture
def loaded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_core_demo()
    load_groups_demo()
    saved = demo.load_demo(today=TODAY)
    return saved


def test_the_demo_makes_the_cs7_plan_concrete(loaded):
    province = Office.objects.get(code="CPN")
    services = {s.name: s for s in Service.objects.filter(office=province)}
    assert {s.standard_unit for s in services.values()} == {StandardUnit.WORKING_DAYS, StandardUnit.MINUTES,
                                                            StandardUnit.CALENDAR_DAYS}
    assert all(s.steps.count() == 3 and s.groups.exists() for s in services.values())
    # Farmer registration: version 1 superseded on the day version 2 was first published; both kept.
    registration = services["การขึ้นทะเบียนและปรับปรุงทะเบียนเกษตรกร"]
    v2, v1 = PublicManual.objects.filter(service=registration).order_by("-version")
    assert (v1.status, v2.status) == (ManualStatus.SUPERSEDED, ManualStatus.PUBLISHED)
    assert v1.superseded_on == v2.publications.order_by("published_on").first().published_on
    assert v1.approved_on < v1.superseded_on and v2.approver_name and v2.publications.count() == 3
    assert PublicManual.objects.filter(status=ManualStatus.PUBLISHED).count() == 3
    staff = StaffManualVersion.objects.get()
    assert staff.file.read(5) == b"%PDF-" and staff.approved_on
    # A few hundred records per service over FY 2569 and 2570 so far, across the province and its districts.
    per_service = ServiceRecord.objects.values("service").annotate(
        n=Count("pk"), late=Count("pk", filter=Q(met=False)), open=Count("pk", filter=Q(met__isnull=True)))
    assert all(row["n"] >= 150 and row["late"] > 0 for row in per_service)
    assert sum(row["open"] for row in per_service) > 0
    assert loaded == ServiceRecord.objects.count()
    assert ServiceRecord.objects.values("office").distinct().count() == 4
    assert ServiceRecord.objects.filter(met=False, step__order=2).exists()  # held at the checking step
    figure = rm35_figure(office=province, fiscal_year=2569, today=TODAY)
    assert 75 < figure.value < 95 and figure.denominator > 500
    # Checks on use of every kind, at the province and its districts, with corrective actions done and still open.
    checks = UsageCheck.objects.all()
    assert set(checks.values_list("kind", flat=True)) == {"observation", "supervisor_rating", "internal_audit"}
    assert set(checks.values_list("action_status", flat=True)) == {"none_needed", "planned", "in_progress", "done"}
    assert checks.values("office").distinct().count() == 4 and all(c.checked_on <= TODAY for c in checks)


def test_the_demo_loads_twice_without_change(loaded):
    before = _state()
    assert demo.load_demo(today=TODAY) == 0
    assert _state() == before


def test_the_demo_is_the_same_every_time(settings, tmp_path):
    """Seeded random numbers: the same day gives the same records (what the first test's counts rely on)."""
    settings.MEDIA_ROOT = tmp_path
    load_core_demo()
    load_groups_demo()
    demo.load_demo(today=TODAY)
    first = _state()
    ServiceRecord.objects.all().delete()
    UsageCheck.objects.all().delete()
    StaffManual.objects.all().delete()
    ManualPublication.objects.all().delete()
    PublicManual.objects.all().delete()
    Service.objects.all().delete()
    demo.load_demo(today=TODAY)
    assert _state() == first


def test_the_demo_plan_computes_rm35(loaded):
    from core.plans.choices import Metric
    from core.plans.models import Indicator

    indicators_refresh()
    rm35 = Indicator.objects.get(plan__office__code="CPN", plan__fiscal_year=2569, code="RM 3.5")
    assert rm35.metric == Metric.RM35
    assert rm35.computed_result is not None
    assert rm35.computed_result == rm35_figure(office=rm35.plan.office, fiscal_year=2569).value
