from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    # The network register, the network table (seed 002) and each network with its members.
    path("", views.index, name="index"),
    path("export.xlsx", views.export, name="export"),
    path("members.xlsx", views.members_export, name="members-export"),
    path("table/pdf/", views.table_pdf, name="table-pdf"),
    path("new/", views.network_new, name="network-new"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path("<int:pk>/edit/", views.network_edit, name="network-edit"),
    path("<int:pk>/activities/new/", views.activity_new, name="activity-new"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("members/<int:pk>/delete/", views.member_delete, name="member-delete"),
    # Relationship plans per network and year.
    path("relationship-plans/", views.relationship_plans, name="relationship-plans"),
    path("relationship-plans/<int:pk>/", views.relationship_plan_edit, name="relationship-plan-edit"),
    # Activities, their photos and their evaluation (a CS6 round about the activity).
    path("activities/", views.activities, name="activities"),
    path("activities/export.xlsx", views.activities_export, name="activities-export"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/evaluation/", views.activity_evaluation, name="activity-evaluation"),
    path("activities/<int:pk>/photos/", views.photo_add, name="photo-add"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo-delete"),
    # The relationship-activity report (seed 002) and the CS4 action plans.
    path("report/", views.report, name="report"),
    path("report/pdf/", views.report_pdf, name="report-pdf"),
    path("plans/", views.plans, name="plans"),
]
