"""The Django admin of CS3 (superusers only, pmqa.admin_site): the complaint categories and their deadline rules.
Office administrators use /cs3/categories/; both go through the same services."""
from django.contrib import admin

from .models import Category
from .services import category_delete, category_save


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "deadline_rule", "is_active"]
    list_filter = ["is_active", "deadline_rule"]
    list_select_related = ["deadline_rule"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        # Through the service, so the admin and the screens check the same (and name the same Thai refusals).
        saved = category_save(category=obj if change else None, name=obj.name, deadline_rule=obj.deadline_rule,
                              is_active=obj.is_active, by=request.user)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # A category tickets were filed under is switched off, never deleted (they keep it).
        if obj is not None and obj.tickets.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        category_delete(category=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for category in queryset:
            category_delete(category=category, by=request.user)
