"""The record form: one record through `services.record_save`, its verdict, Thai refusals, isolation."""
from django.urls import reverse

from service_standards.models import ServiceRecord


def test_office_staff_key_a_record_and_get_its_verdict(client, people, offices, make_service):
    service = make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร")
    client.force_login(people["bob"])
    url = reverse("service_standards:record-new")
    response = client.post(url, {"service": service.pk, "reference": "R-1", "received_on": "3/11/2568",
                                 "completed_on": "6/11/2568"})
    record = ServiceRecord.objects.get(reference="R-1")
    assert response.status_code == 302 and record.office == offices["dist_a"] and record.met is True
    client.post(url, {"service": service.pk, "reference": "R-1", "received_on": "3/11/2568",
                      "completed_on": "20/11/2568"})
    record.refresh_from_db()
    assert ServiceRecord.objects.count() == 1 and record.met is False


def test_bad_record_input_is_refused_in_thai_and_nothing_is_saved(client, people, offices, make_service):
    days = make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร")
    minutes = make_service(30, "minutes", name="รับรองสำเนา", steps=[])
    client.force_login(people["bob"])
    url = reverse("service_standards:record-new")
    page = client.post(url, {"service": days.pk, "reference": "R-1", "received_on": "6/11/2568",
                             "completed_on": "3/11/2568"})
    assert page.status_code == 400 and "วันที่แล้วเสร็จต้องไม่ก่อนวันที่รับคำขอ" in page.content.decode()
    assert 'value="R-1"' in page.content.decode()
    page = client.post(url, {"service": minutes.pk, "reference": "M-1", "received_on": "3/11/2568"})
    assert page.status_code == 400 and "กรุณาระบุวันและเวลาที่รับคำขอ" in page.content.decode()
    page = client.post(url, {"service": days.pk, "reference": "", "received_on": "ไม่ใช่วันที่"})
    assert page.status_code == 400 and "กรุณาระบุเลขที่อ้างอิง" in page.content.decode()
    assert not ServiceRecord.objects.exists()


def test_another_provinces_service_cannot_be_keyed_and_readers_cannot_key(client, people, offices, make_service):
    theirs = make_service(3, "working_days", office=offices["other"], name="บริการจังหวัดอื่น")
    client.force_login(people["bob"])
    page = client.post(reverse("service_standards:record-new"), {"service": theirs.pk, "reference": "R-1",
                                                                  "received_on": "3/11/2568"})
    assert page.status_code == 400 and "กรุณาเลือกงานบริการที่หน่วยงานนี้ใช้" in page.content.decode()
    client.force_login(people["erin"])
    assert client.get(reverse("service_standards:record-new")).status_code == 403
    assert not ServiceRecord.objects.exists()
