"""No API answer is larger than 1,000 rows, whatever `?limit=` asks for.

Personas (conftest): alice committee@PROV.
"""
import copy

import pytest
from rest_framework.test import APIClient

from complaints.models import Ticket
from complaints.tests.factories import make_ticket
from core.offices.services import user_token

pytestmark = pytest.mark.django_db


def test_a_huge_limit_returns_at_most_a_thousand_complaints(people, offices):
    first = make_ticket(office=offices["dist_a"])
    clones = []
    for n in range(1000):
        clone = copy.copy(first)
        clone.pk, clone.reference, clone.tracking_code = None, f"{first.reference}-{n}", f"T{n:07d}"
        clones.append(clone)
    Ticket.objects.bulk_create(clones)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=people['alice'])}")
    body = client.get("/api/v1/complaints/", {"limit": 100000}).json()
    assert body["count"] == 1001 and len(body["results"]) == 1000 and "limit=1000" in body["next"]
    assert len(client.get("/api/v1/complaints/").json()["results"]) == 100  # the default page stays 100
