"""`/api/v1/channel-usage/`: posting is all or nothing and idempotent, reading sums the subtree beside the counted
figures, and bad parameters are a Thai 400, never a 500; another office reads as an unknown code."""
from datetime import date

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from channels.models import ChannelUsage
from complaints.tests.factories import make_ticket

pytestmark = pytest.mark.django_db
URL = "/api/v1/channel-usage/"


@pytest.fixture
def api(people):
    cache.clear()
    client = APIClient()
    client.force_authenticate(people["alice"])
    return client


def test_posting_the_same_counts_again_replaces_nothing_twice(api):
    body = [{"office": "DIST-A", "channel": "phone", "fiscal_year": 2569, "count": 100},
            {"office": "PROV", "channel": "line", "fiscal_year": 2569, "count": 10}]
    assert api.post(URL, body, format="json").json() == {"created": 2, "changed": 0, "unchanged": 0}
    assert api.post(URL, body, format="json").json() == {"created": 0, "changed": 0, "unchanged": 2}
    body[0]["count"] = 150
    assert api.post(URL, body, format="json").json() == {"created": 0, "changed": 1, "unchanged": 1}
    assert ChannelUsage.objects.get(office__code="DIST-A").count == 150


def test_one_bad_entry_posts_nothing(api):
    response = api.post(URL, [{"office": "PROV", "channel": "phone", "fiscal_year": 2569, "count": 1},
                              {"office": "OTHER", "channel": "phone", "fiscal_year": 2569, "count": 1},
                              {"office": "PROV", "channel": "phone", "fiscal_year": 2569}], format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"2.office", "3.count"}
    assert "ไม่พบหน่วยงานรหัส" in response.json()["2.office"][0]
    assert ChannelUsage.objects.count() == 0
    for body in ({"office": "PROV"}, [], ["x"], [{"office": ["PROV"], "channel": {}, "fiscal_year": 1.5, "count": "x"}]):
        assert api.post(URL, body, format="json").status_code == 400


def test_reading_sums_the_subtree_beside_what_the_system_counted(api, offices):
    api.post(URL, [{"office": "DIST-A", "channel": "phone", "fiscal_year": 2569, "count": 100},
                   {"office": "DIST-B", "channel": "phone", "fiscal_year": 2569, "count": 20}], format="json")
    make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10), channel="phone")
    body = api.get(URL, {"office": "PROV", "years": "2568,2569"}).json()
    assert (body["office"], body["years"]) == ("PROV", [2568, 2569])
    phone = {row["fiscal_year"]: row for row in body["results"] if row["channel"] == "phone"}
    assert (phone[2569]["count"], phone[2569]["complaints"], phone[2569]["survey_responses"]) == (120, 1, 0)
    assert phone[2568]["count"] is None


@pytest.mark.parametrize("query, field", [({"years": "abc"}, "years"), ({"years": "2569,"*11}, "years"),
                                          ({"years": "1999"}, "years"), ({"office": "OTHER"}, "office"),
                                          ({"office": "NOPE"}, "office"), ({"years": ","}, "years")])
def test_bad_parameters_are_a_thai_400(api, query, field):
    response = api.get(URL, query)
    assert response.status_code == 400 and field in response.json()


def test_a_district_cannot_post_for_its_province_and_an_assessor_cannot_post(people, offices):
    client = APIClient()
    client.force_authenticate(people["bob"])
    assert client.post(URL, [{"office": "PROV", "channel": "phone", "fiscal_year": 2569, "count": 1}],
                       format="json").status_code == 400
    client.force_authenticate(people["axel"])
    assert client.post(URL, [{"office": "PROV", "channel": "phone", "fiscal_year": 2569, "count": 1}],
                       format="json").status_code == 403
    assert client.get(URL, {"office": "PROV"}).status_code == 200


def test_the_schema_documents_the_route(api):
    schema = api.get("/api/v1/schema/").content.decode()
    assert "/api/v1/channel-usage/" in schema
