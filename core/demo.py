"""The demo data set: a small office tree, one user per role, and the Chumphon FY 2555 plans of seed 000.

Idempotent: running it again adds nothing that is already there and keeps what users changed.
"""
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from core.offices.models import User
from core.offices.roles import Role, ensure_role_groups
from core.offices.services import office_ensure, user_upsert
from core.plans.choices import IndicatorSource
from core.plans.models import ActionPlan
from core.plans.services import plan_copy, plan_create
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
