"""Forms of the administrators' screens and of the user's own account pages. Thai labels; writes go to services."""
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from core.forms import bootstrap_widgets

from .models import Office, User
from .roles import Role
from .scoping import visible_offices
from .selectors import office_head_choices


class OfficeChoiceField(forms.ModelChoiceField):
    """Offices indented by their place in the tree, so that a district reads as part of its province."""

    top_depth = 1  # the depth of the administrator's own office, set by the form

    def label_from_instance(self, obj: Office) -> str:
        return "\u00a0\u00a0\u00a0\u00a0" * max(obj.depth - self.top_depth, 0) + obj.name


def _rules() -> list[str]:
    """The password rules in force (AUTH_PASSWORD_VALIDATORS), for the help text."""
    return [text for text in password_validation.password_validators_help_texts() if text]


class _PasswordPair(forms.Form):
    """A new password typed twice, checked against AUTH_PASSWORD_VALIDATORS for the user it is meant for."""

    password1 = forms.CharField(label=_("รหัสผ่าน"), strip=False, required=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("ยืนยันรหัสผ่าน"), strip=False, required=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("พิมพ์รหัสผ่านเดิมอีกครั้ง"))
    password_required = True

    def clean_password_pair(self, user: User) -> None:
        one, two = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if not one and not two:
            if self.password_required:
                self.add_error("password1", _("โปรดกรอกรหัสผ่านใหม่"))
            return
        if one != two:
            self.add_error("password2", _("รหัสผ่านทั้งสองช่องไม่ตรงกัน"))
            return
        try:
            password_validation.validate_password(one, user)
        except forms.ValidationError as exc:
            self.add_error("password2", exc)


class UserDetailsForm(forms.Form):
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150, required=False)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150, required=False)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=255, required=False)
    line_user_id = forms.CharField(label=_("LINE user ID"), max_length=64, required=False,
                                   help_text=_("สำหรับรับการแจ้งเตือนทาง LINE (ถ้าหน่วยงานเปิดใช้)"))
    office = OfficeChoiceField(label=_("หน่วยงาน"), queryset=Office.objects.none(), empty_label=None)
    role = forms.ChoiceField(label=_("บทบาท"), choices=Role.choices)

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the offices the administrator sees; any other id is refused as an invalid choice.
        self.fields["office"].queryset = visible_offices(by).order_by("path")
        self.fields["office"].top_depth = by.office.depth if by.office_id else 1
        bootstrap_widgets(self)


class UserCreateForm(UserDetailsForm, _PasswordPair):
    username = forms.CharField(label=_("ชื่อผู้ใช้"), max_length=150, validators=[UnicodeUsernameValidator()],
                               help_text=_("ตัวอักษรอังกฤษ ตัวเลข และ @ . + - _ ไม่เกิน 150 ตัว ใช้เข้าสู่ระบบ"))
    password_required = False
    field_order = ["username", "first_name", "last_name", "email", "position", "office", "role", "line_user_id",
                   "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = " · ".join(
            [str(_("เว้นว่างไว้ได้: ผู้ใช้จะเข้าสู่ระบบไม่ได้จนกว่าจะตั้งรหัสผ่านให้"))] + _rules())

    def clean(self):
        cleaned = super().clean()
        # Checked against what was typed, so that a password like the username is refused before it exists.
        self.clean_password_pair(User(username=cleaned.get("username", ""), first_name=cleaned.get("first_name", ""),
                                      last_name=cleaned.get("last_name", ""), email=cleaned.get("email", "")))
        return cleaned


class UserEditForm(UserDetailsForm):
    pass


class SetPasswordForm(_PasswordPair):
    """An administrator sets a new password for someone of their subtree."""

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("รหัสผ่านใหม่")
        self.fields["password1"].help_text = " · ".join(_rules())
        bootstrap_widgets(self)

    def clean(self):
        cleaned = super().clean()
        self.clean_password_pair(self.user)
        return cleaned


class ThaiPasswordChangeForm(PasswordChangeForm):
    """Django's form for changing one's own password, with the messages Django's Thai catalogue lacks."""

    error_messages = {
        "password_incorrect": _("รหัสผ่านปัจจุบันไม่ถูกต้อง โปรดลองอีกครั้ง"),
        "password_mismatch": _("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("รหัสผ่านปัจจุบัน")
        self.fields["new_password1"].label = _("รหัสผ่านใหม่")
        self.fields["new_password2"].label = _("ยืนยันรหัสผ่านใหม่")
        self.fields["new_password2"].help_text = _("พิมพ์รหัสผ่านใหม่อีกครั้ง")
        for field in self.fields.values():
            field.error_messages["required"] = _("โปรดกรอกช่องนี้")
        bootstrap_widgets(self)


class OfficeCreateForm(forms.Form):
    code = forms.SlugField(label=_("รหัสหน่วยงาน"), max_length=32, allow_unicode=False,
                           help_text=_("ตัวอักษรอังกฤษ ตัวเลข - และ _ เช่น CPN-MUEANG ใช้ในไฟล์นำเข้าและ API"))
    name = forms.CharField(label=_("ชื่อหน่วยงาน"), max_length=255)
    short_name = forms.CharField(label=_("ชื่อย่อ"), max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class OfficeEditForm(forms.Form):
    name = forms.CharField(label=_("ชื่อหน่วยงาน"), max_length=255)
    short_name = forms.CharField(label=_("ชื่อย่อ"), max_length=64, required=False)
    head = forms.ModelChoiceField(label=_("หัวหน้าหน่วยงาน"), queryset=User.objects.none(), required=False,
                                  empty_label=_("— ไม่ระบุ —"),
                                  help_text=_("เลือกจากผู้ใช้ของหน่วยงานนี้"))

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = office_head_choices(office=office)
        bootstrap_widgets(self)
