"""The summaries pages: who sees which office's versions and PDFs, and the committee's "make it now".

Personas (root conftest): erin (executive at PROV), alice (committee at PROV), axel (assessor at PROV), bob (office
staff at DIST-A), carol (office staff at OTHER); here olga (executive at OTHER).
"""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.fiscal import fiscal_quarter
from core.offices.models import Office
from core.testing.factories import UserFactory
from reports import summaries
from reports.models import QuarterlySummary, SummaryStatus

pytestmark = pytest.mark.django_db

LIST = reverse("summaries:index")
Q4_2569 = fiscal_quarter(2569, 4)  # Jul–Sep 2026: ended


def figures(**kwargs):
    return {"office": {"code": kwargs["office"].code, "name": kwargs["office"].name}, "today": "2026-10-01"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def ready(code: str, *, quarter=Q4_2569) -> QuarterlySummary:
    summary = summaries.summary_start(office=Office.objects.get(code=code), quarter=quarter)
    return summaries.summary_make(summary=summary, today=date(2026, 10, 1), figures_of=figures)


@pytest.fixture
def made(offices, people):
    UserFactory(username="olga", office=offices["other"], role="executive")
    return {"prov": ready("PROV"), "dist_a": ready("DIST-A"), "other": ready("OTHER")}


@pytest.mark.parametrize("who", ["erin", "alice", "axel"])
def test_executives_committee_and_assessors_see_their_offices_summaries(client, people, made, who):
    client.force_login(people[who])
    page = client.get(LIST, {"office": "PROV", "fiscal_year": 2569})
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("summaries:pdf", args=[made["prov"].pk]) in body
    assert reverse("summaries:pdf", args=[made["other"].pk]) not in body
    pdf = client.get(reverse("summaries:pdf", args=[made["dist_a"].pk]))  # a district below: in scope
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_another_offices_summary_does_not_exist_for_them(client, people, made):
    client.force_login(people["erin"])
    assert client.get(LIST, {"office": "OTHER"}).status_code == 404
    for name in ("summaries:detail", "summaries:pdf"):
        assert client.get(reverse(name, args=[made["other"].pk])).status_code == 404


def test_a_district_does_not_see_its_province(client, offices, made):
    hank = UserFactory(username="hank", office=offices["dist_a"], role="executive")
    client.force_login(hank)
    assert client.get(reverse("summaries:pdf", args=[made["prov"].pk])).status_code == 404
    assert client.get(reverse("summaries:pdf", args=[made["dist_a"].pk])).status_code == 200


def test_office_staff_have_no_summaries(client, people, made):
    client.force_login(people["bob"])
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("summaries:pdf", args=[made["dist_a"].pk])).status_code == 403


def test_a_summary_not_ready_has_no_pdf(client, people, offices):
    pending = summaries.summary_start(office=Office.objects.get(code="PROV"), quarter=Q4_2569)
    client.force_login(people["erin"])
    assert client.get(reverse("summaries:pdf", args=[pending.pk])).status_code == 404
    page = client.get(reverse("summaries:detail", args=[pending.pk]))
    assert page.status_code == 200 and b'http-equiv="refresh"' in page.content


def test_the_committee_makes_a_new_version_in_the_background(client, people, made,
                                                             django_capture_on_commit_callbacks):
    client.force_login(people["alice"])
    assert "สร้างสรุปใหม่" in client.get(LIST, {"office": "PROV", "fiscal_year": 2569}).content.decode()
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("summaries:regenerate"), {"office": "PROV", "quarter": "2569Q4"})
    new = QuarterlySummary.objects.get(office__code="PROV", version=2)
    assert response.status_code == 302 and response.url == reverse("summaries:detail", args=[new.pk])
    assert len(queued) == 1 and new.status == SummaryStatus.PENDING and new.created_by == people["alice"]
    made["prov"].refresh_from_db()
    assert made["prov"].status == SummaryStatus.READY  # the earlier version kept as it was
    page = client.get(response.url)
    assert b'http-equiv="refresh"' in page.content and "รอจัดทำ" in page.content.decode()


@pytest.mark.parametrize(("who", "office", "quarter", "status"), [
    ("erin", "PROV", "2569Q4", 403),  # executives read, do not make
    ("alice", "OTHER", "2569Q4", 404),  # another province does not exist for her
    ("alice", "NOPE", "2569Q4", 404),
    ("alice", "PROV", "2569Q9", 302),  # refused in Thai, back to the list
    ("alice", "PROV", "2700Q1", 302),  # not ended
])
def test_making_a_summary_is_refused(client, people, made, who, office, quarter, status):
    client.force_login(people[who])
    response = client.post(reverse("summaries:regenerate"), {"office": office, "quarter": quarter}, follow=False)
    assert response.status_code == status
    assert QuarterlySummary.objects.count() == 3
    if status == 302:
        page = client.get(response.url)
        assert "ไตรมาส" in page.content.decode() and "alert" in page.content.decode()


def test_the_list_costs_the_same_for_two_versions_or_many(client, people, made):
    client.force_login(people["erin"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST, {"office": "PROV", "fiscal_year": 2569}).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(5):
        summaries.summary_regenerate(office=Office.objects.get(code="PROV"), quarter=Q4_2569, by=people["alice"])
    assert queries() == few
