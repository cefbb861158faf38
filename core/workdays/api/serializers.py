from rest_framework import serializers

from ..choices import HolidayKind
from ..models import Holiday


class HolidaySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=HolidayKind.choices, default=HolidayKind.SPECIAL)

    class Meta:
        model = Holiday
        fields = ["date", "name", "kind", "source"]
        extra_kwargs = {"date": {"validators": []}}  # an existing date is updated, not refused
