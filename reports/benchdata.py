"""Synthetic data at the scale the issues name, for `manage.py bench` only.

Tickets are generated inside the database with one INSERT … SELECT over a recursive counter (portable to
SQLite and PostgreSQL): a million rows through the ORM would measure Python, not the application.
The rows are plausible, not exact: due dates are 21 calendar days after receipt, the way 15 working
days usually fall, which is all the list, the dashboard and the daily check need. Every office has a handler
and a head with an e-mail address, and every ticket its office's handler, so the daily check has people to
warn and to escalate to, as it would in a department.
"""
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, Lower

from channels.models import Channel
from complaints.models import Category, Ticket
from core.offices.models import Office, User
from core.offices.roles import Role
from core.offices.services import office_create, user_upsert

BENCH_ROOT = "BENCH"
BENCH_MAIL_DOMAIN = "bench.example.go.th"
# Each office's people, by username prefix (then the office code in lower case) and role.
OFFICE_PEOPLE = {"handler-": ("เจ้าหน้าที่ทดสอบ", Role.OFFICE_STAFF), "head-": ("หัวหน้าทดสอบ", Role.EXECUTIVE)}
HANDLER_PREFIX = f"handler-{BENCH_ROOT.lower()}"


def _date_plus(column: str, days_sql: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} + ({days_sql}) * INTERVAL '1 day')::date"
    return f"date({column}, '+' || ({days_sql}) || ' days')"


@transaction.atomic
def ensure_offices(*, count: int) -> list[int]:
    """A department with count/20 provinces of 20 district offices each (ids returned in order)."""
    root = Office.objects.filter(code=BENCH_ROOT).first() or office_create(code=BENCH_ROOT, name="กรมทดสอบสมรรถนะ")
    existing = list(Office.objects.filter(code__startswith=f"{BENCH_ROOT}-D").order_by("id").values_list("id", flat=True))
    if len(existing) >= count:
        return existing[:count]
    provinces = max(1, count // 20)
    for p in range(provinces):
        province = office_create(code=f"{BENCH_ROOT}-P{p:03d}", name=f"สำนักงานจังหวัดทดสอบ {p}", parent=root)
        for d in range(count // provinces):
            office_create(code=f"{BENCH_ROOT}-D{p:03d}-{d:02d}", name=f"สำนักงานอำเภอทดสอบ {p}-{d}", parent=province)
    user_upsert(username="bench-committee", office=root, role="committee", password="bench-pass-123")
    user_upsert(username="bench-district", office=Office.objects.get(code=f"{BENCH_ROOT}-D000-00"),
                role="office_staff", password="bench-pass-123")
    return list(Office.objects.filter(code__startswith=f"{BENCH_ROOT}-D").order_by("id").values_list("id", flat=True))


@transaction.atomic
def ensure_office_people() -> int:
    """Every bench office gets a handler (office staff) and a head (an executive, the office's `head`), and the
    committee member and the district user an e-mail address too. Returns how many people were added: none on a
    second run, the missing ones on a bench database from before there were any.

    Written in bulk (two thousand people through user_upsert would spend minutes hashing passwords nobody uses).
    """
    codes = dict(Office.objects.filter(code__startswith=BENCH_ROOT).values_list("code", "pk"))
    have = set(User.objects.filter(email__endswith=f"@{BENCH_MAIL_DOMAIN}").values_list("username", flat=True))
    unusable = make_password(None)  # nobody signs in as them
    new = [(User(username=f"{prefix}{code.lower()}", email=f"{prefix}{code.lower()}@{BENCH_MAIL_DOMAIN}",
                 first_name=title, last_name=code, office_id=office_id, password=unusable), role)
           for code, office_id in codes.items() for prefix, (title, role) in OFFICE_PEOPLE.items()
           if f"{prefix}{code.lower()}" not in have]
    User.objects.bulk_create([user for user, _role in new], batch_size=500)
    groups = dict(Group.objects.filter(name__in=[role for _title, role in OFFICE_PEOPLE.values()])
                  .values_list("name", "pk"))
    membership = User.groups.through
    membership.objects.bulk_create([membership(user_id=user.pk, group_id=groups[role]) for user, role in new],
                                   batch_size=500, ignore_conflicts=True)
    head = User.objects.filter(username=Concat(Value("head-"), Lower(OuterRef("code")))).values("pk")[:1]
    Office.objects.filter(code__startswith=BENCH_ROOT, head__isnull=True).update(head=Subquery(head))
    User.objects.filter(username__in=["bench-committee", "bench-district"], email="").update(
        email=Concat(F("username"), Value(f"@{BENCH_MAIL_DOMAIN}")))
    return len(new)


def _handlers(office_ids: list[int]) -> dict[int, int]:
    return dict(User.objects.filter(username__startswith=HANDLER_PREFIX, office_id__in=office_ids)
                .values_list("office_id", "pk"))


def ensure_ticket_handlers() -> int:
    """Bench tickets with no handler get their office's (a bench database from before there were handlers):
    one UPDATE. Returns how many tickets were given one."""
    handler = User.objects.filter(username__startswith=HANDLER_PREFIX, office_id=OuterRef("office_id")).values("pk")[:1]
    with transaction.atomic():
        assigned = Ticket.objects.filter(reference__startswith="B-", handler__isnull=True).update(
            handler_id=Subquery(handler))
    if assigned:
        _refresh_statistics()  # every row was rewritten: the planner's figures and PostgreSQL's visibility map
    return assigned


def _refresh_statistics() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # VACUUM (not allowed in a transaction: the bench runs in autocommit, a test does not) sets the
            # visibility map, so index-only scans are used.
            cursor.execute("VACUUM ANALYZE complaints_ticket")
        else:
            cursor.execute("ANALYZE")


def _pick(n: str, ids: list[int]) -> str:
    """SQL choosing ids[n % len(ids)]: ids need not run on without gaps (PostgreSQL's sequences skip the ids a
    rolled-back transaction took, and an office's own channels sit among the national ones)."""
    whens = " ".join(f"WHEN {k} THEN {pk}" for k, pk in enumerate(ids))
    return f"CASE {n} % {len(ids)} {whens} END"


def ensure_tickets(*, count: int, office_ids: list[int], first_day: date, days: int, today: date,
                   prefix: str = "B-") -> int:
    """Insert tickets until there are `count` bench tickets whose reference starts with `prefix` (the big bench's
    "B-", a province of its own another: `reports.bench_province`). Returns how many were inserted."""
    have = Ticket.objects.filter(reference__startswith=prefix).count()
    if have >= count:
        return 0
    channel_ids = list(Channel.objects.order_by("id").values_list("id", flat=True))
    category_ids = [Category.objects.get_or_create(name=f"หมวดทดสอบ {i}")[0].pk for i in range(10)]
    offices = len(office_ids)
    received = _date_plus(f"'{first_day.isoformat()}'" if connection.vendor == "sqlite" else
                          f"DATE '{first_day.isoformat()}'", f"(CAST(n AS BIGINT) * 7919) % {days}")
    due = _date_plus(received, "21")
    answered = _date_plus(received, "(n % 29) + 1")
    open_case = f"(n % 17 = 0 AND {received} > '{today.isoformat()}'::date - 60)" if connection.vendor == "postgresql" \
        else f"(n % 17 = 0 AND {received} > date('{today.isoformat()}', '-60 days'))"
    sql = f"""
        WITH RECURSIVE counter(n) AS (SELECT {have + 1} UNION ALL SELECT n + 1 FROM counter WHERE n < {count})
        INSERT INTO complaints_ticket (
            reference, tracking_code, kind, channel_id, receiving_office_id, office_id, handler_id, category_id,
            subject, detail,
            received_on, entered_on, complainant_name, complainant_contact, complainant_key, anonymous, confidential,
            status, rejection_reason, round, due_on, deadline_basis, deadline_days, answered_on, on_time,
            working_days_to_answer, source_ref, created_at)
        SELECT
            '{prefix}' || n, '{"T" if prefix == "B-" else "T" + prefix}' || n,
            CASE WHEN n % 10 < 7 THEN 'complaint' WHEN n % 10 = 7 THEN 'suggestion'
                 WHEN n % 10 = 8 THEN 'opinion' ELSE 'compliment' END,
            {_pick("n", channel_ids)},
            m.office_id, m.office_id, m.handler_id,
            {_pick("n", category_ids)},
            'เรื่องทดสอบ ' || n, 'รายละเอียดทดสอบ', {received}, {received}, 'ผู้ร้องทดสอบ', '08' || (n % 100000000),
            '08' || (n % 50000), {"false" if connection.vendor == "postgresql" else 0},
            {"false" if connection.vendor == "postgresql" else 0},
            CASE WHEN {open_case} THEN 'in_progress' ELSE 'answered' END, '',
            CASE WHEN n % 41 = 0 THEN 2 ELSE 1 END,
            CASE WHEN n % 10 = 9 THEN NULL ELSE {due} END,
            CASE WHEN n % 10 = 9 THEN '' ELSE 'working_days' END,
            CASE WHEN n % 10 = 9 THEN NULL ELSE 15 END,
            CASE WHEN {open_case} THEN NULL ELSE {answered} END,
            CASE WHEN n % 10 = 9 OR {open_case} THEN NULL WHEN n % 29 < 21 THEN {"true" if connection.vendor == "postgresql" else 1}
                 ELSE {"false" if connection.vendor == "postgresql" else 0} END,
            CASE WHEN n % 10 = 9 OR {open_case} THEN NULL ELSE (n % 29) * 5 / 7 + 1 END,
            '', CURRENT_TIMESTAMP
        FROM counter JOIN bench_office_map m ON m.pos = n % {offices}
    """
    with transaction.atomic(), connection.cursor() as cursor:
        # Row number → office, through a small table: office ids are not contiguous (provinces interleave).
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_office_map (pos integer PRIMARY KEY, office_id integer, "
                       "handler_id integer)")
        cursor.execute("DELETE FROM bench_office_map")
        handlers = _handlers(office_ids)
        cursor.executemany("INSERT INTO bench_office_map (pos, office_id, handler_id) VALUES (%s, %s, %s)",
                           [(pos, office_id, handlers.get(office_id)) for pos, office_id in enumerate(office_ids)])
        cursor.execute(sql)
    _refresh_statistics()
    return count - have


BENCH_SURVEY = "BENCH survey (profile)"
# The respondent profile of the bench questionnaire: the results are broken down by each question.
BENCH_PROFILE = [
    ("g", "กลุ่มผู้รับบริการ", ["เกษตรกร", "วิสาหกิจชุมชน", "ผู้ประกอบการ", "หน่วยงานรัฐ"]),
    ("o", "หน่วยงานที่รับบริการ", [f"สำนักงานทดสอบ {n}" for n in range(1, 11)]),
    ("c", "ช่องทาง", ["ติดต่อด้วยตนเอง", "โทรศัพท์", "เว็บไซต์", "LINE", "ไปรษณีย์"]),
]


def ensure_survey(*, responses: int, items: int = 20):
    """One round of a questionnaire of 20 five-point items and three profile questions with `responses` forms,
    written in SQL like the tickets; its tallies and tallies by group are rebuilt from the answers with GROUP BY
    queries, as the recording service would have kept them."""
    from satisfaction.models import Answer, GroupTally, Response, SurveyRound, Tally
    from satisfaction.services import survey_create

    survey = SurveyRound.objects.filter(title=BENCH_SURVEY).first()
    if survey is None:
        root = Office.objects.get(code=BENCH_ROOT)
        survey = survey_create(
            office=root, title=BENCH_SURVEY, scale_max=5,
            items=[{"code": f"q{i:02d}", "text": f"ข้อคำถามทดสอบ {i}", "dimension": f"ด้าน {i % 4}"}
                   for i in range(1, items + 1)]
            + [{"code": code, "text": text, "kind": "choice", "section": "profile", "choices": choices}
               for code, text, choices in BENCH_PROFILE])
    have = Response.objects.filter(round=survey).count()
    if have >= responses:
        return survey
    rated = list(survey.questionnaire.items.filter(section="satisfaction").order_by("order")
                 .values_list("pk", flat=True))
    profile = list(survey.questionnaire.items.filter(section="profile").order_by("order").values_list("pk", "choices"))
    answers, responses_table = Answer._meta.db_table, Response._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {responses_table}")
        after = cursor.fetchone()[0]
        cursor.execute(f"""
            WITH RECURSIVE counter(n) AS (SELECT {have + 1} UNION ALL SELECT n + 1 FROM counter WHERE n < {responses})
            INSERT INTO {responses_table} (round_id, source, form_number, submitted_at, fingerprint)
            SELECT {survey.pk}, 'import', 'B' || n, CURRENT_TIMESTAMP, '' FROM counter""")
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_items (pos integer PRIMARY KEY, item_id integer, "
                       "choices integer)")
        cursor.execute("DELETE FROM bench_items")
        cursor.executemany("INSERT INTO bench_items (pos, item_id, choices) VALUES (%s, %s, %s)",
                           [(pos, pk, 0) for pos, pk in enumerate(rated)]
                           + [(100 + pos, pk, len(choices)) for pos, (pk, choices) in enumerate(profile)])
        # Ratings skewed towards 4 and 5, with some "no opinion" (value NULL, no_opinion true); every profile
        # question answered, spread over its choices.
        value = ("CASE WHEN i.choices > 0 THEN (r.id * 7 + i.pos) % i.choices "
                 "WHEN (r.id * 31 + i.pos * 7) % 23 = 0 THEN NULL ELSE 5 - ((r.id * 13 + i.pos * 17) % 11) / 3 END")
        cursor.execute(f"""
            INSERT INTO {answers} (response_id, item_id, value, no_opinion, text)
            SELECT r.id, i.item_id, {value}, i.choices = 0 AND (r.id * 31 + i.pos * 7) % 23 = 0, ''
            FROM {responses_table} r CROSS JOIN bench_items i
            WHERE r.round_id = {survey.pk} AND r.id > {after}""")
        cursor.execute(f"""
            SELECT item_id, COALESCE(value, -1), COUNT(*) FROM {answers}
            WHERE response_id IN (SELECT id FROM {responses_table} WHERE round_id = {survey.pk})
            GROUP BY item_id, COALESCE(value, -1)""")
        tallies = cursor.fetchall()
        cursor.execute(f"""
            SELECT p.item_id, p.value, a.item_id, a.value, COUNT(*)
            FROM {answers} a JOIN {answers} p ON p.response_id = a.response_id
            WHERE a.response_id IN (SELECT id FROM {responses_table} WHERE round_id = {survey.pk})
              AND a.item_id IN ({", ".join(map(str, rated))}) AND a.value IS NOT NULL
              AND p.item_id IN ({", ".join(str(pk) for pk, _c in profile)})
            GROUP BY p.item_id, p.value, a.item_id, a.value""")
        by_group = cursor.fetchall()
    Tally.objects.filter(round=survey).update(count=0)
    GroupTally.objects.filter(round=survey).update(count=0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {Tally._meta.db_table} SET count = %s WHERE round_id = %s AND item_id = %s "
                           "AND value = %s", [(count, survey.pk, item, value) for item, value, count in tallies])
        cursor.executemany(
            f"UPDATE {GroupTally._meta.db_table} SET count = %s WHERE round_id = %s AND group_item_id = %s "
            "AND group_value = %s AND item_id = %s AND value = %s",
            [(count, survey.pk, group, choice, item, value) for group, choice, item, value, count in by_group])
    SurveyRound.objects.filter(pk=survey.pk).update(respondents=Response.objects.filter(round=survey).count())
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {responses_table}")
    survey.refresh_from_db()
    return survey


BENCH_CHANNELS = 20  # the national list and, to make up twenty, channels of the bench department itself


def ensure_channel_usage(*, office_ids: list[int], years: list[int]) -> int:
    """Keyed CS2 counts for every bench district, each of 20 channels and each of `years` (1,000 × 20 × 5 = 100,000
    rows at the issue's scale), inserted in SQL like the tickets. Returns how many were inserted."""
    from channels.models import Channel, ChannelUsage

    root = Office.objects.get(code=BENCH_ROOT)
    national = list(Channel.objects.filter(office__isnull=True).order_by("order", "code"))
    for n in range(len(national), BENCH_CHANNELS):
        Channel.objects.get_or_create(code=f"bench-ch{n + 1:02d}",
                                      defaults={"name": f"ช่องทางทดสอบ {n + 1}", "office": root, "order": 100 + n})
    channel_ids = list(Channel.objects.filter(Q(office__isnull=True) | Q(office=root)).order_by("order", "code")
                       .values_list("pk", flat=True)[:BENCH_CHANNELS])
    have = ChannelUsage.objects.filter(office_id__in=office_ids[:1], fiscal_year__in=years).count()
    if have >= len(channel_ids) * len(years):
        return 0
    table = ChannelUsage._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_usage_keys (office_id integer, channel_id integer, "
                       "fiscal_year integer)")
        cursor.execute("DELETE FROM bench_usage_keys")
        cursor.executemany("INSERT INTO bench_usage_keys (office_id, channel_id, fiscal_year) VALUES (%s, %s, %s)",
                           [(office_id, channel_id, year) for office_id in office_ids for channel_id in channel_ids
                            for year in years])
        cursor.execute(f"""
            INSERT INTO {table} (office_id, channel_id, fiscal_year, count, updated_at)
            SELECT k.office_id, k.channel_id, k.fiscal_year, (k.office_id * 7 + k.channel_id * 13 + k.fiscal_year) % 500,
                   CURRENT_TIMESTAMP
            FROM bench_usage_keys k
            WHERE NOT EXISTS (SELECT 1 FROM {table} u WHERE u.office_id = k.office_id AND u.channel_id = k.channel_id
                              AND u.fiscal_year = k.fiscal_year)""")
        inserted = cursor.rowcount
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
    return inserted


# --- CS7: service records -------------------------------------------------------------------------------------------

# The bench department's services: (name, working days of the standard, calendar days it usually spans).
BENCH_SERVICES = [("งานบริการทดสอบ ทะเบียน", 3, 5), ("งานบริการทดสอบ รับรอง", 5, 7), ("งานบริการทดสอบ ตรวจแปลง", 7, 9),
                  ("งานบริการทดสอบ หนังสืออนุญาต", 15, 21), ("งานบริการทดสอบ คำปรึกษา", 10, 14)]
BENCH_RECORD_PREFIX = "S-"


def ensure_bench_services() -> list:
    """Five working-day services of the bench department (adopted by all its offices), three steps each."""
    from service_standards.models import Service
    from service_standards.services import service_save

    root = Office.objects.get(code=BENCH_ROOT)
    found = {s.name: s for s in Service.objects.filter(office=root)}
    for name, amount, _span in BENCH_SERVICES:
        if name not in found:
            found[name] = service_save(
                office=root, name=name, standard_amount=amount, standard_unit="working_days",
                steps=[{"name": f"ขั้นตอนทดสอบ {n}", "amount": amount // 3 if n < 3 else amount - 2 * (amount // 3),
                        "responsible_unit": "ฝ่ายทดสอบ"} for n in (1, 2, 3)])
    return [found[name] for name, _amount, _span in BENCH_SERVICES]


def ensure_service_records(*, count: int, office_ids: list[int], years: int, today: date) -> int:
    """Insert CS7 service records until there are `count` bench records, over `office_ids` and `years` years up to
    `today`, in one INSERT … SELECT like the tickets. Returns how many were inserted.

    Plausible, not exact: the due date is the calendar days a service's working days usually span; one record in
    ten is completed after it (late); those received in the last 31 days are still open, at a step; a late record
    is held at its second step. The bench measures counting, not the calendar."""
    from service_standards.models import ServiceRecord

    table = ServiceRecord._meta.db_table
    have = ServiceRecord.objects.filter(reference__startswith=BENCH_RECORD_PREFIX).count()
    if have >= count:
        return 0
    services = ensure_bench_services()
    steps = {service.pk: list(service.steps.order_by("order").values_list("pk", flat=True)) for service in services}
    days = 365 * years
    first_day = date.fromordinal(today.toordinal() - days)
    day_sql = "'{}'" if connection.vendor == "sqlite" else "DATE '{}'"
    received = _date_plus(day_sql.format(first_day.isoformat()), f"(CAST(n AS BIGINT) * 7919) % {days}")
    # Calendar days to completion: within the span nine times in ten, 1–9 days beyond it otherwise.
    took = "CASE WHEN n % 10 = 0 THEN s.span + 1 + n % 9 ELSE n % (s.span + 1) END"
    recent = (f"{received} > DATE '{today.isoformat()}' - 31" if connection.vendor == "postgresql"
              else f"{received} > date('{today.isoformat()}', '-31 days')")
    true, false = ("true", "false") if connection.vendor == "postgresql" else ("1", "0")
    sql = f"""
        WITH RECURSIVE counter(n) AS (SELECT {have + 1} UNION ALL SELECT n + 1 FROM counter WHERE n < {count})
        INSERT INTO {table} (office_id, service_id, reference, received_on, received_at, completed_on, completed_at,
                             step_id, due_on, due_at, met, updated_at)
        SELECT m.office_id, s.service_id, '{BENCH_RECORD_PREFIX}' || n, {received}, NULL,
               CASE WHEN {recent} THEN NULL ELSE {_date_plus(received, took)} END, NULL,
               CASE WHEN {recent} THEN (CASE n % 3 WHEN 0 THEN s.step1 WHEN 1 THEN s.step2 ELSE s.step3 END)
                    WHEN n % 10 = 0 THEN s.step2 ELSE s.step3 END,
               {_date_plus(received, "s.span")}, NULL,
               CASE WHEN {recent} THEN NULL WHEN n % 10 = 0 THEN {false} ELSE {true} END, CURRENT_TIMESTAMP
        FROM counter JOIN bench_office_map m ON m.pos = n % {len(office_ids)}
                     JOIN bench_service_map s ON s.pos = (n / {len(office_ids)}) % {len(services)}
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_office_map (pos integer PRIMARY KEY, office_id integer, "
                       "handler_id integer)")
        cursor.execute("DELETE FROM bench_office_map")
        cursor.executemany("INSERT INTO bench_office_map (pos, office_id, handler_id) VALUES (%s, %s, NULL)",
                           [(pos, office_id) for pos, office_id in enumerate(office_ids)])
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_service_map (pos integer PRIMARY KEY, "
                       "service_id integer, span integer, step1 integer, step2 integer, step3 integer)")
        cursor.execute("DELETE FROM bench_service_map")
        cursor.executemany("INSERT INTO bench_service_map (pos, service_id, span, step1, step2, step3) "
                           "VALUES (%s, %s, %s, %s, %s, %s)",
                           [(pos, service.pk, span, *steps[service.pk])
                            for pos, (service, (_name, _amount, span)) in enumerate(zip(services, BENCH_SERVICES))])
        cursor.execute(sql)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute(f"ANALYZE {table}")
    return count - have
