"""Reads of the background recounts from a read replica, when there is one (docs/scaling.md, "A read replica").

Off by default: with no `DATABASE_REPLICA_URL` there is no `replica` database and every query goes to `default`.
With one, only the reads made inside `reporting_reads()` go to the replica: the recounts of the kept dashboard
figures (`core.kept.KeptFigures.recount`: the CS3 and CS7 dashboards, the CS2 statistics, the executive
dashboard), the counts that grow with the data and may lag a little behind it anyway. Everything else — pages,
services, writes, migrations — stays on `default`, so nobody reads their own write from a replica that has not
received it yet.

Why a context rather than whole apps: the dashboard counts the same `complaints_ticket` rows the register lists,
and the register must show a ticket the moment it is saved. A context variable follows the code, not the model.
"""
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reporting = ContextVar("pmqa_reporting_reads", default=False)


@contextmanager
def reporting_reads() -> Iterator[None]:
    """Reads inside go to the replica when one is configured (and no write transaction is open on `default`)."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """`DATABASE_ROUTERS` entry. Answers only reads inside `reporting_reads()`; None elsewhere (Django's default)."""

    def db_for_read(self, model, **hints):
        if not _reporting.get() or not replica_configured():
            return None
        if model._meta.app_label == "django_cache":  # the database cache (no Redis): the primary's, always
            return None
        # A count inside a transaction on default must see that transaction's own writes.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of default: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # a streaming replica takes its schema from the primary
