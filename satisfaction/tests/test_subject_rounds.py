"""A round about a subject (another process's record: a CS4 relationship activity's evaluation) measures that subject,
not the office's service: RM 3.1 and RM 3.2 leave it out, and `rating_histograms` hands its answers to whoever pools
rounds about their records (docs/indicators.md, "CS6")."""
from datetime import date
from decimal import Decimal

import pytest

from satisfaction import selectors
from satisfaction.services import questionnaire_create, responses_record, round_create
from stakeholders.models import StakeholderGroup

pytestmark = pytest.mark.django_db

ITEMS = [{"code": "q1", "text": "ความพึงพอใจ"}, {"code": "d1", "text": "ไม่พึงพอใจหรือไม่", "kind": "yes_no",
                                                 "section": "dissatisfaction"}]


def _round(office, forms, *, subject=None):
    questionnaire = questionnaire_create(office=office, title="แบบสอบถาม", scale_max=5, items=ITEMS)
    survey = round_create(questionnaire=questionnaire, office=office, title="รอบ", starts_on=date(2026, 3, 1),
                          subject=subject)
    responses_record(survey=survey, forms=forms)
    return survey


def test_a_round_about_a_subject_enters_neither_rm31_nor_rm32(offices):
    """The service round: 5 and 4 (one reported dissatisfaction of two). The round about a subject (any record will
    do: a group here, an activity in CS4) has 1, 1, 2, all dissatisfied: counted, it would pull every figure down."""
    prov = offices["prov"]
    _round(prov, [{"q1": 5, "d1": "ไม่ใช่"}, {"q1": 4, "d1": "ใช่"}])
    subject = StakeholderGroup.objects.create(office=prov, kind="customer", name="กลุ่มที่ถูกประเมิน")
    about = _round(prov, [{"q1": 1, "d1": "ใช่"}, {"q1": 1, "d1": "ใช่"}, {"q1": 2, "d1": "ใช่"}], subject=subject)

    figures = {name: getattr(selectors, name)(office=prov, fiscal_year=2569).value for name in
               ("rm31_mean_figure", "rm31_top2_figure", "rm32_bottom2_figure", "rm32_reported_figure")}
    assert figures == {"rm31_mean_figure": Decimal("90.00"), "rm31_top2_figure": Decimal("100.00"),
                       "rm32_bottom2_figure": Decimal("0.00"), "rm32_reported_figure": Decimal("50.00")}

    # Its answers are there for the process that asks about its own records.
    rounds = selectors.rounds_about(StakeholderGroup.objects.filter(pk=subject.pk))
    assert list(rounds) == [about]
    assert selectors.rating_histograms(rounds) == {5: {1: 2, 2: 1, 3: 0, 4: 0, 5: 0}}
    assert selectors.mean_figure(selectors.rating_histograms(rounds)).value == Decimal("26.67")  # 4 / 3 / 5
