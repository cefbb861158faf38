"""The upload storage: Django's FileSystemStorage, except when the disk (or the quota) is full.

Django writes an upload chunk by chunk and leaves whatever it wrote when a write fails; the field then raises an
OSError the views do not expect (a 500). Here ENOSPC/EDQUOT deletes the partial file and becomes `StorageFull`, a
ValidationError with a Thai message: every service saves files inside its transaction, so the row is rolled back
with it, and every view shows a service's ValidationError on the form as typed (core.forms.add_service_errors).
Any other OSError is Django's, unchanged.
"""
import errno
import logging
import os

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import storage

logger = logging.getLogger(__name__)

FULL = (errno.ENOSPC, errno.EDQUOT)
MESSAGE = ("พื้นที่เก็บไฟล์ของระบบเต็ม จึงบันทึกไฟล์และข้อมูลรายการนี้ไม่ได้ในขณะนี้ (ยังไม่มีการบันทึกใด ๆ) "
           "กรุณาลองใหม่ภายหลัง หรือแจ้งผู้ดูแลระบบ")


class StorageFull(ValidationError):
    """The disk that keeps uploads is full: nothing was kept. Keyed like a service's errors (non-field), so that views
    reading `message_dict` show it at the top of the form as well as those reading `messages`."""

    def __init__(self):
        super().__init__({NON_FIELD_ERRORS: [ValidationError(MESSAGE, code="storage_full")]})


class FileSystemStorage(storage.FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno not in FULL:
                raise
            if not existed:  # ours, half written (get_available_name chose a free name)
                try:
                    os.remove(full_path)
                except FileNotFoundError:
                    pass
            logger.error("the upload storage is full (%s): %s was not kept", os.strerror(exc.errno), name)
            raise StorageFull() from exc
