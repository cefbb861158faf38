"""The complaint categories and the deadline rule each carries (/cs3/categories/): everyone who works with tickets
reads them; the list is national, so only those who may change the national calendar (a superuser, or an
administrator of the top office) add, edit and delete categories here, through the services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.workdays.selectors import may_change_calendar

from . import services
from .forms import CategoryForm
from .models import Category
from .selectors import category_list


def _require_editor(request) -> None:
    if not may_change_calendar(request.user):
        raise PermissionDenied


@login_required
@permission_required("complaints.view_category", raise_exception=True)
def categories(request):
    return render(request, "complaints/category_list.html", {
        "categories": category_list(), "can_edit": may_change_calendar(request.user), "tab": "categories"})


@login_required
def category_add(request):
    _require_editor(request)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category = services.category_save(**form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"เพิ่มหมวดหมู่ {category.name} แล้ว")
            return redirect("complaints:categories")
    return render(request, "complaints/category_form.html", {"form": form, "tab": "categories"},
                  status=400 if form.errors else 200)


@login_required
def category_edit(request, pk: int):
    _require_editor(request)
    category = get_object_or_404(Category, pk=pk)  # the list is national: no office to scope by
    form = CategoryForm(request.POST or None, category=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(category=category, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกหมวดหมู่ {category.name} แล้ว")
            return redirect("complaints:categories")
    return render(request, "complaints/category_form.html", {"form": form, "category": category, "tab": "categories"},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def category_delete(request, pk: int):
    _require_editor(request)
    category = get_object_or_404(Category, pk=pk)
    name = category.name
    try:
        services.category_delete(category=category, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"ลบหมวดหมู่ {name} แล้ว")
    return redirect("complaints:categories")
