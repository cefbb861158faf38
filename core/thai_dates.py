"""Buddhist Era dates, Thai month names and Thai digits: formatting and parsing.

Written by hand because Django's Thai locale formats Gregorian years, and no maintained package
formats BE dates in the short forms Thai government documents use (21 พ.ย. 69, มค 55).
"""
import re
from datetime import date

BE_OFFSET = 543
MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Month abbreviations with the dots removed ("มค", "มีค", "เมย" as the seeds write them).
_MONTH_BY_KEY = {m.replace(".", ""): i for i, m in enumerate(MONTHS_SHORT, start=1)}
_MONTH_BY_KEY.update({m: i for i, m in enumerate(MONTHS_FULL, start=1)})


def be_year(year: int) -> int:
    return year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def thai_digits(value: object) -> str:
    """'2569' → '๒๕๖๙'."""
    return str(value).translate(_THAI_DIGITS)


def format_full(d: date) -> str:
    """21 พฤศจิกายน 2569"""
    return f"{d.day} {MONTHS_FULL[d.month - 1]} {be_year(d.year)}"


def format_short(d: date) -> str:
    """21 พ.ย. 69"""
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {be_year(d.year) % 100:02d}"


def format_month(d: date, *, full_year: bool = False) -> str:
    """ม.ค. 55 (month precision, as plan steps are planned)."""
    year = be_year(d.year)
    return f"{MONTHS_SHORT[d.month - 1]} {year if full_year else f'{year % 100:02d}'}"


def _expand_year(text: str) -> int:
    """Two-digit BE years are 25xx; four-digit years above 2400 are BE, others CE."""
    year = int(text)
    if year < 100:
        return ce_year(2500 + year)
    return ce_year(year) if year > 2400 else year


def parse_month(text: str, *, default_be_year: int | None = None) -> date:
    """'มค 55', 'ม.ค. 2555', 'มกราคม 2555' → 1 Jan 2012. Raises ValueError with a Thai message."""
    cleaned = text.strip().translate(_ARABIC_DIGITS)
    match = re.fullmatch(r"([^\d\s]+)\s*(\d{2,4})?", cleaned)
    month = match and _MONTH_BY_KEY.get(match.group(1).replace(".", "").strip())
    if not month:
        raise ValueError(f"อ่านเดือนไม่ได้: “{text}” (ตัวอย่าง: มค 55 หรือ ม.ค. 2555)")
    if match.group(2):
        year = _expand_year(match.group(2))
    elif default_be_year is not None:
        year = ce_year(default_be_year)
    else:
        raise ValueError(f"ไม่ระบุปี: “{text}” (ตัวอย่าง: มค 55)")
    return date(year, month, 1)


def parse_date(text: str) -> date:
    """'21/11/2569', '21 พ.ย. 69', '21 พฤศจิกายน 2569' or ISO '2026-11-21'. Raises ValueError in Thai."""
    cleaned = text.strip().translate(_ARABIC_DIGITS)
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})", cleaned):
            return date(_expand_year(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{1,2})\s+([^\d\s]+)\s*(\d{2,4})", cleaned):
            month = _MONTH_BY_KEY.get(m[2].replace(".", ""))
            if month:
                return date(_expand_year(m[3]), month, int(m[1]))
    except ValueError:
        pass
    raise ValueError(f"อ่านวันที่ไม่ได้: “{text}” (ตัวอย่าง: 21/11/2569 หรือ 21 พ.ย. 69)")
