"""The channel list, as other processes read it (complaints take a ticket's channel from here)."""
from django.db.models import QuerySet

from .models import Channel


def channel_list(*, active_only: bool = True) -> QuerySet[Channel]:
    channels = Channel.objects.all()
    return channels.filter(is_active=True) if active_only else channels


def channel_by_code(code: str) -> Channel | None:
    return Channel.objects.filter(code=code).first()
