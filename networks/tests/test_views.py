"""The CS4 pages as each persona uses them: the two-channel rule on the form, members' personal details hidden from
executives and assessors (page, export), another office's networks and activities a 404 (pages, exports, PDFs,
photos), the evaluation opened from the activity page, and lists whose query count does not grow with the data."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing.factories import UserFactory
from networks import services
from networks.models import Network
from tests.isolation_walk import body_text, jpeg_file

from .factories import evaluate, make_activity, make_group, make_network

pytestmark = pytest.mark.django_db
PERSON, PHONE, EMAIL = "นายสมบัติ ทองดี", "081-234-5601", "sombat@example.com"


@pytest.fixture
def farmers(offices):
    network = make_network(office=offices["prov"], name="เครือข่ายเกษตรกรจังหวัด")
    services.member_add(network=network, kind="person", name=PERSON, position="ประธานเครือข่าย", phone=PHONE,
                        email=EMAIL)
    services.member_add(network=network, kind="organisation", name="วิสาหกิจชุมชนบ้านนาชะอัง")
    return network


def _new_network_post(group, contacts):
    data = {"name": "เครือข่ายใหม่", "form": "club", "groups": [group.pk], "is_active": "on",
            "contacts-TOTAL_FORMS": "4", "contacts-INITIAL_FORMS": "0", "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "10"}
    for n, (kind, value) in enumerate(contacts):
        data[f"contacts-{n}-kind"], data[f"contacts-{n}-value"] = kind, value
    return data


def test_the_form_refuses_a_network_with_one_contact_channel_and_keeps_what_was_typed(client, people, offices):
    group = make_group(office=offices["prov"], name="เกษตรกร")
    client.force_login(people["alice"])
    response = client.post("/cs4/new/?office=PROV", _new_network_post(group, [("line", "กลุ่ม LINE ของเครือข่าย")]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "เครือข่ายต้องมีช่องทางการติดต่อสื่อสารอย่างน้อย 2 ช่องทาง" in text and "กลุ่ม LINE ของเครือข่าย" in text
    assert not Network.objects.exists()
    response = client.post("/cs4/new/?office=PROV", _new_network_post(group, [("line", "กลุ่ม LINE"),
                                                                              ("phone", "077-000-000")]))
    assert response.status_code == 302
    assert Network.objects.get().contact_channels.count() == 2


def test_a_district_and_an_executive_may_not_add_a_network(client, people):
    for who in ("bob", "erin"):
        client.force_login(people[who])
        assert client.get("/cs4/new/?office=PROV").status_code == 403, who


@pytest.mark.parametrize("who, sees", [("alice", True), ("erin", False), ("axel", False), ("bob", False)])
def test_a_members_personal_details_only_for_the_committee_and_the_networks_office(client, people, farmers, who,
                                                                                   sees):
    """Bob (DIST-A's staff) sees PROV's networks? No: his scope is DIST-A only, so the page is a 404 for him."""
    client.force_login(people[who])
    page = client.get(f"/cs4/{farmers.pk}/")
    if who == "bob":
        assert page.status_code == 404
        return
    export = client.get("/cs4/members.xlsx")
    api = client.get("/api/v1/networks/")
    for response in (page, export, api):
        text = body_text(response)
        assert response.status_code == 200
        assert "วิสาหกิจชุมชนบ้านนาชะอัง" in text  # an organisation is no person
        assert "ประธานเครือข่าย" in text
        for secret in (PERSON, PHONE, EMAIL):
            assert (secret in text) is sees, (who, response.request["PATH_INFO"], secret)


def test_the_networks_own_office_staff_see_details_a_province_officer_elsewhere_does_not(client, people, offices):
    network = make_network(office=offices["dist_a"], name="เครือข่ายอำเภอ")
    services.member_add(network=network, kind="person", name=PERSON, phone=PHONE)
    client.force_login(people["bob"])  # DIST-A's own staff
    assert PHONE in client.get(f"/cs4/{network.pk}/").content.decode()


def test_another_offices_networks_activities_and_files_are_404(client, people, offices):
    other = make_network(office=offices["other"], name="เครือข่ายลับของจังหวัดอื่น")
    activity = make_activity(network=other, held_on=date(2026, 3, 1), title="กิจกรรมลับของจังหวัดอื่น")
    photo = services.photo_add(activity=activity, photo=jpeg_file("secret.jpg"))
    client.force_login(people["alice"])
    for url in (f"/cs4/{other.pk}/", f"/cs4/{other.pk}/edit/", f"/cs4/{other.pk}/activities/new/",
                f"/cs4/activities/{activity.pk}/", f"/cs4/activities/{activity.pk}/edit/", f"/cs4/photos/{photo.pk}/",
                "/cs4/activities/?office=OTHER", "/cs4/table/pdf/?office=OTHER", "/cs4/report/pdf/?office=OTHER",
                f"/api/v1/networks/{other.pk}/", f"/api/v1/network-activities/{activity.pk}/"):
        assert client.get(url).status_code == 404, url
    for url in ("/cs4/", "/cs4/export.xlsx", "/cs4/members.xlsx", "/cs4/activities/", "/cs4/activities/export.xlsx",
                "/cs4/report/", "/cs4/report/pdf/", "/cs4/table/pdf/", "/api/v1/networks/",
                "/api/v1/network-activities/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ลับของจังหวัดอื่น" not in body_text(response), url


def test_the_committee_records_an_activity_opens_its_evaluation_and_sees_rm33(client, people, farmers):
    client.force_login(people["alice"])
    response = client.post(f"/cs4/{farmers.pk}/activities/new/", {
        "title": "เวทีแลกเปลี่ยนเรียนรู้", "kind": "formal", "held_on": "18/03/2569", "starts_at": "09:00",
        "ends_at": "12:00", "place": "ศพก. ท่าแซะ", "announced_on": "04/03/2569",
        "announcement": "หนังสือเชิญและกลุ่ม LINE", "co_designed": "on", "participants": "40"})
    assert response.status_code == 302
    activity = farmers.activities.get()
    assert client.post(f"/cs4/activities/{activity.pk}/evaluation/").status_code == 302
    page = client.get(f"/cs4/activities/{activity.pk}/").content.decode()
    assert "/survey/poster/" in page and "/cs6/rounds/" in page
    from networks.selectors import evaluation_round
    from satisfaction.services import responses_record

    responses_record(survey=evaluation_round(activity=activity),
                     forms=[{code: 5 for code in ("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8")}])
    page = client.get("/cs4/activities/?office=PROV&fiscal_year=2569").content.decode()
    assert 'id="rm33-mean">100.00 %' in page


def test_a_district_records_its_own_networks_activities_not_its_provinces(client, people, offices, farmers):
    own = make_network(office=offices["dist_a"], name="เครือข่ายอำเภอ")
    client.force_login(people["bob"])
    data = {"title": "พบปะสมาชิก", "kind": "informal", "held_on": "01/02/2569", "place": "ตำบล"}
    assert client.post(f"/cs4/{own.pk}/activities/new/", data).status_code == 302
    assert client.post(f"/cs4/{farmers.pk}/activities/new/", data).status_code == 404  # not in his scope


def test_an_activity_announced_after_it_was_held_is_refused_on_the_page(client, people, farmers):
    client.force_login(people["alice"])
    response = client.post(f"/cs4/{farmers.pk}/activities/new/", {
        "title": "กิจกรรม", "kind": "formal", "held_on": "18/03/2569", "place": "ที่ไหน", "announced_on": "19/03/2569"})
    assert response.status_code == 400
    assert "ต้องไม่หลังวันที่จัดกิจกรรม" in response.content.decode()


def test_photos_are_checked_and_served_through_the_activitys_scope(client, people, farmers):
    activity = make_activity(network=farmers, held_on=date(2026, 3, 1))
    client.force_login(people["alice"])
    client.post(f"/cs4/activities/{activity.pk}/photos/", {"photo": jpeg_file("meeting.jpg"), "caption": "ภาพ"})
    photo = activity.photos.get()
    response = client.get(f"/cs4/photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(f"/cs4/activities/{activity.pk}/photos/",
                {"photo": SimpleUploadedFile("fake.jpg", b"not an image at all")})
    assert activity.photos.count() == 1


def test_the_pdfs_are_a4_pages(client, people, farmers):
    activity = make_activity(network=farmers, held_on=date(2026, 3, 1), title="เวทีประจำปี")
    services.photo_add(activity=activity, photo=jpeg_file("meeting.jpg"), caption="บรรยากาศ")
    evaluate(activity, [{"q1": 5, "q2": 4}])
    client.force_login(people["axel"])
    for url in ("/cs4/table/pdf/?office=PROV", "/cs4/report/pdf/?office=PROV&fiscal_year=2569"):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
    text = body_text(client.get("/cs4/report/pdf/?office=PROV&fiscal_year=2569"))
    assert "เวทีประจำปี" in text and PHONE not in text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_query_count_does_not_grow_with_the_data(client, people, offices):
    client.force_login(people["alice"])

    def add(n):
        for k in range(n):
            network = make_network(office=offices["prov"], name=f"เครือข่าย {Network.objects.count()}-{k}")
            services.member_add(network=network, kind="person", name="สมาชิก", phone="080")
            activity = make_activity(network=network, held_on=date(2026, 2, 1 + k))
            evaluate(activity, [{"q1": 5, "q2": 4}])

    add(2)
    urls = ["/cs4/", "/cs4/export.xlsx", "/cs4/members.xlsx", "/cs4/activities/?office=PROV&fiscal_year=2569",
            "/cs4/report/?office=PROV&fiscal_year=2569", "/api/v1/networks/"]
    few = {url: _queries(client, url) for url in urls}
    add(6)
    many = {url: _queries(client, url) for url in urls}
    assert many == few


@pytest.mark.parametrize("url", ["/cs4/activities/?fiscal_year=99999", "/cs4/activities/export.xlsx?fiscal_year=²",
                                 "/cs4/report/?fiscal_year=0", "/cs4/report/pdf/?fiscal_year=x",
                                 "/cs4/relationship-plans/?fiscal_year=-1", "/cs4/?form=party",
                                 "/cs4/export.xlsx?group=abc", "/cs4/activities/?office=PROV&kind=party"])
def test_bad_parameters_are_a_thai_400(client, people, url):
    client.force_login(people["alice"])
    response = client.get(url)
    assert response.status_code == 400, url
    assert "คำขอไม่ถูกต้อง" in response.content.decode()


@pytest.mark.parametrize("body", [{"contact_channels": "LINE"}, {"contact_channels": [{"kind": "pigeon", "value": "x"}]},
                                  {"groups": ["abc"]}, {"office": ["PROV"]}, {"name": {"x": 1}}])
def test_the_api_answers_bad_bodies_with_field_errors(people, body):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(people["alice"])
    full = {"office": "PROV", "name": "เครือข่าย", "form": "club", "groups": [], "contact_channels": [], **body}
    response = api.post("/api/v1/networks/", full, format="json")
    assert response.status_code == 400 and set(body) <= set(response.json()), response.json()


def test_the_committee_corrects_a_members_phone_and_a_bad_email_keeps_what_was_typed(client, people, farmers):
    member = farmers.members.get(kind="person")
    client.force_login(people["alice"])
    url = f"/cs4/members/{member.pk}/edit/"
    page = client.get(url)
    assert page.status_code == 200 and PHONE in page.content.decode()  # the form starts from what is kept
    typed = {"kind": "person", "name": PERSON, "position": "ประธานเครือข่าย", "phone": "089-999-0000",
             "email": "ไม่ใช่อีเมล"}
    refused = client.post(url, typed)
    assert refused.status_code == 400
    assert "รูปแบบอีเมลไม่ถูกต้อง" in refused.content.decode() and "089-999-0000" in refused.content.decode()
    member.refresh_from_db()
    assert (member.phone, member.email) == (PHONE, EMAIL)  # nothing changed
    saved = client.post(url, typed | {"email": "sombat.new@example.com"})
    assert saved.status_code == 302 and saved["Location"] == f"/cs4/{farmers.pk}/"
    member.refresh_from_db()
    assert (member.phone, member.email) == ("089-999-0000", "sombat.new@example.com")
    assert farmers.members.count() == 2  # corrected, not added


def test_only_those_who_see_a_members_details_may_correct_them(client, people, offices, farmers):
    member = farmers.members.get(kind="person")
    people["other committee"] = UserFactory(username="olga", office=offices["other"], role="committee")
    for who, status in (("erin", 403), ("axel", 403), ("bob", 403), ("other committee", 404)):
        client.force_login(people[who])
        assert client.get(f"/cs4/members/{member.pk}/edit/").status_code == status, who
        assert client.post(f"/cs4/members/{member.pk}/edit/", {"kind": "person", "name": "x"}).status_code == status
    member.refresh_from_db()
    assert member.name == PERSON
