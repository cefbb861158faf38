from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.offices.models import Office, User
from core.offices.roles import Role
from core.offices.services import user_token, user_upsert


class Command(BaseCommand):
    help = "สร้างหรือปรับปรุงผู้ใช้ในหน่วยงานและบทบาทที่กำหนด; --token สร้างโทเค็น API ใหม่และพิมพ์ในบรรทัดสุดท้าย"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--office", required=True, help="รหัสหน่วยงาน")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password")
        parser.add_argument("--email", default="")
        parser.add_argument("--token", action="store_true", help="พิมพ์ token ของ REST API")

    def handle(self, *args, username, office, role, password, email, token, **options):
        try:
            office_obj = Office.objects.get(code=office)
        except Office.DoesNotExist as exc:
            raise CommandError(f"ไม่พบหน่วยงานรหัส {office}") from exc
        if password:
            try:
                validate_password(password, User(username=username, email=email))
            except ValidationError as exc:
                raise CommandError("รหัสผ่านใช้ไม่ได้: " + " ".join(exc.messages)) from exc
        try:
            user = user_upsert(username=username, office=office_obj, role=role, password=password, email=email)
        except ValidationError as exc:
            raise CommandError("; ".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
        self.stdout.write(f"ผู้ใช้ {user.username}: {Role(role).label} — {office_obj.name}")
        if token:
            # Only its hash is stored: this is the one time anyone sees it.
            self.stdout.write(f"โทเค็น API ใหม่ (แสดงครั้งเดียว หมดอายุใน {settings.API_TOKEN_TTL_DAYS} วัน):")
            self.stdout.write(user_token(user=user))
