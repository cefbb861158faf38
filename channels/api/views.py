from rest_framework import mixins, viewsets

from core.api_permissions import ModelPermissions

from ..models import Channel
from ..selectors import channel_list
from .serializers import ChannelSerializer


class ChannelViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """ช่องทางรับเรื่องที่ใช้งานอยู่ ตามลำดับ; ใช้ `code` เป็นค่า `channel` เมื่อส่งเรื่องเข้า `/api/v1/complaints/`."""

    serializer_class = ChannelSerializer
    permission_classes = [ModelPermissions]
    queryset = Channel.objects.none()  # for the schema and the permission class
    pagination_class = None  # a dozen rows

    def get_queryset(self):
        return channel_list()
