"""Figures kept in the cache with the data version they describe: stale-while-revalidate, for counts too large to
make while a reader waits (the CS3 dashboard, the CS2 statistics table).

An entry holds the figures, the data version read before counting, how long the count took and when it was made.
A reader whose data version matches gets the entry. After a change, a count that was quick is redone while the
reader waits (a district, a small installation: always fresh); a slow one is served as it was, marked stale with
its time, while one background recount is queued (once per entry, after the request's transaction commits; a
worker that dies holds the entry for `lock_seconds` at most). The cache is shared by web and worker (Redis in
production, a database table otherwise), so the worker's count is what the next reader sees.

Why not a library: django-cachalot and cacheops invalidate on every write to a table (a busy complaints table would
never be served from the cache), and neither serves the old figures while a worker counts the new ones.
"""
import logging
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.db_router import reporting_reads

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kept:
    """What a reader gets: the figures, when they were counted, and whether a recount is under way."""

    value: object
    counted_at: datetime
    stale: bool = False


class KeptFigures:
    """One kind of kept figures: `name` prefixes the cache keys, `version()` moves on whenever the data they count
    changes, `queue(**params)` (with `day=` for figures of a day) queues the background recount (a Celery task,
    with plain values) that calls `recount`."""

    def __init__(self, name: str, *, version: Callable[[], Hashable], queue: Callable[..., object],
                 recount_while_waiting: float = 0.1, keep_seconds: int = 7 * 24 * 60 * 60,
                 lock_seconds: int = 5 * 60):
        self.name, self.version, self.queue = name, version, queue
        # Counts quicker than this are redone while the reader waits: well under the pages' 300 ms bar with the
        # rest of the page around them (the bench measures both databases).
        self.recount_while_waiting = recount_while_waiting
        self.keep_seconds, self.lock_seconds = keep_seconds, lock_seconds

    def _key(self, params: dict) -> str:
        return ":".join([self.name, *(f"{name}={params[name]}" for name in sorted(params))])

    def get(self, params: dict, *, count: Callable[[], object], day=None) -> Kept:
        """The figures of `params` (plain values: they name the entry and go to the queued recount), counted by
        `count()` when they must be counted now. `day`: figures that depend on the date too (due soon, overdue)
        are out of date on the next day as well."""
        key = self._key(params)
        entry = cache.get(key)
        version = (self.version(), day)  # read once, before any count (see `_count`)
        if entry and entry["version"] == version:
            return Kept(entry["value"], entry["counted_at"])
        if entry and entry["seconds"] > self.recount_while_waiting:
            if cache.add(f"{key}:recounting", True, timeout=self.lock_seconds):
                transaction.on_commit(partial(self._queue, key, params, day))
            return Kept(entry["value"], entry["counted_at"], stale=True)
        entry = self._count(key, count, day, version)
        return Kept(entry["value"], entry["counted_at"])

    def recount(self, params: dict, *, count: Callable[[], object], day=None) -> None:
        """The background recount: count and keep one entry, then let the next recount of it be queued. Its reads
        (the data version too, so that the entry describes what was counted) go to the read replica when there is
        one (core.db_router); a replica behind the primary only makes the entry older than the data, never newer."""
        key = self._key(params)
        try:
            with reporting_reads():
                self._count(key, count, day)
        finally:
            cache.delete(f"{key}:recounting")

    def _count(self, key: str, count: Callable[[], object], day, version=None) -> dict:
        # The version is read before counting: a change made during the count leaves the entry older than the data
        # (recounted next time), never newer. A reader passes the version it compared: one read per page.
        version = version or (self.version(), day)
        started = time.perf_counter()
        value = count()
        entry = {"version": version, "value": value, "seconds": time.perf_counter() - started,
                 "counted_at": timezone.now()}
        cache.set(key, entry, self.keep_seconds)
        return entry

    def _queue(self, key: str, params: dict, day) -> None:
        """Runs after the commit. A broker that is down must not break the page: the reader still gets the last
        figures, and the lock is let go so that the next reader queues the recount again."""
        try:
            self.queue(**params) if day is None else self.queue(**params, day=day)
        except Exception:  # any broker failure: logged, and retried by the next reader
            logger.warning("could not queue the recount of %s", key, exc_info=True)
            cache.delete(f"{key}:recounting")
