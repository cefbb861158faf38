"""The data-entry grid for paper questionnaires: one row per form, keyboard only, all rows or none.

District offices key in hundreds of forms: the grid is a plain table of inputs (Tab moves along a row,
Enter on the last cell adds a row), posted as one batch to `responses_record`.
"""
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .choices import ItemKind, ResponseSource
from .selectors import round_get
from .services import responses_record

EMPTY_ROWS = 10
MAX_ROWS = 500


def _rows_from_post(post, items) -> list[dict]:
    """The typed rows, in order, skipping rows left entirely blank."""
    indexes = sorted({int(m[1]) for key in post for m in [re.fullmatch(r"r(\d+)-.*", key)] if m})
    rows = []
    for index in indexes[:MAX_ROWS]:
        form_number = post.get(f"r{index}-form", "").strip()
        answers = {item.code: post.get(f"r{index}-{item.code}", "").strip() for item in items}
        if form_number or any(answers.values()):
            rows.append({"form": form_number, "answers": answers})
    return rows


@login_required
@permission_required("satisfaction.add_response", raise_exception=True)
def entry(request, pk: int):
    survey = round_get(user=request.user, pk=pk)
    items = [i for i in survey.questionnaire.items.all() if i.kind != ItemKind.TEXT]
    rows, errors = [], {}
    if request.method == "POST":
        rows = _rows_from_post(request.POST, items)
        try:
            created = responses_record(survey=survey, forms=[r["answers"] for r in rows], source=ResponseSource.ENTRY,
                                       form_numbers=[r["form"] for r in rows])
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            messages.error(request, "ยังไม่ได้บันทึก: แก้ไขช่องสีแดงแล้วบันทึกอีกครั้ง (ไม่มีแบบใดถูกบันทึก)")
        else:
            messages.success(request, f"บันทึกแบบสอบถาม {len(created)} ฉบับแล้ว")
            return redirect("satisfaction:entry", pk=survey.pk)
    rows = rows + [{"form": "", "answers": {}} for _ in range(max(EMPTY_ROWS - len(rows), 3))]
    grid = [{"index": n, "form": row["form"],
             "cells": [{"item": item, "value": row["answers"].get(item.code, ""),
                        "error": " ".join(errors.get(f"{n + 1}.{item.code}", []))} for item in items],
             "row_error": " ".join(errors.get(f"{n + 1}", []) + errors.get(f"{n + 1}.form", []))}
            for n, row in enumerate(rows)]
    return render(request, "satisfaction/entry.html", {
        "survey": survey, "items": items, "grid": grid, "scale_max": survey.questionnaire.scale_max,
        "general_errors": errors.get("round", []) + errors.get("", []),
    })
