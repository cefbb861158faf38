"""The CS4 rules, in the services every way in goes through: two contact channels at least, groups from CS1 only,
an activity announced beforehand, one evaluation per activity, built on the CS6 engine."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from networks import services
from networks.models import ContactChannel, Network
from networks.selectors import evaluation_round
from satisfaction.models import Item

from .factories import make_activity, make_group, make_network

pytestmark = pytest.mark.django_db


def test_a_network_needs_two_contact_channels(offices):
    group = make_group(office=offices["prov"], name="เกษตรกร")
    with pytest.raises(ValidationError) as caught:
        services.network_save(office=offices["prov"], name="เครือข่าย", form="club", groups=[group],
                              contact_channels=[{"kind": "line", "value": "กลุ่ม LINE"}, {"kind": "", "value": ""}])
    assert caught.value.message_dict["contact_channels"] == ["เครือข่ายต้องมีช่องทางการติดต่อสื่อสารอย่างน้อย 2 ช่องทาง"]
    assert not Network.objects.exists()


def test_changing_a_network_replaces_its_contact_channels_and_still_needs_two(offices):
    network = make_network(office=offices["prov"])
    services.network_save(network=network, office=offices["prov"], name=network.name, form="club",
                          groups=list(network.groups.all()),
                          contact_channels=[{"kind": "email", "value": "net@example.go.th"},
                                            {"kind": "meeting", "value": "ประชุมทุกเดือน"}])
    assert list(ContactChannel.objects.filter(network=network).values_list("kind", flat=True)) == ["email", "meeting"]
    with pytest.raises(ValidationError):
        services.network_save(network=network, office=offices["prov"], name=network.name, form="club",
                              groups=list(network.groups.all()), contact_channels=[{"kind": "email", "value": "x"}])
    assert ContactChannel.objects.filter(network=network).count() == 2  # nothing changed


def test_a_network_is_drawn_only_from_the_offices_cs1_groups(offices):
    mine, above = make_group(office=offices["dist_a"], name="ของอำเภอ"), make_group(office=offices["prov"], name="จังหวัด")
    strangers = make_group(office=offices["other"], name="จังหวัดอื่น")
    with pytest.raises(ValidationError) as caught:
        make_network(office=offices["dist_a"], groups=[mine, strangers])
    assert "จังหวัดอื่น" in caught.value.message_dict["groups"][0]
    with pytest.raises(ValidationError) as caught:
        services.network_save(office=offices["dist_a"], name="ไม่มีกลุ่ม", form="club", groups=[],
                              contact_channels=[{"kind": "line", "value": "a"}, {"kind": "phone", "value": "b"}])
    assert "อย่างน้อย 1 กลุ่ม" in caught.value.message_dict["groups"][0]
    network = make_network(office=offices["dist_a"], groups=[mine, above])  # its own and its province's
    assert set(network.groups.all()) == {mine, above}


def test_an_activity_is_announced_beforehand_and_its_attendees_are_members(offices):
    network = make_network(office=offices["prov"])
    other = make_network(office=offices["prov"], name="อีกเครือข่าย")
    stranger = services.member_add(network=other, kind="person", name="คนนอก")
    with pytest.raises(ValidationError) as caught:
        make_activity(network=network, held_on=date(2026, 3, 1), announced_on=date(2026, 3, 2), attendees=[stranger])
    assert set(caught.value.message_dict) == {"announced_on", "attendees"}


def test_the_standard_evaluation_is_a_cs6_round_about_the_activity_once(offices):
    network = make_network(office=offices["prov"])
    activity = make_activity(network=network, held_on=date(2026, 3, 1))
    survey = services.evaluation_open(activity=activity, template="network-activity")
    assert survey.subject == activity and survey.office == offices["prov"] and survey.starts_on == date(2026, 3, 1)
    assert evaluation_round(activity=activity) == survey
    items = Item.objects.filter(questionnaire=survey.questionnaire)
    assert items.filter(kind="rating", section="satisfaction").count() == 8
    assert items.get(code="g1").choices == ["กลุ่มของเครือข่ายเกษตรกร", "อื่น ๆ"]  # the network's CS1 groups
    with pytest.raises(ValidationError) as caught:
        services.evaluation_open(activity=activity, template="network-activity")
    assert caught.value.message_dict == {"activity": ["กิจกรรมนี้มีแบบประเมินแล้ว"]}


def test_an_unknown_template_is_refused_in_thai(offices):
    activity = make_activity(network=make_network(office=offices["prov"]), held_on=date(2026, 3, 1))
    with pytest.raises(ValidationError) as caught:
        services.evaluation_open(activity=activity, template="nope")
    assert "ไม่มีแบบประเมินมาตรฐาน" in caught.value.message_dict["template"][0]
