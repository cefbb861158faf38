from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import complaints.urls
import core.offices.urls
import participation.urls
import satisfaction.urls
import service_standards.urls
from core.health import health

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    # For the proxy and the monitoring: no login (core.health).
    path("health/", health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="registration/login.html",
                                                         redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The signed-in user's own password and API tokens.
    path("account/", include((core.offices.urls.account_urlpatterns, "account"))),
    # Office administrators: users and offices of their subtree, the holiday calendar and the deadline rules.
    path("manage/", include("core.offices.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("plans/", include("core.plans.urls")),
    path("cs1/", include("stakeholders.urls")),
    path("cs2/", include("channels.urls")),
    path("cs3/", include("complaints.urls")),
    # The citizens' pages: no login.
    path("public/", include((complaints.urls.public_urlpatterns, "public"))),
    path("survey/", include((satisfaction.urls.public_urlpatterns, "survey_public"))),
    # CS5: what each office published of its participation projects.
    path("participation/", include((participation.urls.public_urlpatterns, "participation_public"))),
    # CS7: a published public manual, opened from its link or QR poster.
    path("manual/", include((service_standards.urls.public_urlpatterns, "manual_public"))),
    path("cs4/", include("networks.urls")),
    path("cs5/", include("participation.urls")),
    path("cs6/", include("satisfaction.urls")),
    path("cs7/", include("service_standards.urls")),
    # PMQA 4.0: the Category 3 self-assessment and the 7.2 result tables.
    path("pmqa40/", include("assessment.urls")),
    # The quarterly executive summaries (reports/summaries.py).
    path("executive/summaries/", include("reports.urls_summaries")),
    # Executives and the committee: every process of an office subtree and fiscal quarter at a glance.
    path("executive/", include("reports.urls")),
    # The Category 3 reports assessors come for: the annual report (seed 002), the ADLI checklist (seed 001).
    path("reports/", include("reports.urls_reports")),
    # The assessors' evidence packs (reports/packs.py): built in the background, versioned, downloaded in scope.
    path("reports/packs/", include("reports.urls_packs")),
    path("api/v1/", include(("pmqa.api", "api"))),
    # The Django admin: superusers only (pmqa.admin_site).
    path("admin/", admin.site.urls),
]

# Thai error pages; a 400 says what was wrong (e.g. a fiscal year that is not a year).
handler400 = "pmqa.views.bad_request"
# 503 when the database cannot be reached, 507 when the upload disk is full, otherwise the plain 500 page.
handler500 = "pmqa.views.server_error"
