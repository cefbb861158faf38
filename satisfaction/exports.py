"""XLSX exports of a round: the raw answers (one row per form, no identity: none is stored) and the summary.

The raw export walks the responses and their answers with two ordered iterators, a chunk at a time, and
writes a write-only workbook to a temporary file: half a million forms never sit in memory together.
"""
from itertools import groupby

from django.utils import timezone
from openpyxl import Workbook

from core import exports, thai_dates

from .choices import NO, YES, ItemKind, ResponseSource
from .models import Answer, Response, SurveyRound
from .selectors import Results

NO_OPINION_TEXT = "ไม่แสดงความคิดเห็น"
CHUNK = 5000
SOURCES = dict(ResponseSource.choices)  # labels are lazy: made str when written


def _submitted(value) -> str:
    """21/11/2569 14:05 (Buddhist Era, local time)."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%d/%m}/{thai_dates.be_year(local.year)} {local:%H:%M}"


def _cell(item, value, no_opinion: bool, text: str):
    if no_opinion:
        return NO_OPINION_TEXT
    if item.kind == ItemKind.TEXT:
        return text
    if item.kind == ItemKind.YES_NO:
        return {YES: "ใช่", NO: "ไม่ใช่"}.get(value, value)
    if item.kind == ItemKind.CHOICE and value is not None and 0 <= value < len(item.choices):
        return item.choices[value]
    return value


def answers_xlsx(survey: SurveyRound) -> Workbook:
    """The workbook: one row per response — form number, date (BE), source, then each item by its code."""
    items = list(survey.questionnaire.items.all())
    column = {item.pk: n for n, item in enumerate(items)}
    by_id = {item.pk: item for item in items}
    workbook = exports.new_workbook()
    sheet = exports.add_sheet(workbook, "คำตอบ")
    sheet.append(["เลขที่แบบสอบถาม", "วันที่ตอบ", "ที่มา", *[item.code for item in items]])
    responses = (Response.objects.filter(round=survey).order_by("pk")
                 .values_list("pk", "form_number", "submitted_at", "source").iterator(chunk_size=CHUNK))
    answers = groupby((Answer.objects.filter(response__round=survey).order_by("response_id")
                       .values_list("response_id", "item_id", "value", "no_opinion", "text")
                       .iterator(chunk_size=CHUNK)), key=lambda row: row[0])
    pending = next(answers, None)
    for pk, form_number, submitted_at, source in responses:
        cells = [None] * len(items)
        while pending is not None and pending[0] < pk:  # answers of a response that no longer exists
            pending = next(answers, None)
        if pending is not None and pending[0] == pk:
            for _response, item_id, value, no_opinion, text in pending[1]:
                cells[column[item_id]] = _cell(by_id[item_id], value, no_opinion, text)
            pending = next(answers, None)
        sheet.append([form_number, _submitted(submitted_at), SOURCES.get(source, source), *cells])
    return workbook


def summary_xlsx(survey: SurveyRound, results: Results) -> Workbook:
    """The workbook: the headline percents, then n / mean / SD / interpretation per item and per dimension."""
    workbook = exports.new_workbook()
    sheet = exports.add_sheet(workbook, "สรุปผล")
    sheet.append([survey.title])
    sheet.append(["จำนวนผู้ตอบ", results.respondents])
    sheet.append(["ร้อยละความพึงพอใจ (ค่าเฉลี่ย)", results.satisfaction_mean])
    sheet.append(["ร้อยละความพึงพอใจ (สองระดับบนสุด)", results.satisfaction_top2])
    sheet.append(["ร้อยละความไม่พึงพอใจ (สองระดับล่างสุด)", results.dissatisfaction_bottom2])
    sheet.append(["ร้อยละผู้แจ้งว่าไม่พึงพอใจ", results.dissatisfaction_reported])
    sheet.append([])
    sheet.append(["รหัสข้อ", "ข้อคำถาม", "ด้าน", "n", "ค่าเฉลี่ย", "S.D.", "ระดับ", "ไม่แสดงความคิดเห็น"])
    for item in results.items:
        if item.kind == ItemKind.RATING:
            sheet.append([item.code, item.text, item.dimension, item.n, item.mean, item.sd, item.band,
                          item.no_opinion])
    sheet.append([])
    sheet.append(["ด้าน", "n", "ค่าเฉลี่ย", "S.D.", "ระดับ"])
    for name, stats, band in results.dimensions:
        sheet.append([name, stats.n, stats.mean, stats.sd, band])
    for breakdown in results.breakdowns:
        sheet.append([])
        sheet.append([f"จำแนกตาม: {breakdown.text}"])
        sheet.append(["คำตอบ", "ผู้ตอบ", "n", "ค่าเฉลี่ย", "S.D.", "ระดับ", "ร้อยละความพึงพอใจ (ค่าเฉลี่ย)",
                      "ร้อยละความพึงพอใจ (สองระดับบนสุด)", "ร้อยละความไม่พึงพอใจ (สองระดับล่างสุด)",
                      *[name or "ไม่ระบุด้าน" for name, _stats, _band in results.dimensions]])
        for row in breakdown.rows:
            sheet.append([row.label, row.respondents, row.stats.n, row.stats.mean, row.stats.sd, row.band,
                          row.satisfaction_mean, row.satisfaction_top2, row.dissatisfaction_bottom2,
                          *row.dimension_means])
    return workbook
