"""Text as people type it, made safe to keep: the characters no database, spreadsheet or PDF should hold removed.

Applied where text enters — every form and query string (`core.middleware.CleanTextInputMiddleware`), every API
body (`core.api_parsers`), every spreadsheet cell read by an import (`core.imports.cell_text`) — and again where it
leaves in a spreadsheet (`core.exports`), for rows stored before this rule existed.

Removed: the C0 control characters except tab, line feed and carriage return (NUL ends a PostgreSQL string and
makes an XLSX unreadable; \\x0b made every register export of an office fail), DEL, and lone UTF-16 surrogates
(which neither database can encode). Nothing else is changed: Thai, emoji and line breaks stay as typed.
"""
import re

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` without the characters listed above (the same object when there are none)."""
    return _UNSAFE.sub("", value) if _UNSAFE.search(value) else value


def clean_data(value, *, max_depth: int = 32, _depth: int = 0):
    """Every string inside parsed JSON cleaned (dict keys too); ValueError when nested deeper than `max_depth`."""
    if _depth > max_depth:
        raise ValueError(f"ข้อมูลซ้อนกันลึกเกิน {max_depth} ชั้น")
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(key) if isinstance(key, str) else key: clean_data(item, max_depth=max_depth,
                                                                              _depth=_depth + 1)
                for key, item in value.items()}
    if isinstance(value, list):
        return [clean_data(item, max_depth=max_depth, _depth=_depth + 1) for item in value]
    return value


def clean_querydict(query):
    """A QueryDict (form fields, query string) with every key and value cleaned; the same one when already clean."""
    from django.http import QueryDict

    if not any(_UNSAFE.search(key) or any(_UNSAFE.search(value) for value in values)
               for key, values in query.lists()):
        return query
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    cleaned._mutable = query._mutable
    return cleaned


# The longest free text (a complaint's detail, a reply, an open answer) the app takes from anyone: about ten
# printed pages. Columns with their own max_length keep theirs; this bounds the unbounded ones, so that one
# submission or one spreadsheet cell cannot fill the database (and PostgreSQL is never the one to refuse).
LONG_TEXT_MAX = 10_000


def length_error(value: str, limit: int) -> str | None:
    """The Thai message for text longer than `limit` characters, or None. Every way in (form, API, import)
    checks lengths through the service that writes, so each says the same and none reaches the database."""
    if len(value) <= limit:
        return None
    return f"ยาวเกิน {limit:,} ตัวอักษร (ที่ส่งมามี {len(value):,} ตัวอักษร)"
