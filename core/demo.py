"""The demo data set: a small office tree, one user per role, and the Chumphon FY 2555 plans of seed 000; then
(load_demo_progress) the plans of the current years carried on with the progress a working office would show.

Idempotent: running it again adds nothing that is already there and keeps what users changed.
"""
import json
from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.fiscal import fiscal_months, fiscal_year_of
from core.offices.models import Office, User
from core.offices.roles import Role, ensure_role_groups
from core.offices.services import office_ensure, user_upsert
from core.plans.choices import IndicatorSource, StepStatus
from core.plans.models import ActionPlan, Step
from core.plans.services import evidence_add, plan_copy, plan_create, step_periods_set, step_update_progress
from core.thai_dates import parse_month

DEMO_PASSWORD = "demo-pmqa-2569"
SEED_FILE = Path(__file__).parent / "plans" / "demo" / "chumphon_2555.json"
# The fiscal year of the demo surveys (and of part of the demo complaints): the seed's plans are copied to it.
LIVE_YEAR = 2569

OFFICES = [
    # (code, name, parent code)
    ("DOAE", "กรมส่งเสริมการเกษตร", None),
    ("CPN", "สำนักงานเกษตรจังหวัดชุมพร", "DOAE"),
    ("CPN-MUEANG", "สำนักงานเกษตรอำเภอเมืองชุมพร", "CPN"),
    ("CPN-THASAE", "สำนักงานเกษตรอำเภอท่าแซะ", "CPN"),
    ("CPN-LANGSUAN", "สำนักงานเกษตรอำเภอหลังสวน", "CPN"),
    ("RNG", "สำนักงานเกษตรจังหวัดระนอง", "DOAE"),
    ("RNG-MUEANG", "สำนักงานเกษตรอำเภอเมืองระนอง", "RNG"),
]

USERS = [
    # (username, role, office code, first name, last name)
    ("committee", Role.COMMITTEE, "CPN", "สมชาย", "ใจดี"),
    ("office", Role.OFFICE_STAFF, "CPN-MUEANG", "สมหญิง", "รักงาน"),
    ("executive", Role.EXECUTIVE, "CPN", "ประเสริฐ", "บริหารดี"),
    ("assessor", Role.ASSESSOR, "CPN", "วิภา", "ตรวจสอบ"),
    ("admin", Role.ADMINISTRATOR, "DOAE", "ผู้ดูแล", "ระบบ"),
]


def _steps(raw_steps: list[dict], fiscal_year: int) -> list[dict]:
    steps = []
    for s in raw_steps:
        # Some seed rows give the month without a year ("เมย"): it is the plan's fiscal year.
        start = parse_month(s["start"], default_be_year=fiscal_year)
        end = parse_month(s["end"], default_be_year=fiscal_year)
        steps.append({
            "order": s["order"], "activity": s["activity"], "duration": s["duration"], "planned_start": start,
            "planned_end": end, "output": s["output"], "owner": s["owner"],
            "related_parties": s["related_parties"], "budget": s["budget"],
        })
    return steps


def _indicators(raw: list[dict]) -> list[dict]:
    return [
        {"code": i["code"], "name": i["name"], "unit": i["unit"], "target": Decimal(str(i["target"])),
         "direction": i["direction"], "metric": i.get("metric", ""),
         "source": IndicatorSource.COMPUTED if i.get("metric") else IndicatorSource.MANUAL,
         **{f"level_{n}": Decimal(str(v)) for n, v in enumerate(i["ladder"], 1)}}
        for i in raw
    ]


@transaction.atomic
def load_demo() -> list[tuple[User, str]]:
    ensure_role_groups()
    offices = {}
    for code, name, parent in OFFICES:
        offices[code] = office_ensure(code=code, name=name, parent=offices.get(parent))
    users = []
    for username, role, office_code, first, last in USERS:
        existing = User.objects.filter(username=username).first()
        # Keep a password the person changed; only a new demo user gets the demo password.
        user = user_upsert(username=username, office=offices[office_code], role=role,
                           password=None if existing else DEMO_PASSWORD, first_name=first, last_name=last,
                           email=f"{username}@example.go.th")
        users.append((user, Role(role).label))
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    office = offices["CPN"]
    for plan in data["plans"]:
        if ActionPlan.objects.filter(office=office, fiscal_year=data["fiscal_year"], cs=plan["cs"]).exists():
            continue
        plan_create(office=office, fiscal_year=data["fiscal_year"], cs=plan["cs"], title=plan["title"],
                    objective=plan["objective"], definitions=plan["definitions"],
                    indicators=_indicators(plan["indicators"]), steps=_steps(plan["steps"], data["fiscal_year"]))
    # The same plans for the year of the demo complaints and surveys, so their computed indicators show values.
    for plan in ActionPlan.objects.filter(office=office, fiscal_year=data["fiscal_year"]).order_by("cs"):
        if not ActionPlan.objects.filter(office=office, fiscal_year=LIVE_YEAR, cs=plan.cs).exists():
            plan_copy(plan=plan, fiscal_year=LIVE_YEAR)
    return users


# --- Progress on the current years' plans ----------------------------------------------------------------------------

# Seed 000's CS3 step 6 says "ทุกไตรมาสมีการรวบรวม วิเคราะห์และสรุปข้อมูลในการประชุมผู้บริหาร": in the current years
# it is the quarterly review seed 004 marks in ต.ค., ม.ค., เม.ย. and ก.ค.
QUARTERLY_REVIEW = (3, 6)
QUARTER_MONTHS = (10, 1, 4, 7)
# The plans whose last step due by today is late (started, not finished), so the late list is not empty.
LATE_IN = (2, 5)
# Where each CS's steps are carried out (seed 004's พื้นที่/หน่วยดำเนินการ), and the steps that have a budget.
AREAS = {
    1: "สำนักงานเกษตรจังหวัดชุมพร",
    2: "สำนักงานเกษตรจังหวัดชุมพรและสำนักงานเกษตรอำเภอ 8 อำเภอ",
    3: "ศูนย์รับข้อร้องเรียน สำนักงานเกษตรจังหวัดชุมพร",
    4: "เครือข่ายเกษตรกรจังหวัดชุมพร 8 อำเภอ",
    5: "อำเภอเมืองชุมพร ท่าแซะ และหลังสวน",
    6: "จุดให้บริการสำนักงานเกษตรจังหวัดและอำเภอ",
    7: "สำนักงานเกษตรจังหวัดชุมพร",
}
BUDGETS = {(2, 2): Decimal(6500), (4, 3): Decimal(25000), (5, 4): Decimal(30000), (6, 4): Decimal(8000),
           (6, 7): Decimal(8000), (7, 3): Decimal(12000)}
# The seed's plans begin in January; a plan for the year under way begins, as offices now plan, in October.
MONTHS_EARLIER = 3


def _month_end(d: date) -> date:
    return d.replace(day=monthrange(d.year, d.month)[1])


def _months_before(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _evidence_pdf(step: Step) -> SimpleUploadedFile:
    from core.pdf.render import render_pdf  # WeasyPrint only when a demo is loaded

    pdf = render_pdf("plans/demo_evidence.html", {"plan": step.plan, "steps": [step]})
    return SimpleUploadedFile(f"บันทึกผลการดำเนินงาน-cs{step.plan.cs}-{step.order}.pdf", pdf,
                              content_type="application/pdf")


def _progress(plan: ActionPlan, *, today: date, by: User | None) -> int:
    """Done, late, in progress or not started, each step as its planned months and today make it; returns the
    number of steps brought on (0 for a plan whose months are all to come)."""
    steps = list(plan.steps.order_by("order").prefetch_related("periods"))
    due = [s for s in steps if len(s.periods.all()) == 1 and _month_end(s.planned_end) < today]
    late = {due[-1].pk} if plan.cs in LATE_IN and due else set()
    brought = 0
    for step in steps:
        periods = list(step.periods.all())
        first, last_end = periods[0].start, _month_end(periods[-1].end)
        ended = [p for p in periods if _month_end(p.end) < today]
        if len(periods) > 1 and ended:  # the quarterly review: each held in its month; a year over missed its last
            held = len(ended) - (1 if len(ended) == len(periods) else 0)
            step_update_progress(step=step, status=StepStatus.IN_PROGRESS, progress=100 * held // len(periods),
                                 actual_start=first + timedelta(days=6),
                                 note=f"ประชุมทบทวนแล้ว {held} ครั้งจาก {len(periods)} ครั้ง")
        elif len(periods) > 1 or first > today:
            continue  # not begun
        elif step.pk in late:
            step_update_progress(step=step, status=StepStatus.IN_PROGRESS, progress=60,
                                 actual_start=first + timedelta(days=4), note="รอสรุปผลเสนอผู้บริหาร")
        elif last_end < today:
            step_update_progress(step=step, status=StepStatus.DONE, progress=100,
                                 actual_start=first + timedelta(days=step.order % 5 + 2),
                                 actual_end=last_end - timedelta(days=step.order % 4))
            evidence_add(plan=plan, file=_evidence_pdf(step), step=step, by=by,
                         title=f"บันทึกผลการดำเนินงาน ขั้นตอนที่ {step.order}")
        else:
            share = (today - first).days * 100 // max((last_end - first).days, 1)
            step_update_progress(step=step, status=StepStatus.IN_PROGRESS, progress=min(max(share // 10 * 10, 10), 90),
                                 actual_start=min(first + timedelta(days=3), today))
        brought += 1
    return brought


@transaction.atomic
def load_demo_progress(*, today: date | None = None) -> int:
    """The province's plans of LIVE_YEAR and of today's fiscal year, carried on: the year of today's copied from
    LIVE_YEAR's and begun in October; CS3's step 6 a quarterly review; where each CS works and what some steps
    cost; and each step done (with its dates and a PDF record as evidence), in progress, late or not started, as its
    months and today make it. A plan already under way (a step not "not started", or evidence) is left as it is,
    so running it again changes nothing and keeps what users recorded. Returns the number of plans brought on."""
    today = today or timezone.localdate()
    office = Office.objects.get(code="CPN")
    committee = User.objects.filter(username="committee").first()
    year = fiscal_year_of(today)
    if year != LIVE_YEAR:
        for plan in ActionPlan.objects.filter(office=office, fiscal_year=LIVE_YEAR).order_by("cs"):
            if ActionPlan.objects.filter(office=office, fiscal_year=year, cs=plan.cs).exists():
                continue
            copy = plan_copy(plan=plan, fiscal_year=year)
            first_month = fiscal_months(year)[0]
            for step in copy.steps.prefetch_related("periods"):
                periods = [(_months_before(p.start, MONTHS_EARLIER), _months_before(p.end, MONTHS_EARLIER))
                           for p in step.periods.all()]
                if periods and periods[0][0] >= first_month:  # a step already in the year's first months stays
                    step_periods_set(step=step, periods=periods)
    brought = 0
    plans = ActionPlan.objects.filter(office=office, fiscal_year__in={LIVE_YEAR, year})
    for plan in plans.order_by("fiscal_year", "cs"):
        if plan.evidence.exists() or plan.steps.exclude(status=StepStatus.NOT_STARTED).exists():
            continue
        plan.steps.filter(area="").update(area=AREAS[plan.cs])
        for (cs, order), budget in BUDGETS.items():
            if cs == plan.cs:
                plan.steps.filter(order=order, budget__isnull=True).update(budget=budget)
        if plan.cs == QUARTERLY_REVIEW[0]:
            review = plan.steps.filter(order=QUARTERLY_REVIEW[1]).first()
            if review is not None:
                months = [m for m in fiscal_months(plan.fiscal_year) if m.month in QUARTER_MONTHS]
                step_periods_set(step=review, periods=[(m, m) for m in months])
        if _progress(plan, today=today, by=committee):
            brought += 1
    return brought
