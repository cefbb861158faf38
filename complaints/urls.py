"""CS3 URLs: the staff pages under /cs3/ (namespace `complaints`) and the citizens' pages under /public/
(`public_urlpatterns`, namespace `public`, included by pmqa/urls.py)."""
from django.urls import path

from . import views, views_categories, views_dashboard, views_import, views_public, views_public_ita, views_reports

app_name = "complaints"
urlpatterns = [
    path("", views.ticket_list, name="index"),
    path("queue/", views.ticket_queue, name="queue"),
    path("new/", views.ticket_new, name="new"),
    path("export.xlsx", views.ticket_export, name="export"),
    path("register.pdf", views_reports.register_pdf, name="register-pdf"),
    # The ITA complaint-handling report: the committee's page (figures, PDF, publish) and its PDF.
    path("ita/", views_reports.ita, name="ita"),
    path("ita/pdf/", views_reports.ita_pdf, name="ita-pdf"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("import/", views_import.import_start, name="import"),
    path("import/template.<str:fmt>", views_import.import_template, name="import-template"),
    path("import/<str:token>/confirm/", views_import.import_confirm, name="import-confirm"),
    path("follow-up/", views.follow_up, name="follow-up"),
    path("t/<str:reference>/", views.ticket_detail, name="detail"),
    path("t/<str:reference>/action/<str:action>/", views.ticket_action, name="action"),
    path("t/<str:reference>/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    # The national list of categories and the deadline rule each carries.
    path("categories/", views_categories.categories, name="categories"),
    path("categories/new/", views_categories.category_add, name="category-add"),
    path("categories/<int:pk>/", views_categories.category_edit, name="category-edit"),
    path("categories/<int:pk>/delete/", views_categories.category_delete, name="category-delete"),
]

# No login: a citizen files a complaint and follows it by its tracking code.
public_urlpatterns = [
    path("", views_public.submit, name="submit"),
    path("track/", views_public.track, name="track"),
    # An office's published ITA complaint-handling reports, linked from its website.
    path("ita/<str:code>/", views_public_ita.office_reports, name="ita-office"),
    path("ita/<str:code>/<int:fiscal_year>/<str:period>/", views_public_ita.report, name="ita"),
    path("ita/<str:code>/<int:fiscal_year>/<str:period>/pdf/", views_public_ita.report_pdf, name="ita-pdf"),
]
