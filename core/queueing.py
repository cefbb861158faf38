"""Queueing a Celery task from the web without losing it, or holding the request, when the broker is down.

`enqueue(task, *args, **kwargs)` is `task.delay(...)` (results not kept) with a short publish retry (settings.CELERY_TASK_PUBLISH_RETRY_
POLICY: under a second, not kombu's default of retrying for long); when the broker still refuses, the task (its name,
arguments and message headers, with the request id that queued it) is kept in the `QueuedTask` table instead and the
caller carries on as if it had been sent. `outbox_flush()` sends the kept tasks again, oldest first, when the broker is
back: a beat job every minute (core.tasks.outbox_flush) and every worker's start-up queue it. Each row is claimed
with SELECT … FOR UPDATE SKIP LOCKED (two flushes at once never send the same row) and deleted in the transaction
that sent it, so each task is sent once (a crash between the send and the commit could send one twice: the tasks are
idempotent, as Celery's acks_late requires anyway).

Why not a library: django-celery-outbox (the maintained one) writes every task to the table and needs its own relay
daemon, a fourth kind of process in docker-compose, systemd and prod-local; here the table holds only what the broker
refused, the normal path stays a direct publish, and the flush runs on the workers and beat we already have.
"""
import logging

from celery import current_app
from django.db import transaction
from django.db.models import F

from .models import QueuedTask
from .request_id import request_id_var

logger = logging.getLogger(__name__)

FLUSH_BATCH = 500


def _short(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def enqueue(task, *args, **kwargs) -> bool:
    """Queue `task(*args, **kwargs)` (plain JSON values). True when the broker took it; False when it was kept in the
    outbox to be sent later. Raises only if the database refuses too."""
    try:
        # ignore_result: the web never reads these tasks' results (what they do is in the database), and asking for
        # one subscribes to the Redis result backend, which with Redis down retries 20 times a second apart.
        task.apply_async(args, kwargs, ignore_result=True)
        return True
    except Exception as exc:  # noqa: BLE001 - any broker failure (kombu, redis-py, a socket error)
        request_id = request_id_var.get()
        QueuedTask.objects.create(task=task.name, args=list(args), kwargs=kwargs,
                                  headers={"request_id": request_id} if request_id else {}, last_error=_short(exc))
        logger.warning("the broker refused %s; kept in the outbox to be sent when it is back (%s)", task.name,
                       _short(exc))
        return False


def outbox_flush(*, limit: int = FLUSH_BATCH) -> int:
    """Send the kept tasks again, oldest first; stop at the first refusal (the broker is still down). Returns how
    many were sent."""
    sent = 0
    with transaction.atomic():
        rows = list(QueuedTask.objects.select_for_update(skip_locked=True).order_by("id")[:limit])
        for row in rows:
            try:
                current_app.tasks[row.task].apply_async(args=row.args, kwargs=row.kwargs, headers=row.headers,
                                                        ignore_result=True)
            except KeyError:
                logger.error("outbox: no task named %s; row %s left for an operator", row.task, row.pk)
                continue
            except Exception as exc:  # noqa: BLE001 - still down: keep the rest for the next flush
                QueuedTask.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1, last_error=_short(exc))
                logger.warning("outbox: the broker still refuses (%s); %s task(s) wait", _short(exc),
                               len(rows) - sent)
                break
            row.delete()
            sent += 1
    if sent:
        logger.info("outbox: sent %s kept task(s)", sent)
    return sent


def outbox_size() -> int:
    return QueuedTask.objects.count()
