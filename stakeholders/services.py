"""Changing the CS1 registers. Forms, the API and the demo all come through here, so one set of checks holds.

Every save runs the model's own validation (choices, lengths, the unique group name, rank from 1) and checks that the
groups and missions it links belong to the office: its own groups and those of the offices above it (a province's
groups are its districts' too), its own missions of the same fiscal year. Refusals are Thai ValidationErrors keyed
by field; nothing is written.
"""
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.offices.models import Office

from .models import DutyRow, Mission, Review, Sipoc, StakeholderGroup
from .selectors import groups_to_pick

GROUP_FIELDS = ("kind", "name", "criteria", "needs", "expectations", "rank", "is_active")


def _check_groups(office: Office, groups: Iterable[StakeholderGroup], errors: dict, linked=None) -> list:
    """The groups a record may link (`selectors.groups_to_pick`); `linked` is the record's current groups (a
    related manager, None for a new record), which it may keep."""
    groups = list(groups)
    kept = linked.values_list("pk", flat=True) if linked is not None else ()
    allowed = set(groups_to_pick(office=office, linked=kept).filter(pk__in=[g.pk for g in groups])
                  .values_list("pk", flat=True))
    if any(group.pk not in allowed for group in groups):
        errors["groups"] = "เลือกได้เฉพาะกลุ่มที่ใช้งานของหน่วยงานนี้หรือของหน่วยงานต้นสังกัด"
    return groups


def _save(instance, errors: dict, **m2m) -> None:
    """Validate `instance` (adding to `errors`), then save it and set its many-to-many links, or raise."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            instance.save()
            for name, values in m2m.items():
                getattr(instance, name).set(values)
    except IntegrityError as exc:  # a concurrent save took the same name between the check and the write
        raise ValidationError({"name": "หน่วยงานนี้มีกลุ่มประเภทนี้ชื่อนี้แล้ว"}) from exc


def group_save(*, office: Office, group: StakeholderGroup | None = None, **fields) -> StakeholderGroup:
    """Create a group of `office`, or change `group` (whose office stays). Fields: GROUP_FIELDS."""
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"unknown group fields: {sorted(unknown)}")
    group = group or StakeholderGroup(office=office)
    for name, value in fields.items():
        setattr(group, name, value)
    _save(group, {})
    return group


def mission_save(*, office: Office, fiscal_year: int, title: str, order: int = 1,
                 groups: Iterable[StakeholderGroup] = (), mission: Mission | None = None) -> Mission:
    errors: dict = {}
    groups = _check_groups(office, groups, errors, mission.groups if mission else None)
    mission = mission or Mission(office=office)
    mission.fiscal_year, mission.title, mission.order = fiscal_year, title, order
    _save(mission, errors, groups=groups)
    return mission


def duty_row_save(*, office: Office, fiscal_year: int, missions: Iterable[Mission] = (),
                  groups: Iterable[StakeholderGroup] = (), row: DutyRow | None = None, **text) -> DutyRow:
    """A row of the analysis table; `text` holds its written columns (ministerial_duty, other_law_duty,
    other_task, process, products) and `order`."""
    errors: dict = {}
    groups = _check_groups(office, groups, errors, row.groups if row else None)
    missions = list(missions)
    if any(m.office_id != office.pk or m.fiscal_year != fiscal_year for m in missions):
        errors["missions"] = "เลือกได้เฉพาะพันธกิจของหน่วยงานนี้ในปีงบประมาณเดียวกัน"
    row = row or DutyRow(office=office)
    row.fiscal_year = fiscal_year
    for name, value in text.items():
        setattr(row, name, value)
    _save(row, errors, missions=missions, groups=groups)
    return row


def sipoc_save(*, office: Office, title: str, groups: Iterable[StakeholderGroup] = (), sipoc: Sipoc | None = None,
               **columns) -> Sipoc:
    """A process's SIPOC; `columns` holds unit, suppliers, inputs, steps, outputs, customers (one entry per line)."""
    errors: dict = {}
    groups = _check_groups(office, groups, errors, sipoc.groups if sipoc else None)
    sipoc = sipoc or Sipoc(office=office)
    sipoc.title = title
    for name, value in columns.items():
        setattr(sipoc, name, value)
    _save(sipoc, errors, groups=groups)
    return sipoc


def review_add(*, office: Office, reviewed_on: date, participants: str, changes: str, by=None) -> Review:
    review = Review(office=office, reviewed_on=reviewed_on, participants=participants, changes=changes,
                    recorded_by=by)
    _save(review, {})
    return review
