"""Superusers may remove old evidence pack versions (with their files) when the media disk fills: docs/operations.md."""
from django.contrib import admin

from .models import EvidencePack
from .packs import pack_delete


@admin.register(EvidencePack)
class EvidencePackAdmin(admin.ModelAdmin):
    list_display = ["office", "fiscal_year", "cs", "version", "status", "page_count", "requested_by", "created_at"]
    list_filter = ["status", "fiscal_year", "cs"]
    search_fields = ["office__code", "office__name"]
    readonly_fields = [field.name for field in EvidencePack._meta.fields]

    def has_add_permission(self, request):
        return False  # a pack is started from /reports/packs/ or the API, never typed in

    def delete_model(self, request, obj):
        pack_delete(pack=obj)

    def delete_queryset(self, request, queryset):
        for pack in queryset:
            pack_delete(pack=pack)
