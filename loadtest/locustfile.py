"""`make loadtest`: a working day of the PMQA workbench, as Locust user classes (scripts/loadtest.sh runs it).

Who is on the system at once, and how fast people click (weights = their share of the concurrent users; think
times = seconds between one page and the next, as people read and type):

  role                        weight  think time   logs in as           does
  committee staff               10    3–10 s       bench-committee      the complaint register (plain, filtered, a
                                                                        search, page 2), ticket pages, the work queue,
                                                                        the CS3 dashboard and the executive dashboard
  district office staff          8    5–15 s       bench-district       keys paper survey forms in the entry grid;
                                                                        imports a spreadsheet (upload, check, confirm)
  executives                     2    10–30 s      executive            the executive dashboard, the CS3 dashboard
  citizens                      25    5–20 s       (no login)           file a complaint on the public page, check its
                                                                        status by tracking code, answer a survey
  district systems (API)         5    2–5 s        bench-district token post complaints, list and read them

The committee and the district staff work in the bench department (load_bench_data: 100,000 tickets over 1,000
offices), the executive in the demo province. Each citizen visit is a new person: a new browser (no cookies) and
its own address in X-Forwarded-For, the header the proxy in front of production writes (TRUSTED_PROXY_COUNT=1),
so the public forms' per-address limits (core/ratelimit.py) hold as they would in production: the load test does
not raise them.

Every request is named "<role>: <what>" so that the results group by type. A response that is not what the person
expected (another status, the form again with its errors where success was expected, the login page) is a failure.

Environment (scripts/loadtest.sh sets the first two from loadtest/fixture.py):
  LOADTEST_ROUND, LOADTEST_SURVEY_KEY   the open survey round (pk, public key) of the district office
  LOADTEST_COMMITTEE, LOADTEST_DISTRICT, LOADTEST_EXECUTIVE   "user:password" of each role
"""
import io
import itertools
import os
import random
import re
import time
from datetime import date

from locust import HttpUser, between, task

# Every URL the users open, by what it is (tests/test_loadtest.py resolves each one against pmqa.urls).
PATHS = {
    "login": "/accounts/login/",
    "register": "/cs3/",
    "ticket": "/cs3/t/{ref}/",
    "queue": "/cs3/queue/",
    "cs3_dashboard": "/cs3/dashboard/",
    "executive": "/executive/",
    "entry": "/cs6/rounds/{pk}/entry/",
    "import": "/cs6/rounds/{pk}/import/",
    "import_confirm": "/cs6/rounds/{pk}/import/{token}/confirm/",
    "results": "/cs6/rounds/{pk}/",
    "public_submit": "/public/",
    "public_track": "/public/track/",
    "survey": "/survey/{key}/",
    "tokens": "/account/tokens/",
    "api_channels": "/api/v1/channels/",
    "api_complaints": "/api/v1/complaints/",
    "api_complaint": "/api/v1/complaints/{ref}/",
}

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TICKET_LINK = re.compile(r'href="/cs3/t/([^/"]+)/"')
OFFICE_OPTION = re.compile(r'<option value="(\d+)"')
RADIO = re.compile(r'type="radio"[^>]*name="(q_[^"]+)"[^>]*value="([^"]*)"')
NEW_TOKEN = re.compile(r'id="token-value" value="([^"]+)"')
IMPORT_PREVIEW = re.compile(r"/cs6/rounds/\d+/import/([^/]+)/confirm/")

RUN = f"{int(time.time()) % 100000:05d}"  # in form numbers and source refs: this run's own, never taken before
_serial = itertools.count(1)
# Tracking codes citizens were given in this run; a later citizen checks one of them.
tracking_codes: list[str] = []

SUBJECTS = [("ไฟถนนดับ", "ไฟถนนหน้าหมู่บ้านดับมาหนึ่งสัปดาห์ ขอให้ช่วยซ่อม"),
            ("ขอรับเมล็ดพันธุ์ล่าช้า", "ยื่นคำขอรับเมล็ดพันธุ์ข้าวเมื่อเดือนที่แล้ว ยังไม่ได้รับแจ้งผล"),
            ("เจ้าหน้าที่ให้บริการดี", "ขอชมเจ้าหน้าที่ที่ช่วยอธิบายขั้นตอนขึ้นทะเบียนเกษตรกรอย่างละเอียด"),
            ("โรคระบาดในแปลงทุเรียน", "พบโรครากเน่าโคนเน่าในแปลง ขอให้เจ้าหน้าที่มาตรวจและแนะนำ")]


def login_of(variable: str, default: str) -> tuple[str, str]:
    username, _, password = os.environ.get(variable, default).partition(":")
    return username, password


def csrf_of(response) -> str:
    match = CSRF.search(response.text or "")
    return match[1] if match else ""


def citizen_address() -> str:
    """A made-up client address in 100.64.0.0/10 (carrier-grade NAT, what most phones here come from)."""
    n = random.getrandbits(22)
    return f"100.{64 + (n >> 16)}.{(n >> 8) & 255}.{n & 255}"


def expect(response, *, status: int = 200, contains: str = "", absent: str = "", why: str = "") -> bool:
    """Mark the response a failure unless it has `status`, contains `contains` and not `absent`."""
    if response.status_code != status:
        response.failure(f"HTTP {response.status_code}, expected {status}{': ' + why if why else ''}")
        return False
    body = response.text or ""
    if contains and contains not in body:
        response.failure(f"no {contains!r} in the page{': ' + why if why else ''}")
        return False
    if absent and absent in body:
        response.failure(f"{absent!r} in the page{': ' + why if why else ''}")
        return False
    response.success()
    return True


class Staff(HttpUser):
    """Someone who signs in on the login page first (CSRF token from the page, as a browser)."""

    abstract = True
    role = "staff"
    login_variable, login_default = "", ""

    def on_start(self):
        username, password = login_of(self.login_variable, self.login_default)
        page = self.client.get(PATHS["login"], name=f"{self.role}: login page")
        with self.client.post(PATHS["login"], data={"username": username, "password": password,
                                                    "csrfmiddlewaretoken": csrf_of(page)},
                              name=f"{self.role}: sign in", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 302 or "/accounts/login/" in r.headers.get("Location", ""):
                r.failure(f"sign-in as {username} failed (HTTP {r.status_code})")
            else:
                r.success()

    def page(self, path: str, what: str, *, contains: str = "", params=None):
        with self.client.get(path, params=params, name=f"{self.role}: {what}", catch_response=True,
                             allow_redirects=False) as r:
            expect(r, contains=contains, why=what)
            return r


class Committee(Staff):
    weight = 10
    wait_time = between(3, 10)
    role = "committee"
    login_variable, login_default = "LOADTEST_COMMITTEE", "bench-committee:bench-pass-123"
    paths = ["login", "register", "ticket", "queue", "cs3_dashboard", "executive"]

    def on_start(self):
        super().on_start()
        self.refs: list[str] = []

    def _remember(self, response):
        found = TICKET_LINK.findall(response.text or "")
        if found:
            self.refs = found[:50]

    @task(6)
    def register(self):
        self._remember(self.page(PATHS["register"], "register", contains="<table"))

    @task(3)
    def register_filtered(self):
        self.page(PATHS["register"], "register filtered", contains="<table",
                  params={"status": random.choice(["in_progress", "answered"]),
                          "kind": random.choice(["complaint", "suggestion"])})

    @task(2)
    def register_search(self):
        self.page(PATHS["register"], "register search", contains="<table",
                  params={"q": random.choice([f"B-{random.randint(1, 100000)}", "ไฟถนน", "เมล็ดพันธุ์"])})

    @task(2)
    def register_page_2(self):
        self.page(PATHS["register"], "register page 2", contains="<table", params={"page": 2})

    @task(6)
    def ticket(self):
        if not self.refs:
            return self.register()
        ref = random.choice(self.refs)
        self.page(PATHS["ticket"].format(ref=ref), "ticket", contains=ref)

    @task(2)
    def queue(self):
        self.page(PATHS["queue"], "work queue")

    @task(2)
    def cs3_dashboard(self):
        self.page(PATHS["cs3_dashboard"], "CS3 dashboard")

    @task(1)
    def executive_dashboard(self):
        self.page(PATHS["executive"], "executive dashboard")


class DistrictStaff(Staff):
    weight = 8
    wait_time = between(5, 15)
    role = "district"
    login_variable, login_default = "LOADTEST_DISTRICT", "bench-district:bench-pass-123"
    paths = ["login", "entry", "import", "import_confirm", "results"]

    def on_start(self):
        super().on_start()
        self.round = os.environ.get("LOADTEST_ROUND", "")
        self.items = ["a1", "a2", "b1", "b2", "c1"]
        self.sheet = self._sheet()  # made once: the office's spreadsheet of this day's paper forms

    def _number(self) -> str:
        return f"L{RUN}-{next(_serial)}"

    def _sheet(self) -> bytes:
        """A small real XLSX as the import's template has it: the form number, then one column per item code."""
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(["เลขที่แบบสอบถาม"] + [f"{code} ข้อ {code}" for code in self.items])
        for _ in range(5):
            sheet.append([self._number()] + [random.randint(2, 5) for _ in self.items])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    @task(3)
    def key_forms(self):
        if not self.round:
            return
        path = PATHS["entry"].format(pk=self.round)
        grid = self.page(path, "entry grid", contains='name="r0-form"')
        rows = random.randint(3, 8)  # the paper forms on the desk
        data = {"csrfmiddlewaretoken": csrf_of(grid)}
        for n in range(rows):
            data[f"r{n}-form"] = self._number()
            for code in self.items:
                data[f"r{n}-{code}"] = str(random.randint(1, 5))
        with self.client.post(path, data=data, name="district: save entry grid", allow_redirects=False,
                              catch_response=True) as r:
            if r.status_code == 302 and r.headers.get("Location", "").endswith(path):
                r.success()
            else:  # 200 is the grid again with its errors: nothing was saved
                r.failure(f"HTTP {r.status_code}: the forms were not saved")

    @task(1)
    def import_sheet(self):
        if not self.round:
            return
        start = PATHS["import"].format(pk=self.round)
        page = self.page(start, "import page", contains='type="file"')
        files = {"file": ("แบบสอบถาม.xlsx", self.sheet,
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}
        with self.client.post(start, data={"csrfmiddlewaretoken": csrf_of(page)}, files=files,
                              name="district: import upload", allow_redirects=False, catch_response=True) as r:
            match = IMPORT_PREVIEW.search(r.headers.get("Location", ""))
            if r.status_code != 302 or not match:
                r.failure(f"HTTP {r.status_code}: the upload was refused")
                return
            r.success()
        confirm = PATHS["import_confirm"].format(pk=self.round, token=match[1])
        preview = self.page(confirm, "import check", contains='name="csrfmiddlewaretoken"')
        # The first import writes the five forms; the same file again skips them as already there (both succeed).
        with self.client.post(confirm, data={"csrfmiddlewaretoken": csrf_of(preview)}, name="district: import confirm",
                              allow_redirects=False, catch_response=True) as r:
            if r.status_code == 302 and r.headers.get("Location", "").endswith(PATHS["results"].format(pk=self.round)):
                r.success()
            else:
                r.failure(f"HTTP {r.status_code}: the import was not confirmed")


class Executive(Staff):
    weight = 2
    wait_time = between(10, 30)
    role = "executive"
    login_variable, login_default = "LOADTEST_EXECUTIVE", "executive:demo-pmqa-2569"
    paths = ["login", "executive", "cs3_dashboard"]

    @task(3)
    def dashboard(self):
        self.page(PATHS["executive"], "executive dashboard")

    @task(1)
    def cs3_dashboard(self):
        self.page(PATHS["cs3_dashboard"], "CS3 dashboard")


class Citizen(HttpUser):
    """A stream of citizens: each visit is a new person (new address, no cookies)."""

    weight = 25
    wait_time = between(5, 20)
    paths = ["public_submit", "public_track", "survey"]

    def _new_person(self):
        self.client.cookies.clear()
        self.client.headers["X-Forwarded-For"] = citizen_address()

    @task(2)
    def submit_complaint(self):
        self._new_person()
        with self.client.get(PATHS["public_submit"], name="citizen: complaint form", catch_response=True) as form:
            if not expect(form, contains='name="subject"'):
                return
        offices = OFFICE_OPTION.findall(form.text)
        subject, detail = random.choice(SUBJECTS)
        data = {"csrfmiddlewaretoken": csrf_of(form), "kind": "complaint", "office": random.choice(offices),
                "subject": subject, "detail": detail, "complainant_contact": "0812345678", "consent": "on",
                "website": ""}
        with self.client.post(PATHS["public_submit"], data=data, name="citizen: submit complaint",
                              catch_response=True) as r:
            if expect(r, contains='id="tracking-code"', why="the form came back instead of the tracking code"):
                code = re.search(r'id="tracking-code">([^<]+)<', r.text)
                if code:
                    tracking_codes.append(code[1].strip())
                    del tracking_codes[:-500]

    @task(3)
    def track(self):
        if not tracking_codes:
            return self.submit_complaint()
        self._new_person()
        with self.client.get(PATHS["public_track"], params={"code": random.choice(tracking_codes)},
                             name="citizen: track status", catch_response=True) as r:
            expect(r, absent="ไม่พบเรื่องตามรหัสนี้", why="the tracking code was not found")

    @task(3)
    def answer_survey(self):
        key = os.environ.get("LOADTEST_SURVEY_KEY", "")
        if not key:
            return
        self._new_person()
        path = PATHS["survey"].format(key=key)
        with self.client.get(path, name="citizen: survey page", catch_response=True) as page:
            if not expect(page, contains='type="radio"'):
                return
        choices: dict[str, list[str]] = {}
        for name, value in RADIO.findall(page.text):
            if value != "n/a":
                choices.setdefault(name, []).append(value)
        data = {name: random.choice(values) for name, values in choices.items()}
        data["csrfmiddlewaretoken"] = csrf_of(page)
        with self.client.post(path, data=data, name="citizen: answer survey", catch_response=True) as r:
            expect(r, contains='id="thanks"', why="the answers were not taken")


class DistrictSystem(HttpUser):
    """A district office's own system posting complaints through the API with its token (Authorization: Token …).

    The token is made once on start the way an office makes one: signed in, on the account's tokens page."""

    weight = 5
    wait_time = between(2, 5)
    paths = ["login", "tokens", "api_channels", "api_complaints", "api_complaint"]
    office = "BENCH-D000-00"

    def on_start(self):
        username, password = login_of("LOADTEST_DISTRICT", "bench-district:bench-pass-123")
        page = self.client.get(PATHS["login"], name="api: login page")
        self.client.post(PATHS["login"], data={"username": username, "password": password,
                                               "csrfmiddlewaretoken": csrf_of(page)}, name="api: sign in")
        tokens = self.client.get(PATHS["tokens"], name="api: tokens page")
        with self.client.post(PATHS["tokens"], data={"csrfmiddlewaretoken": csrf_of(tokens)}, name="api: new token",
                              catch_response=True) as r:
            match = NEW_TOKEN.search(r.text or "")
            if not match:
                r.failure(f"HTTP {r.status_code}: no new token on the page")
                self.token = ""
                return
            self.token = match[1]
        self.client.cookies.clear()  # from here on the token only, as a server-to-server client
        self.client.headers["Authorization"] = f"Token {self.token}"
        channels = self.client.get(PATHS["api_channels"], name="api: channels").json()
        results = channels.get("results", channels) if isinstance(channels, dict) else channels
        self.channels = [c["code"] for c in results if c.get("code")] or ["website"]
        self.refs: list[str] = []

    @task(3)
    def post_complaint(self):
        if not self.token:
            return
        subject, detail = random.choice(SUBJECTS)
        body = {"kind": "complaint", "channel": random.choice(self.channels), "office": self.office,
                "received_on": date.today().isoformat(), "subject": subject, "detail": detail,
                "source_ref": f"LT{RUN}-{next(_serial)}"}
        with self.client.post(PATHS["api_complaints"], json=body, name="api: post complaint",
                              catch_response=True) as r:
            if r.status_code == 201:
                self.refs.append(r.json()["reference"])
                del self.refs[:-50]
                r.success()
            else:
                r.failure(f"HTTP {r.status_code}: {(r.text or '')[:200]}")

    @task(2)
    def list_complaints(self):
        if not self.token:
            return
        with self.client.get(PATHS["api_complaints"], params={"limit": 20}, name="api: list complaints",
                             catch_response=True) as r:
            expect(r, contains='"results"')

    @task(2)
    def read_complaint(self):
        if not self.token or not self.refs:
            return
        ref = random.choice(self.refs)
        with self.client.get(PATHS["api_complaint"].format(ref=ref), name="api: complaint", catch_response=True) as r:
            expect(r, contains=ref)

