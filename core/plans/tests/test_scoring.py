"""Percent success and the 1–5 score, on hand-worked cases."""
from decimal import Decimal as D

import pytest

from core.plans.scoring import score, success_percent

RISING = [D(70), D(75), D(80), D(85), D(90)]
FALLING = [D(30), D(25), D(20), D(15), D(10)]


@pytest.mark.parametrize("result, target, direction, expected", [
    (D(80), D(80), "higher", D("100.00")),
    (D(72), D(80), "higher", D("90.00")),
    (D(96), D(80), "higher", D("120.00")),
    (D(20), D(20), "lower", D("100.00")),
    (D(15), D(20), "lower", D("125.00")),
    (D(25), D(20), "lower", D("75.00")),
    (D(50), D(20), "lower", D("0.00")),  # 200 − 250 is clipped at 0
    (D(1), D(3), "higher", D("33.33")),
    (None, D(80), "higher", None),
    (D(5), D(0), "higher", None),
])
def test_success_percent(result, target, direction, expected):
    assert success_percent(result, target, direction) == expected


@pytest.mark.parametrize("result, ladder, expected", [
    (D(80), RISING, D("3.0000")),
    (D(82.5), RISING, D("3.5000")),
    (D(71), RISING, D("1.2000")),
    (D(90), RISING, D("5.0000")),
    (D(99), RISING, D("5.0000")),
    (D(70), RISING, D("1.0000")),
    (D(50), RISING, D("1.0000")),
    (D(20), FALLING, D("3.0000")),
    (D(12), FALLING, D("4.6000")),
    (D(27.5), FALLING, D("1.5000")),
    (D(40), FALLING, D("1.0000")),
    (D(5), FALLING, D("5.0000")),
    (D(80), [D(70), None, D(80), D(85), D(90)], None),
])
def test_score_interpolates_linearly_on_the_ladder(result, ladder, expected):
    assert score(result, ladder) == expected
