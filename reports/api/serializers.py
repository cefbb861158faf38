"""What the indicators API reads and answers."""
from rest_framework import serializers


class ComputedIndicatorSerializer(serializers.Serializer):
    """One computed indicator: its metric code, Thai name, value, and the counts behind it where it has them."""

    metric = serializers.CharField()
    name = serializers.CharField()
    value = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
