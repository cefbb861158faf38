"""The read-replica router (core.db_router, docs/scaling.md): with no replica every query goes to default; with one,
only the background recounts' reads go to it, never a write, a migration or a read inside a write transaction."""
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.test.utils import CaptureQueriesContext

from complaints import dashboard_cache
from complaints.models import Ticket
from core.db_router import REPLICA, reporting_reads
from core.kept import KeptFigures


@pytest.fixture
def replica(monkeypatch):
    """A `replica` entry in DATABASES, as DATABASE_REPLICA_URL makes one (no connection to it is opened here)."""
    monkeypatch.setitem(settings.DATABASES, REPLICA, dict(settings.DATABASES[DEFAULT_DB_ALIAS]))


def test_the_router_is_installed_and_there_is_no_replica_by_default():
    assert "core.db_router.ReplicaRouter" in settings.DATABASE_ROUTERS
    assert REPLICA not in settings.DATABASES


@pytest.mark.django_db
def test_with_no_replica_the_dashboard_recount_reads_from_default():
    cache.clear()
    with reporting_reads():
        assert router.db_for_read(Ticket) == DEFAULT_DB_ALIAS
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries:
        dashboard_cache.dashboard_recount(office_id=None, fiscal_year=2570, quarter=None, today=date(2026, 11, 26))
    assert any("complaints_ticket" in query["sql"] for query in queries)
    cache.clear()


# Outside the test's transaction (the router keeps reads inside one on default); serialized_rollback, as every
# transactional test here: a plain flush re-creates the role groups, and the next serialized test then fails on them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_a_replica_the_background_recount_reads_from_it_and_nothing_else_does(replica):
    cache.clear()
    seen = []
    kept = KeptFigures("test-router", version=lambda: seen.append(router.db_for_read(Ticket)) or 1,
                       queue=lambda **params: None)
    kept.recount({"office_id": 1}, count=lambda: seen.append(router.db_for_read(Ticket)))
    assert seen == [REPLICA, REPLICA]  # the data version and the count: the same database
    assert router.db_for_read(Ticket) == DEFAULT_DB_ALIAS  # a page's read, outside the recount
    with reporting_reads():
        assert router.db_for_write(Ticket) == DEFAULT_DB_ALIAS
        assert not router.allow_migrate(REPLICA, "complaints")
        assert router.allow_migrate(DEFAULT_DB_ALIAS, "complaints")
        with transaction.atomic():  # a count inside a write transaction sees that transaction's writes
            assert router.db_for_read(Ticket) == DEFAULT_DB_ALIAS
    cache.clear()
