"""CS4 test data, made through the services (the checks run as in life)."""
from datetime import date

from networks import services
from stakeholders.models import StakeholderGroup

TWO_CHANNELS = [{"kind": "line", "value": "กลุ่ม LINE เครือข่าย"}, {"kind": "phone", "value": "077-000-000"}]


def make_group(*, office, name: str, kind: str = "customer"):
    return StakeholderGroup.objects.create(office=office, kind=kind, name=name, rank=1)


def make_network(*, office, name: str = "เครือข่ายเกษตรกร", groups=None, **fields):
    groups = groups or [make_group(office=office, name=f"กลุ่มของ{name}")]
    return services.network_save(office=office, name=name, form=fields.pop("form", "committee"), groups=groups,
                                 contact_channels=fields.pop("contact_channels", TWO_CHANNELS), **fields)


def make_activity(*, network, held_on: date, title: str = "เวทีแลกเปลี่ยนเรียนรู้", **fields):
    return services.activity_save(network=network, title=title, kind=fields.pop("kind", "formal"), held_on=held_on,
                                  place=fields.pop("place", "ห้องประชุมสำนักงาน"), **fields)


ITEMS = [{"code": "q1", "text": "การแจ้งล่วงหน้า", "kind": "rating"},
         {"code": "q2", "text": "ความพึงพอใจโดยรวม", "kind": "rating"},
         {"code": "d1", "text": "ไม่พึงพอใจหรือไม่", "kind": "yes_no", "section": "dissatisfaction"}]


def evaluate(activity, forms, *, scale_max: int = 5):
    """Open the activity's evaluation on two rating items and record `forms` ({q1, q2, d1})."""
    from satisfaction.services import responses_record

    survey = services.evaluation_open(activity=activity, scale_max=scale_max, items=ITEMS)
    responses_record(survey=survey, forms=forms)
    return survey
