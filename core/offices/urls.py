"""/manage/: the office administrators' screens. The holiday calendar's pages come from core.workdays."""
from django.urls import include, path

from . import views

app_name = "manage"
urlpatterns = [
    path("", views.manage_index, name="index"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create, name="user-create"),
    path("users/<int:pk>/", views.user_edit, name="user-edit"),
    path("users/<int:pk>/active/", views.user_set_active, name="user-active"),
    path("users/<int:pk>/password/", views.user_password, name="user-password"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user-unlock"),
    path("offices/", views.office_list, name="offices"),
    path("offices/<int:pk>/new-child/", views.office_add_child, name="office-add-child"),
    path("offices/<int:pk>/", views.office_edit, name="office-edit"),
    path("holidays/", include("core.workdays.urls")),
]
