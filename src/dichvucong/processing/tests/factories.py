"""Factory functions for back-office tests (dossiers opened through the real service)."""

from itertools import count

from django.db import transaction
from django.utils import timezone

from dichvucong.accounts.services import grant_staff_role
from dichvucong.accounts.tests.factories import make_citizen, make_staff
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.dossiers.models import Channel, Dossier, DossierStatus
from dichvucong.dossiers.services.opening import dossier_open

_seq = count(1)


def make_officer(agency, *roles: str, **overrides):
    """Create a user holding the given roles in one agency."""
    user = make_staff(**overrides)
    for role in roles:
        grant_staff_role(user=user, agency=agency, role=role)
    return user


def make_dossier(
    *,
    agency=None,
    procedure=None,
    applicant=None,
    status: int = DossierStatus.NEW,
    channel: int = Channel.ONLINE,
    **overrides,
) -> Dossier:
    """Open a dossier through the real opening service, then put it in `status` (1 unless told).

    The code, appointment and search text are what the service writes; `overrides` set other
    fields afterwards (as later steps of the dossier's life would).
    """
    n = next(_seq)
    if agency is None:
        agency = procedure.agencies.first() if procedure else make_agency()
    procedure = procedure or make_procedure(agencies=[agency])
    applicant = applicant if applicant is not None else make_citizen()
    details = {
        "name": overrides.pop("applicant_name", None)
        or (applicant.full_name if applicant else f"Trần Thị Mẫu {n}"),
        "phone": overrides.pop("applicant_phone", None) or (applicant.phone if applicant else ""),
        "id_number": (applicant.id_number if applicant else "") or "",
    }
    with transaction.atomic():
        dossier = Dossier.objects.create(
            procedure=procedure,
            agency=agency,
            applicant=applicant,
            applicant_name=details["name"],
            status=DossierStatus.DRAFT,
            form_data=overrides.pop(
                "form_data", {"ho_ten": "Nguyễn Văn Thử", "noi_sinh": "Hàm Thắng"}
            ),
        )
        dossier_open(
            dossier=dossier,
            actor=applicant,
            channel=channel,
            moment=overrides.pop("submitted_at", None) or timezone.now(),
            applicant_details=details,
        )
        later = {"status": status} | overrides
        Dossier.objects.filter(pk=dossier.pk).update(**later)
    dossier.refresh_from_db()
    return dossier


def make_team(agency=None):
    """Create one agency's counter officer, specialist and leader."""
    agency = agency or make_agency()
    return {
        "agency": agency,
        "counter": make_officer(agency, "counter", full_name="Lê Thị Một Cửa"),
        "specialist": make_officer(agency, "specialist", full_name="Phạm Văn Chuyên"),
        "leader": make_officer(agency, "leader", full_name="Hoàng Văn Lãnh"),
    }
