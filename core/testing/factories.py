"""factory-boy factories for the core models. Offices are created through the service (tree paths)."""
from datetime import date

import factory

from core.offices.models import Office, User
from core.offices.services import office_create, user_upsert
from core.plans.models import ActionPlan, Indicator, Step


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    code = factory.Sequence(lambda n: f"OFF{n:03d}")
    name = factory.Sequence(lambda n: f"สำนักงานทดสอบ {n}")
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return office_create(parent=parent, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    office = factory.SubFactory(OfficeFactory)
    role = "office_staff"
    password = "secret-pass-123"

    @classmethod
    def _create(cls, model_class, *args, role, **kwargs):
        return user_upsert(role=role, **kwargs)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    office = factory.SubFactory(OfficeFactory)
    fiscal_year = 2569
    cs = 3
    title = "กระบวนการทบทวนระบบการจัดการข้อร้องเรียน"
    objective = "เพื่อให้มีระบบจัดการข้อร้องเรียน"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.SubFactory(ActionPlanFactory)
    code = "RM 3.1"
    name = "ร้อยละความพึงพอใจของผู้รับบริการ"
    target = 80
    level_1, level_2, level_3, level_4, level_5 = 70, 75, 80, 85, 90


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    plan = factory.SubFactory(ActionPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    activity = "ประชุมหารือเพื่อกำหนดแนวทาง"
    duration = "1 วัน"
    planned_start = date(2026, 1, 1)
    planned_end = date(2026, 2, 1)
    owner = "กรรมการPMQA หมวด 3"
