"""Background work of the shared core."""
from celery import shared_task

from .health import WORKER, heartbeat_record


@shared_task(name="core.tasks.worker_heartbeat", ignore_result=True, expires=120)
def worker_heartbeat() -> None:
    """Every minute (beat): proves to /health/ that beat sends and a worker takes tasks. Expires unsent-for-long
    copies, so a worker coming back after an outage does not run a queue of stale heartbeats."""
    heartbeat_record(name=WORKER)
