"""Changes to offices, users and their API tokens: the app's screens, the commands and the API all come here."""
from axes.utils import reset as axes_reset
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from knox.models import get_token_model

from .models import Office, User
from .roles import Role, ensure_role_groups, role_of
from .scoping import visible_offices


@transaction.atomic
def office_create(*, code: str, name: str, parent: Office | None = None, short_name: str = "") -> Office:
    if Office.objects.filter(code=code).exists():
        raise ValidationError({"code": f"มีหน่วยงานรหัส {code} อยู่แล้ว"})
    fields = {"code": code, "name": name, "short_name": short_name}
    if parent is None:
        return Office.objects.add_root(instance=Office(**fields))
    # treebeard appends to the parent's path; re-read the parent so its child count is current.
    return Office.objects.add_child(Office.objects.get(pk=parent.pk), instance=Office(**fields))


@transaction.atomic
def office_ensure(*, code: str, name: str, parent: Office | None = None) -> Office:
    """The office with `code`, created under `parent` when missing (demo data, imports)."""
    existing = Office.objects.filter(code=code).first()
    if existing:
        return existing
    return office_create(code=code, name=name, parent=parent)


@transaction.atomic
def office_update(*, office: Office, name: str, short_name: str = "", head: User | None = None) -> Office:
    """Rename an office or name its head, who must be one of its own people."""
    if head is not None and head.office_id != office.pk:
        raise ValidationError({"head": "หัวหน้าหน่วยงานต้องเป็นผู้ใช้ของหน่วยงานนี้"})
    office.name, office.short_name, office.head = name, short_name, head
    office.save(update_fields=["name", "short_name", "head"])
    return office


def _role_group(role: str) -> Group:
    if role not in Role.values:
        raise ValidationError({"role": f"ไม่มีบทบาท {role} (เลือกจาก: {', '.join(Role.values)})"})
    if not Group.objects.filter(name=role).exists():
        ensure_role_groups()
    return Group.objects.get(name=role)


@transaction.atomic
def user_upsert(*, username: str, office: Office | None, role: str, password: str | None = None,
                first_name: str = "", last_name: str = "", email: str = "") -> User:
    """Create or update a user with exactly one role (commands, demo data). No role opens the Django admin."""
    group = _role_group(role)
    user, _created = User.objects.get_or_create(username=username)
    user.office = office
    # Staff status opens the Django admin, which is for superusers only (pmqa.admin_site).
    user.is_staff = user.is_superuser
    for field, value in (("first_name", first_name), ("last_name", last_name), ("email", email)):
        if value:
            setattr(user, field, value)
    if password:
        user.set_password(password)
    elif _created:
        user.set_unusable_password()  # until an administrator sets one
    user.save()
    user.groups.set([group])
    return user


def _require_reach(*, by: User, office: Office | None) -> None:
    """An administrator places people only in the offices they see; a user with no office is a superuser's job."""
    if office is None or not visible_offices(by).filter(pk=office.pk).exists():
        raise ValidationError({"office": "โปรดเลือกหน่วยงานในความรับผิดชอบของท่าน"})


@transaction.atomic
def user_create(*, username: str, office: Office, role: str, by: User, password: str | None = None,
                first_name: str = "", last_name: str = "", email: str = "", position: str = "",
                line_user_id: str = "") -> User:
    """A new person in an office of `by`'s subtree. Without a password they cannot sign in until one is set."""
    group = _role_group(role)
    _require_reach(by=by, office=office)
    # Unlike user_upsert, never take over an existing account: it may belong to another province.
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "มีชื่อผู้ใช้นี้อยู่แล้ว โปรดเลือกชื่ออื่น"})
    user = User(username=username, office=office, first_name=first_name, last_name=last_name, email=email,
                position=position, line_user_id=line_user_id)
    if password:
        _validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.set([group])
    return user


@transaction.atomic
def user_update(*, user: User, by: User, office: Office, role: str, first_name: str = "", last_name: str = "",
                email: str = "", position: str = "", line_user_id: str = "") -> User:
    """Change a person's details, office (within `by`'s subtree) and role."""
    group = _role_group(role)
    _require_reach(by=by, office=office)
    if user.pk == by.pk and role != role_of(by):
        raise ValidationError({"role": "เปลี่ยนบทบาทของตนเองไม่ได้ โปรดให้ผู้ดูแลระบบอีกคนเปลี่ยนให้"})
    user.office, user.first_name, user.last_name, user.email = office, first_name, last_name, email
    user.position, user.line_user_id = position, line_user_id
    user.save(update_fields=["office", "first_name", "last_name", "email", "position", "line_user_id"])
    user.groups.set([group])
    return user


@transaction.atomic
def user_set_active(*, user: User, active: bool, by: User) -> User:
    """Open or close an account. A closed account signs in no more and its API tokens go with it."""
    if user.pk == by.pk and not active:
        raise ValidationError("ปิดการใช้งานบัญชีของตนเองไม่ได้")
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        tokens_revoke_all(user=user)  # so that opening the account again does not bring old tokens back
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    """Set a new password; the password-change hook (core.offices.passwords) revokes the user's API tokens."""
    _validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def user_unlock(*, user: User) -> int:
    """Forget the failed sign-ins of this username from every address (django-axes), ending a lock-out."""
    return axes_reset(username=user.username)


def _validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc


def token_create(*, user: User):
    """A new API token: (the stored row, the token itself). Only a hash is kept, so the token is shown once."""
    return get_token_model().objects.create(user=user)


def user_token(*, user: User) -> str:
    """A new API token for `user`, as text (the `create_user --token` command prints it once)."""
    _token, text = token_create(user=user)
    return text


def token_revoke(*, token) -> None:
    token.delete()


def tokens_revoke_all(*, user: User) -> int:
    deleted, _by_model = get_token_model().objects.filter(user=user).delete()
    return deleted
