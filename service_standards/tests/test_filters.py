"""The CS7 list filters offer the services the user sees and filter by them (the choices are set after the office
filter's own: the form must be built with them)."""
from datetime import date

from django.urls import reverse

from service_standards.services import records_save


def test_the_records_list_filters_by_a_service_adopted_from_above_or_its_own(client, people, offices, make_service):
    dept = make_service(3, "working_days", name="ของกรม")
    own = make_service(3, "working_days", office=offices["prov"], name="ของจังหวัด")
    for service, reference in ((dept, "DEPT-1"), (own, "PROV-1")):
        records_save(office=offices["dist_a"], service=service,
                     rows=[{"reference": reference, "received_on": date(2025, 11, 3)}])
    client.force_login(people["alice"])
    for service, shown, hidden in ((dept, "DEPT-1", "PROV-1"), (own, "PROV-1", "DEPT-1")):
        page = client.get(reverse("service_standards:records"), {"service": service.pk})
        assert page.status_code == 200 and shown in page.content.decode() and hidden not in page.content.decode()
    assert client.get(reverse("service_standards:records"), {"service": 999999}).status_code == 400
