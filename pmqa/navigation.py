"""The Thai navigation by CS, available to every template as `nav`."""
from core.offices.roles import Role, role_of, roles_with
from core.plans.choices import CS
from reports.readers import may_read_reports
from reports.views_executive import may_see_executive

# app namespace of each CS, in order (one Django app per process).
PROCESS_APPS = {
    CS.CS1: "stakeholders",
    CS.CS2: "channels",
    CS.CS3: "complaints",
    CS.CS4: "networks",
    CS.CS5: "participation",
    CS.CS6: "satisfaction",
    CS.CS7: "service_standards",
}


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = role_of(user)
    return {
        "nav": {
            "processes": [{"code": cs.code, "label": cs.label, "url_name": f"{app}:index"}
                          for cs, app in PROCESS_APPS.items()],
            "role": role,
            "role_label": Role(role).label if role else "",
            # Administrators (superusers count as one) get the app's own screens under /manage/ …
            "is_admin": role == Role.ADMINISTRATOR,
            # … and only superusers the Django admin, which is theirs alone (pmqa.admin_site).
            "is_superuser": user.is_superuser,
            # Executives and the committee: the executive dashboard.
            "executive": may_see_executive(user, role),
            # The committee, office staff, executives and assessors: the Category 3 reports (annual report, ADLI
            # checklist, evidence packs).
            "reports": may_read_reports(user, role),
            # Whoever reads the office's reports: the assessors' evidence packs.
            "packs": role in roles_with("reports.view_evidencepack"),
        }
    }
