"""The CS7 form pages: a service with its steps, the service chart and summary PDFs, the manuals, the record form."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from service_standards.models import Service


def _service_post(**extra):
    data = {"name": "ออกใบอนุญาตตั้งสถานที่จำหน่ายปุ๋ย", "standard_amount": "5", "standard_unit": "working_days",
            "mission": "พ.ร.บ.ปุ๋ย พ.ศ. 2518", "documents": "สำเนาบัตรประชาชน", "fees": "ไม่มี", "is_active": "on",
            "steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "40",
            "steps-0-name": "ตรวจสอบเอกสาร", "steps-0-amount": "1", "steps-0-responsible_unit": "ฝ่ายบริหารทั่วไป",
            "steps-1-name": "ตรวจสถานที่", "steps-1-amount": "3", "steps-1-responsible_unit": "กลุ่มอารักขาพืช",
            "steps-2-name": "", "steps-2-amount": "", "steps-2-responsible_unit": ""}
    data.update(extra)
    return data


def test_the_committee_creates_a_service_with_its_steps(client, people, offices):
    client.force_login(people["alice"])
    response = client.post(reverse("service_standards:service-new") + "?office=PROV", _service_post())
    service = Service.objects.get(name="ออกใบอนุญาตตั้งสถานที่จำหน่ายปุ๋ย")
    assert response.status_code == 302 and service.office == offices["prov"]
    assert [(s.order, s.name, s.amount) for s in service.steps.all()] == [(1, "ตรวจสอบเอกสาร", 1), (2, "ตรวจสถานที่", 3)]
    page = client.get(reverse("service_standards:service", args=[service.pk])).content.decode()
    assert 'value="ตรวจสถานที่"' in page and "กลุ่มอารักขาพืช" in page


def test_steps_longer_than_the_standard_are_refused_in_thai_and_the_form_keeps_what_was_typed(client, people):
    client.force_login(people["alice"])
    response = client.post(reverse("service_standards:service-new") + "?office=PROV",
                           _service_post(**{"steps-1-amount": "9", "standard_amount": "5"}))
    page = response.content.decode()
    assert response.status_code == 400 and not Service.objects.exists()
    assert "ระยะเวลารวมของขั้นตอน (10) เกินระยะเวลาตามมาตรฐาน (5)" in page and 'value="ตรวจสถานที่"' in page
    response = client.post(reverse("service_standards:service-new") + "?office=PROV",
                           _service_post(standard_amount="ห้า", name=""))
    page = response.content.decode()
    assert response.status_code == 400 and "กรุณาระบุชื่องานบริการ" in page
    assert "ระยะเวลาตามมาตรฐานต้องเป็นจำนวนเต็ม" in page and not Service.objects.exists()


def test_a_district_reads_an_adopted_service_but_cannot_change_it(client, people, make_service):
    service = make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร")
    client.force_login(people["bob"])
    page = client.get(reverse("service_standards:service", args=[service.pk]))
    assert page.status_code == 200 and "ขึ้นทะเบียนเกษตรกร" in page.content.decode()
    assert 'id="service-form"' not in page.content.decode()
    assert client.post(reverse("service_standards:service", args=[service.pk]), _service_post()).status_code == 403
    assert client.get(reverse("service_standards:service-new")).status_code == 403


def test_another_province_does_not_see_a_service(client, people, offices, make_service):
    service = make_service(3, "working_days", office=offices["prov"], name="บริการของจังหวัด")
    client.force_login(people["carol"])
    assert client.get(reverse("service_standards:service", args=[service.pk])).status_code == 404
    assert client.get(reverse("service_standards:service-chart-pdf", args=[service.pk])).status_code == 404


def test_the_service_chart_and_the_summary_print_as_pdf(client, people, make_service):
    service = make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร")
    client.force_login(people["alice"])
    chart = client.get(reverse("service_standards:service-chart-pdf", args=[service.pk]))
    assert chart.status_code == 200 and chart["Content-Type"] == "application/pdf"
    assert chart.content.startswith(b"%PDF")
    summary = client.get(reverse("service_standards:summary-pdf"), {"office": "PROV"})
    assert summary.status_code == 200 and summary.content.startswith(b"%PDF")
    assert client.get(reverse("service_standards:summary-pdf"), {"fiscal_year": "abc"}).status_code == 400


def test_the_summary_costs_the_same_queries_for_many_services(client, people, offices, make_service):
    from service_standards import selectors

    make_service(3, "working_days", name="บริการ 1")

    def count():
        with CaptureQueriesContext(connection) as queries:
            rows = list(selectors.summary_rows(office=offices["prov"]))
            for row in rows:
                [list(m.publications.all()) for m in row.published]
        return len(queries)

    few = count()
    for i in range(2, 8):
        make_service(3, "working_days", name=f"บริการ {i}")
    assert count() == few
