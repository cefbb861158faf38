"""The outbox (core.queueing): a task the broker refuses is kept in the database with its request id, and sent once
when the broker is back; the web request neither fails nor waits."""
import pytest
from celery import Task, shared_task

from core.models import QueuedTask
from core.queueing import enqueue, outbox_flush
from core.request_id import request_id_var

pytestmark = pytest.mark.django_db

RAN = []


@shared_task(name="core.tests.test_queueing.note")
def note(value, *, twice=False):
    RAN.append((value, twice))


@pytest.fixture
def broker(monkeypatch):
    """A broker that is up or down; what it took, by (task, args, kwargs, headers)."""
    state = {"up": True, "took": []}

    def apply_async(self, args=None, kwargs=None, headers=None, **options):
        if not state["up"]:
            raise ConnectionRefusedError(111, "Connection refused")
        state["took"].append((self.name, list(args or ()), kwargs or {}, headers or {}))

    monkeypatch.setattr(Task, "apply_async", apply_async)
    return state


def test_a_broker_that_takes_it_leaves_nothing_behind(broker):
    assert enqueue(note, 1, twice=True) is True
    assert broker["took"] == [("core.tests.test_queueing.note", [1], {"twice": True}, {})]
    assert not QueuedTask.objects.exists()


def test_a_refused_task_is_kept_with_its_request_id_and_sent_once_when_the_broker_is_back(broker):
    broker["up"] = False
    token = request_id_var.set("req-42")
    try:
        assert enqueue(note, 7, twice=True) is False  # no exception: the page goes on
        assert enqueue(note, 8) is False
    finally:
        request_id_var.reset(token)
    kept = QueuedTask.objects.get(args=[7])
    assert (kept.task, kept.kwargs, kept.headers) == ("core.tests.test_queueing.note", {"twice": True},
                                                      {"request_id": "req-42"})
    assert "Connection refused" in kept.last_error

    assert outbox_flush() == 0  # still down: kept, the attempt counted
    assert QueuedTask.objects.count() == 2 and QueuedTask.objects.get(args=[7]).attempts == 1

    broker["up"] = True
    assert outbox_flush() == 2
    assert broker["took"] == [("core.tests.test_queueing.note", [7], {"twice": True}, {"request_id": "req-42"}),
                              ("core.tests.test_queueing.note", [8], {}, {"request_id": "req-42"})]
    assert not QueuedTask.objects.exists()
    assert outbox_flush() == 0 and len(broker["took"]) == 2  # once: a second flush sends nothing again


def test_a_kept_task_runs_with_its_arguments(monkeypatch):
    """The kept name finds the registered task, and it runs with the kept arguments (run here, as a worker would)."""
    RAN.clear()
    monkeypatch.setattr(Task, "apply_async", lambda self, args=None, kwargs=None, headers=None, **options:
                        self(*args, **kwargs))
    QueuedTask.objects.create(task="core.tests.test_queueing.note", args=[3], kwargs={"twice": True},
                              headers={"request_id": "req-1"})
    assert outbox_flush() == 1
    assert RAN == [(3, True)] and not QueuedTask.objects.exists()


def test_a_queued_pack_waits_in_the_outbox_instead_of_failing(offices, people, broker):
    """What a user asked for while the broker was down is built afterwards, not marked failed."""
    from reports import packs
    from reports.models import PackStatus
    from reports.tasks import queue_pack

    broker["up"] = False
    pack = packs.pack_request(office=offices["prov"], fiscal_year=2570, cs=4, by=people["axel"])
    queue_pack(pack.pk)
    pack.refresh_from_db()
    assert pack.status == PackStatus.QUEUED
    assert QueuedTask.objects.filter(task="reports.tasks.build_evidence_pack", args=[pack.pk]).exists()
    broker["up"] = True
    assert outbox_flush() == 1 and broker["took"][0][:2] == ("reports.tasks.build_evidence_pack", [pack.pk])
