from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """PMQA 4.0: the Category 3 self-assessment (items 3.1.1–3.4.5) and the Category 7.2 result tables (seed 003)."""

    name = "assessment"
    verbose_name = "การประเมินตนเอง PMQA 4.0 และผลลัพธ์หมวด 7.2"
