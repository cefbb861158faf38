"""A per-address counter for pages open to the public (no login).

Written by hand: django-ratelimit refuses the per-process cache a first `make run` uses, and this is one
counter in the cache. With several web processes, set CACHE_URL to Redis so they share the counts.
"""
from django.core.cache import cache

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, *, scope: str, rate: str) -> bool:
    """False once an address has used up `rate` (e.g. "10/h") for `scope` in the current period."""
    count, _, unit = rate.partition("/")
    limit, period = int(count), _PERIODS[unit[-1]]
    key = f"ratelimit:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=period)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        used = 1
    return used <= limit
