"""Background work of the shared core."""
from celery import shared_task
from celery.signals import worker_ready

from .health import WORKER, heartbeat_record


@shared_task(name="core.tasks.worker_heartbeat", ignore_result=True, expires=120)
def worker_heartbeat() -> None:
    """Every minute (beat): proves to /health/ that beat sends and a worker takes tasks. Expires unsent-for-long
    copies, so a worker coming back after an outage does not run a queue of stale heartbeats."""
    heartbeat_record(name=WORKER)


@shared_task(name="core.tasks.outbox_flush", ignore_result=True, expires=120)
def outbox_flush() -> int:
    """Every minute (beat) and at each worker's start: send the tasks the broker refused while it was down."""
    from .queueing import outbox_flush as flush

    return flush()


@worker_ready.connect(dispatch_uid="core.tasks.flush_on_start")
def _flush_on_worker_start(**kwargs) -> None:
    """A worker that starts (after an outage, say) sends what waits in the outbox at once, not at the next minute."""
    outbox_flush.delay()
