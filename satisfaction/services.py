"""Questionnaires, survey rounds and responses. Recording a response also updates the round's tallies.

Every write is all or nothing: a batch with one bad form records none, and says which form and item.
"""
import secrets
from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from channels.models import Channel
from channels.selectors import channel_by_code
from core.offices.models import Office
from core.text import LONG_TEXT_MAX, length_error
from core.thai_dates import format_full
from stakeholders.models import StakeholderGroup
from stakeholders.selectors import groups_for_office

from . import metrics
from .choices import NO, YES, ItemKind, ResponseSource, Section
from .models import AccessToken, Answer, GroupTally, Item, Questionnaire, Response, RoundDay, SurveyRound, Tally

NO_OPINION = -1
NO_OPINION_WORDS = {"n/a", "na", "-", "ไม่แสดงความคิดเห็น", "ไม่มีความเห็น", "no_opinion"}
YES_WORDS = {"true", "yes", "y", "1", "ใช่", "มี"}
NO_WORDS = {"false", "no", "n", "0", "ไม่ใช่", "ไม่มี"}


@transaction.atomic
def questionnaire_create(*, office: Office, title: str, scale_max: int, items: list[dict],
                         group: StakeholderGroup | None = None, allow_no_opinion: bool = True,
                         bands: list | None = None) -> Questionnaire:
    errors = {}
    if bands and (problem := metrics.bands_check(bands, scale_max)):
        errors["bands"] = problem
    if not title.strip():
        errors["title"] = "กรุณาระบุชื่อแบบสอบถาม"
    if group is not None and not groups_for_office(office=office).filter(pk=group.pk).exists():
        errors["group"] = "เลือกได้เฉพาะกลุ่มที่ใช้งานของหน่วยงานเจ้าของหรือของหน่วยงานต้นสังกัด"
    if scale_max not in (4, 5):
        errors["scale_max"] = "คะแนนเต็มของมาตราส่วนต้องเป็น 4 หรือ 5"
    if not items:
        errors["items"] = "แบบสอบถามต้องมีข้อคำถามอย่างน้อย 1 ข้อ"
    codes = [str(i.get("code", "")).strip() for i in items]
    for n, (item, code) in enumerate(zip(items, codes), start=1):
        if not code:
            errors[f"items[{n}].code"] = f"ข้อ {n}: กรุณาระบุรหัสข้อ"
        elif codes.count(code) > 1:
            errors[f"items[{n}].code"] = f"ข้อ {n}: รหัสข้อ {code} ซ้ำกับข้ออื่น"
        if item.get("kind", ItemKind.RATING) not in ItemKind.values:
            errors[f"items[{n}].kind"] = f"ข้อ {n}: ชนิดคำถามต้องเป็น {', '.join(ItemKind.values)}"
        if item.get("section", Section.SATISFACTION) not in Section.values:
            errors[f"items[{n}].section"] = f"ข้อ {n}: ส่วนต้องเป็น {', '.join(Section.values)}"
        if item.get("kind") == ItemKind.CHOICE and not item.get("choices"):
            errors[f"items[{n}].choices"] = f"ข้อ {n}: คำถามเลือกตอบต้องมีตัวเลือก"
        if not str(item.get("text", "")).strip():
            errors[f"items[{n}].text"] = f"ข้อ {n}: กรุณาระบุข้อคำถาม"
    if errors:
        raise ValidationError(errors)
    questionnaire = Questionnaire.objects.create(office=office, title=title.strip(), scale_max=scale_max,
                                                 group=group,
                                                 allow_no_opinion=allow_no_opinion, bands=bands or [])
    Item.objects.bulk_create(
        Item(questionnaire=questionnaire, order=n, code=code, text=item["text"].strip(),
             dimension=item.get("dimension", ""), kind=item.get("kind", ItemKind.RATING),
             section=item.get("section", Section.SATISFACTION), choices=item.get("choices", []),
             required=bool(item.get("required", False)))
        for n, (item, code) in enumerate(zip(items, codes), start=1))
    return questionnaire


def _values_of(item: Item, scale_max: int) -> list[int]:
    if item.kind == ItemKind.RATING:
        return [NO_OPINION, *range(1, scale_max + 1)]
    if item.kind == ItemKind.YES_NO:
        return [NO, YES]
    if item.kind == ItemKind.CHOICE:
        return list(range(len(item.choices)))
    return []


@transaction.atomic
def round_create(*, questionnaire: Questionnaire, office: Office, title: str, starts_on=None, ends_on=None,
                 previous: SurveyRound | None = None, subject=None, requires_token: bool = False,
                 by=None) -> SurveyRound:
    """A round, with a zero tally for every value every item can take (so recording only ever adds)."""
    if errors := _dates_errors(starts_on, ends_on):
        raise ValidationError(errors)
    survey = SurveyRound.objects.create(
        questionnaire=questionnaire, office=office, title=title, starts_on=starts_on, ends_on=ends_on,
        previous=previous, public_key=secrets.token_urlsafe(12), requires_token=requires_token, created_by=by,
        subject=subject)
    items = list(questionnaire.items.all())
    Tally.objects.bulk_create(
        Tally(round=survey, item=item, value=value)
        for item in items for value in _values_of(item, questionnaire.scale_max))
    grouping, rated = [i for i in items if i.is_breakdown], [i for i in items if i.is_satisfaction_rating]
    GroupTally.objects.bulk_create(
        GroupTally(round=survey, group_item=group, group_value=choice, item=item, value=value)
        for group in grouping for choice in range(len(group.choices))
        for item in rated for value in range(1, questionnaire.scale_max + 1))
    return survey


@transaction.atomic
def survey_create(*, office: Office, title: str, scale_max: int, items: list[dict],
                  group: StakeholderGroup | None = None,
                  bands: list | None = None, by=None) -> SurveyRound:
    """A questionnaire and its first round under the same title, both or neither (the API's "survey")."""
    questionnaire = questionnaire_create(office=office, title=title, scale_max=scale_max, items=items,
                                         group=group, bands=bands)
    return round_create(questionnaire=questionnaire, office=office, title=title, by=by)


def _dates_errors(starts_on, ends_on) -> dict:
    return {"ends_on": "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"} if starts_on and ends_on and ends_on < starts_on else {}


@transaction.atomic
def round_update(*, survey: SurveyRound, title: str, starts_on=None, ends_on=None, is_open: bool) -> SurveyRound:
    """Rename a round, move its dates or open and close it: the dates and the open flag decide which answers every
    way in takes (`round_closed_message`), so extending a round is how late paper forms get keyed in."""
    errors = _dates_errors(starts_on, ends_on)
    if not title.strip():
        errors["title"] = "กรุณาระบุชื่อรอบการสำรวจ"
    if errors:
        raise ValidationError(errors)
    survey = SurveyRound.objects.select_for_update().get(pk=survey.pk)
    survey.title, survey.starts_on, survey.ends_on, survey.is_open = title.strip(), starts_on, ends_on, is_open
    survey.save(update_fields=["title", "starts_on", "ends_on", "is_open"])
    return survey


def _parse(item: Item, raw, scale_max: int, allow_no_opinion: bool) -> tuple[int | None, str]:
    """(value, text) of one answer; (None, "") is a blank. Raises ValueError with a Thai message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    text = str(raw).strip()
    if item.kind == ItemKind.TEXT:
        if message := length_error(text, LONG_TEXT_MAX):
            raise ValueError(message)
        return None, text
    if item.kind == ItemKind.RATING:
        if text.lower() in NO_OPINION_WORDS or text == "0":
            if not allow_no_opinion:
                raise ValueError("แบบสอบถามนี้ไม่มีตัวเลือก “ไม่แสดงความคิดเห็น”")
            return NO_OPINION, ""
        # isdecimal, not isdigit: "²" is a digit that int() refuses; Thai digits ๑–๕ are decimals and are read.
        if isinstance(raw, bool) or not text.isdecimal() or not 1 <= int(text) <= scale_max:
            raise ValueError(f"คะแนนต้องเป็นเลข 1–{scale_max}")
        return int(text), ""
    if item.kind == ItemKind.YES_NO:
        word = text.lower()
        if raw is True or word in YES_WORDS:
            return YES, ""
        if raw is False or word in NO_WORDS:
            return NO, ""
        raise ValueError("ตอบได้เฉพาะ ใช่ หรือ ไม่ใช่")
    if text in item.choices:
        return item.choices.index(text), ""
    if text.isdecimal() and int(text) < len(item.choices):
        return int(text), ""
    raise ValueError(f"ต้องเป็นหนึ่งในตัวเลือก: {', '.join(item.choices)}")


def responses_check(*, survey: SurveyRound, forms: list[dict], form_numbers: list[str] | None = None
                    ) -> list[dict]:
    """Check filled forms ({item code: value or None}) without writing anything: the parsed rows ({item id:
    (value, text)}), or a ValidationError keyed "N.code" / "N.form" / "N" with Thai messages. A spreadsheet's
    preview runs this."""
    questionnaire = survey.questionnaire
    items = {item.code: item for item in questionnaire.items.all()}
    required = [item for item in items.values() if item.required]
    parse = _parser(questionnaire)
    errors, parsed = {}, []
    for n, answers in enumerate(forms, start=1):
        if not isinstance(answers, dict):
            errors[f"{n}"] = f"แบบที่ {n}: ต้องเป็นคำตอบรายข้อ"
            continue
        row = {}
        for code, raw in answers.items():
            item = items.get(code)
            if item is None:
                errors[f"{n}.{code}"] = f"แบบที่ {n}: ไม่มีข้อรหัส {code} ในแบบสอบถามนี้"
                continue
            answer = parse(item, raw)
            if isinstance(answer, ValueError):
                errors[f"{n}.{code}"] = f"แบบที่ {n} ข้อ {code}: {answer}"
            else:
                row[item.pk] = answer
        for item in required:
            if row.get(item.pk, BLANK) == BLANK:
                errors[f"{n}.{item.code}"] = f"แบบที่ {n} ข้อ {item.code}: ต้องตอบข้อนี้"
        parsed.append(row)
    numbers = [str(n).strip() for n in form_numbers] if form_numbers else [""] * len(forms)
    # The exclude lets the database use the partial unique index on (round, form number).
    taken = set(Response.objects.filter(round=survey, form_number__in=[n for n in numbers if n])
                .exclude(form_number="").values_list("form_number", flat=True))
    seen: set[str] = set()
    for n, number in enumerate(numbers, start=1):
        if message := length_error(number, FORM_NUMBER_MAX):
            errors[f"{n}.form"] = f"แบบที่ {n}: เลขที่แบบ{message}"
        elif number and (number in taken or number in seen):
            errors[f"{n}.form"] = f"แบบที่ {n}: เลขที่แบบ {number} บันทึกไว้แล้ว"
        seen.add(number)
    if message := round_closed_message(survey=survey):
        errors["round"] = message
    if errors:
        raise ValidationError(errors)
    return parsed


BLANK = (None, "")
FORM_NUMBER_MAX = Response._meta.get_field("form_number").max_length
ROUND_CLOSED = "รอบการสำรวจนี้ปิดรับคำตอบแล้ว"


def round_closed_message(*, survey: SurveyRound, today: date | None = None) -> str | None:
    """Why the round takes no answers today, in Thai, or None when it takes them: it is open and today falls
    within its dates (either may be left open). The one rule of every way answers come in — the public page,
    the API, the entry grid and the spreadsheet import — because `responses_check` asks it."""
    today = today or timezone.localdate()
    if not survey.is_open:
        return ROUND_CLOSED
    if (survey.starts_on and today < survey.starts_on) or (survey.ends_on and today > survey.ends_on):
        since = f"ตั้งแต่ {format_full(survey.starts_on)}" if survey.starts_on else ""
        until = f"ถึง {format_full(survey.ends_on)}" if survey.ends_on else ""
        return f"รอบการสำรวจนี้รับคำตอบ{' '.join(filter(None, [since, until]))} (วันนี้ {format_full(today)})"
    return None

def _parser(questionnaire: Questionnaire):
    """`_parse` for one questionnaire, remembering each (item, raw value): a spreadsheet of 100,000 forms holds
    two million cells but only a handful of distinct ratings per item. Returns the answer or the ValueError."""
    scale, allow_no_opinion, seen = questionnaire.scale_max, questionnaire.allow_no_opinion, {}

    def parse(item: Item, raw):
        key = (item.code, raw.__class__, raw)  # the class keeps True apart from 1
        try:
            return seen[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value (a list from the API): parsed, not remembered
            key = None
        try:
            answer = _parse(item, raw, scale, allow_no_opinion)
        except ValueError as exc:
            answer = exc
        if key is not None:
            seen[key] = answer
        return answer

    return parse


# The listening channel a form came by when nobody names one (CS2 counts responses per channel; docs/indicators.md,
# "CS2"): answered on the public page → the website; keyed from paper or imported from a sheet of paper forms →
# documents and questionnaires (หนังสือ เอกสาร แบบสอบถาม). An API form has no default: it names its channel or none.
CHANNEL_BY_SOURCE = {ResponseSource.PUBLIC: "website", ResponseSource.ENTRY: "document",
                     ResponseSource.IMPORT: "document"}


def _channels_of(source: str, channels: list[Channel | None] | None, count: int) -> list[Channel | None]:
    """One channel per form: the one given, else the source's (one query, only when some form needs it)."""
    given = list(channels) if channels else [None] * count
    if all(given) or source not in CHANNEL_BY_SOURCE:
        return given
    default = channel_by_code(CHANNEL_BY_SOURCE[source])
    return [channel or default for channel in given]


@transaction.atomic
def responses_record(*, survey: SurveyRound, forms: list[dict], source: str = ResponseSource.API,
                     form_numbers: list[str] | None = None, fingerprint: str = "",
                     channels: list[Channel | None] | None = None) -> list[Response]:
    """Record filled forms ({item code: value or None}). All or none; tallies and counters in the same
    transaction, each tally row touched once however many forms the batch holds. `channels` (one per form, None
    where unknown) says how each came in; a form without one gets its source's (`CHANNEL_BY_SOURCE`)."""
    parsed = responses_check(survey=survey, forms=forms, form_numbers=form_numbers)
    items = list(survey.questionnaire.items.all())
    dissatisfaction = [i.pk for i in items if i.section == Section.DISSATISFACTION and i.kind == ItemKind.YES_NO]
    answered = [row for row in parsed if any(row.get(i, BLANK)[0] is not None for i in dissatisfaction)]
    dissatisfied = [row for row in answered if any(row.get(i, BLANK)[0] == YES for i in dissatisfaction)]
    # The round's counters first: the row lock this takes makes recordings into one round wait for each other
    # here, before any tally row is touched (see _add_to_tallies).
    SurveyRound.objects.filter(pk=survey.pk).update(
        respondents=F("respondents") + len(forms),
        dissatisfaction_answered=F("dissatisfaction_answered") + len(answered),
        dissatisfied=F("dissatisfied") + len(dissatisfied))
    numbers = [str(n).strip() for n in form_numbers] if form_numbers else [""] * len(forms)
    responses = Response.objects.bulk_create(
        Response(round=survey, source=source, form_number=number, fingerprint=fingerprint, channel=channel)
        for number, channel in zip(numbers, _channels_of(source, channels, len(numbers))))
    if not all(r.pk for r in responses):  # databases that do not return ids from bulk inserts
        responses = list(Response.objects.filter(round=survey).order_by("-id")[:len(numbers)])[::-1]
    _insert_answers(
        (response_id, item_id, None if value == NO_OPINION else value, value == NO_OPINION, text)
        for response_id, row in zip([r.pk for r in responses], parsed) for item_id, (value, text) in row.items()
        if value is not None or text)
    counts = Counter((item_id, value) for row in parsed for item_id, (value, _t) in row.items() if value is not None)
    _add_to_tallies(Tally, survey, ("item_id", "value"), counts)
    _add_to_tallies(GroupTally, survey, ("group_item_id", "group_value", "item_id", "value"),
                    _group_counts(items, parsed))
    _count_today(survey, len(responses))
    return responses


ANSWER_COLUMNS = "response_id, item_id, value, no_opinion, text"
COPY_FROM = 1000  # answers; below this a COPY's own round trips cost more than it saves


def _insert_answers(rows) -> None:
    """Write answer rows (response, item, value, no opinion, text) as fast as the database takes them.

    Not a model object per answer: 100,000 forms of 20 items are two million answers, and building objects
    for them was most of an import's time. PostgreSQL takes them by COPY (its bulk path; row-by-row INSERTs
    cost it 40 µs each), SQLite and a single form by one prepared INSERT repeated.
    """
    rows = list(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) > COPY_FROM:
            with cursor.cursor.copy(f"COPY {Answer._meta.db_table} ({ANSWER_COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {Answer._meta.db_table} ({ANSWER_COLUMNS}) VALUES (%s, %s, %s, %s, %s)",
                               rows)


def _group_counts(items: list[Item], parsed: list[dict]) -> Counter:
    """{(profile item, its answer, rating item, rating): count} of the parsed forms (no opinion left out)."""
    grouping, rated = [i.pk for i in items if i.is_breakdown], [i.pk for i in items if i.is_satisfaction_rating]
    counts: Counter = Counter()
    if not grouping:
        return counts
    for row in parsed:
        groups = [(pk, row[pk][0]) for pk in grouping if row.get(pk, BLANK)[0] is not None]
        if groups:
            ratings = [(pk, row[pk][0]) for pk in rated if row.get(pk, BLANK)[0] not in (None, NO_OPINION)]
            counts.update((*group, *rating) for group in groups for rating in ratings)
    return counts


def _count_today(survey: SurveyRound, count: int) -> None:
    """Add to the round's count for today (one UPDATE; the day's row is created the first time)."""
    today = timezone.localdate()
    if not RoundDay.objects.filter(round=survey, day=today).update(count=F("count") + count):
        try:
            with transaction.atomic():
                RoundDay.objects.create(round=survey, day=today, count=count)
        except IntegrityError:  # another request created today's row in between
            RoundDay.objects.filter(round=survey, day=today).update(count=F("count") + count)


TALLY_BATCH = 1000  # rows per UPDATE: five parameters each stays far below SQLite's 32,766


def _add_to_tallies(model, survey: SurveyRound, key: tuple[str, ...], counts: Counter) -> None:
    """Add {key values: count} to the round's tally rows (created at zero with the round): one UPDATE … FROM a
    list of values per thousand rows, matched on the rows' unique key (no read of their ids first).

    The caller holds the round's row lock, so two recordings into one round never take tally rows in crossed
    orders. (Built as ORM Case/When expressions, or one statement per row, this cost a public form 7–10 ms.)
    """
    table, names = model._meta.db_table, ("n", *key)
    match = " AND ".join(f"{table}.{column} = v.{column}" for column in key)
    rows = sorted(counts.items())
    with connection.cursor() as cursor:
        for start in range(0, len(rows), TALLY_BATCH):
            batch = rows[start:start + TALLY_BATCH]
            values = ", ".join(["(" + ", ".join(["%s"] * len(names)) + ")"] * len(batch))
            cursor.execute(
                f"WITH v ({', '.join(names)}) AS (VALUES {values}) "
                f"UPDATE {table} SET count = {table}.count + v.n FROM v WHERE {table}.round_id = %s AND {match}",
                [param for values_, count in batch for param in (count, *values_)] + [survey.pk])


TOKEN_ERROR = "รหัสตอบแบบสอบถามไม่ถูกต้อง หรือถูกใช้ไปแล้ว"


@transaction.atomic
def response_record_public(*, survey: SurveyRound, answers: dict, token: str, fingerprint: str,
                           channel_code: str = "") -> None:
    """Record one public form; on a round that needs one, spend its one-time code in the same transaction.
    `channel_code` is the channel the round's link carries (`?channel=line` on a poster for LINE): a national
    channel's code, else the form came by the website."""
    if survey.requires_token:
        # A conditional UPDATE: two browsers racing with one code cannot both win.
        spent = AccessToken.objects.filter(round=survey, code=token, used_at__isnull=True).update(
            used_at=timezone.now()) if token else 0
        if not spent:
            raise ValidationError({"token": TOKEN_ERROR})
    channel = channel_by_code(channel_code) if channel_code else None
    responses_record(survey=survey, forms=[answers], source=ResponseSource.PUBLIC, fingerprint=fingerprint,
                     channels=[channel])
