"""The two CS2 indicators on hand-worked data (docs/indicators.md, "CS2"), and through the indicators API."""
from datetime import date
from decimal import Decimal

import pytest

from channels.models import ChannelUsage, GroupChannel
from channels.selectors import channel_by_code, channels_figure, group_coverage_figure
from core.plans.figures import Figure

from .factories import cs21_row, make_channel, make_group

pytestmark = pytest.mark.django_db
FY = 2569  # 1 Oct 2025 – 30 Sep 2026


@pytest.fixture
def world(offices):
    """DEPT (ประชาชน, สื่อมวลชน) → PROV (เกษตรกร, อปท., an inactive group) → DIST-A (วิสาหกิจ); OTHER beside PROV."""
    g = {
        "public": make_group(office=offices["dept"], name="ประชาชน"),
        "press": make_group(office=offices["dept"], name="สื่อมวลชน", kind="stakeholder"),
        "farmers": make_group(office=offices["prov"], name="เกษตรกร"),
        "local": make_group(office=offices["prov"], name="อปท.", kind="stakeholder"),
        "old": make_group(office=offices["prov"], name="กลุ่มเลิกใช้", is_active=False),
        "sme": make_group(office=offices["dist_a"], name="วิสาหกิจ"),
    }
    retired = make_channel(office=offices["prov"], code="radio", active_to=date(2025, 9, 30))  # ended in FY 2568
    cs21_row(office=offices["prov"], group=g["farmers"], channel="phone")
    cs21_row(office=offices["dist_a"], group=g["public"], channel="line")
    cs21_row(office=offices["prov"], group=g["local"], channel=retired)  # covers nothing in FY 2569
    cs21_row(office=offices["other"], group=g["press"], channel="meeting")  # another branch: not PROV's
    GroupChannel.objects.create(office=offices["prov"], group=g["old"], channel=channel_by_code("email"))
    usage = [("dist_b", "facebook", FY, 10), ("prov", "website", FY, 0), ("prov", "email", FY - 1, 40),
             ("other", "meeting", FY, 99)]
    for office, code, year, count in usage:
        ChannelUsage.objects.create(office=offices[office], channel=channel_by_code(code), fiscal_year=year,
                                    count=count)
    return g


def test_group_coverage_counts_the_offices_groups_covered_in_its_subtree_through_active_channels(offices, world):
    """PROV works with 4 active groups (DEPT's 2, its own 2): farmers (its row) and the public (DIST-A's row) are
    covered; อปท. only through a channel retired before the year; the press only by OTHER → 2 ÷ 4 = 50.00 %."""
    assert group_coverage_figure(office=offices["prov"], fiscal_year=FY) == Figure(Decimal("50.00"), 2, 4)
    # DIST-A works with 5 (DEPT's 2, PROV's 2, its own) and covers the public only → 20.00 %.
    assert group_coverage_figure(office=offices["dist_a"], fiscal_year=FY) == Figure(Decimal("20.00"), 1, 5)
    # In FY 2568 the radio was still on: อปท. is covered too → 3 ÷ 4.
    assert group_coverage_figure(office=offices["prov"], fiscal_year=FY - 1) == Figure(Decimal("75.00"), 3, 4)


def test_channels_counts_channels_active_in_the_year_named_in_cs21_or_given_users(offices, world):
    """PROV's subtree in FY 2569: phone and LINE (table CS2-1) and Facebook (DIST-B keyed 10 users) = 3; the radio
    is retired, the website was keyed 0, e-mail only in FY 2568 and in a switched-off group's row (still a row: it
    counts), OTHER's meeting is another branch's."""
    figure = channels_figure(office=offices["prov"], fiscal_year=FY)
    assert figure == Figure(Decimal(4), 4, None)  # phone, LINE, Facebook, and e-mail through the inactive group's row
    assert channels_figure(office=offices["dist_a"], fiscal_year=FY) == Figure(Decimal(1), 1, None)
    assert channels_figure(office=offices["other"], fiscal_year=FY) == Figure(Decimal(1), 1, None)


def test_a_switched_off_channel_counts_in_no_year(offices, world):
    channel = channel_by_code("facebook")
    channel.is_active = False
    channel.save()
    assert channels_figure(office=offices["dist_b"], fiscal_year=FY) == Figure(None, 0, None)  # no data, not 0


def test_no_groups_gives_no_coverage_value(offices):
    assert group_coverage_figure(office=offices["other"], fiscal_year=FY) == Figure(None, 0, 0)


def test_the_indicators_api_serves_both(offices, people, world, client):
    client.force_login(people["alice"])
    rows = {row["metric"]: row for row in
            client.get("/api/v1/indicators/", {"office": "PROV", "fiscal_year": FY}).json()["results"]}
    assert rows["cs2_channels"]["value"] == "4.00" and rows["cs2_channels"]["denominator"] is None
    assert (rows["cs2_group_coverage"]["value"], rows["cs2_group_coverage"]["numerator"],
            rows["cs2_group_coverage"]["denominator"]) == ("50.00", 2, 4)
