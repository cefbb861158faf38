"""The REST API under /api/v1/. Every viewset scopes its queryset as the pages do."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from pmqa.offices.api import OfficeViewSet
from pmqa.plans.api.views import ActionPlanViewSet
from pmqa.workdays.api import HolidayViewSet

router = DefaultRouter()
router.register("offices", OfficeViewSet, basename="office")
router.register("holidays", HolidayViewSet, basename="holiday")
router.register("action-plans", ActionPlanViewSet, basename="action-plan")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
