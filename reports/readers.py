"""Who reads the Category 3 reports (the annual report, the ADLI checklist, the evidence packs): the committee, office
staff, executives and assessors, and superusers. Administrators run the system, not its reports: they get a 403."""
from core.offices.roles import Role, role_of

READERS = (Role.COMMITTEE, Role.OFFICE_STAFF, Role.EXECUTIVE, Role.ASSESSOR)


def may_read_reports(user, role: str | None = None) -> bool:
    """The navigation entries, the pages and their files; `role` when the caller has it already."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (role or role_of(user)) in READERS
