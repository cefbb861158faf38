"""The demo's evidence pack: the assessor of Chumphon has asked for the province's pack of the demo year, and the
worker `make run` starts builds it in the background, so the packs page shows a finished pack a few seconds after
the first start (and the bar moving, for whoever looks at once)."""
from functools import partial

from django.db import transaction

from core.demo import LIVE_YEAR
from core.offices.models import Office, User

from .models import EvidencePack
from .packs import pack_request
from .tasks import queue_pack

PROVINCE = "CPN"


def load_demo() -> int:
    """Ask once for the province's CS1–CS7 pack of FY 2569; returns how many packs were asked for (0 or 1)."""
    province = Office.objects.filter(code=PROVINCE).first()
    assessor = User.objects.filter(username="assessor").first()
    if province is None or assessor is None or EvidencePack.objects.filter(office=province).exists():
        return 0
    with transaction.atomic():
        pack = pack_request(office=province, fiscal_year=LIVE_YEAR, cs=None, by=assessor)
        transaction.on_commit(partial(queue_pack, pack.pk))
    return 1
