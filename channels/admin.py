from django.contrib import admin

from .models import Channel


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["order", "code", "name", "direction", "is_active"]
    list_display_links = ["code"]
