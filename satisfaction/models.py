from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.offices.models import Office

from .choices import ItemKind, ResponseSource, Section


class Questionnaire(models.Model):
    """A questionnaire for one stakeholder group: items by dimension, on a 4- or 5-point scale."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงานเจ้าของ"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("ชื่อแบบสอบถาม"), max_length=255)
    group = models.ForeignKey("stakeholders.StakeholderGroup", verbose_name=_("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
                              null=True, blank=True, on_delete=models.PROTECT, related_name="questionnaires")
    scale_max = models.PositiveSmallIntegerField(_("คะแนนเต็มของมาตราส่วน"), default=5)
    allow_no_opinion = models.BooleanField(_("มีตัวเลือก “ไม่แสดงความคิดเห็น”"), default=True)
    privacy_notice = models.TextField(_("ประกาศการคุ้มครองข้อมูลส่วนบุคคล"), blank=True)
    # [[low, high, label], …] from the top band down; empty = the standard bands of the scale.
    bands = models.JSONField(_("เกณฑ์แปลผลค่าเฉลี่ย"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("แบบสอบถาม")
        verbose_name_plural = _("แบบสอบถาม")
        constraints = [models.CheckConstraint(condition=Q(scale_max__gte=2, scale_max__lte=10),
                                              name="questionnaire_scale_2_to_10")]

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """One question: a rating on the questionnaire's scale, yes/no, a choice or an open question."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    code = models.SlugField(_("รหัสข้อ"), max_length=32)
    text = models.TextField(_("ข้อคำถาม"))
    dimension = models.CharField(_("ด้าน"), max_length=255, blank=True)
    kind = models.CharField(_("ชนิดคำถาม"), max_length=8, choices=ItemKind.choices, default=ItemKind.RATING)
    section = models.CharField(_("ส่วน"), max_length=16, choices=Section.choices, default=Section.SATISFACTION)
    choices = models.JSONField(_("ตัวเลือก"), default=list, blank=True)
    required = models.BooleanField(_("ต้องตอบ"), default=False)

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="item_code_unique"),
            models.UniqueConstraint(fields=["questionnaire", "order"], name="item_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    @property
    def is_breakdown(self) -> bool:
        """A profile question the results are broken down by (group, office, channel): a choice item."""
        return self.section == Section.PROFILE and self.kind == ItemKind.CHOICE

    @property
    def is_satisfaction_rating(self) -> bool:
        """A rating item of the satisfaction section: RM 3.1 pools these."""
        return self.section == Section.SATISFACTION and self.kind == ItemKind.RATING


class SurveyRound(models.Model):
    """A questionnaire run for a period, by an office (and the offices below it), about a subject.

    `subject` is any record a process wants evaluated (a CS4 relationship activity, later): the same
    questionnaires, responses and figures serve it without copying code.
    """

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="rounds")
    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("ชื่อรอบการสำรวจ"), max_length=255)
    starts_on = models.DateField(_("เริ่ม"), null=True, blank=True)
    ends_on = models.DateField(_("สิ้นสุด"), null=True, blank=True)
    previous = models.ForeignKey("self", verbose_name=_("รอบก่อนหน้า (สำรวจซ้ำหลังปรับปรุง)"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="repeats")
    public_key = models.SlugField(_("รหัสหน้าตอบแบบสอบถาม"), max_length=32, unique=True)
    is_open = models.BooleanField(_("เปิดรับคำตอบ"), default=True)
    requires_token = models.BooleanField(_("ต้องใช้รหัสตอบครั้งเดียว"), default=False)
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    respondents = models.PositiveIntegerField(_("จำนวนผู้ตอบ"), default=0, editable=False)
    # Respondents who answered the dissatisfaction section's yes/no items, and those who said yes to one.
    dissatisfaction_answered = models.PositiveIntegerField(default=0, editable=False)
    dissatisfied = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("รอบการสำรวจ")
        verbose_name_plural = _("รอบการสำรวจ")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="round_subject")]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    """One respondent's form. Identity is never stored with the answers (anonymous by default)."""

    # No index of its own: the (round, fingerprint) index below starts with it.
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses", db_index=False)
    source = models.CharField(_("ที่มา"), max_length=8, choices=ResponseSource.choices)
    form_number = models.CharField(_("เลขที่แบบสอบถาม"), max_length=64, blank=True)
    submitted_at = models.DateTimeField(_("ตอบเมื่อ"), auto_now_add=True)
    # A one-way hash of address + browser + day, for a soft duplicate guard on the public page only.
    fingerprint = models.CharField(max_length=64, blank=True)
    # The listening channel the form came by (CS2 counts responses per channel): set by `services.responses_record`
    # from how it came in. Empty for forms recorded before it was kept, and for API forms that name none.
    channel = models.ForeignKey("channels.Channel", verbose_name=_("ช่องทาง"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "form_number"], condition=~Q(form_number=""),
                                               name="response_form_number_unique")]
        # The duplicate question looks up (round, fingerprint): one index, whatever the round's size.
        indexes = [models.Index(fields=["round", "fingerprint"], name="response_round_fingerprint")]


class Answer(models.Model):
    """One answer. A rating of 0 never exists: "no opinion" is `no_opinion`, and counts in no mean."""

    # Millions of rows, written in bulk: one index only, (response, item) below. Nothing reads answers by item
    # (figures come from the tallies), and lookups by response use that index's first column.
    # No foreign-key constraints in the database either: PostgreSQL checks each one row by row at commit, which
    # doubled the time of a 100,000-form import. Answers are written only by `services.responses_record`, for
    # the responses it has just created and the questionnaire's own items; Django still cascades deletes of
    # responses and protects items, as it does for every relation.
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", db_index=False,
                                 db_constraint=False)
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    value = models.SmallIntegerField(null=True, blank=True)  # rating, yes (1)/no (0), or choice index
    no_opinion = models.BooleanField(default=False)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")]


class Tally(models.Model):
    """How many answers of a round's item have each value: every figure is computed from these counts.

    Kept by the service that records responses, in the same transaction, so the results of half a million
    responses read a hundred rows instead of ten million.
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="tallies")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()  # -1 = no opinion
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "item", "value"], name="one_tally_per_value")]


class GroupTally(models.Model):
    """The tally of one satisfaction rating item among the respondents who gave one answer to a profile question
    (their stakeholder group, office, channel …): the figures by group come from these, as the round's from
    `Tally`. Kept by the same service, in the same transaction; a profile question is a choice item of the
    profile section, and `group_value` is the index of the choice.
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="group_tallies")
    group_item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    group_value = models.SmallIntegerField()
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()  # 1 … scale maximum ("no opinion" counts in no figure by group)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "group_item", "group_value", "item", "value"],
                                               name="one_group_tally_per_value")]


class AccessToken(models.Model):
    """A one-time code for a round that requires one (printed on paper invitations)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="tokens")
    code = models.CharField(max_length=16, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)


class Improvement(models.Model):
    """One improvement a round's results led to, and the later round that re-measures it (seed 002)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("วางแผนแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        DONE = "done", _("เสร็จแล้ว")

    round = models.ForeignKey(SurveyRound, verbose_name=_("รอบการสำรวจ"), on_delete=models.CASCADE,
                              related_name="improvements")
    item = models.ForeignKey(Item, verbose_name=_("ข้อคำถาม"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    topic = models.CharField(_("ประเด็นที่ต้องปรับปรุง"), max_length=255)
    fix = models.TextField(_("แนวทางการปรับปรุง"))
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=255)
    due_on = models.DateField(_("กำหนดเสร็จ"))
    status = models.CharField(_("สถานะ"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    evidence = models.FileField(_("หลักฐาน"), upload_to="satisfaction/improvements/%Y/", blank=True, max_length=500)
    # As uploaded and as verified by core.files: the download keeps the person's file name.
    evidence_name = models.CharField(_("ชื่อไฟล์หลักฐาน"), max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=128, blank=True)
    remeasure_round = models.ForeignKey(SurveyRound, verbose_name=_("รอบที่สำรวจซ้ำเพื่อวัดผล"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="remeasured_improvements")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "due_on", "pk"]
        verbose_name = _("การปรับปรุงจากผลสำรวจ")
        verbose_name_plural = _("การปรับปรุงจากผลสำรวจ")
        constraints = [models.CheckConstraint(condition=Q(status__in=["planned", "in_progress", "done"]),
                                              name="improvement_status_valid")]

    def __str__(self) -> str:
        return self.topic


class RoundDay(models.Model):
    """How many responses a round received on one day (Asia/Bangkok): the round page's count over time."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["round", "day"]
        constraints = [models.UniqueConstraint(fields=["round", "day"], name="one_count_per_round_day")]
