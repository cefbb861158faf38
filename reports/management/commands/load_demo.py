from django.core.management.base import BaseCommand

from assessment.demo import load_demo as load_demo_assessment
from channels.demo import load_demo as load_demo_channels
from complaints.demo import load_demo as load_demo_tickets
from core.demo import DEMO_PASSWORD, load_demo, load_demo_progress
from networks.demo import load_demo as load_demo_networks
from participation.demo import load_demo as load_demo_participation
from reports.demo import load_demo as load_demo_pack
from reports.indicators import indicators_refresh
from satisfaction.demo import load_demo as load_demo_survey
from service_standards.demo import load_demo as load_demo_services
from stakeholders.demo import load_demo as load_demo_groups


class Command(BaseCommand):
    help = ("โหลดข้อมูลตัวอย่าง: แผนหมวด 3 สำนักงานเกษตรจังหวัดชุมพร ปี 2555 (และฉบับปี 2569) เรื่องร้องเรียน "
            "แบบสำรวจความพึงพอใจ และผู้ใช้ตัวอย่าง (รันซ้ำได้)")

    def handle(self, *args, **options):
        # The core's data first (offices, users, plans), then each process's own demo data.
        users = load_demo()
        tickets = load_demo_tickets()
        if tickets:
            self.stdout.write(f"เรื่องร้องเรียนตัวอย่าง {tickets} เรื่อง")
        groups = load_demo_groups()  # before the survey: its questionnaire names a group
        if groups:
            self.stdout.write(f"กลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียตัวอย่าง {groups} กลุ่ม")
        responses = load_demo_survey()
        if responses:
            self.stdout.write(f"แบบสอบถามความพึงพอใจตัวอย่าง {responses} ฉบับ (2 รอบ)")
        counts = load_demo_channels()
        if counts:
            self.stdout.write(f"สถิติผู้ใช้ช่องทางตัวอย่าง {counts} รายการ (3 ปี) ตาราง CS2-1 และการปรับปรุง 1 เรื่อง")
        forms = load_demo_networks()
        if forms:
            self.stdout.write(f"เครือข่ายตัวอย่าง 3 เครือข่าย กิจกรรมสร้างความสัมพันธ์ 3 ครั้ง แบบประเมินกิจกรรม {forms} ฉบับ")
        projects = load_demo_participation()  # after the channels: its projects inform people through them
        if projects:
            self.stdout.write(f"โครงการการมีส่วนร่วมของประชาชนตัวอย่าง {projects} โครงการ และรายงานเสนอผู้ว่าฯ 1 ฉบับ")
        records = load_demo_services()  # after the groups and channels: its services name them
        if records:
            self.stdout.write(f"งานบริการตามมาตรฐานตัวอย่าง 3 งาน คู่มือสำหรับประชาชน 4 ฉบับ และบันทึกการให้บริการ {records} เรื่อง")
        plans = load_demo_progress()  # the current years' plans under way: steps done, in progress and late
        if plans:
            self.stdout.write(f"ความก้าวหน้าของแผนปีปัจจุบัน {plans} แผน (ขั้นตอนที่เสร็จพร้อมหลักฐาน กำลังดำเนินการ และล่าช้า)")
        indicators_refresh()  # the computed indicators show their values at once, not at beat's next run
        items = load_demo_assessment()  # after the refresh: the earlier years' plans it adds carry typed results
        if items:
            self.stdout.write(f"การประเมินตนเอง PMQA 4.0 ตัวอย่าง {items} หัวข้อ และผลตัวชี้วัดสองปีก่อนหน้าสำหรับตาราง 7.2")
        if load_demo_pack():  # last: the pack prints everything above
            self.stdout.write("ชุดหลักฐานประกอบการตรวจประเมินของจังหวัด ปี 2569: จัดทำอยู่เบื้องหลัง (เมนู ชุดหลักฐาน)")
        self.stdout.write("")
        self.stdout.write("ผู้ใช้ตัวอย่าง (รหัสผ่านทุกคน: %s)" % DEMO_PASSWORD)
        for user, role_label in users:
            self.stdout.write(f"  {user.username:<12} {role_label:<24} {user.office.name if user.office else '-'}")
