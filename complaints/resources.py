"""Tickets in a spreadsheet with Thai headers: the columns, the import templates, and an export in the same layout.

`TicketResource` is the one list of the columns (names as in `ticket_create`, headers in Thai, in template
order); the importer (`complaints.imports`) reads its headers from here.
"""
import functools

from django.utils import translation
from import_export import fields, resources
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from channels.selectors import channel_list
from core import exports
from core.offices.scoping import visible_offices
from core.thai_dates import be_year

from .choices import Kind
from .models import Category, Ticket

YES, NO = "ใช่", "ไม่ใช่"
LISTS_SHEET = "รายการที่ใช้ได้"


def kind_labels() -> dict[str, str]:
    """{code: Thai label}. The sheet is in Thai whatever language the page is shown in."""
    with translation.override("th"):
        return {value: str(label) for value, label in Kind.choices}


class TicketResource(resources.ModelResource):
    """One ticket per row. Exporting needs a scoped queryset with receiving_office, channel and category joined."""

    office = fields.Field(column_name="รหัสหน่วยงาน")
    source_ref = fields.Field(attribute="source_ref", column_name="เลขอ้างอิงต้นทาง")
    kind = fields.Field(column_name="ประเภทเรื่อง")
    channel = fields.Field(column_name="ช่องทาง")
    received_on = fields.Field(column_name="วันที่รับเรื่อง")
    subject = fields.Field(attribute="subject", column_name="เรื่อง")
    detail = fields.Field(attribute="detail", column_name="รายละเอียด")
    category = fields.Field(column_name="หมวดหมู่")
    complainant_name = fields.Field(attribute="complainant_name", column_name="ชื่อผู้ร้อง")
    complainant_contact = fields.Field(attribute="complainant_contact", column_name="ช่องทางติดต่อผู้ร้อง")
    anonymous = fields.Field(column_name="ไม่ประสงค์ออกนาม")
    confidential = fields.Field(column_name="ปกปิดข้อมูลผู้ร้อง")

    class Meta:
        model = Ticket
        fields = ("office", "source_ref", "kind", "channel", "received_on", "subject", "detail", "category",
                  "complainant_name", "complainant_contact", "anonymous", "confidential")
        export_order = fields

    @classmethod
    @functools.cache
    def headers(cls) -> dict[str, str]:
        """{field name: Thai header}, in template order (read-only: the same dict every time)."""
        resource = cls()
        return {name: str(resource.fields[name].column_name) for name in cls._meta.export_order}

    def dehydrate_office(self, ticket: Ticket) -> str:
        return ticket.receiving_office.code

    def dehydrate_kind(self, ticket: Ticket) -> str:
        return kind_labels()[ticket.kind]

    def dehydrate_channel(self, ticket: Ticket) -> str:
        return ticket.channel.code

    def dehydrate_received_on(self, ticket: Ticket) -> str:
        d = ticket.received_on
        return f"{d.day:02d}/{d.month:02d}/{be_year(d.year)}"

    def dehydrate_category(self, ticket: Ticket) -> str:
        return ticket.category.name if ticket.category_id else ""

    def dehydrate_anonymous(self, ticket: Ticket) -> str:
        return YES if ticket.anonymous else NO

    def dehydrate_confidential(self, ticket: Ticket) -> str:
        return YES if ticket.confidential else NO


# What each column takes: shown on the import page and as a note on the XLSX template's header cells.
COLUMN_HELP = {
    "office": "รหัสหน่วยงานที่รับเรื่อง (หน่วยงานของท่านหรือหน่วยงานในสังกัด)",
    "source_ref": "เลขอ้างอิงของเรื่องในระบบหรือทะเบียนต้นทาง ต้องไม่ซ้ำกันในหน่วยงานเดียวกัน "
                  "นำเข้าไฟล์เดิมซ้ำ แถวที่มีเลขนี้อยู่แล้วจะถูกข้าม",
    "kind": "ข้อร้องเรียน ข้อเสนอแนะ ข้อคิดเห็น หรือ คำชมเชย (หรือรหัส complaint, suggestion, opinion, compliment)",
    "channel": "รหัสหรือชื่อช่องทาง ตามแผ่นงาน “รายการที่ใช้ได้”",
    "received_on": "วว/ดด/ปปปป พ.ศ. เช่น 21/11/2569, 21 พ.ย. 69, 2026-11-21 หรือเซลล์วันที่ของ Excel "
                   "ต้องไม่เป็นวันในอนาคต",
    "subject": "ไม่เกิน 255 ตัวอักษร",
    "detail": "รายละเอียดของเรื่อง",
    "category": "ไม่บังคับ ถ้าระบุต้องตรงกับชื่อหมวดหมู่ในระบบ",
    "complainant_name": "ไม่บังคับ",
    "complainant_contact": "ไม่บังคับ เช่น เบอร์โทรศัพท์ หรือ อีเมล",
    "anonymous": "ใช่ หรือ ไม่ใช่ (ว่าง = ไม่ใช่) ถ้า ใช่ ระบบจะไม่เก็บชื่อผู้ร้อง",
    "confidential": "ใช่ หรือ ไม่ใช่ (ว่าง = ไม่ใช่)",
}
REQUIRED_COLUMNS = ("office", "source_ref", "kind", "channel", "received_on", "subject", "detail")


def import_template_csv() -> bytes:
    """The header row, UTF-8 with a byte-order mark so that Excel opens the Thai text correctly."""
    return exports.csv_bytes([TicketResource.headers().values()])


def import_template_xlsx(*, user) -> bytes:
    """The header row with notes and drop-downs, and a second sheet of the values the user may use."""
    headers = TicketResource.headers()
    book = exports.new_workbook(write_only=False)  # notes, colours and drop-downs
    rows = exports.add_sheet(book, "เรื่องร้องเรียน")
    rows.append(headers.values())
    sheet = rows.worksheet
    sheet.freeze_panes = "A2"
    for column, name in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7" if name in REQUIRED_COLUMNS else "F2F2F2")
        cell.comment = Comment(COLUMN_HELP[name], "PMQA")
        sheet.column_dimensions[cell.column_letter].width = 40 if name in ("subject", "detail") else 20
        if name in ("source_ref", "received_on"):
            # Text, so that Excel keeps leading zeros in references and does not reread 21/11/2569 as a CE year.
            sheet.column_dimensions[cell.column_letter].number_format = "@"

    offices = list(visible_offices(user).order_by("path").values_list("code", "name"))
    channels = list(channel_list().values_list("code", "name"))
    kinds = list(kind_labels().items())
    categories = list(Category.objects.filter(is_active=True).values_list("name", flat=True))
    list_rows = exports.add_sheet(book, LISTS_SHEET)
    lists = list_rows.worksheet
    list_rows.append(["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "", "รหัสช่องทาง", "ชื่อช่องทาง", "", "ประเภทเรื่อง", "รหัสประเภท",
                  "", "หมวดหมู่", "", "ใช่/ไม่ใช่"])
    for i in range(max(len(offices), len(channels), len(kinds), len(categories), 2)):
        list_rows.append([
            *(offices[i] if i < len(offices) else ("", "")), "",
            *(channels[i] if i < len(channels) else ("", "")), "",
            *((kinds[i][1], kinds[i][0]) if i < len(kinds) else ("", "")), "",
            categories[i] if i < len(categories) else "", "",
            (YES, NO)[i] if i < 2 else "",
        ])
    for cell in lists[1]:
        cell.font = Font(bold=True)
    for letter in "ABDEGHJL":
        lists.column_dimensions[letter].width = 28

    # Drop-downs that suggest, not forbid: a channel may also be written by its code, a kind by its code.
    letters = {name: sheet.cell(row=1, column=i).column_letter for i, name in enumerate(headers, start=1)}
    suggestions = {
        "office": f"'{LISTS_SHEET}'!$A$2:$A${len(offices) + 1}",
        "channel": f"'{LISTS_SHEET}'!$E$2:$E${len(channels) + 1}",
        "kind": f"'{LISTS_SHEET}'!$G$2:$G${len(kinds) + 1}",
        "anonymous": f'"{YES},{NO}"',
        "confidential": f'"{YES},{NO}"',
    }
    if categories:
        suggestions["category"] = f"'{LISTS_SHEET}'!$J$2:$J${len(categories) + 1}"
    for name, formula in suggestions.items():
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
        validation.add(f"{letters[name]}2:{letters[name]}60000")
        sheet.add_data_validation(validation)

    return exports.xlsx_bytes(book)
