"""The CS2 pages as each persona uses them: an office never sees another office's rows or counts (page, export,
PDF), the committee keeps table CS2-1, a district keys its own counts, and /cs2/plans/ keeps the plans a tab."""
import pytest
from django.core.cache import cache

from channels.models import ChannelUsage
from core.plans.models import ActionPlan
from tests.isolation_walk import body_text

from .factories import cs21_row, key, make_channel, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(offices):
    cache.clear()
    farmers = make_group(office=offices["prov"], name="เกษตรกรจังหวัด")
    secret = make_group(office=offices["other"], name="กลุ่มลับของจังหวัดอื่น")
    own = make_channel(office=offices["other"], code="other-radio", name="วิทยุลับของจังหวัดอื่น")
    cs21_row(office=offices["prov"], group=farmers, channel="phone", finding="ต้องการคำแนะนำ")
    cs21_row(office=offices["other"], group=secret, channel=own, finding="ผลวิเคราะห์ลับ")
    return farmers


def test_table_cs21_page_export_and_pdf_show_the_offices_rows_only(people, client, rows):
    client.force_login(people["alice"])
    for url in ("/cs2/cs2-1/?office=PROV", "/cs2/cs2-1/export.xlsx?office=PROV", "/cs2/cs2-1/pdf/?office=PROV",
                "/cs2/", "/cs2/export.xlsx"):
        response = client.get(url)
        text = body_text(response)
        assert response.status_code == 200, url
        assert "ลับ" not in text, url
    assert "ต้องการคำแนะนำ" in body_text(client.get("/cs2/cs2-1/export.xlsx?office=PROV"))
    for url in ("/cs2/cs2-1/?office=OTHER", "/cs2/cs2-1/pdf/?office=OTHER", "/cs2/statistics/?office=OTHER",
                "/cs2/statistics/export.xlsx?office=OTHER", "/cs2/statistics/pdf/?office=OTHER"):
        assert client.get(url).status_code == 404, url


def test_the_committee_adds_a_cs21_row_and_a_district_may_not(people, client, offices, rows):
    client.force_login(people["alice"])
    phone_line = {"group": rows.pk, "channel": make_channel(office=offices["prov"], code="radio").pk,
                  "reason": "เข้าถึงง่าย", "analysis_method": "content analysis", "finding": "", "owner": "กลุ่มยุทธศาสตร์"}
    assert client.post("/cs2/cs2-1/new/?office=PROV", phone_line).status_code == 302
    client.force_login(people["bob"])
    assert client.post("/cs2/cs2-1/new/?office=DIST-A", phone_line).status_code == 403


def test_a_district_keys_its_counts_and_sees_them_in_its_and_its_provinces_table(people, client, offices):
    cache.clear()
    client.force_login(people["bob"])
    page = client.get("/cs2/statistics/?office=DIST-A&fiscal_year=2569")
    assert page.status_code == 200 and 'id="usage-entry"' in page.content.decode()
    phone = ChannelUsage._meta.get_field("channel").related_model.objects.get(code="phone")
    response = client.post("/cs2/statistics/?office=DIST-A&fiscal_year=2569", {f"c{phone.pk}": "321"})
    assert response.status_code == 302
    assert ChannelUsage.objects.get(office=offices["dist_a"], fiscal_year=2569).count == 321
    client.force_login(people["alice"])
    table = client.get("/cs2/statistics/?office=PROV&fiscal_year=2569").context["table"]
    assert next(r for r in table.rows if r.channel and r.channel.code == "phone").cells[-1].keyed == 321
    client.force_login(people["erin"])  # an executive reads, keys nothing
    assert client.post("/cs2/statistics/?office=PROV&fiscal_year=2569", {f"c{phone.pk}": "1"}).status_code == 403


def test_statistics_export_and_pdf(people, client, offices):
    key(people["root"], ("PROV", "phone", 2569, 77))
    client.force_login(people["alice"])
    assert "77" in body_text(client.get("/cs2/statistics/export.xlsx?office=PROV&fiscal_year=2569"))
    pdf = client.get("/cs2/statistics/pdf/?office=PROV&fiscal_year=2569")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_plans_stay_a_tab(people, client, offices):
    ActionPlan.objects.create(office=offices["prov"], fiscal_year=2569, cs=2, title="แผน CS2", objective="x")
    client.force_login(people["alice"])
    page = client.get("/cs2/plans/").content.decode()
    assert "แผนปฏิบัติการ" in page and "ปีงบประมาณ 2569" in page


def test_reviews_information_and_improvements_pages(people, client, offices, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["alice"])
    phone = ChannelUsage._meta.get_field("channel").related_model.objects.get(code="phone")
    assert client.post("/cs2/information/?office=PROV&fiscal_year=2569",
                       {"lines": "ข้อมูลราคา\nข้อเสนอแนะ"}).status_code == 302
    assert "ข้อเสนอแนะ" in client.get("/cs2/information/?office=PROV&fiscal_year=2569").content.decode()
    assert client.post("/cs2/reviews/?office=PROV", {"channel": phone.pk, "reviewed_on": "01/03/2569",
                                                     "sample_size": "400", "result": "ใช้ได้ดี"}).status_code == 302
    from tests.isolation_walk import jpeg_file

    assert client.post("/cs2/improvements/?office=PROV&fiscal_year=2569",
                       {"source": "listening", "topic": "ลดเวลารอ", "steps": "จัดคิว", "channel": phone.pk,
                        "before_photo": jpeg_file("a.jpg"), "after_photo": jpeg_file("b.jpg")}).status_code == 302
    page = client.get("/cs2/improvements/?office=PROV&fiscal_year=2569").content.decode()
    assert "ลดเวลารอ" in page and "/photo/before/" in page
    client.force_login(people["bob"])
    assert client.post("/cs2/information/?office=DIST-A&fiscal_year=2569", {"lines": "x"}).status_code == 403
