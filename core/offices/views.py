"""The office administrators' screens (/manage/): the people and offices of their subtree. Thin views.

Everything is read through the selectors, which scope to the administrator's subtree: a user or office outside it
is a 404. The roles offered are the app's five; superuser status, staff status, groups and permissions are not
fields anywhere here (the Django admin is for superusers only).
"""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from core.forms import add_service_errors

from . import selectors, services
from .filters import UserFilter
from .forms import OfficeCreateForm, OfficeEditForm, SetPasswordForm, UserCreateForm, UserEditForm
from .roles import role_of
from .tables import UserTable


@login_required
def manage_index(request):
    if request.user.has_perm("offices.view_user"):
        return redirect("manage:users")
    return redirect("manage:holidays")


@login_required
@permission_required("offices.view_user", raise_exception=True)
def user_list(request):
    filterset = UserFilter(request.GET or None, queryset=selectors.user_list(user=request.user), user=request.user)
    table = UserTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "offices/user_list.html", {"filter": filterset, "table": table, "tab": "users"})


@login_required
@permission_required("offices.add_user", raise_exception=True)
def user_create(request):
    form = UserCreateForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                username=data["username"], office=data["office"], role=data["role"], by=request.user,
                password=data["password1"] or None, first_name=data["first_name"], last_name=data["last_name"],
                email=data["email"], position=data["position"], line_user_id=data["line_user_id"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"เพิ่มผู้ใช้ {user.username} แล้ว")
            return redirect("manage:user-edit", pk=user.pk)
    return render(request, "offices/user_form.html", {"form": form, "tab": "users"},
                  status=400 if form.errors else 200)


@login_required
@permission_required("offices.change_user", raise_exception=True)
def user_edit(request, pk: int):
    person = selectors.user_get(user=request.user, pk=pk)
    initial = {"first_name": person.first_name, "last_name": person.last_name, "email": person.email,
               "position": person.position, "line_user_id": person.line_user_id, "office": person.office,
               "role": role_of(person)}
    form = UserEditForm(request.POST or None, initial=initial, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(user=person, by=request.user, office=data["office"], role=data["role"],
                                 first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                                 position=data["position"], line_user_id=data["line_user_id"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกข้อมูลผู้ใช้ {person.username} แล้ว")
            return redirect("manage:user-edit", pk=person.pk)
    return render(request, "offices/user_form.html", {
        "form": form, "person": person, "tab": "users",
        "failed_logins": selectors.login_failures(username=person.username),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }, status=400 if form.errors else 200)


@login_required
@permission_required("offices.change_user", raise_exception=True)
@require_POST
def user_set_active(request, pk: int):
    person = selectors.user_get(user=request.user, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(user=person, active=active, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{'เปิด' if active else 'ปิด'}การใช้งานบัญชี {person.username} แล้ว")
    return redirect("manage:user-edit", pk=person.pk)


@login_required
@permission_required("offices.change_user", raise_exception=True)
def user_password(request, pk: int):
    person = selectors.user_get(user=request.user, pk=pk)
    form = SetPasswordForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(user=person, password=form.cleaned_data["password1"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"ตั้งรหัสผ่านใหม่ให้ {person.username} แล้ว (โทเค็น API เดิมของผู้ใช้ถูกยกเลิก)")
            return redirect("manage:user-edit", pk=person.pk)
    return render(request, "offices/user_password.html", {"form": form, "person": person, "tab": "users"},
                  status=400 if form.errors else 200)


@login_required
@permission_required("offices.change_user", raise_exception=True)
@require_POST
def user_unlock(request, pk: int):
    person = selectors.user_get(user=request.user, pk=pk)
    services.user_unlock(user=person)
    messages.success(request, f"ปลดล็อกการเข้าสู่ระบบของ {person.username} แล้ว")
    return redirect("manage:user-edit", pk=person.pk)


@login_required
@permission_required("offices.change_office", raise_exception=True)
def office_list(request):
    return render(request, "offices/office_list.html", {"offices": selectors.office_tree(user=request.user),
                                                        "tab": "offices"})


@login_required
@permission_required("offices.add_office", raise_exception=True)
def office_add_child(request, pk: int):
    parent = selectors.office_get(user=request.user, pk=pk)
    form = OfficeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            office = services.office_create(parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"เพิ่มหน่วยงาน {office.name} ภายใต้ {parent.name} แล้ว")
            return redirect("manage:offices")
    return render(request, "offices/office_form.html", {"form": form, "parent": parent, "tab": "offices"},
                  status=400 if form.errors else 200)


@login_required
@permission_required("offices.change_office", raise_exception=True)
def office_edit(request, pk: int):
    office = selectors.office_get(user=request.user, pk=pk)
    initial = {"name": office.name, "short_name": office.short_name, "head": office.head}
    form = OfficeEditForm(request.POST or None, initial=initial, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_update(office=office, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกหน่วยงาน {office.name} แล้ว")
            return redirect("manage:offices")
    return render(request, "offices/office_form.html", {"form": form, "office": office, "tab": "offices"},
                  status=400 if form.errors else 200)
