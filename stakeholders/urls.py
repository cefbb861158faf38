from django.urls import path

from . import views

app_name = "stakeholders"
urlpatterns = [
    path("", views.group_list, name="index"),
    path("groups/export/", views.group_export, name="group-export"),
    path("groups/pdf/", views.group_pdf, name="group-pdf"),
    path("groups/new/", views.group_new, name="group-new"),
    path("groups/<int:pk>/", views.group_edit, name="group-edit"),
    path("missions/", views.missions, name="missions"),
    path("missions/<int:pk>/", views.mission_edit, name="mission-edit"),
    path("duties/", views.duties, name="duties"),
    path("sipoc/", views.sipocs, name="sipocs"),
    path("sipoc/pdf/", views.sipoc_pdf, name="sipoc-pdf"),
    path("reviews/", views.reviews, name="reviews"),
    path("plans/", views.plans, name="plans"),
]
