"""The signed-in user's own account: password and API tokens; and the page of a sign-in locked by django-axes."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from core.ratelimit import client_address

from . import selectors, services
from .forms import ThaiPasswordChangeForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own view (checks the current password, keeps this session signed in), in Thai."""

    form_class = ThaiPasswordChangeForm
    template_name = "offices/password_change.html"
    success_url = reverse_lazy("account:tokens")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The change itself revoked the tokens (core.offices.passwords.RevokeApiTokensOnPasswordChange).
        messages.success(self.request, "เปลี่ยนรหัสผ่านแล้ว โทเค็น API เดิมทั้งหมดของท่านถูกยกเลิก")
        return response


@login_required
def token_list(request):
    """The user's tokens; POST makes a new one, shown on this answer only (the database keeps a hash)."""
    new_token = None
    if request.method == "POST":
        _token, new_token = services.token_create(user=request.user)
    return render(request, "offices/token_list.html", {
        "tokens": selectors.token_list(user=request.user), "new_token": new_token,
    })


@login_required
@require_POST
def token_revoke(request, digest: str):
    token = selectors.token_get(user=request.user, digest=digest)
    services.token_revoke(token=token)
    messages.success(request, "ยกเลิกโทเค็นแล้ว")
    return redirect("account:tokens")


@login_required
@require_POST
def tokens_revoke_all(request):
    count = services.tokens_revoke_all(user=request.user)
    messages.success(request, f"ยกเลิกโทเค็นทั้งหมดแล้ว ({count} รายการ)")
    return redirect("account:tokens")


def login_locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, status 429, saying until when and who can unlock it."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = selectors.login_locked_until(username=username, ip_address=client_address(request))
    form = AuthenticationForm(request, initial={"username": username})
    return render(request, "registration/login.html", {
        "form": form, "locked_out": True, "locked_until": until, "next": request.POST.get("next", ""),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)
