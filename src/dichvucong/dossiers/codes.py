"""Dossier codes: `<agency ID code>-<yyMMdd>-<NNNN>`, a counter per agency per local day."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dichvucong.catalog.models import Agency
from dichvucong.dossiers.models import DailyCounter


def _next_value(agency_code: str, day) -> int:
    """Increment the day's counter atomically and return the new value."""
    counters = DailyCounter.objects.filter(agency_code=agency_code, day=day)
    # The UPDATE locks the row until commit, so concurrent submitters queue behind it.
    if not counters.update(value=F("value") + 1):
        try:
            with transaction.atomic():
                DailyCounter.objects.create(agency_code=agency_code, day=day, value=1)
            return 1
        except IntegrityError:
            # Another submitter created the row first: it exists now, increment it.
            counters.update(value=F("value") + 1)
    return counters.values_list("value", flat=True).get()


def allocate_dossier_code(*, agency: Agency, moment: datetime | None = None) -> str:
    """Return the next free dossier code of the agency for the local day of `moment`."""
    local = timezone.localtime(moment or timezone.now())
    with transaction.atomic():
        value = _next_value(agency.code, local.date())
    return f"{agency.code}-{local:%y%m%d}-{value:04d}"
