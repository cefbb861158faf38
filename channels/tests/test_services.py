"""The CS2 services: counts keyed all or nothing and idempotently, scoped offices and channels, the registers'
picks limited to the office's own and inherited groups and channels, the national list kept by its keepers."""
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from channels import services
from channels.models import ChannelUsage
from channels.selectors import channel_by_code
from tests.isolation_walk import jpeg_file

from .factories import cs21_row, key, make_channel, make_group

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    return {(u.office.code, u.channel.code, u.fiscal_year): u.count for u in ChannelUsage.objects.all()}


def test_keying_the_same_counts_again_changes_nothing_and_new_numbers_replace_old(offices, people):
    alice = people["alice"]
    first = key(alice, ("PROV", "phone", 2569, 10), ("DIST-A", "line", 2569, 5))
    assert (first.created, first.changed, first.unchanged) == (2, 0, 0)
    again = key(alice, ("PROV", "phone", 2569, 10), ("DIST-A", "line", 2569, 5))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    changed = key(alice, ("PROV", "phone", 2569, "1,234"), ("DIST-A", "line", 2569, 5))
    assert (changed.created, changed.changed, changed.unchanged) == (0, 1, 1)
    assert _counts() == {("PROV", "phone", 2569): 1234, ("DIST-A", "line", 2569): 5}


def test_one_wrong_entry_writes_nothing_and_each_is_named(offices, people):
    with pytest.raises(ValidationError) as refused:
        key(people["alice"], ("PROV", "phone", 2569, 10), ("PROV", "no-such", 2569, 1), ("PROV", "line", 2571, 1),
            ("PROV", "fax", "ปีนี้", -3), ("PROV", "phone", 2569, 11))
    errors = refused.value.message_dict
    assert set(errors) == {"2.channel", "3.fiscal_year", "4.channel", "4.fiscal_year", "4.count", "5.channel"}
    assert "ซ้ำกับรายการที่ 1" in errors["5.channel"][0]
    assert ChannelUsage.objects.count() == 0


def test_an_office_outside_the_users_scope_reads_as_unknown(offices, people):
    with pytest.raises(ValidationError) as outside:
        key(people["bob"], ("PROV", "phone", 2569, 1))  # bob is at DIST-A: his province is above him
    with pytest.raises(ValidationError) as unknown:
        key(people["bob"], ("NOPE", "phone", 2569, 1))
    assert outside.value.message_dict["1.office"][0].replace("PROV", "X") == \
        unknown.value.message_dict["1.office"][0].replace("NOPE", "X")
    assert key(people["bob"], ("DIST-A", "phone", 2569, 1)).created == 1


def test_an_offices_own_channel_is_its_subtrees_only(offices, people):
    make_channel(office=offices["prov"], code="radio-prov")
    make_channel(office=offices["other"], code="radio-other")
    assert key(people["alice"], ("DIST-A", "radio-prov", 2569, 3)).created == 1  # a province's channel is its district's
    with pytest.raises(ValidationError) as refused:
        key(people["root"], ("PROV", "radio-other", 2569, 3))
    assert "ไม่พบช่องทางรหัส" in refused.value.message_dict["1.channel"][0]


def test_cs21_takes_only_the_offices_own_and_inherited_groups_and_channels(offices):
    mine = make_group(office=offices["dept"], name="ประชาชน")
    theirs = make_group(office=offices["other"], name="กลุ่มของจังหวัดอื่น")
    cs21_row(office=offices["dist_a"], group=mine, channel="phone", reason="ได้ข้อมูลจริง")
    with pytest.raises(ValidationError) as refused:
        cs21_row(office=offices["prov"], group=theirs, channel=make_channel(office=offices["other"], code="x-other"))
    assert set(refused.value.message_dict) == {"group", "channel"}
    with pytest.raises(ValidationError) as twice:
        cs21_row(office=offices["dist_a"], group=mine, channel="phone")
    assert "อยู่แล้ว" in twice.value.message_dict["channel"][0]


def test_the_national_list_is_kept_by_the_top_offices_administrators_and_codes_never_change(offices, people):
    with pytest.raises(PermissionDenied):
        services.channel_save(office=None, code="tiktok", name="TikTok", kind="other", direction="reactive",
                              by=people["alice"])
    tiktok = services.channel_save(office=None, code="tiktok", name="TikTok", kind="other", direction="reactive",
                                   by=people["admin"])
    renamed = services.channel_save(channel=tiktok, office=None, code="changed", name="ติ๊กต็อก", kind="other",
                                    direction="proactive", by=people["admin"])
    assert (renamed.code, renamed.name) == ("tiktok", "ติ๊กต็อก")
    own = services.channel_save(office=offices["prov"], code="radio", name="วิทยุ", kind="other",
                                direction="reactive", by=people["alice"])
    assert own.office == offices["prov"]
    with pytest.raises(PermissionDenied):
        services.channel_save(channel=own, office=own.office, code="radio", name="x", kind="other",
                              direction="reactive", by=people["bob"])
    with pytest.raises(ValidationError) as taken:
        services.channel_save(office=offices["prov"], code="phone", name="x", kind="other", direction="reactive")
    assert "ถูกใช้แล้ว" in taken.value.message_dict["code"][0]


def test_the_migration_keeps_the_codes_and_adds_seed_004s_channels(db):
    for code, kind in (("phone", "phone"), ("suggestion-box", "suggestion_box"), ("instagram", "instagram"),
                       ("x", "x"), ("petition", "petition")):
        assert channel_by_code(code).kind == kind


def test_an_improvements_photos_must_be_images(offices, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as refused:
        services.improvement_create(office=offices["prov"], fiscal_year=2569, topic="ลดเวลารอคิว", steps="จัดคิว",
                                    before_photo=SimpleUploadedFile("before.txt", b"not a photo"))
    assert "before_photo" in refused.value.message_dict
    done = services.improvement_create(office=offices["prov"], fiscal_year=2569, topic="ลดเวลารอคิว",
                                       steps="วิเคราะห์\nจัดคิว", before_photo=jpeg_file("ก่อน.jpg"),
                                       after_photo=jpeg_file("after.jpg"), channel=channel_by_code("office"))
    assert (done.before_photo_type, done.before_photo_name, done.step_lines) == ("image/jpeg", "ก่อน.jpg",
                                                                                 ["วิเคราะห์", "จัดคิว"])


def test_review_needs_a_channel_of_the_office(offices):
    with pytest.raises(ValidationError) as refused:
        services.review_save(office=offices["prov"], channel=make_channel(office=offices["other"], code="o-1"),
                             reviewed_on=date(2026, 3, 1))
    assert "channel" in refused.value.message_dict
