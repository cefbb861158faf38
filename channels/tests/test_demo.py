"""The CS2 demo: three years of counts for the Chumphon province and its districts, table CS2-1, a review, CS2-A and
an improvement with both photos; a second run adds nothing."""
import pytest

from channels.demo import load_demo
from channels.models import ChannelReview, ChannelUsage, GroupChannel, HeardImprovement, InformationType
from core.demo import load_demo as load_core_demo
from stakeholders.demo import load_demo as load_groups_demo

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_cs2_register_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_core_demo()
    load_groups_demo()
    keyed = load_demo()
    assert keyed == 4 * 9 * 3  # the province and its three districts × nine channels × three years
    assert ChannelUsage.objects.values("fiscal_year").distinct().count() == 3
    assert GroupChannel.objects.filter(office__code="CPN").count() == 6
    assert GroupChannel.objects.values("group").distinct().count() == 4  # 4 of the province's 8 groups
    assert ChannelReview.objects.count() == 1 and InformationType.objects.values("fiscal_year").distinct().count() == 2  # FY 2569 and today's
    improvement = HeardImprovement.objects.get()
    assert improvement.before_photo_type == improvement.after_photo_type == "image/jpeg"
    assert load_demo() == 0 and ChannelUsage.objects.count() == keyed
