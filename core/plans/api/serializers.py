from rest_framework import serializers

from ..models import ActionPlan, Indicator, Step, StepPeriod
from ..scoring import score, success_percent


class IndicatorSerializer(serializers.ModelSerializer):
    ladder = serializers.ListField(child=serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True),
                                   read_only=True)
    result = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    success_percent = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "target", "direction", "ladder", "source", "result", "success_percent",
                  "score"]

    def get_success_percent(self, obj) -> str | None:
        value = success_percent(obj.result, obj.target, obj.direction)
        return str(value) if value is not None else None

    def get_score(self, obj) -> str | None:
        value = score(obj.result, obj.ladder)
        return str(value) if value is not None else None


class StepPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = StepPeriod
        fields = ["start", "end"]


class StepSerializer(serializers.ModelSerializer):
    # Each planned run of months (a quarterly review has four); planned_start/planned_end are the first and last.
    periods = StepPeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Step
        fields = ["order", "activity", "duration", "planned_start", "planned_end", "periods", "output", "owner",
                  "related_parties", "budget", "area", "status", "progress", "actual_start", "actual_end"]


class ActionPlanListSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code")
    office_name = serializers.CharField(source="office.name")
    cs = serializers.CharField(source="cs_code")

    class Meta:
        model = ActionPlan
        fields = ["id", "office", "office_name", "fiscal_year", "cs", "title"]


class ActionPlanSerializer(ActionPlanListSerializer):
    indicators = IndicatorSerializer(many=True)
    steps = StepSerializer(many=True)

    class Meta(ActionPlanListSerializer.Meta):
        fields = ActionPlanListSerializer.Meta.fields + ["objective", "definitions", "indicators", "steps"]
