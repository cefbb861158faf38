"""The five roles, as Django groups with permissions. A user has one role (group)."""
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMITTEE = "committee", _("กรรมการ PMQA หมวด 3")
    OFFICE_STAFF = "office_staff", _("เจ้าหน้าที่หน่วยงาน")
    EXECUTIVE = "executive", _("ผู้บริหาร")
    ASSESSOR = "assessor", _("ผู้ตรวจประเมิน")
    ADMINISTRATOR = "administrator", _("ผู้ดูแลระบบ")


_READ_PLANS = ["plans.view_actionplan", "plans.view_indicator", "plans.view_step", "plans.view_evidence",
               "workdays.view_holiday", "workdays.view_deadlinerule", "offices.view_office"]
_EDIT_PLANS = ["plans.add_actionplan", "plans.change_actionplan", "plans.add_indicator", "plans.change_indicator",
               "plans.delete_indicator", "plans.add_step", "plans.change_step", "plans.delete_step",
               "plans.add_evidence", "plans.delete_evidence"]
# CS3: everyone who works with tickets reads them; executives also rank them each quarter.
_READ_TICKETS = ["complaints.view_ticket", "channels.view_channel", "complaints.view_category",
                 "complaints.view_followupplan", "complaints.view_improvementanalysis", "complaints.view_itareport"]
_HANDLE_TICKETS = ["complaints.add_ticket", "complaints.change_ticket"]
_RUN_CS3 = ["complaints.add_followupplan", "complaints.change_followupplan", "complaints.delete_followupplan",
            "complaints.add_improvementanalysis", "complaints.change_improvementanalysis",
            "complaints.delete_improvementanalysis", "complaints.add_itareport", "complaints.change_itareport"]
_RANK_TICKETS = ["complaints.add_ticketpriority", "complaints.change_ticketpriority"]
# CS6: the committee runs surveys; district offices key in paper forms; everyone reads the results.
_READ_SURVEYS = ["satisfaction.view_surveyround", "satisfaction.view_questionnaire", "satisfaction.view_improvement"]
_ENTER_RESPONSES = ["satisfaction.add_response"]
_RUN_SURVEYS = ["satisfaction.add_surveyround", "satisfaction.change_surveyround", "satisfaction.add_questionnaire",
                "satisfaction.change_questionnaire", "satisfaction.add_improvement", "satisfaction.change_improvement"]
# CS1: everyone reads the customer profile; the committee keeps it (a district's committee its own groups).
_READ_CS1 = ["stakeholders.view_stakeholdergroup", "stakeholders.view_mission", "stakeholders.view_dutyrow",
             "stakeholders.view_sipoc", "stakeholders.view_review"]
_RUN_CS1 = ["stakeholders.add_stakeholdergroup", "stakeholders.change_stakeholdergroup", "stakeholders.add_mission",
            "stakeholders.change_mission", "stakeholders.add_dutyrow", "stakeholders.change_dutyrow",
            "stakeholders.add_sipoc", "stakeholders.change_sipoc", "stakeholders.add_review"]
# CS2: the committee runs the registers (its office's own channels, table CS2-1, CS2-A, reviews, improvements);
# office staff key and import the usage counts of their own office; everyone else reads. The national channel list
# stays with the administrators of the top office (`channels.selectors.channel_may_change`).
_READ_CS2 = ["channels.view_channel", "channels.view_groupchannel", "channels.view_channelusage",
             "channels.view_informationtype", "channels.view_channelreview", "channels.view_heardimprovement"]
_KEY_USAGE = ["channels.add_channelusage", "channels.change_channelusage"]
_RUN_CS2 = ["channels.add_channel", "channels.change_channel", "channels.add_groupchannel",
            "channels.change_groupchannel", "channels.delete_groupchannel", "channels.add_informationtype",
            "channels.change_informationtype", "channels.delete_informationtype", "channels.add_channelreview",
            "channels.change_channelreview", "channels.add_heardimprovement", "channels.delete_heardimprovement"]
# CS4: the committee keeps the networks, their members and plans, and records activities; office staff record the
# activities (and their photos) of their own office's networks; everyone else reads. A member's personal details are
# the committee's and the network's own office's (`networks.selectors.member_queryset`).
_READ_CS4 = ["networks.view_network", "networks.view_member", "networks.view_relationshipplan",
             "networks.view_activity", "networks.view_activityphoto"]
_KEY_CS4 = ["networks.add_activity", "networks.change_activity", "networks.add_activityphoto",
            "networks.delete_activityphoto"]
_RUN_CS4 = ["networks.add_network", "networks.change_network", "networks.add_member", "networks.delete_member",
            "networks.add_relationshipplan", "networks.change_relationshipplan"] + _KEY_CS4
# CS5: the committee runs the projects, publishes them, reports to the governor and plans the next steps; office staff
# key their own office's projects and results (`may_edit` keeps a district to its own); everyone else reads.
_READ_CS5 = ["participation.view_participationproject", "participation.view_outcomemeasure",
             "participation.view_governorreport", "participation.view_nextstep"]
_KEY_CS5 = ["participation.add_participationproject", "participation.change_participationproject"]
_RUN_CS5 = _KEY_CS5 + ["participation.publish_participationproject", "participation.add_governorreport",
                       "participation.change_governorreport", "participation.add_nextstep",
                       "participation.change_nextstep", "participation.delete_nextstep"]
# CS7: the committee defines the services and their standards, drafts, approves (recording the executive who did)
# and publishes the manuals and files the staff manuals; office staff key the service records of what their office
# delivered and the checks that it works by the manuals (seed 000 CS7 step 6: observation, a supervisor one level up,
# internal audit, reported by the district offices and units, "รายงานผลการดำเนินการของหน่วยงานย่อย"; `may_edit`
# keeps a district to its own); everyone else reads.
_READ_CS7 = ["service_standards.view_service", "service_standards.view_servicestep",
             "service_standards.view_publicmanual", "service_standards.view_manualpublication",
             "service_standards.view_staffmanual", "service_standards.view_staffmanualversion",
             "service_standards.view_servicerecord", "service_standards.view_usagecheck"]
_KEY_CS7 = ["service_standards.add_servicerecord", "service_standards.change_servicerecord",
            "service_standards.add_usagecheck", "service_standards.change_usagecheck"]
_RUN_CS7 = _KEY_CS7 + ["service_standards.add_service", "service_standards.change_service",
                       "service_standards.add_publicmanual", "service_standards.change_publicmanual",
                       "service_standards.add_manualpublication", "service_standards.add_staffmanual",
                       "service_standards.add_staffmanualversion"]
# PMQA 4.0 (assessment): the committee answers the self-assessment and places indicators in the 7.2 tables; everyone
# else reads them (executives and assessors above all).
_READ_PMQA40 = ["assessment.view_assessment", "assessment.view_answer", "assessment.view_evidencelink",
                "assessment.view_tablechoice"]
_RUN_PMQA40 = ["assessment.add_assessment", "assessment.change_assessment", "assessment.add_answer",
               "assessment.change_answer", "assessment.add_evidencelink", "assessment.delete_evidencelink",
               "assessment.add_tablechoice", "assessment.change_tablechoice"]
# The quarterly executive summaries: executives, the committee and assessors read them; the committee makes a new
# version now ("สร้างสรุปใหม่").
_READ_SUMMARIES = ["reports.view_quarterlysummary"]
_MAKE_SUMMARIES = ["reports.add_quarterlysummary"]
# The assessors' evidence packs (reports.packs): the committee, assessors and administrators start a build; whoever
# reads the office's reports downloads them within their scope.
_READ_PACKS = ["reports.view_evidencepack"]
_MAKE_PACKS = ["reports.add_evidencepack"]
_ADMINISTER = ["offices.add_office", "offices.change_office", "offices.add_user", "offices.change_user",
               "offices.view_user", "workdays.add_holiday", "workdays.change_holiday", "workdays.delete_holiday",
               "workdays.add_deadlinerule", "workdays.change_deadlinerule", "workdays.view_deadlinerule"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COMMITTEE: _READ_PLANS + _EDIT_PLANS + _READ_TICKETS + _HANDLE_TICKETS + _RUN_CS3 + _RANK_TICKETS
    + _READ_SURVEYS + _ENTER_RESPONSES + _RUN_SURVEYS + _READ_CS1 + _RUN_CS1 + _READ_CS2 + _KEY_USAGE + _RUN_CS2
    + _READ_CS4 + _RUN_CS4 + _READ_CS5 + _RUN_CS5 + _READ_CS7 + _RUN_CS7 + _READ_PMQA40 + _RUN_PMQA40
    + _READ_SUMMARIES + _MAKE_SUMMARIES + _READ_PACKS + _MAKE_PACKS,
    # District offices report progress and evidence on their own plans, handle their tickets, key their counts and
    # record their own activities and projects.
    Role.OFFICE_STAFF: _READ_PLANS + ["plans.change_step", "plans.add_evidence"] + _READ_TICKETS + _HANDLE_TICKETS
    + _READ_SURVEYS + _ENTER_RESPONSES + _READ_CS1 + _READ_CS2 + _KEY_USAGE + _READ_CS4 + _KEY_CS4 + _READ_CS5
    + _KEY_CS5 + _READ_CS7 + _KEY_CS7 + _READ_PMQA40 + _READ_PACKS,
    Role.EXECUTIVE: _READ_PLANS + _READ_TICKETS + _RANK_TICKETS + _READ_SURVEYS + _READ_CS1 + _READ_CS2 + _READ_CS4
    + _READ_CS5 + _READ_CS7 + _READ_PMQA40 + _READ_SUMMARIES + _READ_PACKS,
    Role.ASSESSOR: _READ_PLANS + _READ_TICKETS + _READ_SURVEYS + _READ_CS1 + _READ_CS2 + _READ_CS4 + _READ_CS5
    + _READ_CS7 + _READ_PMQA40 + _READ_SUMMARIES + _READ_PACKS + _MAKE_PACKS,
    Role.ADMINISTRATOR: _READ_PLANS + _EDIT_PLANS + _READ_TICKETS + _HANDLE_TICKETS + _RUN_CS3 + _ADMINISTER
    + _READ_SURVEYS + _RUN_SURVEYS + _READ_CS1 + _RUN_CS1 + _READ_CS2 + _READ_CS4 + _READ_CS5 + _RUN_CS5
    + _READ_CS7 + _RUN_CS7 + ["complaints.add_category", "complaints.change_category", "complaints.view_category",
       "channels.add_channel", "channels.change_channel"] + _READ_PMQA40 + _READ_PACKS + _MAKE_PACKS,
}
# The lists overlap (CS2 and CS3 both read the channel list): each role holds each permission once.
ROLE_PERMISSIONS = {role: list(dict.fromkeys(perms)) for role, perms in ROLE_PERMISSIONS.items()}


def roles_with(permission: str) -> list[str]:
    """The roles whose permissions include `permission` ("app_label.codename")."""
    return [role.value for role, perms in ROLE_PERMISSIONS.items() if permission in perms]


def ensure_role_groups() -> None:
    """Create or update the five groups with exactly their permissions (idempotent)."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        q = models.Q()
        for perm in perms:
            app_label, codename = perm.split(".")
            q |= models.Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(q))


def role_of(user) -> str | None:
    """The user's role (group name), or None. Superusers count as administrators."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    names = [g.name for g in user.groups.all()]
    return next((r.value for r in Role if r.value in names), None)
