"""The machinery of the URL-walk isolation test (tests/test_isolation.py), kept apart so the test reads as its tables.

- `routes()`: every URL pattern of the project, read from the resolver (includes and namespaces followed).
- `Markers` and `victim_build()`: an office in another branch of the tree holding one of everything, every text
  carrying a marker that a response must never show to another office.
- `body_text()`: what a response shows — HTML, JSON, CSV, XLSX (openpyxl) and PDF (pypdf) alike.
- `victim_snapshot()` and `snapshot_changes()`: the victim's rows before and after the walk.
"""
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import unquote

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone

# --- The URL patterns ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern. `name` is "namespace:name"; an unnamed pattern is known by its route."""

    name: str
    route: str
    params: tuple[str, ...]  # keyword parameters; a regex's unnamed groups as "0", "1" …
    methods: tuple[str, ...]  # what the walk sends: GET, and the methods the view may take

    @property
    def named(self) -> bool:
        return self.name != self.route

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")

    @property
    def object_params(self) -> tuple[str, ...]:
        """The parameters that name something; DRF's `.json` suffix names nothing."""
        return tuple(p for p in self.params if p != "format")


def routes() -> list[Route]:
    found: list[Route] = []
    _collect(get_resolver(), "", (), (), found)
    return found


def _collect(resolver: URLResolver, prefix: str, namespaces: tuple, params: tuple, found: list) -> None:
    for entry in resolver.url_patterns:
        here = params + _params(entry.pattern)
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            _collect(entry, route, inner, here, found)
        else:
            name = ":".join(namespaces + (entry.name,)) if entry.name else route
            found.append(Route(name, route, here, _methods(entry.callback)))


def _params(pattern) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    regex = pattern.regex
    return tuple(regex.groupindex) or tuple(str(n) for n in range(regex.groups))


def _methods(callback) -> tuple[str, ...]:
    """A DRF viewset route maps its methods (`actions`); any other view is sent GET and POST (a view that takes
    no POST answers 405, one that ignores the method answers as to GET: both are checked the same way)."""
    actions = getattr(callback, "actions", None)
    if actions:
        return ("get",) + tuple(m for m in actions if m not in ("get", "head", "options"))
    return ("get", "post")


def route_url(route: Route, kwargs: dict) -> str:
    """The URL of a pattern with its parameters filled: reversed by name, or spelled from an unnamed route."""
    if route.named:
        positional = [kwargs[p] for p in route.params if p.isdigit()]
        if positional:
            return reverse(route.name, args=positional)
        return reverse(route.name, kwargs={p: kwargs[p] for p in route.params})
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), route.route)


# --- Markers ---------------------------------------------------------------------------------------------------------

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MARKER = re.compile(r"victim(\d{3})secret")


class Markers:
    """Unmistakable strings for the victim's records: an ASCII tag (survives HTML, JSON, XLSX, PDF text, Thai digits
    and truncation: it comes first), then Thai words. `public=True` marks a text the citizens' pages show by design
    (a survey's questions on its answer page)."""

    def __init__(self):
        self.what: dict[str, str] = {}
        self.public: set[str] = set()
        self.literals: dict[str, str] = {}  # secrets that cannot carry a tag (an API token), searched as they are

    def __call__(self, what: str, *, public: bool = False, short: bool = False) -> str:
        number = f"{len(self.what) + 1:03d}"
        self.what[number] = what
        if public:
            self.public.add(number)
        tag = f"VICTIM{number}SECRET"
        return tag if short else f"{tag}-ความลับของจังหวัดอื่น"

    def literal(self, text: str, what: str) -> None:
        self.literals[text.lower()] = what

    def found(self, text: str, *, public_page: bool = False) -> list[str]:
        """The victim records whose marker `text` shows ("the ticket's complainant name" …)."""
        text = text.translate(THAI_DIGITS).lower()
        numbers = sorted(set(MARKER.findall(text)))
        return ([self.what.get(n, f"marker {n}") for n in numbers if not (public_page and n in self.public)]
                + [what for literal, what in self.literals.items() if literal in text])


# --- Response bodies ---------------------------------------------------------------------------------------------------


def body_text(response) -> str:
    """Everything a response shows, as text: headers (a file name), and the body read as what it is."""
    # Read to the end, never response.close(): the test client closes a streamed answer itself once it is read,
    # with Django's connection-closing signal held off; closing it here would close PostgreSQL's test connection.
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    headers = " ".join(f"{key}: {unquote(value)}" for key, value in response.headers.items())
    return headers + "\n" + _content_text(raw)


def _content_text(raw: bytes) -> str:
    if raw.startswith(b"%PDF"):
        return _pdf_text(raw)
    if raw.startswith(b"PK\x03\x04"):
        return _xlsx_text(raw) or _zip_text(raw)
    for encoding in ("utf-8", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _pdf_text(raw: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        texts = [page.extract_text() or "" for page in reader.pages]
        texts += [str(value) for value in (reader.metadata or {}).values()]
    except Exception as exc:  # noqa: BLE001 - an unreadable PDF is searched as bytes, and said so
        texts = [f"(pypdf could not read the PDF: {exc})"]
    return "\n".join(texts) + "\n" + raw.decode("latin-1")


def _xlsx_text(raw: bytes) -> str:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - not a workbook: read as any zip
        return ""
    try:
        return "\n".join(" ".join("" if value is None else str(value) for value in row)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    finally:
        book.close()


def _zip_text(raw: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return raw.decode("latin-1")


# --- The data --------------------------------------------------------------------------------------------------------


def text_file(name: str, text: str) -> SimpleUploadedFile:
    """A small real text file (.txt is accepted evidence; its bytes are what its name says)."""
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def jpeg_file(name: str) -> SimpleUploadedFile:
    """A small real JPEG (a photo is checked by its bytes)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def csv_file(name: str, rows: list[list]) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig"), content_type="text/csv")


def be_date(day) -> str:
    """dd/mm/yyyy in the Buddhist Era, as the forms read dates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def victim_build(*, office, district, user) -> SimpleNamespace:
    """One of everything at `office` (a province in another branch) and its `district`, every text marked."""
    from channels.selectors import channel_by_code
    from complaints import imports as ticket_imports
    from complaints.models import Category, FollowUpPlan, ImprovementAnalysis, ItaReport
    from complaints.resources import TicketResource
    from complaints.services import (
        ticket_attach,
        ticket_change_status,
        ticket_create,
        ticket_reply,
        ticket_set_priority,
    )
    from core.fiscal import fiscal_year_of
    from core.plans.models import ActionPlan
    from core.plans.services import evidence_add
    from core.testing.factories import IndicatorFactory, StepFactory
    from core.workdays.models import DeadlineRule
    from core.workdays.services import holiday_save
    from satisfaction import imports as survey_imports
    from satisfaction.choices import ResponseSource
    from satisfaction.improvements import improvement_create
    from satisfaction.models import AccessToken
    from satisfaction.services import questionnaire_create, responses_record, round_create
    from stakeholders import services as cs1

    mark = Markers()
    today = timezone.localdate()
    year = fiscal_year_of(today)
    v = SimpleNamespace(mark=mark, office=office, district=district, user=user, fiscal_year=year, today=today)

    user.first_name, user.last_name = mark("the victim user's first name"), mark("the victim user's last name")
    user.email = f"{mark('the victim user e-mail', short=True)}@other.example.go.th"
    user.position = mark("the victim user's position")
    user.save()

    # A national holiday inside the victim's ticket deadline: changing the calendar would move that deadline.
    v.holiday_day = today + timedelta(days=5)
    while v.holiday_day.weekday() >= 5:
        v.holiday_day += timedelta(days=1)
    v.holiday = holiday_save(day=v.holiday_day, name="วันหยุดพิเศษ (ทดสอบ)", kind="special", source="มติ ครม.")
    v.spare_day = v.holiday_day + timedelta(days=1)  # a working day within the same deadline, for attacks
    while v.spare_day.weekday() >= 5:
        v.spare_day += timedelta(days=1)
    # The national lists the deadlines are counted by (no office's data, so no markers): a rule and a category
    # nothing counts by yet, which only the root office's administrators may change or delete.
    v.deadline_rule = DeadlineRule.objects.create(code="isolation-7-days", name="7 วันทำการ (ทดสอบ)", days=7)
    v.category = Category.objects.create(name="หมวดหมู่ทดสอบการแยกข้อมูล", deadline_rule=v.deadline_rule)

    # CS3: a ticket with a complainant, a status note, a reply, an attachment and a ranking; a confidential one
    # at the district; the follow-up plan and analysis rows of the year.
    phone = channel_by_code("phone")
    v.ticket = ticket_create(
        kind="complaint", channel=phone, office=office, received_on=today - timedelta(days=3),
        subject=mark("ticket subject"), detail=mark("ticket detail"),
        complainant_name=mark("ticket complainant name"), complainant_contact=mark("ticket complainant contact"),
        source_ref=mark("ticket source reference", short=True), by=user)
    ticket_change_status(ticket=v.ticket, to_status="screened", note=mark("ticket status note"), by=user)
    v.reply = ticket_reply(ticket=v.ticket, kind="interim", replied_on=today, method="phone",
                           text=mark("ticket reply text"), by=user)
    v.attachment = ticket_attach(ticket=v.ticket, file=text_file(f"{mark('attachment file name', short=True)}.txt",
                                                                 mark("attachment content")))
    ticket_set_priority(ticket=v.ticket, priority="high", by=user)
    v.confidential = ticket_create(
        kind="complaint", channel=phone, office=district, received_on=today - timedelta(days=2),
        subject=mark("district ticket subject"), detail=mark("district ticket detail"),
        complainant_name=mark("district ticket complainant"), confidential=True, by=user)
    v.follow_up = FollowUpPlan.objects.create(
        office=office, fiscal_year=year, process=mark("follow-up plan process"), priority="high",
        timing=mark("follow-up plan timing"), frequency="ทุกเดือน", owner=mark("follow-up plan owner"),
        follow_up_channel=mark("follow-up plan channel"))
    # The improvements made are on the office's published ITA complaint report by design (public markers there).
    v.analysis = ImprovementAnalysis.objects.create(
        office=office, fiscal_year=year, follow_up_data=mark("analysis data"), follow_up_channel="โทรศัพท์",
        analysis_method="ร้อยละ", analysis_result=mark("analysis result", public=True),
        analyst=mark("analysis analyst"), priority="high", process_improved=mark("analysis process", public=True),
        owner=mark("analysis owner", public=True))
    v.ita_report = ItaReport.objects.create(office=office, fiscal_year=year, period="year", is_published=True)

    # Plans: one per CS (every process page lists its own); the CS3 plan with an indicator, a step and evidence.
    v.plans = {cs: ActionPlan.objects.create(office=office, fiscal_year=year, cs=cs, title=mark(f"CS{cs} plan title"),
                                             objective=mark(f"CS{cs} plan objective"),
                                             definitions=mark(f"CS{cs} plan definitions"))
               for cs in range(1, 8)}
    v.plan = v.plans[3]
    v.indicator = IndicatorFactory(plan=v.plan, name=mark("indicator name"), manual_result=77)
    v.step = StepFactory(plan=v.plan, order=1, activity=mark("step activity"), owner=mark("step owner"),
                         output=mark("step output"), note=mark("step note"))
    v.evidence = evidence_add(plan=v.plan, file=text_file(f"{mark('evidence file name', short=True)}.txt",
                                                          mark("evidence content")),
                              title=mark("evidence title"), step=v.step, by=user)

    # CS1: a group (its province's districts use it), a mission naming it, a row of the analysis table, a SIPOC and a
    # review; the district's own group.
    v.group = cs1.group_save(office=office, kind="customer", name=mark("group name"), needs=mark("group needs"),
                             expectations=mark("group expectations"), rank=1)
    v.district_group = cs1.group_save(office=district, kind="stakeholder", name=mark("district group name"),
                                      needs=mark("district group needs"), rank=1)
    v.mission = cs1.mission_save(office=office, fiscal_year=year, title=mark("mission title"), groups=[v.group])
    v.duty_row = cs1.duty_row_save(office=office, fiscal_year=year, ministerial_duty=mark("duty row duty"),
                                   process=mark("duty row process"), missions=[v.mission], groups=[v.group])
    v.sipoc = cs1.sipoc_save(office=office, title=mark("SIPOC process"), suppliers=mark("SIPOC suppliers"),
                             steps=mark("SIPOC steps"), groups=[v.group])
    v.review = cs1.review_add(office=office, reviewed_on=today, participants=mark("review participants"),
                              changes=mark("review changes"), by=user)

    # CS6: the questionnaire's own texts are public on its answer page; the answers are not.
    v.questionnaire = questionnaire_create(
        office=office, title=mark("questionnaire title", public=True), scale_max=5, group=v.group, items=[
            {"code": "q1", "text": mark("rating item", public=True), "dimension": mark("dimension", public=True)},
            {"code": "d1", "text": mark("dissatisfaction item", public=True), "kind": "yes_no",
             "section": "dissatisfaction"},
            {"code": "g1", "text": mark("profile item", public=True), "kind": "choice", "section": "profile",
             "choices": [mark("profile choice", public=True), "อื่น ๆ"]},
            {"code": "t1", "text": mark("open question", public=True), "kind": "text"}])
    v.questionnaire.privacy_notice = mark("privacy notice", public=True)
    v.questionnaire.save(update_fields=["privacy_notice"])
    v.item = v.questionnaire.items.get(code="q1")
    v.round = round_create(questionnaire=v.questionnaire, office=office, title=mark("survey round title", public=True),
                           by=user)
    responses_record(survey=v.round, source=ResponseSource.ENTRY,
                     forms=[{"q1": 5, "d1": "ใช่", "g1": "0", "t1": mark("open answer 1")},
                            {"q1": 2, "d1": "ไม่ใช่", "g1": "1", "t1": mark("open answer 2")}],
                     form_numbers=[mark("form number 1", short=True), mark("form number 2", short=True)])
    v.improvement = improvement_create(
        survey=v.round, topic=mark("improvement topic"), fix=mark("improvement fix"), owner=mark("improvement owner"),
        due_on=today + timedelta(days=30), item=v.item, by=user,
        evidence=text_file(f"{mark('improvement evidence file name', short=True)}.txt",
                           mark("improvement evidence content")))
    v.access_token = AccessToken.objects.create(round=v.round, code=mark("one-time survey code", short=True))

    # Uploads waiting for the victim user's confirmation: a ticket sheet and a sheet of survey answers.
    headers = list(TicketResource.headers().values())
    ticket_row = dict.fromkeys(headers, "")
    ticket_row.update(zip(headers, [office.code, mark("upload source reference", short=True), "ข้อร้องเรียน",
                                    "phone", be_date(today), mark("upload subject"), mark("upload detail"), "",
                                    mark("upload complainant name"), "0812345678", "ไม่ใช่", ""]))
    v.ticket_upload = ticket_imports.upload_save(file=csv_file("tickets.csv", [headers, list(ticket_row.values())]),
                                                 user=user)
    v.survey_upload = survey_imports.upload_save(
        file=csv_file("answers.csv", [survey_imports.template_headers(v.round),
                                      [mark("upload form number", short=True), "4", "ใช่", "0", mark("upload answer")]]),
        user=user, survey=v.round)

    # CS2: the victim's own channel, a group it listens to through it (table CS2-1), keyed counts (its own and its
    # district's), CS2-A, a channel review, an improvement with before/after photos, and a sheet of counts waiting.
    from channels import imports as usage_imports
    from channels import services as channel_services
    from stakeholders.models import StakeholderGroup

    v.cs2_channel = channel_services.channel_save(
        office=office, code=mark("own channel code", short=True).lower(), name=mark("own channel name"),
        kind="other", direction="proactive", owner=mark("own channel owner"))
    v.cs2_group = StakeholderGroup.objects.create(office=office, kind="customer", name=mark("CS2 group name"),
                                                  needs=mark("CS2 group needs"))
    v.cs2_row = channel_services.group_channel_save(
        office=office, group=v.cs2_group, channel=v.cs2_channel, reason=mark("CS2-1 reason"),
        analysis_method=mark("CS2-1 analysis method"), finding=mark("CS2-1 finding"), owner=mark("CS2-1 owner"))
    channel_services.usage_record(user=user, entries=[
        channel_services.UsageEntry(office.code, v.cs2_channel.code, year, 1234),
        channel_services.UsageEntry(district.code, "phone", year, 77)])
    channel_services.information_types_save(office=office, fiscal_year=year, lines=[mark("CS2-A information type")])
    v.cs2_review = channel_services.review_save(
        office=office, group=v.cs2_group, channel=v.cs2_channel, sample_size=400,
        sampling_method=mark("review sampling method"), statistics=mark("review statistics"),
        collection_method=mark("review collection method"), result=mark("review result"), reviewed_on=today)
    v.cs2_improvement = channel_services.improvement_create(
        office=office, fiscal_year=year, topic=mark("heard improvement topic"), steps=mark("heard improvement steps"),
        result=mark("heard improvement result"), channel=v.cs2_channel, group=v.cs2_group,
        before_photo=jpeg_file(f"{mark('before photo file name', short=True)}.jpg"),
        after_photo=jpeg_file(f"{mark('after photo file name', short=True)}.jpg"))
    v.usage_upload = usage_imports.upload_save(
        file=csv_file("usage.csv", [usage_imports.HEADERS, [office.code, v.cs2_channel.code, year, 4321]]), user=user)

    # CS4: a network of the victim's groups with its contact channels, a member (personal details), a relationship
    # plan, an activity with a photo and its evaluation (a round about it), and one not yet evaluated.
    from networks import services as cs4

    v.cs4_network = cs4.network_save(
        office=office, name=mark("network name"), form="committee", form_detail=mark("network form detail"),
        groups=[v.group], purpose=mark("network purpose"),
        contact_channels=[{"kind": "line", "value": mark("network contact 1")},
                          {"kind": "phone", "value": mark("network contact 2")}])
    v.cs4_member = cs4.member_add(network=v.cs4_network, kind="person", name=mark("network member name"),
                                  position=mark("network member position"), phone=mark("member phone", short=True),
                                  email=f"{mark('member e-mail', short=True)}@example.com")
    v.cs4_plan = cs4.plan_save(network=v.cs4_network, fiscal_year=year, title=mark("relationship plan title"),
                               co_design=mark("relationship plan co-design"),
                               reflection=mark("relationship plan reflection"))
    v.cs4_activity = cs4.activity_save(
        network=v.cs4_network, title=mark("activity title"), kind="formal", held_on=today,
        place=mark("activity place"), announced_on=today, announcement=mark("activity announcement"),
        participants=12, attendees=[v.cs4_member], outcome=mark("activity outcome"), by=user)
    v.cs4_photo = cs4.photo_add(activity=v.cs4_activity, caption=mark("activity photo caption"),
                                photo=jpeg_file(f"{mark('activity photo file name', short=True)}.jpg"))
    v.cs4_round = cs4.evaluation_open(activity=v.cs4_activity, template="network-activity", by=user)
    responses_record(survey=v.cs4_round, source=ResponseSource.ENTRY,
                     forms=[{"a1": 5, "a8": 4, "d1": "ใช่", "t1": mark("activity evaluation answer")}])
    v.cs4_fresh_activity = cs4.activity_save(network=v.cs4_network, title=mark("fresh activity title"),
                                             kind="informal", held_on=today, place=mark("fresh activity place"))
    # CS5: a published project (its texts are on the public page by design, through national channels only), an
    # unpublished one with a marked measure, the report to the governor with its letter, a next step.
    from participation import services as cs5

    v.cs5_published = cs5.project_save(
        office=office, fiscal_year=year, title=mark("published project title", public=True), level=2,
        strategy=mark("published project strategy"), mechanism=mark("published project mechanism", public=True),
        outcome=mark("published project outcome", public=True), groups=[v.cs2_group], started_on=today,
        info_channels=[phone], measures=[cs5.MeasureInput(mark("published measure", public=True), 10)], by=user)
    cs5.project_publish(project=v.cs5_published, published=True)
    v.cs5_project = cs5.project_save(
        office=office, fiscal_year=year, title=mark("unpublished project title"), level=3,
        strategy=mark("project strategy"), mechanism=mark("project mechanism"), outcome=mark("project outcome"),
        groups=[v.cs2_group], started_on=today, ended_on=today, info_channels=[v.cs2_channel],
        opinion_channels=[v.cs2_channel], measures=[cs5.MeasureInput(mark("project measure"), 10, "lower", 3)],
        by=user)
    v.cs5_report = cs5.governor_report_save(
        office=office, fiscal_year=year, title=mark("governor report title"), letter_number="ISO-1",
        letter_date=today, meeting=mark("governor report meeting"), summary=mark("governor report summary"),
        letter=text_file(f"{mark('governor letter file name', short=True)}.txt", mark("governor letter content")),
        by=user)
    v.cs5_step = cs5.next_step_save(office=office, fiscal_year=year, action=mark("next step action"),
                                    project=v.cs5_project, target_level=4, groups=[v.cs2_group])

    # CS7: a service of the victim's office with its steps, a draft public manual, a staff manual file, records.
    from service_standards import services as cs7

    v.cs7_service = cs7.service_save(
        office=office, name=mark("service name"), standard_amount=3, standard_unit="working_days",
        mission=mark("service mission"), documents=mark("service documents"), groups=[v.group],
        steps=[{"name": mark("service step"), "amount": 2, "responsible_unit": mark("service step unit")}])
    v.cs7_manual = cs7.manual_draft(service=v.cs7_service, title=mark("public manual title"),
                                    body=mark("public manual body"), by=user)
    v.cs7_staff_manual = cs7.staff_manual_version_add(
        service=v.cs7_service, title=mark("staff manual title"), note=mark("staff manual note"),
        file=text_file(f"{mark('staff manual file name', short=True)}.txt", mark("staff manual content")), by=user)
    v.cs7_record = cs7.records_save(office=office, service=v.cs7_service, rows=[
        {"reference": mark("service record reference", short=True), "received_on": today - timedelta(days=3),
         "completed_on": today}])[0]
    v.cs7_check = cs7.check_save(
        office=district, service=v.cs7_service, kind="internal_audit", checked_on=today,
        checker_name=mark("usage check checker"), checker_position=mark("usage check checker position"),
        finding=mark("usage check finding"), corrective_action=mark("usage check corrective action"),
        action_status="planned", by=user)
    from service_standards import imports as cs7_imports

    v.cs7_upload = cs7_imports.upload_save(file=csv_file("records.csv", [
        cs7_imports.HEADERS, [str(v.cs7_service.pk), mark("upload service record reference", short=True),
                              be_date(today), "", "", "", ""]]), user=user, office=office)
    # A late record held at the marked step: the CS7 dashboard lists late records and the steps they sit at.
    v.cs7_late_record = cs7.records_save(office=office, service=v.cs7_service, rows=[
        {"reference": mark("late service record reference", short=True), "received_on": today - timedelta(days=20),
         "completed_on": today, "step": v.cs7_service.steps.first()}])[0]

    # PMQA 4.0: the victim's self-assessment citing its plan, evidence file and a register; an indicator placed.
    from assessment.services import AnswerInput, assessment_save, tables_choose

    v.assessment = assessment_save(
        office=office, fiscal_year=year, plan_ids={v.plan.pk}, file_ids={v.evidence.pk},
        answers=[AnswerInput("3.4.4", "implemented", mark("self-assessment details"), plans=[v.plan.pk],
                             files=[v.evidence.pk], registers=["cs3_dashboard"])])
    tables_choose(office=office, fiscal_year=year, choices={v.indicator.pk: 5})

    # A quarterly executive summary of the victim's office, its frozen figures and PDF marked (reports.summaries).
    from core.fiscal import fiscal_quarter_of
    from reports import summaries

    ended = summaries.previous_quarter(fiscal_quarter_of(today))
    v.summary_quarter = f"{ended.fiscal_year}Q{ended.quarter}"
    v.summary = summaries.summary_make(
        summary=summaries.summary_start(office=office, quarter=ended), today=today,
        figures_of=lambda **kw: {"office": {"code": office.code, "name": mark("summary office name")},
                                 "indicators": [{"code": "CS3", "name": mark("summary indicator name"),
                                                 "value": "50.00", "target": "80", "score": "1"}]})

    # The victim's evidence pack of CS3 (its marked plan, indicator, step and evidence in the PDF and the ZIP), built.
    from reports import packs

    v.pack = packs.pack_build(pack=packs.pack_request(office=office, fiscal_year=year, cs=3, by=user))
    assert v.pack.status == "done", v.pack.error

    # The victim user's API token, when the project has token models to hold one.
    v.api_token_digest = None
    if apps.is_installed("knox"):
        from knox.models import get_token_model

        instance, token = get_token_model().objects.create(user=user)
        v.api_token_digest = instance.digest
        mark.literal(token, "API token")
        mark.literal(instance.digest, "API token digest")
        mark.literal(instance.token_key[:8], "API token prefix")
    return v


def own_build(*, office, user) -> SimpleNamespace:
    """The attacker's own records, for requests that name their own object and point its body at the victim."""
    from channels.selectors import channel_by_code
    from complaints import imports as ticket_imports
    from complaints.resources import TicketResource
    from complaints.services import ticket_create
    from core.plans.models import ActionPlan
    from core.testing.factories import IndicatorFactory, StepFactory
    from satisfaction.services import questionnaire_create, round_create

    today = timezone.localdate()
    mine = SimpleNamespace(office=office, user=user)
    # One ticket per way of moving it (page, API): a transfer that goes through must not hide the other's answer.
    mine.ticket, mine.api_ticket = (
        ticket_create(kind="complaint", channel=channel_by_code("phone"), office=office,
                      received_on=today - timedelta(days=1), subject=subject, detail="รายละเอียดของผู้ทดสอบ", by=user)
        for subject in ("ATTACKER-OWN-TICKET", "ATTACKER-OWN-API-TICKET"))
    mine.plan = ActionPlan.objects.create(office=office, fiscal_year=2555, cs=3, title="แผนของผู้ทดสอบ",
                                          objective="วัตถุประสงค์")
    mine.indicator = IndicatorFactory(plan=mine.plan)
    mine.step = StepFactory(plan=mine.plan, order=1)
    questionnaire = questionnaire_create(office=office, title="แบบสอบถามของผู้ทดสอบ", scale_max=5,
                                         items=[{"code": "q1", "text": "ความพึงพอใจ"}])
    mine.round = round_create(questionnaire=questionnaire, office=office, title="รอบของผู้ทดสอบ", by=user)
    mine.ticket_upload = mine.usage_upload = None
    from networks.services import network_save
    from service_standards import services as cs7
    from stakeholders.models import StakeholderGroup

    mine.cs7_service = cs7.service_save(office=office, name="งานบริการของผู้ทดสอบ", standard_amount=1,
                                        standard_unit="working_days")
    mine.cs7_check = cs7.check_save(office=office, service=mine.cs7_service, kind="observation", checked_on=today,
                                    checker_name="ผู้ทดสอบ", finding="ข้อค้นพบของผู้ทดสอบ")
    mine.cs4_network = network_save(
        office=office, name="เครือข่ายของผู้ทดสอบ", form="club",
        groups=[StakeholderGroup.objects.create(office=office, kind="customer", name="กลุ่มของผู้ทดสอบ")],
        contact_channels=[{"kind": "line", "value": "LINE"}, {"kind": "phone", "value": "000"}])
    if user is not None:
        # CS2: the attacker's own sheet of counts naming the victim's office: confirming it writes nothing there.
        from channels import imports as usage_imports

        mine.usage_upload = usage_imports.upload_save(
            file=csv_file("usage-attack.csv", [usage_imports.HEADERS, ["OTHER", "phone", 2569, 999]]), user=user)
    mine.cs7_upload = None
    if user is not None and user.has_perm("service_standards.add_servicerecord"):
        # CS7: the attacker's own sheet of records naming the victim's service: confirming it writes nothing there.
        from service_standards import imports as cs7_imports
        from service_standards.models import Service

        victim_service = Service.objects.exclude(office=office).filter(name__startswith="VICTIM").first()
        mine.cs7_upload = cs7_imports.upload_save(file=csv_file("records-attack.csv", [
            cs7_imports.HEADERS, [str(victim_service.pk if victim_service else 0), "ATTACK-1", be_date(today), "", "",
                                  "", ""]]), user=user, office=office)
    if user is not None:
        # The attacker's own upload, whose rows name the victim's office: confirming it must write nothing there.
        headers = list(TicketResource.headers().values())
        row = dict.fromkeys(headers, "")
        row.update(zip(headers, ["OTHER", "ATTACK-1", "ข้อร้องเรียน", "phone", be_date(today), "เรื่อง", "รายละเอียด"]))
        mine.ticket_upload = ticket_imports.upload_save(file=csv_file("attack.csv", [headers, list(row.values())]),
                                                        user=user)
    return mine


# --- Snapshot ----------------------------------------------------------------------------------------------------------

# Every table that holds an office's data, with the paths from a row to an office. A row is the victim's when any
# path leads into the victim's subtree: its own rows, and rows elsewhere that point at them (a duplicate of its
# ticket, a repeat of its round). A model that is not installed (yet, or any more) is skipped.
SNAPSHOT_TABLES: list[tuple[str, list[str] | None]] = [
    ("offices.Office", ["", "head__office"]),
    ("offices.User", ["office"]),
    ("offices.User_groups", ["user__office"]),
    ("knox.AuthToken", ["user__office"]),
    ("authtoken.Token", ["user__office"]),
    ("complaints.Ticket", ["office", "receiving_office", "duplicate_of__office"]),
    ("complaints.TicketRound", ["ticket__office"]),
    ("complaints.OfficeStint", ["ticket__office", "office"]),
    ("complaints.TicketEvent", ["ticket__office", "office"]),
    ("complaints.Reply", ["ticket__office"]),
    ("complaints.Attachment", ["ticket__office"]),
    ("complaints.TicketPriority", ["ticket__office"]),
    ("complaints.TicketSequence", ["office"]),
    ("complaints.FollowUpPlan", ["office"]),
    ("complaints.ImprovementAnalysis", ["office"]),
    ("complaints.ItaReport", ["office"]),
    ("plans.ActionPlan", ["office"]),
    ("plans.Indicator", ["plan__office"]),
    ("plans.Step", ["plan__office"]),
    ("plans.StepPeriod", ["step__plan__office"]),
    ("plans.Evidence", ["plan__office", "step__plan__office"]),
    ("stakeholders.StakeholderGroup", ["office"]),
    ("stakeholders.Mission", ["office"]),
    ("stakeholders.Mission_groups", ["mission__office", "stakeholdergroup__office"]),
    ("stakeholders.DutyRow", ["office"]),
    ("stakeholders.DutyRow_missions", ["dutyrow__office", "mission__office"]),
    ("stakeholders.DutyRow_groups", ["dutyrow__office", "stakeholdergroup__office"]),
    ("stakeholders.Sipoc", ["office"]),
    ("stakeholders.Sipoc_groups", ["sipoc__office", "stakeholdergroup__office"]),
    ("stakeholders.Review", ["office"]),
    ("satisfaction.Questionnaire", ["office", "group__office"]),
    ("satisfaction.Item", ["questionnaire__office"]),
    ("satisfaction.SurveyRound", ["office", "questionnaire__office", "previous__office"]),
    ("satisfaction.Response", ["round__office"]),
    ("satisfaction.Answer", ["response__round__office"]),
    ("satisfaction.Tally", ["round__office"]),
    ("satisfaction.GroupTally", ["round__office"]),
    ("satisfaction.AccessToken", ["round__office"]),
    ("satisfaction.Improvement", ["round__office", "remeasure_round__office"]),
    ("satisfaction.RoundDay", ["round__office"]),
    # CS2: an office's registers, and the channels. A channel is national or an office's own; the walk creates none
    # of its own, so the whole table is watched (the national list is the root office's administrators' only).
    ("channels.Channel", None),
    ("channels.GroupChannel", ["office", "group__office", "channel__office"]),
    ("channels.ChannelUsage", ["office", "channel__office"]),
    ("channels.InformationType", ["office"]),
    ("channels.ChannelReview", ["office", "group__office", "channel__office"]),
    ("channels.HeardImprovement", ["office", "group__office", "channel__office"]),
    # CS4: networks and everything hanging from them.
    ("networks.Network", ["office"]),
    ("networks.Network_groups", ["network__office", "stakeholdergroup__office"]),
    ("networks.ContactChannel", ["network__office"]),
    ("networks.Member", ["network__office", "group__office"]),
    ("networks.RelationshipPlan", ["network__office"]),
    ("networks.Activity", ["network__office"]),
    ("networks.Activity_attendees", ["activity__network__office", "member__network__office"]),
    ("networks.ActivityPhoto", ["activity__network__office"]),
    # CS5: projects, their measures and channels, the reports to the governor, the next steps.
    ("participation.ParticipationProject", ["office", "mission__office"]),
    ("participation.ParticipationProject_groups", ["participationproject__office", "stakeholdergroup__office"]),
    ("participation.ParticipationProject_info_channels", ["participationproject__office", "channel__office"]),
    ("participation.ParticipationProject_opinion_channels", ["participationproject__office", "channel__office"]),
    ("participation.OutcomeMeasure", ["project__office"]),
    ("participation.GovernorReport", ["office"]),
    ("participation.NextStep", ["office", "project__office"]),
    ("participation.NextStep_groups", ["nextstep__office", "stakeholdergroup__office"]),
    # CS7: services (adopted down the tree, so a service above is watched too), manuals, records.
    ("service_standards.Service", ["office"]),
    ("service_standards.Service_groups", ["service__office", "stakeholdergroup__office"]),
    ("service_standards.Service_channels", ["service__office", "channel__office"]),
    ("service_standards.ServiceStep", ["service__office"]),
    ("service_standards.PublicManual", ["service__office"]),
    ("service_standards.ManualPublication", ["manual__service__office"]),
    ("service_standards.StaffManual", ["service__office"]),
    ("service_standards.StaffManualVersion", ["manual__service__office"]),
    ("service_standards.ServiceRecord", ["office", "service__office"]),
    ("service_standards.UsageCheck", ["office", "service__office"]),
    # PMQA 4.0: the self-assessment, its answers and links, the placing of indicators in the 7.2 tables.
    ("assessment.Assessment", ["office"]),
    ("assessment.Answer", ["assessment__office"]),
    ("assessment.EvidenceLink", ["answer__assessment__office", "plan__office", "evidence__plan__office"]),
    ("assessment.TableChoice", ["assessment__office", "indicator__plan__office"]),
    ("reports.QuarterlySummary", ["office"]),
    ("reports.SummaryDelivery", ["summary__office"]),
    ("reports.EvidencePack", ["office"]),
    # The national lists belong to no office: only the root office's administrators change them, and no attacker
    # of the walk is one, so every row counts (None: the whole table).
    ("workdays.Holiday", None),
    ("workdays.DeadlineRule", None),
    ("complaints.Category", None),
]


def victim_snapshot(office) -> dict[str, dict]:
    """{model: {pk: {field: value}}} of every row of the victim's subtree (and every row pointing into it)."""
    snapshot = {}
    for label, paths in SNAPSHOT_TABLES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        where = Q()
        for path in paths or []:
            where |= Q(**{f"{path}__path__startswith" if path else "path__startswith": office.path})
        # By key, not DISTINCT: PostgreSQL cannot DISTINCT a row with a json column, nor order what it does not select.
        rows = model.objects.filter(pk__in=model.objects.filter(where).values("pk")).order_by().values()
        snapshot[label] = {row[model._meta.pk.attname]: row for row in rows}
    return snapshot


# A row created together with its parent (a ticket's rounds, stints and events) is told as part of the parent's line.
PARENTS = {"ticket_id": "complaints.Ticket", "plan_id": "plans.ActionPlan", "round_id": "satisfaction.SurveyRound",
           "response_id": "satisfaction.Response", "questionnaire_id": "satisfaction.Questionnaire",
           "network_id": "networks.Network", "activity_id": "networks.Activity",
           "project_id": "participation.ParticipationProject", "service_id": "service_standards.Service"}


def snapshot_changes(before: dict, after: dict) -> list[str]:
    """Each row added, removed or changed, in words."""
    created = {label: set(after.get(label, {})) - set(rows) for label, rows in before.items()}
    children: dict[tuple, list[str]] = {}
    folded = set()
    for label, pks in created.items():
        for pk in pks:
            for name, value in after[label][pk].items():
                parent = PARENTS.get(name)
                if parent and parent != label and value in created.get(parent, ()):
                    children.setdefault((parent, value), []).append(label)
                    folded.add((label, pk))
                    break
    changes = []
    for label, old in before.items():
        new = after.get(label, {})
        for pk in sorted(created[label], key=str):
            if (label, pk) not in folded:
                kinds = sorted(set(children.get((label, pk), [])))
                told = f" (with its {', '.join(kinds)} rows)" if kinds else ""
                changes.append(f"{label} row {pk} was created for the victim{told}: {new[pk]}")
        for pk in sorted(set(old) - set(new), key=str):
            changes.append(f"{label} row {pk} of the victim was deleted (or moved out of its office)")
        for pk in sorted(set(old) & set(new), key=str):
            fields = {name: (value, new[pk].get(name)) for name, value in old[pk].items() if new[pk].get(name) != value}
            if fields:
                changes.append(f"{label} row {pk} of the victim changed: "
                               + ", ".join(f"{name} {a!r} → {b!r}" for name, (a, b) in fields.items()))
    return changes
