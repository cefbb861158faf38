"""Who is asking: the client's address read through exactly the trusted proxies (the public pages' limits and the
sign-in lock-out count by it; the pages themselves: tests/test_public_rate_limits.py).

Before, the counter was keyed on REMOTE_ADDR: behind nginx that is nginx, so ten junk posts an hour closed the
public complaint form for the whole province.
"""
import pytest
from django.test import RequestFactory

from core.ratelimit import client_address

PROXY = "172.18.0.1"  # what Django sees behind nginx in Docker


def _request(remote: str = PROXY, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize("count, forwarded, expected", [
    (0, "203.0.113.7", PROXY),                      # no proxy configured: a client's header is not believed
    (1, "203.0.113.7", "203.0.113.7"),              # nginx appended the client's address
    (1, "10.9.9.9, 203.0.113.7", "203.0.113.7"),    # the client wrote its own entry first: ignored
    (2, "203.0.113.7, 198.51.100.2", "203.0.113.7"),  # a load balancer, then nginx
    (2, "198.51.100.2", PROXY),                     # fewer entries than proxies: did not come through them
    (1, "not-an-address", PROXY),
    (1, "2001:db8::1", "2001:db8::1"),
])
def test_the_client_address_is_read_through_exactly_the_trusted_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(_request(forwarded=forwarded)) == expected


def test_without_a_forwarded_header_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(remote="192.0.2.5")) == "192.0.2.5"
