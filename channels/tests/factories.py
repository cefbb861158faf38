"""CS2 test data, made through the services (the checks run as in life) where they exist."""
from datetime import date

from channels import services
from channels.selectors import channel_by_code
from stakeholders.models import StakeholderGroup


def make_group(*, office, name: str, kind: str = "customer", rank: int = 1, is_active: bool = True):
    return StakeholderGroup.objects.create(office=office, kind=kind, name=name, rank=rank, is_active=is_active)


def make_channel(*, office, code: str, name: str = "", active_from: date | None = None,
                 active_to: date | None = None, is_active: bool = True):
    return services.channel_save(office=office, code=code, name=name or code, kind="other", direction="reactive",
                                 active_from=active_from, active_to=active_to, is_active=is_active)


def cs21_row(*, office, group, channel, **fields):
    channel = channel_by_code(channel) if isinstance(channel, str) else channel
    return services.group_channel_save(office=office, group=group, channel=channel, **fields)


def key(user, *rows, today: date = date(2026, 11, 21)):
    """Key counts as `user`: rows of (office code, channel code, fiscal year, count)."""
    return services.usage_record(user=user, entries=[services.UsageEntry(*row) for row in rows], today=today)
