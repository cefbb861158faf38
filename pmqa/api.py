"""The REST API under /api/v1/. Every viewset scopes its queryset as the pages do."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from assessment.api.views import Pmqa40ViewSet
from channels.api.views import ChannelUsageViewSet, ChannelViewSet
from complaints.api.views import Open311RequestViewSet, TicketViewSet
from core.offices.api.views import OfficeViewSet
from core.plans.api.views import ActionPlanViewSet
from core.workdays.api.views import HolidayViewSet
from networks.api.views import ActivityViewSet, NetworkViewSet
from participation.api.views import ProjectViewSet as ParticipationProjectViewSet
from reports.api.annual import AnnualReportViewSet
from reports.api.packs import EvidencePackViewSet
from reports.api.views import IndicatorViewSet
from satisfaction.api.views import SurveyViewSet
from service_standards.api.views import ServiceViewSet
from stakeholders.api.views import GroupViewSet, MissionViewSet

router = DefaultRouter()
router.register("offices", OfficeViewSet, basename="office")
router.register("holidays", HolidayViewSet, basename="holiday")
router.register("action-plans", ActionPlanViewSet, basename="action-plan")
router.register("stakeholder-groups", GroupViewSet, basename="stakeholder-group")
router.register("missions", MissionViewSet, basename="mission")
router.register("channels", ChannelViewSet, basename="channel")
# CS2: keyed channel usage counts of an office's subtree, beside the complaints and survey responses counted by channel.
router.register("channel-usage", ChannelUsageViewSet, basename="channel-usage")
router.register("complaints", TicketViewSet, basename="complaint")
# GeoReport v2 names: /api/v1/open311/requests.json and /api/v1/open311/requests/{service_request_id}.json
router.register("open311/requests", Open311RequestViewSet, basename="open311-request")
# CS4: networks and their activities; an activity's evaluation is a survey round (then /surveys/{id}/responses/).
router.register("networks", NetworkViewSet, basename="network")
router.register("network-activities", ActivityViewSet, basename="network-activity")
# CS5: participation projects and their outcome measures (RM 3.4 is `rm34` in the indicators API).
router.register("participation-projects", ParticipationProjectViewSet, basename="participation-project")
router.register("surveys", SurveyViewSet, basename="survey")
# CS7: services with their standard and steps; a service's records at /services/{id}/records/ (RM 3.5 is `rm35`).
router.register("services", ServiceViewSet, basename="service")
# Every computed indicator of an office's subtree and a fiscal year (reports.wiring.METRICS).
router.register("indicators", IndicatorViewSet, basename="indicator")
# The annual Category 3 report (seed 002) of an office's subtree and a fiscal year: ?format=pdf|xlsx.
router.register("reports/annual", AnnualReportViewSet, basename="annual-report")
# PMQA 4.0: an office's self-assessment (items 3.1.1–3.4.5) and its 7.2 result tables for a fiscal year.
router.register("pmqa40", Pmqa40ViewSet, basename="pmqa40")
# The assessors' evidence packs: start a build, follow it, download its PDF and ZIP (reports.packs).
router.register("evidence-packs", EvidencePackViewSet, basename="evidence-pack")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: the Content-Security-Policy allows no inline one.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
