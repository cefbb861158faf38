from django.core.management.base import BaseCommand

from pmqa.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "โหลดข้อมูลตัวอย่าง: แผนหมวด 3 สำนักงานเกษตรจังหวัดชุมพร ปี 2555 และผู้ใช้ตัวอย่าง (รันซ้ำได้)"

    def handle(self, *args, **options):
        users = load_demo()
        self.stdout.write("")
        self.stdout.write("ผู้ใช้ตัวอย่าง (รหัสผ่านทุกคน: %s)" % DEMO_PASSWORD)
        for user, role_label in users:
            self.stdout.write(f"  {user.username:<12} {role_label:<24} {user.office.name if user.office else '-'}")
