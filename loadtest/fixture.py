"""What the load test needs in the database besides load_bench_data and load_demo: one open survey round of the
bench department's first district office (where `bench-district` works), so that district staff have a round to
key and import into, and citizens a public page to answer. The demo's rounds are all past (closed by their dates).

Run inside the stack's environment by scripts/loadtest.sh (`manage.py shell -c`); idempotent (found by its title),
it prints one JSON line: {"round": pk, "key": public key, "office": office code}. Against a real deployment, run
the same there once, or give LOADTEST_ROUND and LOADTEST_SURVEY_KEY of a round of your own.
"""
import json

TITLE = "แบบสำรวจความพึงพอใจ (ทดสอบโหลด)"
ROUND_TITLE = "รอบทดสอบโหลด"
OFFICE = "BENCH-D000-00"


def rated(items: list[dict]) -> list[dict]:
    """The demo questionnaire's rated items (the five-point ones: no yes/no, text or profile questions)."""
    return [item for item in items if "kind" not in item]


def ensure() -> dict:
    from core.offices.models import Office
    from satisfaction.demo import ITEMS as DEMO_ITEMS
    from satisfaction.models import SurveyRound
    from satisfaction.services import questionnaire_create, round_create

    office = Office.objects.get(code=OFFICE)
    survey = SurveyRound.objects.filter(office=office, title=ROUND_TITLE, is_open=True).first()
    if survey is None:
        questionnaire = questionnaire_create(office=office, title=TITLE, scale_max=5, items=rated(DEMO_ITEMS))
        survey = round_create(questionnaire=questionnaire, office=office, title=ROUND_TITLE)
    return {"round": survey.pk, "key": survey.public_key, "office": OFFICE}


if __name__ in ("__main__", "django.core.management.commands.shell"):
    print(json.dumps(ensure()))
