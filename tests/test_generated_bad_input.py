"""Generated bad input (hypothesis) against every way data comes in from outside: the public complaint and survey
pages, the API's create endpoints and both spreadsheet imports. Over 1,000 submissions a run, on SQLite and again
on PostgreSQL (`make test`), and for each one:
- never a server error (the test client raises any exception a view lets out);
- a submission that is refused writes nothing: every table it could touch has as many rows after as before;
- one that is accepted writes what it should (one ticket, one form …), and what it stored holds no character the
  database or a spreadsheet cannot take.

Examples are derived from a fixed seed (the "ci" profile, tests/conftest.py), so a failure is the same on every run;
HYPOTHESIS_PROFILE=explore searches further.
"""
import io
import json
import string

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from complaints.models import Attachment, OfficeStint, Ticket, TicketEvent, TicketRound
from complaints.resources import TicketResource
from core.offices.models import Office
from core.plans.models import ActionPlan, Indicator, Step
from core.testing.sheets import write_xlsx
from core.workdays.models import Holiday
from networks.models import ContactChannel, Member, Network
from participation.models import OutcomeMeasure, ParticipationProject
from satisfaction import services as survey_services
from satisfaction.imports import template_headers
from satisfaction.models import Answer, Item, Questionnaire, Response, SurveyRound
from service_standards import imports as record_imports
from service_standards.models import Service, ServiceRecord, ServiceStep
from service_standards.services import service_save
from stakeholders.services import group_save

pytestmark = pytest.mark.django_db
COMMON = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                        HealthCheck.data_too_large])
WATCHED = [Ticket, TicketEvent, TicketRound, OfficeStint, Attachment, Response, Answer, Questionnaire, Item,
           SurveyRound, Office, Holiday, Network, ContactChannel, Member, ParticipationProject, OutcomeMeasure,
           Service, ServiceStep, ServiceRecord, ActionPlan, Indicator, Step]
# Examples per entry point; the offices-and-holidays test sends two submissions an example.
EXAMPLES = {"public complaint": 250, "public survey": 200, "complaints API": 200, "survey API": 100,
            "survey responses API": 150, "offices and holidays API": 60, "complaints import": 60, "survey import": 60,
            "networks API": 80, "participation projects API": 80, "services API": 60, "service records API": 80,
            "service records import": 40, "plans API": 80, "plans API patch": 40}
UNSAFE = set("\x00\x01\x08\x0b\x0c\x0e\x1f\x7f") | {chr(c) for c in range(0xD800, 0xE000)}

# --- What people (and attackers) type -----------------------------------------------------------------------------

NASTY = ["", " ", "\x00", "ถนน\x0bพัง", "\ud800", "=HYPERLINK(\"http://evil.example\",\"x\")", "+66 81", "@SUM(1)",
         "<script>alert(1)</script>", "' OR 1=1 --", "²", "๒๕๖๙", "-1", "0", "99999999999999999999999", "1e309",
         "NaN", "null", "ก" * 256, "ข" * 10_001, "\u202egnp.exe", "😀" * 70, "\r\n\t", "%00", "../../etc/passwd"]
texts = st.one_of(st.text(max_size=300), st.sampled_from(NASTY), st.text(alphabet="กขคงจ ", min_size=250,
                                                                          max_size=260))
# Form posts go out as UTF-8: a browser cannot send a lone surrogate there (it can in JSON).
form_texts = texts.map(lambda value: "".join(ch for ch in value if not 0xD800 <= ord(ch) < 0xE000))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8)


def maybe(strategy, valid):
    """Mostly the valid value (so submissions get past the first check), often something else."""
    return st.one_of(st.just(valid), st.just(valid), strategy)


def mostly(strategy, valid):
    """The valid value five times in six: for bodies of many fields, so that some submissions get all the way in."""
    return st.integers(0, 5).flatmap(lambda n: strategy if n == 5 else st.just(valid))


def rows() -> dict:
    return {model.__name__: model.objects.count() for model in WATCHED}


def changed(before: dict) -> dict:
    after = rows()
    return {name: after[name] - count for name, count in before.items() if after[name] != count}


def assert_clean(*values) -> None:
    for value in values:
        assert not (set(value) & UNSAFE), repr(value)


@pytest.fixture
def world(offices, people, settings):
    cache.clear()
    settings.PUBLIC_SUBMIT_RATE = settings.PUBLIC_TRACK_RATE = settings.SURVEY_ANSWER_RATE = "1000000/h"
    questionnaire = survey_services.questionnaire_create(
        office=offices["prov"], title="ความพึงพอใจ", scale_max=5, items=[
            {"code": "q1", "text": "ความสะดวก", "dimension": "กระบวนการ"},
            {"code": "d1", "text": "ไม่พอใจเรื่องใด", "kind": "yes_no", "section": "dissatisfaction"},
            {"code": "p1", "text": "อายุ", "kind": "choice", "section": "profile", "choices": ["น้อย", "มาก"]},
            {"code": "c1", "text": "ข้อเสนอแนะ", "kind": "text"}])
    survey = survey_services.round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1")
    farmers = group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    services = [service_save(office=offices["prov"], name=name, standard_amount=amount, standard_unit=unit,
                             steps=[{"name": "รับคำขอ", "amount": 1}])
                for name, amount, unit in (("ขึ้นทะเบียนเกษตรกร", 3, "working_days"), ("รับรองสำเนา", 60, "minutes"))]
    return {"offices": offices, "people": people, "survey": survey, "group": farmers, "services": services}


class JsonClient(APIClient):
    """Posts the JSON text itself, as a district office's system would: lone surrogates as \\ud800 escapes,
    infinities as Infinity (which the parser refuses)."""

    def post_json(self, url: str, body):
        return self.post(url, data=json.dumps(body), content_type="application/json")


def api_as(user) -> JsonClient:
    client = JsonClient()
    client.force_authenticate(user)
    return client


# --- The public pages ---------------------------------------------------------------------------------------------

@settings(COMMON, max_examples=EXAMPLES["public complaint"])
@given(data=st.data())
def test_the_public_complaint_form(client, world, data):
    office = world["offices"]["dist_a"]
    post = {
        "kind": data.draw(maybe(form_texts, "complaint")),
        "office": data.draw(maybe(form_texts, str(office.pk))),
        "subject": data.draw(maybe(form_texts, "ไฟถนนดับ")),
        "detail": data.draw(form_texts),
        "complainant_name": data.draw(form_texts),
        "complainant_contact": data.draw(form_texts),
        "consent": data.draw(maybe(form_texts, "on")),
        "anonymous": data.draw(st.sampled_from(["", "on", "x"])),
        "website": data.draw(st.sampled_from(["", "", "", "http://bot.example"])),
    }
    if data.draw(st.booleans()):
        name = data.draw(st.sampled_from(["photo.png", "letter.pdf", "x.exe", "no-extension", "ภาพ.jpg"]))
        post["attachment"] = SimpleUploadedFile(name, data.draw(st.binary(max_size=200)))
    before = rows()
    response = client.post("/public/", post)
    assert response.status_code < 500
    event(f"written: {bool(changed(before))}")
    grew = changed(before)
    if grew:
        assert grew == {"Ticket": 1, "TicketEvent": 1, "TicketRound": 1, "OfficeStint": 1}, grew
        ticket = Ticket.objects.latest("pk")
        assert_clean(ticket.subject, ticket.detail, ticket.complainant_name, ticket.complainant_contact)
        assert ticket.tracking_code in response.content.decode()


@settings(COMMON, max_examples=EXAMPLES["public survey"])
@given(data=st.data())
def test_the_public_survey_form(client, world, data):
    survey = world["survey"]
    post = {f"q_{code}": data.draw(maybe(form_texts, valid))
            for code, valid in (("q1", "5"), ("d1", "ใช่"), ("p1", "1"), ("c1", "ดีมาก"))}
    post.update({"token": data.draw(maybe(form_texts, "")), "confirm_again": "1"})
    before = rows()
    response = client.post(f"/survey/{survey.public_key}/", post,
                           HTTP_USER_AGENT=data.draw(form_texts.map(lambda ua: ua.replace("\n", " "))))
    assert response.status_code < 500
    event(f"status {response.status_code}")
    grew = changed(before)
    if grew:
        assert response.status_code == 200 and grew.get("Response") == 1 and set(grew) <= {"Response", "Answer"}
        assert_clean(*Answer.objects.filter(response__round=survey).values_list("text", flat=True))
    else:
        assert response.status_code in (200, 400), response.status_code


# --- The API ----------------------------------------------------------------------------------------------------

@settings(COMMON, max_examples=EXAMPLES["complaints API"])
@given(data=st.data())
def test_the_complaints_api_create(world, data):
    body = {
        "kind": data.draw(maybe(json_values, "complaint")),
        "channel": data.draw(maybe(json_values, "phone")),
        "office": data.draw(maybe(json_values, "DIST-A")),
        "received_on": data.draw(maybe(json_values, "2026-04-10")),
        "subject": data.draw(maybe(json_values, "ถนนพัง")),
        "detail": data.draw(maybe(json_values, "ขอให้ซ่อม")),
        "complainant_name": data.draw(json_values),
        "source_ref": data.draw(maybe(json_values, "")),
        "anonymous": data.draw(json_values),
    }
    body = {key: value for key, value in body.items() if data.draw(st.integers(0, 9))}  # some fields left out
    before = rows()
    response = api_as(world["people"]["bob"]).post_json("/api/v1/complaints/", body)
    assert response.status_code < 500
    event(f"status {response.status_code}")
    grew = changed(before)
    if response.status_code == 201:
        assert grew == {"Ticket": 1, "TicketEvent": 1, "TicketRound": 1, "OfficeStint": 1}, grew
        created = response.json()
        assert_clean(created["subject"], created["detail"], created["complainant_name"] or "")
    else:
        assert response.status_code in (200, 400), response.status_code
        assert grew == {}, grew


@settings(COMMON, max_examples=EXAMPLES["survey API"])
@given(data=st.data())
def test_the_survey_api_create(world, data):
    item = st.fixed_dictionaries({"code": maybe(json_values, "q1"), "text": maybe(json_values, "ความสะดวก")},
                                 optional={"kind": json_values, "section": json_values, "dimension": json_values,
                                           "choices": json_values})
    body = {"title": data.draw(maybe(json_values, "แบบสอบถาม")), "office": data.draw(maybe(json_values, "PROV")),
            "scale_max": data.draw(maybe(json_values, 5)), "items": data.draw(maybe(st.lists(item, max_size=4),
                                                                                 [{"code": "q1", "text": "ก"}])),
            "bands": data.draw(maybe(json_values, []))}
    before = rows()
    response = api_as(world["people"]["alice"]).post_json("/api/v1/surveys/", body)
    assert response.status_code < 500
    event(f"status {response.status_code}")
    grew = changed(before)
    if response.status_code == 201:
        assert grew.get("Questionnaire") == 1 and grew.get("SurveyRound") == 1, grew
        assert_clean(SurveyRound.objects.latest("pk").title)
    else:
        assert response.status_code == 400 and grew == {}, (response.status_code, grew)


@settings(COMMON, max_examples=EXAMPLES["survey responses API"])
@given(data=st.data())
def test_the_survey_api_responses(world, data):
    answers = st.dictionaries(st.sampled_from(["q1", "d1", "p1", "c1", "zz", ""]), json_values, max_size=5)
    forms = data.draw(st.one_of(st.lists(st.fixed_dictionaries({"answers": answers},
                                                               optional={"form_number": json_values}), max_size=3),
                                json_values))
    before = rows()
    response = api_as(world["people"]["bob"]).post_json(f"/api/v1/surveys/{world['survey'].pk}/responses/", forms)
    assert response.status_code < 500
    event(f"status {response.status_code}")
    grew = changed(before)
    if response.status_code == 201:
        assert grew.get("Response", 0) == response.json()["created"], grew
    else:
        assert response.status_code == 400 and grew == {}, (response.status_code, grew)


@settings(COMMON, max_examples=EXAMPLES["offices and holidays API"])
@given(data=st.data())
def test_the_offices_and_holidays_api_create(world, data):
    admin = api_as(world["people"]["admin"])  # the administrator at the root: allowed to create both
    office = {"code": data.draw(maybe(json_values, "NEW-1")), "name": data.draw(maybe(json_values, "สำนักงานใหม่")),
              "parent": data.draw(maybe(json_values, "PROV"))}
    holiday = {"date": data.draw(maybe(json_values, "2026-12-30")), "name": data.draw(maybe(json_values, "วันหยุด")),
               "kind": data.draw(json_values), "source": data.draw(json_values)}
    for url, body, model in (("/api/v1/offices/", office, "Office"), ("/api/v1/holidays/", holiday, "Holiday")):
        before = rows()
        response = admin.post_json(url, body)
        assert response.status_code < 500
        event(f"{url} status {response.status_code}")
        grew = changed(before)
        if response.status_code == 201:
            assert set(grew) <= {model}, grew
        else:
            assert response.status_code == 400 and grew == {}, (url, response.status_code, grew)


# --- The spreadsheet imports ------------------------------------------------------------------------------------

cells = st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                  texts.map(lambda value: "".join(ch for ch in value if not 0xD800 <= ord(ch) < 0xE000)))


def _created_or_nothing(response, before: dict, created: dict) -> None:
    """Never a 500; a refusal writes nothing; a creation writes the record and its rows, nothing else."""
    assert response.status_code < 500
    event(f"status {response.status_code}")
    grew = changed(before)
    if response.status_code == 201:
        assert set(grew) <= set(created) and all(grew.get(name, 0) >= least for name, least in created.items()), grew
    else:
        assert response.status_code == 400, response.status_code
        assert grew == {}, grew


@settings(COMMON, max_examples=EXAMPLES["networks API"])
@given(data=st.data())
def test_the_networks_api_create(world, data):
    contact = st.fixed_dictionaries({"kind": mostly(json_values, "line"), "value": mostly(json_values, "@farmers")})
    body = {"office": data.draw(mostly(json_values, "PROV")),
            "name": data.draw(mostly(json_values, f"เครือข่าย {data.draw(st.uuids())}")),
            "form": data.draw(mostly(json_values, "committee")),
            "groups": data.draw(mostly(json_values, [world["group"].pk])),
            "contact_channels": data.draw(mostly(st.lists(contact, max_size=4), [
                {"kind": "line", "value": "@farmers"}, {"kind": "phone", "value": "077 511 019"}])),
            "purpose": data.draw(mostly(json_values, ""))}
    body = {key: value for key, value in body.items() if data.draw(st.integers(0, 9))}  # some fields left out
    before = rows()
    response = api_as(world["people"]["alice"]).post_json("/api/v1/networks/", body)
    _created_or_nothing(response, before, {"Network": 1, "ContactChannel": 2})
    if response.status_code == 201:
        assert_clean(response.json()["name"])


@settings(COMMON, max_examples=EXAMPLES["participation projects API"])
@given(data=st.data())
def test_the_participation_projects_api_create(world, data):
    measure = st.fixed_dictionaries({"name": mostly(json_values, "ผู้เข้าร่วม"), "target": mostly(json_values, "40")},
                                    optional={"direction": json_values, "result": json_values, "unit": json_values})
    body = {"office": data.draw(mostly(json_values, "PROV")), "fiscal_year": data.draw(mostly(json_values, 2569)),
            "title": data.draw(mostly(json_values, f"เวที {data.draw(st.uuids())}")),
            "level": data.draw(mostly(json_values, 2)),
            "strategy": data.draw(mostly(json_values, "ยุทธศาสตร์ที่ 1")),
            "groups": data.draw(mostly(json_values, [world["group"].pk])),
            "started_on": data.draw(mostly(json_values, "2026-01-10")),
            "ended_on": data.draw(mostly(json_values, "2026-03-31")),
            "measures": data.draw(mostly(st.lists(measure, max_size=3), [{"name": "ผู้เข้าร่วม", "target": 40}]))}
    body = {key: value for key, value in body.items() if data.draw(st.integers(0, 9))}  # some fields left out
    before = rows()
    response = api_as(world["people"]["alice"]).post_json("/api/v1/participation-projects/", body)
    _created_or_nothing(response, before, {"ParticipationProject": 1, "OutcomeMeasure": 0})
    if response.status_code == 201:
        assert_clean(response.json()["title"])


def _plan_body(data, world) -> dict:
    indicator = st.fixed_dictionaries(
        {"name": mostly(json_values, "ร้อยละความพึงพอใจ"), "ladder": mostly(json_values, [60, 70, 80, 90, 100])},
        optional={"code": json_values, "unit": json_values, "target": mostly(json_values, "80"),
                  "direction": mostly(json_values, "higher"), "metric": mostly(json_values, "rm31_mean"),
                  "result": mostly(json_values, 85)})
    step = st.fixed_dictionaries(
        {"order": mostly(json_values, 1), "activity": mostly(json_values, "ประชุม"),
         "planned_start": mostly(json_values, "2026-01-01"), "planned_end": mostly(json_values, "2026-02-01")},
        optional={"progress": json_values, "status": json_values, "budget": json_values, "owner": json_values,
                  "actual_start": json_values, "actual_end": json_values, "note": json_values})
    body = {"office": data.draw(mostly(json_values, "PROV")),
            "fiscal_year": data.draw(mostly(json_values, data.draw(st.integers(2560, 2600)))),
            "cs": data.draw(mostly(json_values, f"CS{data.draw(st.integers(1, 7))}")),
            "title": data.draw(mostly(json_values, "กระบวนการ")), "objective": data.draw(mostly(json_values, "เพื่อ")),
            "definitions": data.draw(mostly(json_values, "")),
            "indicators": data.draw(mostly(st.lists(indicator, max_size=3), [])),
            "steps": data.draw(mostly(st.lists(step, max_size=3), []))}
    return {key: value for key, value in body.items() if data.draw(st.integers(0, 9))}  # some fields left out


@settings(COMMON, max_examples=EXAMPLES["plans API"])
@given(data=st.data())
def test_the_plans_api_create(world, data):
    before = rows()
    response = api_as(world["people"]["alice"]).post_json("/api/v1/action-plans/", _plan_body(data, world))
    _created_or_nothing(response, before, {"ActionPlan": 1, "Indicator": 0, "Step": 0})
    if response.status_code == 201:
        created = response.json()
        assert_clean(created["title"], created["objective"], *[i["name"] for i in created["indicators"]])


@settings(COMMON, max_examples=EXAMPLES["plans API patch"])
@given(data=st.data())
def test_the_plans_api_patch(world, data):
    plan, _ = ActionPlan.objects.get_or_create(office=world["offices"]["prov"], fiscal_year=2569, cs=3, defaults={
        "title": "แผนเดิม", "objective": "เพื่อ"})
    title = plan.title
    before = rows()
    response = api_as(world["people"]["alice"]).patch(f"/api/v1/action-plans/{plan.pk}/",
                                                      data=json.dumps(_plan_body(data, world)),
                                                      content_type="application/json")
    assert response.status_code < 500
    event(f"status {response.status_code}")
    if response.status_code != 200:
        assert response.status_code == 400, response.status_code
        assert changed(before) == {} and ActionPlan.objects.get(pk=plan.pk).title == title


@settings(COMMON, max_examples=EXAMPLES["services API"])
@given(data=st.data())
def test_the_services_api_create(world, data):
    step = st.fixed_dictionaries({"name": mostly(json_values, "รับคำขอ"), "amount": mostly(json_values, 1)},
                                 optional={"responsible_unit": json_values})
    body = {"office": data.draw(mostly(json_values, "PROV")),
            "name": data.draw(mostly(json_values, f"บริการ {data.draw(st.uuids())}")),
            "standard_amount": data.draw(mostly(json_values, 5)),
            "standard_unit": data.draw(mostly(json_values, "working_days")),
            "steps": data.draw(mostly(st.lists(step, max_size=3), [{"name": "รับคำขอ", "amount": 1}])),
            "groups": data.draw(mostly(json_values, [world["group"].pk])),
            "channels": data.draw(mostly(json_values, ["phone"])),
            "fees": data.draw(mostly(json_values, "ไม่มีค่าธรรมเนียม")),
            "is_active": data.draw(mostly(json_values, True))}
    body = {key: value for key, value in body.items() if data.draw(st.integers(0, 9))}  # some fields left out
    before = rows()
    response = api_as(world["people"]["alice"]).post_json("/api/v1/services/", body)
    _created_or_nothing(response, before, {"Service": 1, "ServiceStep": 0})
    if response.status_code == 201:
        assert_clean(response.json()["name"], response.json()["fees"])


@settings(COMMON, max_examples=EXAMPLES["service records API"])
@given(data=st.data())
def test_the_service_records_api_post(world, data):
    service = data.draw(st.sampled_from(world["services"]))
    received, completed, when, done = (("received_at", "completed_at", "2026-04-10T16:00", "2026-04-16T09:00")
                                       if service.in_minutes else ("received_on", "completed_on", "2026-04-10",
                                                                   "2026-04-16"))
    reference = st.text(alphabet=string.ascii_uppercase + string.digits, min_size=3, max_size=8)
    record = st.fixed_dictionaries(
        {"reference": mostly(json_values, "R-1").flatmap(lambda r: reference if r == "R-1" else st.just(r)),
         received: mostly(json_values, when)},
        optional={completed: maybe(json_values, done), "step": maybe(json_values, 1),
                  "received_on" if service.in_minutes else "received_at": json_values})
    body = data.draw(st.integers(0, 3).flatmap(
        lambda n: json_values if n == 0 else st.lists(record, min_size=1, max_size=3)))
    before = rows()
    response = api_as(world["people"]["bob"]).post_json(f"/api/v1/services/{service.pk}/records/", body)
    assert response.status_code < 500
    event(f"status {response.status_code}")
    grew = changed(before)
    if response.status_code == 200:
        assert set(grew) <= {"ServiceRecord"} and grew.get("ServiceRecord", 0) == response.json()["created"], grew
        assert_clean(*ServiceRecord.objects.values_list("reference", flat=True))
    else:
        assert response.status_code == 400 and grew == {}, (response.status_code, grew)


def _sheet(data, header: list[str], good: list) -> SimpleUploadedFile:
    """A CSV, an XLSX, or bytes that are neither, with the template's header (mostly) and generated rows."""
    matrix = [data.draw(maybe(st.lists(cells, max_size=len(header) + 2), header))]
    matrix += data.draw(st.lists(st.one_of(st.just(good), st.lists(cells, max_size=len(header) + 2)), min_size=1,
                                 max_size=4))
    kind = data.draw(st.sampled_from(["xlsx", "csv", "junk"]))
    if kind == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(buffer, [[cell for cell in row] for row in matrix])
        return SimpleUploadedFile("rows.xlsx", buffer.getvalue())
    if kind == "csv":
        text = "\n".join(",".join(json.dumps(c, ensure_ascii=False) if isinstance(c, str) else ("" if c is None else
                                                                                                  str(c))
                                  for c in row) for row in matrix)
        return SimpleUploadedFile("rows.csv", text.encode("utf-8", errors="ignore"))
    return SimpleUploadedFile(data.draw(st.sampled_from(["rows.xlsx", "rows.csv", "rows.txt"])),
                              data.draw(st.binary(max_size=300)))


def _upload_preview_confirm(client, url: str, file) -> tuple[int, int | None]:
    """(status of the upload, status of the confirm or None when the upload was refused); no 500 anywhere."""
    uploaded = client.post(url, {"file": file})
    assert uploaded.status_code in (200, 302), uploaded.status_code
    if uploaded.status_code != 302:
        return uploaded.status_code, None
    preview = client.get(uploaded.url)
    assert preview.status_code == 200
    confirmed = client.post(uploaded.url, {"confirm": "1"})
    assert confirmed.status_code in (302, 422), confirmed.status_code
    return uploaded.status_code, confirmed.status_code


@settings(COMMON, max_examples=EXAMPLES["complaints import"])
@given(data=st.data())
def test_the_complaints_import(client, world, data, tmp_path_factory, settings):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    client.force_login(world["people"]["bob"])
    header = list(TicketResource.headers().values())
    good = ["DIST-A", data.draw(st.text(alphabet=string.ascii_uppercase + string.digits, min_size=3, max_size=8)),
            "ข้อร้องเรียน", "phone", "10/04/2569", "ถนนพัง", "ขอให้ซ่อม", "", "นายสมชาย", "0812345678", "", ""]
    before = rows()
    _upload, confirm = _upload_preview_confirm(client, "/cs3/import/", _sheet(data, header, good))
    event(f"upload {_upload}, confirm {confirm}")
    grew = changed(before)
    if confirm == 302 and grew:
        assert set(grew) == {"Ticket", "TicketEvent", "TicketRound", "OfficeStint"}, grew
        for ticket in Ticket.objects.order_by("-pk")[:grew["Ticket"]]:
            assert_clean(ticket.subject, ticket.detail, ticket.complainant_name, ticket.source_ref)
    else:
        assert grew == {}, grew


@settings(COMMON, max_examples=EXAMPLES["survey import"])
@given(data=st.data())
def test_the_survey_import(client, world, data, tmp_path_factory, settings):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    client.force_login(world["people"]["bob"])
    survey = world["survey"]
    good = [data.draw(st.text(alphabet=string.digits, min_size=1, max_size=6)), 5, "ใช่", "มาก", "ดี"]
    before = rows()
    _upload, confirm = _upload_preview_confirm(client, f"/cs6/rounds/{survey.pk}/import/",
                                               _sheet(data, template_headers(survey), good))
    event(f"upload {_upload}, confirm {confirm}")
    grew = changed(before)
    if confirm == 302 and grew:
        assert set(grew) <= {"Response", "Answer"} and grew.get("Response", 0) > 0, grew
        assert_clean(*Answer.objects.filter(response__round=survey).values_list("text", flat=True))
    else:
        assert grew == {}, grew


@settings(COMMON, max_examples=EXAMPLES["service records import"])
@given(data=st.data())
def test_the_service_records_import(client, world, data, tmp_path_factory, settings):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    client.force_login(world["people"]["bob"])
    service = data.draw(st.sampled_from(world["services"]))
    good = [str(service.pk), data.draw(st.text(alphabet=string.ascii_uppercase + string.digits, min_size=3,
                                               max_size=8)), "10/04/2569", "16:00", "", "", ""]
    before = rows()
    _upload, confirm = _upload_preview_confirm(client, "/cs7/records/import/",
                                               _sheet(data, record_imports.HEADERS, good))
    event(f"upload {_upload}, confirm {confirm}")
    grew = changed(before)
    if confirm == 302 and grew:
        assert set(grew) == {"ServiceRecord"}, grew
        assert_clean(*ServiceRecord.objects.values_list("reference", flat=True))
    else:
        assert grew == {}, grew


def test_the_generated_runs_add_up_to_over_a_thousand_submissions():
    assert sum(EXAMPLES.values()) + EXAMPLES["offices and holidays API"] >= 1_000
