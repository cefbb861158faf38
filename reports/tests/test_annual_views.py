"""The annual report's page, PDF, XLSX and API as each persona uses them: who may read it, another office a 404 (an
API field error), bad parameters a Thai 400 (never a 500), and the page's list of sections with their data marks."""
import pytest
from rest_framework.test import APIClient

from channels import services as cs2
from tests.isolation_walk import body_text

pytestmark = pytest.mark.django_db
FILES = ["/reports/annual/pdf/", "/reports/annual/export.xlsx"]


@pytest.fixture
def heard(offices):
    cs2.information_types_save(office=offices["prov"], fiscal_year=2569, lines=["ความต้องการด้านราคาผลผลิต"])


@pytest.mark.parametrize("who", ["alice", "bob", "erin", "axel"])
def test_the_committee_staff_executives_and_assessors_find_the_page_in_the_menu(client, people, who):
    client.force_login(people[who])
    home = client.get("/").content.decode()
    assert 'id="nav-annual"' in home
    assert client.get("/reports/annual/").status_code == 200


def test_an_administrator_without_a_reading_role_is_refused(client, people):
    client.force_login(people["admin"])
    assert 'id="nav-annual"' not in client.get("/").content.decode()
    for path in ["/reports/annual/", *FILES]:
        assert client.get(path).status_code == 403, path


def test_the_page_lists_seed_002s_sections_with_their_data_marks_and_links(client, people, heard):
    client.force_login(people["axel"])
    page = client.get("/reports/annual/", {"office": "PROV", "fiscal_year": "2569"}).content.decode()
    row = page[page.index('id="section-cs2-information-types"'):]
    row = row[:row.index("</tr>")]
    assert "มีข้อมูล" in row and "/cs2/information/?office=PROV&amp;fiscal_year=2569" in row
    row = page[page.index('id="section-cs4-network-table"'):]
    assert "ไม่มีข้อมูล" in row[:row.index("</tr>")]
    assert "/reports/annual/pdf/?office=PROV&amp;fiscal_year=2569" in page
    assert "/reports/annual/export.xlsx?office=PROV&amp;fiscal_year=2569" in page


def test_every_where_kept_link_opens_its_page(client, people, heard):
    """Each section links to the page that keeps it, named the way that page takes the office (code or id)."""
    import re

    client.force_login(people["alice"])
    page = client.get("/reports/annual/", {"office": "PROV", "fiscal_year": "2569"}).content.decode()
    links = re.findall(r'<td class="text-nowrap"><a href="([^"]+)"', page)
    assert len(links) == 13
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_the_files_of_an_office_in_scope(client, people, heard):
    client.force_login(people["erin"])
    pdf = client.get(FILES[0], {"office": "PROV", "fiscal_year": "2569"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "ความต้องการด้านราคาผลผลิต" in body_text(pdf)
    xlsx = client.get(FILES[1], {"office": "PROV", "fiscal_year": "2569"})
    assert xlsx.status_code == 200 and "ความต้องการด้านราคาผลผลิต" in body_text(xlsx)


@pytest.mark.parametrize("path", ["/reports/annual/", *FILES])
def test_another_office_is_a_404_and_a_district_may_not_read_its_province(client, people, path):
    client.force_login(people["carol"])
    assert client.get(path, {"office": "PROV"}).status_code == 404
    client.force_login(people["bob"])
    assert client.get(path, {"office": "PROV"}).status_code == 404


@pytest.mark.parametrize("year", ["0", "99999", "²", "-1", "x" * 300])
@pytest.mark.parametrize("path", ["/reports/annual/", *FILES])
def test_a_bad_fiscal_year_is_a_thai_400(client, people, path, year):
    client.force_login(people["alice"])
    response = client.get(path, {"fiscal_year": year})
    assert response.status_code == 400 and "ปีงบประมาณ" in response.content.decode()


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_api_answers_the_pdf_and_the_xlsx(people, heard):
    api = _api(people["axel"])
    pdf = api.get("/api/v1/reports/annual/", {"office": "PROV", "fiscal_year": 2569, "format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "ความต้องการด้านราคาผลผลิต" in body_text(pdf)
    xlsx = api.get("/api/v1/reports/annual/", {"office": "PROV", "fiscal_year": 2569, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "ความต้องการด้านราคาผลผลิต" in body_text(xlsx)


@pytest.mark.parametrize("query, field", [({"office": "OTHER"}, "office"), ({"office": "NOPE"}, "office"),
                                          ({"fiscal_year": "²"}, "fiscal_year"), ({"fiscal_year": 0}, "fiscal_year"),
                                          ({"format": "docx"}, "format"), ({"format": "x" * 300}, "format")])
def test_the_api_answers_field_errors_for_bad_input(people, query, field):
    response = _api(people["alice"]).get("/api/v1/reports/annual/", query)
    assert response.status_code == 400 and field in response.json(), response.content


def test_the_api_is_for_the_reading_roles_and_in_the_schema(people):
    assert _api(people["admin"]).get("/api/v1/reports/annual/").status_code == 403
    assert APIClient().get("/api/v1/reports/annual/").status_code in (401, 403)
    schema = _api(people["alice"]).get("/api/v1/schema/", {"format": "json"})
    assert "/api/v1/reports/annual/" in schema.content.decode()


def test_the_pages_queries_do_not_grow_with_the_data(client, people, offices, heard):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from networks.tests.factories import make_network

    make_network(office=offices["prov"], name="เครือข่ายแรก")  # one of each: an empty list skips its prefetches
    client.force_login(people["alice"])
    query = {"office": "PROV", "fiscal_year": "2569"}
    client.get("/reports/annual/", query)  # warm: the statistics' counted columns are kept in the cache
    with CaptureQueriesContext(connection) as few:
        client.get("/reports/annual/", query)
    for n in range(5):
        make_network(office=offices["dist_a"], name=f"เครือข่าย {n}")
    cs2.information_types_save(office=offices["dist_b"], fiscal_year=2569, lines=[f"ข้อมูล {n}" for n in range(5)])
    client.get("/reports/annual/", query)
    with CaptureQueriesContext(connection) as many:
        client.get("/reports/annual/", query)
    assert len(many) == len(few)
