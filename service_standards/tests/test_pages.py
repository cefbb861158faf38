from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from service_standards.services import records_save


@pytest.fixture
def records(offices, make_service):
    service = make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร")
    records_save(office=offices["dist_a"], service=service, rows=[
        {"reference": "A-1", "received_on": date(2025, 11, 3), "completed_on": date(2025, 11, 6)},
        {"reference": "A-2", "received_on": date(2025, 12, 30), "completed_on": date(2026, 1, 8)},
        {"reference": "A-3", "received_on": date(2026, 1, 9)}])
    records_save(office=offices["other"], service=service, rows=[
        {"reference": "X-1", "received_on": date(2025, 11, 3), "completed_on": date(2025, 11, 5)}])
    return service


def test_the_services_page_shows_the_standard_and_steps_adopted_from_above(client, people, records):
    client.force_login(people["bob"])
    page = client.get(reverse("service_standards:index")).content.decode()
    assert "ขึ้นทะเบียนเกษตรกร" in page and "มาตรฐาน 3 วันทำการ" in page and "รับคำขอ" in page
    assert "(กำหนดโดย กรมทดสอบ)" in page


def test_the_records_page_filters_and_shows_rm35(client, people, records):
    client.force_login(people["alice"])
    url = reverse("service_standards:records")
    page = client.get(url, {"fiscal_year": 2569}).content.decode()
    assert 'id="rm35-value">50.00%' in page and "A-1" in page and "A-3" in page and "X-1" not in page
    late = client.get(url, {"verdict": "late"}).content.decode()
    assert "A-2" in late and "A-1" not in late and "A-3" not in late
    open_ = client.get(url, {"verdict": "open"}).content.decode()
    assert "A-3" in open_ and "A-2" not in open_
    quarter = client.get(url, {"fiscal_year": 2569, "quarter": 2}).content.decode()
    assert "A-3" in quarter and "A-1" not in quarter and "A-2" not in quarter  # by receipt: A-2 came on 30 Dec
    assert client.get(url, {"verdict": "soon"}).status_code == 400
    assert client.get(url, {"office": people["carol"].office.pk}).status_code == 400


def test_the_export_holds_only_the_users_records(client, people, records):
    client.force_login(people["bob"])
    response = client.get(reverse("service_standards:records-export"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    references = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(references) == ["A-1", "A-2", "A-3"]


def test_the_records_page_costs_the_same_queries_for_many_records(client, people, records, offices):
    client.force_login(people["alice"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("service_standards:records"))
    records_save(office=offices["dist_b"], service=records,
                 rows=[{"reference": f"B-{i}", "received_on": date(2026, 2, 2), "completed_on": date(2026, 2, 3)}
                       for i in range(40)])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("service_standards:records"))
    assert len(many) == len(few)


def test_the_plans_tab_stays(client, people):
    client.force_login(people["alice"])
    assert client.get(reverse("service_standards:plans")).status_code == 200
