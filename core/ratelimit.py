"""Who is asking (the client's address, through the proxies we trust) and a per-address counter for the
pages open to the public (no login).

The counter is written by hand: django-ratelimit refuses the per-process cache a first `make run` uses, and this
is one counter in the cache. With several web processes, set CACHE_URL to Redis so they share the counts.
"""
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_address(request) -> str:
    """The address of the person on the other end, the one place every limit and log asks.

    Behind `TRUSTED_PROXY_COUNT` proxies (nginx, a load balancer) REMOTE_ADDR is the nearest proxy, and each proxy
    appends the address it saw to X-Forwarded-For: the client is the entry that many places from the right.
    Anything further left was written by the client and is not believed. A request that did not come through
    all the proxies (too few entries, or one that is not an address) is counted by REMOTE_ADDR. Always an
    address (0.0.0.0 when the server was given none): the sign-in log stores it in an address column.
    """
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    return _address(forwarded[-count]) or remote


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def allow(request, *, scope: str, rate: str) -> bool:
    """False once this client has used up `rate` (e.g. "10/h") for `scope` in the current period.

    Fails open: when the cache cannot count (Redis down: django-redis answers None, a database cache raises), the
    request goes through and a warning is logged. Refusing everyone, or a server error, would shut the public forms
    for as long as the cache is away; the limits are back as soon as it is (docs/operations.md)."""
    count, _, unit = rate.partition("/")
    limit, period = int(count), _PERIODS[unit[-1]]
    key = f"ratelimit:{scope}:{client_address(request)}"
    try:
        cache.add(key, 0, timeout=period)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period)
            used = 1
    except Exception as exc:  # noqa: BLE001 - whatever the cache backend raises
        logger.warning("rate limit %s not counted, request let through: the cache failed (%s: %s)", scope,
                       type(exc).__name__, exc)
        return True
    if used is None:
        logger.warning("rate limit %s not counted, request let through: the cache is unavailable", scope)
        return True
    return used <= limit
