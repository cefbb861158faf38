"""RM 3.1 and RM 3.2 on hand-worked tables, as a Thai survey report would print them."""
from decimal import Decimal as D

import pytest

from satisfaction import metrics

# Ten answers on a 5-point scale: 5,5,5,4,4,4,3,3,2,1 (and 2 "no opinion", which count nowhere).
TEN = {5: 3, 4: 3, 3: 2, 2: 1, 1: 1, -1: 2}


def test_mean_sd_and_band_of_one_item():
    stats = metrics.rating_stats(TEN)
    # mean = 36 / 10 = 3.60; SD = sqrt(Σ(x − 3.6)² / 9) = sqrt(16.4 / 9) = 1.3499
    assert (stats.n, stats.mean, stats.sd) == (10, D("3.60"), D("1.35"))
    assert metrics.band(stats.mean, metrics.default_bands(5)) == "มาก"


def test_rm31_both_ways_and_rm32():
    assert metrics.mean_percent(TEN, 5) == D("72.00")  # 3.60 ÷ 5 × 100
    assert metrics.top2_percent(TEN, 5) == D("60.00")  # (3 + 3) ÷ 10
    assert metrics.bottom2_percent(TEN) == D("20.00")  # (1 + 1) ÷ 10


def test_a_four_point_scale():
    four = {4: 5, 3: 3, 2: 1, 1: 1}  # 20 + 9 + 2 + 1 = 32 over 10 answers: mean 3.20
    assert metrics.mean_percent(four, 4) == D("80.00")
    assert metrics.top2_percent(four, 4) == D("80.00")  # the top two points of four are 4 and 3
    assert metrics.bottom2_percent(four) == D("20.00")
    bands = metrics.default_bands(4)
    assert bands[0] == (D("3.26"), D("4.00"), "มากที่สุด") and bands[-1] == (D("1.00"), D("1.75"), "น้อยที่สุด")
    assert metrics.band(D("3.20"), bands) == "มาก"


def test_only_no_opinion_gives_no_figure():
    assert metrics.rating_stats({-1: 4}).n == 0
    assert metrics.mean_percent({-1: 4}, 5) is None and metrics.top2_percent({}, 5) is None


def test_rounds_on_four_and_five_point_scales_pool_answer_by_answer():
    """A 5-point round, 1 of 8 answers in its top two (a 5), and a 4-point round, 1 of 7 (a 3): 2 of 15 = 13.33 %,
    not the mean of the rounds' rounded percents (12.50 and 14.29, weighted: 13.34)."""
    five, four = {5: 1, 1: 7}, {3: 1, 1: 6}
    top = metrics.top2_count(five, 5) + metrics.top2_count(four, 4)
    assert (top, metrics.answered(five) + metrics.answered(four)) == (2, 15)
    assert metrics.share_percent(top, 15) == D("13.33")
    # Mean: (5 + 7) ÷ 5 + (3 + 6) ÷ 4 = 2.4 + 2.25 = 4.65 over 15 answers = 31.00 %.
    assert metrics.mean_share({5: five, 4: four}) == D("31.00")


def test_pooling_items_counts_every_answer():
    assert metrics.pooled([{5: 1, 4: 1}, {4: 2, -1: 1}]) == {5: 1, 4: 3, -1: 1}


@pytest.mark.parametrize("before, after, significant", [
    ({3: 10, 4: 10}, {4: 10, 5: 10}, True),  # a whole point better, little spread
    ({3: 5, 4: 5, 5: 5}, {3: 4, 4: 5, 5: 6}, False),  # 4.00 → 4.13 with 15 each: chance
])
def test_comparing_two_rounds(before, after, significant):
    comparison = metrics.compare(before, after)
    assert comparison.significant is significant
    assert comparison.change == comparison.after.mean - comparison.before.mean


def test_the_t_distribution_matches_published_values():
    assert round(2 * metrics._student_t_sf(2.0, 10), 4) == 0.0734
    assert round(2 * metrics._student_t_sf(1.96, 1_000_000), 3) == 0.050


def test_a_questionnaire_may_carry_its_own_bands():
    custom = [[4, 5, "ดีมาก"], [3, 3.99, "ดี"], [1, 2.99, "ควรปรับปรุง"]]
    assert metrics.bands_check(custom, 5) is None
    assert metrics.band(D("3.50"), metrics.bands_for(custom, 5)) == "ดี"
    assert metrics.bands_for([], 5) == metrics.FIVE_POINT_BANDS
    assert "ต้องอยู่ระหว่าง 1–5" in metrics.bands_check([[4, 6, "เกิน"]], 5)
