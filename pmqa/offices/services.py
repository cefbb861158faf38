"""Changes to offices and users."""
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token

from .models import Office, User
from .roles import Role, ensure_role_groups


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
def user_upsert(*, username: str, office: Office | None, role: str, password: str | None = None,
                first_name: str = "", last_name: str = "", email: str = "") -> User:
    """Create or update a user with exactly one role. Administrators may use the admin site."""
    if role not in Role.values:
        raise ValidationError({"role": f"ไม่มีบทบาท {role} (เลือกจาก: {', '.join(Role.values)})"})
    if not Group.objects.filter(name=role).exists():
        ensure_role_groups()
    user, _created = User.objects.get_or_create(username=username)
    user.office = office
    user.is_staff = role == Role.ADMINISTRATOR
    for field, value in (("first_name", first_name), ("last_name", last_name), ("email", email)):
        if value:
            setattr(user, field, value)
    if password:
        user.set_password(password)
    elif _created:
        user.set_unusable_password()  # until an administrator sets one
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user


def user_token(*, user: User) -> str:
    token, _created = Token.objects.get_or_create(user=user)
    return token.key
