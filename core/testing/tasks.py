"""Running a Celery task in a test as a worker delivers it: with a task id (what the period claims and redeliveries
key on), in this process, without a result backend."""
from celery.backends.base import DisabledBackend


def delivered(task, *args, task_id: str, **kwargs):
    """Run `task` as if the broker delivered it with `task_id`; its return value (exceptions propagate)."""
    task._backend = DisabledBackend(task.app)
    try:
        return task.apply(args=args, kwargs=kwargs, task_id=task_id, throw=True).get()
    finally:
        task._backend = None
