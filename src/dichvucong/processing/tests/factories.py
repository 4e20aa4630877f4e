"""Plain factory functions for back-office tests (dossiers made directly in the database)."""

from itertools import count

from django.utils import timezone

from dichvucong.accounts.tests.factories import make_citizen, make_staff
from dichvucong.catalog.fees import fee_quote
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.core.text import search_text
from dichvucong.dossiers.models import Channel, Dossier, DossierEvent, DossierStatus
from dichvucong.processing.services import grant_staff_role

_seq = count(1)


def make_officer(agency, *roles: str, **overrides):
    """Create a user holding the given roles in one agency."""
    user = make_staff(**overrides)
    for role in roles:
        grant_staff_role(user=user, agency=agency, role=role)
    return user


def make_dossier(
    *, agency=None, procedure=None, applicant=None, status: int = DossierStatus.NEW, **overrides
) -> Dossier:
    """Create a submitted online dossier (status 1 unless told) with its first event."""
    n = next(_seq)
    if agency is None:
        agency = procedure.agencies.first() if procedure else make_agency()
    procedure = procedure or make_procedure(agencies=[agency])
    applicant = applicant if applicant is not None else make_citizen()
    now = timezone.now()
    code = f"{agency.code}-{timezone.localtime(now):%y%m%d}-{9000 + n:04d}"
    values = {
        "code": code,
        "procedure": procedure,
        "agency": agency,
        "applicant": applicant,
        "applicant_name": applicant.full_name if applicant else f"Trần Thị Mẫu {n}",
        "applicant_phone": (applicant.phone if applicant else "") or "",
        "status": status,
        "channel": Channel.ONLINE,
        "submitted_at": now,
        "form_data": {"ho_ten": "Nguyễn Văn Thử", "noi_sinh": "Hàm Thắng"},
    } | overrides
    if "fee_total" not in values and values.get("code"):
        # What opening the dossier snapshots in production (catalog/fees.py).
        quote = fee_quote(
            procedure=procedure,
            channel=values.get("channel", Channel.ONLINE),
            data=values.get("form_data") or {},
        )
        values["fee_total"], values["fee_lines"] = quote.snapshot()
    values.setdefault("search_text", search_text(f"{values['code']} {values['applicant_name']}"))
    dossier = Dossier.objects.create(**values)
    DossierEvent.objects.create(
        dossier=dossier,
        actor=applicant,
        action="submit",
        from_status=DossierStatus.DRAFT,
        to_status=status,
    )
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
