"""Dossiers filed on the national portal, opened here through the one opening service.

Each pulled dossier is taken whole or not at all: its files are fetched and checked by the
upload pipeline first, then the dossier, its attachments and the `InboundDossier` row that
remembers its national code are written in one transaction, and only then acknowledged. A
dossier pulled twice (an acknowledgement lost, the portal sending it again) is opened once.
"""

import io
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from dichvucong.accounts.signin import SignedInIdentity
from dichvucong.catalog.models import Agency, Procedure
from dichvucong.core.vn.clock import parse_compact_time
from dichvucong.dossiers.models import Channel, Dossier
from dichvucong.dossiers.services.opening import dossier_open
from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.pipeline import CheckedFile, check_upload
from dichvucong.dossiers.uploads.store import files_cleaned_on_failure, store_checked
from dichvucong.interop.models import InboundDossier
from dichvucong.interop.national import NationalPortal, NationalPortalError, national_portal

logger = logging.getLogger(__name__)


class InboundRefused(Exception):
    """The dossier cannot be opened here (unknown procedure or agency, a bad file)."""


@dataclass
class PullReport:
    opened: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def _procedure_and_agency(record: dict[str, Any]) -> tuple[Procedure, Agency]:
    procedure = Procedure.objects.filter(code=str(record.get("MaTTHC", ""))).first()
    if procedure is None:
        raise InboundRefused(f"unknown procedure {record.get('MaTTHC')!r}")
    agency = procedure.agencies.filter(code=str(record.get("DonViXuLy", ""))).first()
    if agency is None:
        raise InboundRefused(f"agency {record.get('DonViXuLy')!r} does not handle this procedure")
    return procedure, agency


def _files(record: dict[str, Any], portal: NationalPortal, procedure: Procedure):
    """Fetch and check every file; (required document or None, checked file) pairs."""
    papers = {paper.code: paper for paper in procedure.required_documents.all() if paper.code}
    checked: list[tuple[Any, CheckedFile]] = []
    for item in record.get("TaiLieuNop") or []:
        if not isinstance(item, dict) or item.get("IsDeleted"):
            continue
        path = str(item.get("DuongDanTaiTepTin", ""))
        name = str(item.get("TenTepDinhKem") or "tep")
        try:
            content = portal.fetch_file(path)
            checked.append(
                (
                    papers.get(str(item.get("MaThanhPhanHoSo", ""))),
                    check_upload(io.BytesIO(content), name=name, size=len(content)),
                )
            )
        except UploadRejected as exc:
            raise InboundRefused(f"file {name!r}: {exc}") from exc
    return checked


def _identity(record: dict[str, Any]) -> SignedInIdentity | None:
    if str(record.get("TaiKhoanDuocXacThucVoiVNeID", "")) in ("1", "True", "true"):
        level = record.get("MucDoXacThuc")
        return SignedInIdentity("vneid", int(level) if str(level).isdigit() else 2)
    return SignedInIdentity("dvcqg", None)


def open_national_dossier(record: dict[str, Any], portal: NationalPortal) -> Dossier | None:
    """Open one pulled dossier here; None when it was opened before."""
    code = str(record.get("MaHoSo", "")).strip()
    if not code:
        raise InboundRefused("no MaHoSo")
    if InboundDossier.objects.filter(national_code=code, dossier__isnull=False).exists():
        return None
    procedure, agency = _procedure_and_agency(record)
    files = _files(record, portal, procedure)
    try:
        submitted = parse_compact_time(record.get("NgayNopHoSo", ""))
    except ValueError:
        submitted = timezone.now()
    try:
        with files_cleaned_on_failure() as stored, transaction.atomic():
            dossier = Dossier(procedure=procedure, agency=agency)
            dossier_open(
                dossier=dossier,
                actor=None,
                channel=Channel.ONLINE,
                moment=submitted,
                applicant_details={
                    "name": str(record.get("ChuHoSo", "")),
                    "id_number": str(record.get("SoGiayToChuHoSo", "")),
                    "phone": str(record.get("SoDienThoai", "")),
                    "email": str(record.get("Email", "")),
                    "address": str(record.get("DiaChiChuHoSo", "")),
                },
                identity=_identity(record),
                national_code=code,
            )
            for paper, checked in files:
                store_checked(
                    dossier=dossier, checked=checked, stored=stored, required_document=paper
                )
            InboundDossier.objects.update_or_create(
                national_code=code,
                defaults={"dossier": dossier, "payload": record, "refused_reason": ""},
            )
    except IntegrityError:
        # Another process opened it at the same moment (the code is unique): once is enough.
        if InboundDossier.objects.filter(national_code=code, dossier__isnull=False).exists():
            return None
        raise
    return dossier


def pull_national_dossiers() -> PullReport:
    """Pull what was filed nationally, open each dossier here, acknowledge what is here."""
    portal = national_portal()
    report = PullReport()
    for record in portal.pull():
        code = str(record.get("MaHoSo", "")).strip()
        try:
            dossier = open_national_dossier(record, portal)
        except (InboundRefused, NationalPortalError) as exc:
            logger.warning("National dossier %s not opened: %s", code, exc)
            report.refused[code] = str(exc)
            if code:
                InboundDossier.objects.update_or_create(
                    national_code=code,
                    dossier=None,
                    defaults={"payload": record, "refused_reason": str(exc)[:300]},
                )
            continue
        (report.opened if dossier is not None else report.duplicates).append(code)
    received = report.opened + report.duplicates
    if received:
        portal.acknowledge(received)
        InboundDossier.objects.filter(national_code__in=received).update(
            acknowledged_at=timezone.now()
        )
    return report
