"""The API's request parsers: DRF's own, with every string cleaned as form input is (`core.text`) and JSON nested
too deeply refused with a 400 instead of a server error (Python's parser raises RecursionError, which DRF does not
catch)."""
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from core.text import clean_data, clean_querydict

MAX_JSON_DEPTH = 32


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except ParseError as exc:  # DRF's own says "JSON parse error - Expecting value …" in English
            raise ParseError("อ่านข้อมูล JSON ไม่ได้: รูปแบบไม่ถูกต้อง (ตรวจเครื่องหมายคำพูด วงเล็บ และจุลภาค)") from exc
        except RecursionError as exc:
            raise ParseError(f"อ่านข้อมูล JSON ไม่ได้: ซ้อนกันลึกเกิน {MAX_JSON_DEPTH} ชั้น") from exc
        try:
            return clean_data(data, max_depth=MAX_JSON_DEPTH)
        except (RecursionError, ValueError) as exc:
            raise ParseError(f"อ่านข้อมูล JSON ไม่ได้: ซ้อนกันลึกเกิน {MAX_JSON_DEPTH} ชั้น") from exc


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return clean_querydict(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        return parsers.DataAndFiles(clean_querydict(parsed.data), parsed.files)
