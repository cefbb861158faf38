"""The evidence packs page, its status JSON, the downloads and the API: who may start, who may read, another office's
pack (404), bad input (Thai, nothing made), and the API's status and downloads with a knox token."""
import pytest
from knox.models import get_token_model
from rest_framework.test import APIClient

from reports import packs
from reports.models import EvidencePack, PackStatus
from reports.tests import pack_fakes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def queued(monkeypatch):
    """The ids queued for building (no broker in these tests)."""
    ids = []
    monkeypatch.setattr("reports.views_packs.queue_pack", ids.append)
    monkeypatch.setattr("reports.api.packs.queue_pack", ids.append)
    return ids


@pytest.fixture
def done(monkeypatch, offices, people):
    pack_fakes.install(monkeypatch)
    pack = packs.pack_request(office=offices["prov"], fiscal_year=2570, cs=4, by=people["axel"])
    return packs.pack_build(pack=pack)


def test_an_assessor_starts_a_pack_and_the_page_follows_it(client, offices, people, queued,
                                                           django_capture_on_commit_callbacks):
    client.force_login(people["axel"])
    page = client.get("/reports/packs/", {"office": "PROV", "fiscal_year": 2570})
    assert page.status_code == 200 and "สร้างชุดหลักฐาน" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/packs/start/", {"office": "PROV", "fiscal_year": "2570", "cs": "4"})
    pack = EvidencePack.objects.get()
    assert response.status_code == 302 and response["Location"] == "/reports/packs/?office=PROV&fiscal_year=2570"
    assert queued == [pack.pk] and (pack.cs, pack.version, pack.requested_by) == (4, 1, people["axel"])

    body = client.get("/reports/packs/", {"office": "PROV", "fiscal_year": 2570}).content.decode()
    assert f'data-status-url="/reports/packs/{pack.pk}/status/"' in body and "js/evidence_packs.js" in body
    status = client.get(f"/reports/packs/{pack.pk}/status/").json()
    assert (status["status"], status["progress"], status["pdf"]) == ("queued", 0, None)


def test_the_status_says_ready_with_the_links_and_both_files_download(client, people, done):
    client.force_login(people["erin"])  # an executive of the office reads
    status = client.get(f"/reports/packs/{done.pk}/status/").json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["message"] == "ชุดหลักฐานพร้อมดาวน์โหลดแล้ว"
    pdf = client.get(status["pdf"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    archive = client.get(status["zip"])
    assert archive.status_code == 200 and b"".join(archive.streaming_content).startswith(b"PK")
    body = client.get("/reports/packs/", {"office": "PROV", "fiscal_year": 2570}).content.decode()
    assert "ชุดหลักฐานพร้อมดาวน์โหลดแล้ว" in body and "สร้างชุดหลักฐาน</button>" not in body  # reads, cannot start
    # Another year's page has none of its own and links to the year that has one.
    other = client.get("/reports/packs/", {"office": "PROV", "fiscal_year": 2571}).content.decode()
    assert "ยังไม่มีชุดหลักฐานของหน่วยงานนี้ในปีงบประมาณนี้" in other
    assert '<a href="?office=PROV&amp;fiscal_year=2570">ปี 2570</a> (1 ฉบับ)' in other


def test_who_may_start(client, offices, people, queued):
    for name in ("erin", "bob"):  # an executive, a district's office staff: they read, they do not start
        client.force_login(people[name])
        assert client.post("/reports/packs/start/", {"office": "PROV", "fiscal_year": "2570"}).status_code == 403
    client.force_login(people["alice"])  # the committee
    assert client.post("/reports/packs/start/", {"office": "DIST-A", "fiscal_year": "2570"}).status_code == 302
    client.force_login(people["carol"])  # another province's staff: the office does not exist for them
    assert client.get("/reports/packs/", {"office": "PROV"}).status_code == 404
    assert EvidencePack.objects.count() == 1


def test_another_office_pack_is_not_there(client, people, done):
    client.force_login(people["carol"])
    for url in (f"/reports/packs/{done.pk}/status/", f"/reports/packs/{done.pk}/pdf/", f"/reports/packs/{done.pk}/zip/"):
        assert client.get(url).status_code in (403, 404)
    bob = people["bob"]  # a district reads its own office's packs, not its province's
    client.force_login(bob)
    assert client.get(f"/reports/packs/{done.pk}/pdf/").status_code == 404


@pytest.mark.parametrize("body", [{"fiscal_year": "²"}, {"fiscal_year": "99999"}, {"cs": "9"}, {"cs": "x" * 300}])
def test_bad_input_on_the_page_says_so_in_thai_and_makes_nothing(client, people, queued, body):
    client.force_login(people["alice"])
    response = client.post("/reports/packs/start/", {"office": "PROV", "fiscal_year": "2570", **body}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ปีงบประมาณต้อง" in text or "กระบวนการต้องเป็น" in text
    assert not EvidencePack.objects.exists() and not queued


def test_the_api_starts_a_pack_answers_its_status_and_serves_its_files_to_the_same_token(offices, people, queued,
                                                                                       monkeypatch,
                                                                                       django_capture_on_commit_callbacks):
    _instance, token = get_token_model().objects.create(user=people["axel"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post("/api/v1/evidence-packs/", {"office": "PROV", "fiscal_year": 2570}, format="json")
    assert created.status_code == 201, created.content
    pack_id = created.json()["id"]
    assert queued == [pack_id]
    status = api.get(f"/api/v1/evidence-packs/{pack_id}/").json()
    assert (status["status"], status["progress"], status["pdf"], status["zip"]) == ("queued", 0, None, None)

    pack_fakes.install(monkeypatch)
    packs.pack_build(pack=EvidencePack.objects.get(pk=pack_id))
    status = api.get(f"/api/v1/evidence-packs/{pack_id}/").json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["pdf"].endswith(f"/api/v1/evidence-packs/{pack_id}/pdf/")
    pdf = api.get(status["pdf"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    archive = api.get(status["zip"])
    assert archive.status_code == 200 and b"".join(archive.streaming_content).startswith(b"PK")
    assert [row["id"] for row in api.get("/api/v1/evidence-packs/").json()["results"]] == [pack_id]


@pytest.mark.parametrize("body, field", [
    ({"office": "OTHER", "fiscal_year": 2570}, "office"),
    ({"office": "NOPE", "fiscal_year": 2570}, "office"),
    ({"office": "PROV", "fiscal_year": "²"}, "fiscal_year"),
    ({"office": "PROV", "fiscal_year": 99999}, "fiscal_year"),
    ({"office": "PROV", "fiscal_year": 2570, "cs": 8}, "cs"),
    ({"fiscal_year": 2570}, "office"),
])
def test_the_api_answers_field_errors(people, queued, body, field):
    api = APIClient()
    api.force_authenticate(people["axel"])
    response = api.post("/api/v1/evidence-packs/", body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not EvidencePack.objects.exists()


def test_the_api_is_scoped(people, done):
    api = APIClient()
    api.force_authenticate(people["carol"])
    assert api.get(f"/api/v1/evidence-packs/{done.pk}/").status_code == 404
    assert api.get(f"/api/v1/evidence-packs/{done.pk}/pdf/").status_code == 404
    assert api.get("/api/v1/evidence-packs/").json()["results"] == []
    api.force_authenticate(people["erin"])  # reads, does not start
    assert api.post("/api/v1/evidence-packs/", {"office": "PROV", "fiscal_year": 2570}, format="json"
                    ).status_code == 403
    assert done.status == PackStatus.DONE
