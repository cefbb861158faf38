"""Stop WeasyPrint 70.0 from breaking Thai lines inside words.

Why: to save time, `weasyprint.text.line_break.split_first_line` first cuts the text at an estimated
character position (`text[:max_width / font_size * 4]`) and lets Pango break only that prefix. Thai
has no spaces between words, so Pango (libthai) segments the cut-off last word differently from the
whole text, and narrow table cells end lines inside words (จำ|นวน, สาร|สนเทศ). We move the estimated
cut forward to the first point where the *whole* text may break, so the prefix ends on a real word
boundary. Pango's own break rules then decide the line, as WeasyPrint intends.

How: the function's source is rewritten at that single line and recompiled in WeasyPrint's module,
because the cut is a local expression that no wrapper can reach. The guard refuses any WeasyPrint
whose version, signature or line differ: re-check the bug (tests/test_pdf.py) before moving the pin.
"""

import inspect
from types import FunctionType

import weasyprint
from weasyprint.layout import inline, preferred
from weasyprint.text import line_break

EXPECTED_VERSION = "70.0"
EXPECTED_SIGNATURE = "(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False)"
ESTIMATED_CUT = "short_text = text[:int(max_width / style['font_size'] * ratio)]"
BREAK_ALIGNED_CUT = (
    "short_text = text[:_pmqa_break_at_or_after(text, int(max_width / style['font_size'] * ratio), style['lang'])]"
)
# Every module that imported split_first_line by name at import time.
IMPORTERS = (line_break, inline, preferred)


def break_at_or_after(text: str, index: int, lang: str | None) -> int:
    """Return the first position >= index where the whole text may break a line.

    Only the text up to the next space is analysed: libthai segments a whole run of Thai letters at
    once, and a space ends that run (and normally allows a break after it).
    """
    if index >= len(text):
        return index
    space = text.find(" ", index)
    head = text if space == -1 else text[: space + 1]
    log_attrs = line_break.get_log_attrs(head, lang)
    # Pango marks the end of the analysed text as a break; that is after the space, or the text's end.
    return next((i for i in range(index, len(head)) if log_attrs[i].is_line_break), len(head))


def apply() -> None:
    """Patch WeasyPrint once per process; raise RuntimeError if WeasyPrint is not the code we fixed."""
    if weasyprint.__version__ != EXPECTED_VERSION:
        raise RuntimeError(
            f"core.pdf.thai_linebreak patches WeasyPrint {EXPECTED_VERSION}, found {weasyprint.__version__}: "
            "check whether Thai lines still break inside words, then update or remove the patch."
        )
    current = getattr(line_break, "split_first_line", None)
    if getattr(current, "pmqa_unpatched", None) is not None:
        return
    if not isinstance(current, FunctionType) or str(inspect.signature(current)) != EXPECTED_SIGNATURE:
        raise RuntimeError(f"weasyprint.text.line_break.split_first_line is not the expected function: {current!r}")
    if any(getattr(module, "split_first_line", None) is not current for module in IMPORTERS):
        raise RuntimeError("split_first_line was replaced in a WeasyPrint module by something else")
    source = inspect.getsource(current)
    if source.count(ESTIMATED_CUT) != 1:
        raise RuntimeError(f"WeasyPrint's split_first_line no longer contains exactly one {ESTIMATED_CUT!r}")

    # Pad with blank lines so tracebacks point at the right lines of WeasyPrint's file.
    padding = "\n" * (current.__code__.co_firstlineno - 1)
    code = compile(padding + source.replace(ESTIMATED_CUT, BREAK_ALIGNED_CUT), line_break.__file__, "exec")
    namespace: dict[str, FunctionType] = {}
    line_break._pmqa_break_at_or_after = break_at_or_after
    exec(code, vars(line_break), namespace)  # globals are WeasyPrint's module, as for the original
    patched = namespace["split_first_line"]
    patched.pmqa_unpatched = current  # for idempotence, and for tests that show the bug
    for module in IMPORTERS:
        module.split_first_line = patched
