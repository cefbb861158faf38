"""CS6 improvement evidence: the same file check as plan evidence, served through the round's scope."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.testing.files import HTML, image_bytes, pdf_bytes, upload
from satisfaction.improvements import improvement_create, improvement_status_set
from satisfaction.models import Improvement
from satisfaction.services import questionnaire_create, round_create

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _files_written(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def _round(office, title: str = "รอบ 1/2569"):
    questionnaire = questionnaire_create(office=office, title="ความพึงพอใจ", scale_max=5,
                                         items=[{"code": "q1", "text": "ขั้นตอนสะดวก"}])
    return round_create(questionnaire=questionnaire, office=office, title=title)


@pytest.fixture
def survey(offices):
    return _round(offices["prov"])


def _create(survey, evidence=None) -> Improvement:
    return improvement_create(survey=survey, topic="q1 ขั้นตอนสะดวก", fix="ลดขั้นตอน", owner="งานบริการ", due_on=DUE,
                              evidence=evidence)


def test_html_named_png_is_refused_on_the_page_and_nothing_is_written(client, people, survey, settings):
    client.force_login(people["alice"])
    response = client.post(reverse("satisfaction:improvements", args=[survey.pk]), {
        "topic": "q1 ขั้นตอนสะดวก", "fix": "ลดขั้นตอน", "owner": "งานบริการ", "due_on": "2026-03-31",
        "evidence": upload("ภาพ.png", HTML, "image/png")})
    assert response.status_code == 200
    assert "ไฟล์ ภาพ.png ไม่ใช่รูปภาพ PNG ตามนามสกุล" in response.content.decode()
    assert not Improvement.objects.exists() and not _files_written(settings)


def test_evidence_over_the_cap_is_refused(survey, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        _create(survey, upload("รายงาน.pdf", pdf_bytes()))
    assert "ไฟล์ใหญ่เกินไป: รายงาน.pdf" in caught.value.message_dict["evidence"][0]
    assert not Improvement.objects.exists() and not _files_written(settings)


def test_a_status_change_refuses_bad_evidence_and_changes_nothing(survey, settings):
    improvement = _create(survey)
    with pytest.raises(ValidationError) as caught:
        improvement_status_set(improvement=improvement, status=Improvement.Status.DONE,
                               evidence=upload("ภาพ.jpg", HTML))
    assert caught.value.message_dict == {"evidence": ["ไฟล์ ภาพ.jpg ไม่ใช่รูปภาพ JPEG ตามนามสกุล"]}
    improvement.refresh_from_db()
    assert improvement.status == Improvement.Status.PLANNED and not improvement.evidence
    assert not _files_written(settings)


def test_real_evidence_keeps_its_name_and_verified_type(survey):
    improvement = _create(survey, upload("ภาพกิจกรรม.png", image_bytes(), "text/html"))
    assert (improvement.evidence_name, improvement.evidence_content_type) == ("ภาพกิจกรรม.png", "image/png")
    improvement = improvement_status_set(improvement=improvement, status=Improvement.Status.DONE,
                                         evidence=upload("รายงาน.pdf", pdf_bytes()))
    improvement.refresh_from_db()
    assert (improvement.evidence_name, improvement.evidence_content_type) == ("รายงาน.pdf", "application/pdf")


def test_the_page_links_evidence_to_the_scoped_download(client, people, survey):
    improvement = _create(survey, upload("ภาพกิจกรรม.png", image_bytes()))
    client.force_login(people["alice"])
    body = client.get(reverse("satisfaction:improvements", args=[survey.pk])).content.decode()
    url = reverse("satisfaction:improvement-evidence", args=[survey.pk, improvement.pk])
    assert f'href="{url}"' in body and "/media-not-served/" not in body
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png" and response["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''" in response["Content-Disposition"]  # the Thai name, as uploaded
    assert b"".join(response.streaming_content) == image_bytes()


def test_the_download_is_a_404_outside_the_rounds_scope(client, people, survey, offices):
    improvement = _create(survey, upload("ภาพกิจกรรม.png", image_bytes()))
    url = reverse("satisfaction:improvement-evidence", args=[survey.pk, improvement.pk])
    client.force_login(people["carol"])
    assert client.get(url).status_code == 404
    other = _round(offices["other"], "รอบของจังหวัดอื่น")
    client.force_login(people["alice"])  # a round alice sees, with another round's improvement: no such pair
    assert client.get(reverse("satisfaction:improvement-evidence", args=[other.pk, improvement.pk])).status_code == 404
    own = _round(offices["prov"], "รอบ 2/2569")
    assert client.get(reverse("satisfaction:improvement-evidence", args=[own.pk, improvement.pk])).status_code == 404


def test_an_improvement_without_evidence_has_nothing_to_download(client, people, survey):
    improvement = _create(survey)
    client.force_login(people["alice"])
    url = reverse("satisfaction:improvement-evidence", args=[survey.pk, improvement.pk])
    assert client.get(url).status_code == 404


def test_done_with_evidence_through_the_page(client, people, survey):
    improvement = _create(survey)
    client.force_login(people["alice"])
    response = client.post(reverse("satisfaction:improvements", args=[survey.pk]), {
        "improvement": improvement.pk, "status": "done", "evidence": upload("รายงาน.pdf", pdf_bytes())})
    assert response.status_code == 302
    improvement.refresh_from_db()
    assert improvement.status == Improvement.Status.DONE
    download = client.get(reverse("satisfaction:improvement-evidence", args=[survey.pk, improvement.pk]))
    assert download["Content-Type"] == "application/pdf"
