"""The password rules (AUTH_PASSWORD_VALIDATORS), in Thai, and what a password change does to API tokens.

Django's own validators are used as they are; only their messages are given here, because Django's Thai
catalogue has none of them and every path that sets a password (the app's screens, `create_user`,
`changepassword`, the Django admin) shows these classes' messages.
"""
from django.contrib.auth import password_validation
from django.utils.translation import gettext as _

from .services import tokens_revoke_all


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย %(min_length)d ตัวอักษร")

    def get_help_text(self):
        return _("รหัสผ่านต้องมีอย่างน้อย %(min_length)d ตัวอักษร") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("รหัสผ่านคล้ายกับ%(verbose_name)sมากเกินไป")

    def get_help_text(self):
        return _("รหัสผ่านต้องไม่คล้ายกับชื่อผู้ใช้ ชื่อ นามสกุล หรืออีเมล")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("รหัสผ่านนี้ใช้กันทั่วไปจนเดาได้ง่าย โปรดตั้งรหัสผ่านอื่น")

    def get_help_text(self):
        return _("รหัสผ่านต้องไม่ใช่รหัสผ่านที่ใช้กันทั่วไป")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")

    def get_help_text(self):
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")


class RevokeApiTokensOnPasswordChange:
    """Not a rule about the password: the hook that revokes every API token of a user whose password changed.

    Django calls `password_changed` on every configured validator from `AbstractBaseUser.save()` after
    `set_password()` — whichever path set it — and not for a hash upgrade at sign-in. A token made before the
    change (perhaps by whoever knew the old password) must not outlive it.
    """

    def validate(self, password, user=None) -> None:
        return None

    def password_changed(self, password, user=None) -> None:
        if user is not None and user.pk is not None:
            tokens_revoke_all(user=user)

    def get_help_text(self):
        return _("เมื่อเปลี่ยนรหัสผ่าน โทเค็น API ทั้งหมดของผู้ใช้จะถูกยกเลิก")
