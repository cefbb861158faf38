"""Building CS5 records for tests through the services, as the pages and the API do."""
from datetime import date

from channels.selectors import channel_by_code
from stakeholders.models import StakeholderGroup

from ..services import MeasureInput, project_save


def group(office, name="เกษตรกร", kind="customer") -> StakeholderGroup:
    return StakeholderGroup.objects.get_or_create(office=office, kind=kind, name=name)[0]


def measure(name, target, result=None, direction="higher", unit="") -> MeasureInput:
    return MeasureInput(name, target, direction, result, unit)


def project(office, *, title="โครงการทดสอบ", fiscal_year=2569, level=2, started_on=date(2025, 11, 1),
            ended_on=None, measures=(), groups=None, info=("website", "line", "facebook"), opinion=("meeting",),
            strategy="ยุทธศาสตร์การเกษตร", **fields):
    return project_save(office=office, fiscal_year=fiscal_year, title=title, level=level, started_on=started_on,
                        ended_on=ended_on, strategy=strategy, groups=groups or [group(office)],
                        info_channels=[channel_by_code(c) for c in info],
                        opinion_channels=[channel_by_code(c) for c in opinion], measures=list(measures), **fields)
