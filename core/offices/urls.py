"""/manage/: the office administrators' screens (namespace `manage`); the holiday calendar's and the deadline
rules' pages come from core.workdays. /account/: the signed-in user's own password and API tokens
(`account_urlpatterns`, namespace `account`, included by pmqa/urls.py)."""
from django.urls import include, path

from . import views, views_account

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
    path("", include("core.workdays.urls")),
]

account_urlpatterns = [
    path("password/", views_account.PasswordChangeView.as_view(), name="password"),
    path("tokens/", views_account.token_list, name="tokens"),
    path("tokens/revoke-all/", views_account.tokens_revoke_all, name="tokens-revoke-all"),
    path("tokens/<str:digest>/revoke/", views_account.token_revoke, name="token-revoke"),
]
