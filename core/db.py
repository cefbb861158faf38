"""Small helpers for queries every app runs the same way."""
from collections.abc import Iterator, Sequence

# Values per `__in` lookup: below SQLite's oldest limit of 999 parameters per query (PostgreSQL has none that low).
IN_LOOKUP_MAX = 900


def in_chunks(values: Sequence, size: int = IN_LOOKUP_MAX) -> Iterator[Sequence]:
    """`values` in slices small enough for one `__in` lookup each."""
    for start in range(0, len(values), size):
        yield values[start:start + size]
