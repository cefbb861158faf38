"""API pagination: `?limit=` and `?offset=`, 100 rows unless asked, never more than 1,000 in one answer."""
from rest_framework.pagination import LimitOffsetPagination


class CappedLimitOffsetPagination(LimitOffsetPagination):
    # A larger `limit` is read as 1,000: one request cannot make the server build a million-row answer.
    max_limit = 1000
