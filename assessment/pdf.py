"""What the A4 PDF prints: the same rows the pages show (one function for both the PDF and the API's items)."""
from datetime import date

from core.offices.models import Office

from . import items as seed
from . import selectors
from .facts import item_facts


def assessment_context(*, user, office: Office, fiscal_year: int, today: date) -> dict:
    """The items with their answers, links and facts, and the 7.2 tables."""
    assessment = selectors.assessment_get(office=office, fiscal_year=fiscal_year)
    facts = item_facts(user=user, office=office, fiscal_year=fiscal_year, today=today)
    rows = selectors.item_rows(office=office, fiscal_year=fiscal_year, assessment=assessment, facts=facts)
    return {"office": office, "fiscal_year": fiscal_year, "rows": rows,
            "tables": selectors.result_tables(office=office, fiscal_year=fiscal_year),
            "years": selectors.result_years(fiscal_year)}


def pdf_context(*, user, office: Office, fiscal_year: int, today: date) -> dict:
    context = assessment_context(user=user, office=office, fiscal_year=fiscal_year, today=today)
    context["sections"] = [(section, [row for row in context["rows"] if row.section_code == section.code])
                           for section in seed.SECTIONS]
    context.update(form_title=seed.FORM_TITLE, category_title=seed.CATEGORY_TITLE, results_title=seed.RESULTS_TITLE,
                   results_subtitle=seed.RESULTS_SUBTITLE, results_intro=seed.RESULTS_INTRO, printed_on=today)
    return context
