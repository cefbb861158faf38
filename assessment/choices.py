from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The three columns of seed 003's form, as it words them."""

    NOT_STARTED = "not_started", _("ยังไม่ได้ดำเนินการ")
    STARTING = "starting", _("อยู่ระหว่างเริ่มดำเนินการ")
    IMPLEMENTED = "implemented", _("มีการดำเนินการ")


class LinkKind(models.TextChoices):
    """What an evidence link points at: a plan, a plan's evidence file, or one of the registers the system keeps."""

    PLAN = "plan", _("แผนปฏิบัติการ")
    FILE = "file", _("ไฟล์หลักฐานของแผน")
    REGISTER = "register", _("ทะเบียนในระบบ")


class Register(models.TextChoices):
    """The registers a self-assessment may cite: each is a page of the system (`REGISTER_URLS`), opened on the
    assessment's office (and year where the page has one)."""

    CS1_PROFILE = "cs1_profile", _("CS1 โปรไฟล์กลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")
    CS1_MISSIONS = "cs1_missions", _("CS1 พันธกิจและกลุ่มผู้รับบริการ")
    CS1_DUTIES = "cs1_duties", _("CS1 ตารางการวิเคราะห์ผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")
    CS2_CHANNELS = "cs2_channels", _("CS2 ทะเบียนช่องทางการรับฟัง")
    CS2_TABLE = "cs2_table", _("CS2 ตาราง CS2-1 ช่องทางการรับฟังของแต่ละกลุ่ม")
    CS2_STATISTICS = "cs2_statistics", _("CS2 สถิติผู้ใช้ช่องทาง")
    CS2_IMPROVEMENTS = "cs2_improvements", _("CS2 การปรับปรุงจากการรับฟัง")
    CS3_TICKETS = "cs3_tickets", _("CS3 ทะเบียนเรื่องร้องเรียน")
    CS3_DASHBOARD = "cs3_dashboard", _("CS3 ภาพรวมเรื่องร้องเรียน")
    CS3_FOLLOW_UP = "cs3_follow_up", _("CS3 แผนติดตามและการวิเคราะห์เพื่อปรับปรุง")
    CS4_NETWORKS = "cs4_networks", _("CS4 ทะเบียนเครือข่าย")
    CS4_ACTIVITIES = "cs4_activities", _("CS4 กิจกรรมสร้างความสัมพันธ์")
    CS5_PROJECTS = "cs5_projects", _("CS5 โครงการการมีส่วนร่วมของประชาชน")
    CS5_MATRIX = "cs5_matrix", _("CS5 ระดับการมีส่วนร่วม")
    CS6_SURVEYS = "cs6_surveys", _("CS6 การสำรวจความพึงพอใจ")
    CS7_SERVICES = "cs7_services", _("CS7 งานบริการและมาตรฐาน")
    CS7_DASHBOARD = "cs7_dashboard", _("CS7 ภาพรวมการให้บริการตามมาตรฐาน")


# The page of each register (URL name), and whether it opens on an office and year (`?office=&fiscal_year=`, the
# register pickers of core.offices.pickers); the others open as the reader's own view.
REGISTER_URLS: dict[str, tuple[str, bool]] = {
    Register.CS1_PROFILE: ("stakeholders:index", False),
    Register.CS1_MISSIONS: ("stakeholders:missions", True),
    Register.CS1_DUTIES: ("stakeholders:duties", True),
    Register.CS2_CHANNELS: ("channels:index", False),
    Register.CS2_TABLE: ("channels:cs21", True),
    Register.CS2_STATISTICS: ("channels:statistics", False),
    Register.CS2_IMPROVEMENTS: ("channels:improvements", True),
    Register.CS3_TICKETS: ("complaints:index", False),
    Register.CS3_DASHBOARD: ("complaints:dashboard", False),
    Register.CS3_FOLLOW_UP: ("complaints:follow-up", False),
    Register.CS4_NETWORKS: ("networks:index", False),
    Register.CS4_ACTIVITIES: ("networks:activities", True),
    Register.CS5_PROJECTS: ("participation:index", False),
    Register.CS5_MATRIX: ("participation:matrix", True),
    Register.CS6_SURVEYS: ("satisfaction:index", False),
    Register.CS7_SERVICES: ("service_standards:index", True),
    Register.CS7_DASHBOARD: ("service_standards:dashboard", False),
}

NO_TABLE = 0  # an indicator the committee keeps out of the 7.2 tables
