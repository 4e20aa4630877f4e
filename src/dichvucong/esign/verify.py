"""Verify the PAdES signatures of a PDF with pyHanko, offline, against the trust list."""

import datetime as dt
import logging
from dataclasses import dataclass, field
from io import BytesIO

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class State:
    VALID = "valid"
    UNTRUSTED = "untrusted"  # intact, but the chain does not reach a trusted root (or revoked)
    MODIFIED = "modified"  # the signed bytes changed, or content was changed after signing
    UNSIGNED = "unsigned"
    UNREADABLE = "unreadable"


LABELS = {
    State.VALID: _("Chữ ký số hợp lệ"),
    State.UNTRUSTED: _("Chữ ký số không hợp lệ"),
    State.MODIFIED: _("Tài liệu đã bị sửa sau khi ký"),
    State.UNSIGNED: _("Tài liệu không có chữ ký số"),
    State.UNREADABLE: _("Không kiểm tra được"),
}


@dataclass(frozen=True)
class SignatureReport:
    """One signature: who, when, and what pyHanko found."""

    field: str
    signer: str
    signed_at: dt.datetime | None
    intact: bool
    trusted: bool
    revoked: bool
    covers_document: bool
    reason: str
    expired: bool = False
    # The RFC 3161 timestamp's time when the signature has a valid one (B-T and above).
    timestamped_at: dt.datetime | None = None


@dataclass(frozen=True)
class Verdict:
    """The document's state (the worst of its signatures) and each signature."""

    state: str
    reason: str = ""
    signatures: list[SignatureReport] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    @property
    def is_valid(self) -> bool:
        return self.state == State.VALID

    @property
    def last(self) -> SignatureReport | None:
        return self.signatures[-1] if self.signatures else None


def _report(embedded, context, moment: dt.datetime) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import ModificationLevel

    from dichvucong.esign.pades import outside_event_loop

    status = outside_event_loop(validate_pdf_signature, embedded, context)
    subject = status.signing_cert.subject.native if status.signing_cert else {}
    covers = status.modification_level in (
        ModificationLevel.NONE,
        ModificationLevel.LTA_UPDATES,
        ModificationLevel.FORM_FILLING,
    ) and bool(status.docmdp_ok is not False)
    revoked = bool(getattr(status, "revoked", False))
    cert = status.signing_cert
    expired = bool(cert) and cert.not_valid_after < moment
    stamp = status.timestamp_validity
    timestamped_at = stamp.timestamp if stamp is not None and stamp.trusted else None
    reasons = []
    if not status.intact or not status.valid:
        reasons.append(str(_("Dữ liệu đã ký không khớp với chữ ký.")))
    if not covers:
        reasons.append(str(_("Nội dung được thêm hoặc sửa sau khi ký.")))
    if revoked:
        reasons.append(str(_("Chứng thư số đã bị thu hồi.")))
    elif expired and not status.trusted:
        reasons.append(str(_("Chứng thư số đã hết hạn.")))
    elif not status.trusted:
        reasons.append(
            str(_("Chứng thư số không thuộc danh sách tin cậy, hết hạn hoặc không kiểm tra được."))
        )
    return SignatureReport(
        field=embedded.field_name,
        signer=subject.get("common_name", ""),
        signed_at=timestamped_at or status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted) and not revoked,
        revoked=revoked,
        covers_document=covers,
        reason=" ".join(reasons),
        expired=expired,
        timestamped_at=timestamped_at,
    )


def verify_pdf(data: bytes, *, roots=None, crls=None, at: dt.datetime | None = None) -> Verdict:
    """Return the verdict on a PDF's signatures (never raises on bad input); `at` is the
    moment the certificates are checked for (now by default)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from dichvucong.esign.trust import validation_context

    if not data.startswith(b"%PDF-"):
        return Verdict(State.UNREADABLE, str(_("Tệp không phải là PDF.")))
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # a hostile or broken PDF: report, never 500
        logger.info("unreadable PDF for verification: %s", exc)
        return Verdict(State.UNREADABLE, str(_("Không đọc được tệp PDF.")))
    if not embedded:
        return Verdict(State.UNSIGNED, str(_("Không tìm thấy chữ ký số trong tệp.")))
    moment = at or dt.datetime.now(dt.UTC)
    context = validation_context(roots=roots, crls=crls, moment=moment)
    reports = []
    for sig in embedded:
        try:
            reports.append(_report(sig, context, moment))
        except Exception as exc:  # a malformed signature dictionary is a bad signature
            logger.info("signature %s could not be validated: %s", sig.field_name, exc)
            reports.append(
                SignatureReport(sig.field_name, "", None, False, False, False, False, str(exc))
            )
    return Verdict(_state(reports), " ".join(r.reason for r in reports if r.reason), reports)


def _state(reports: list[SignatureReport]) -> str:
    if any(not r.intact or not r.covers_document for r in reports):
        return State.MODIFIED
    if any(not r.trusted for r in reports):
        return State.UNTRUSTED
    return State.VALID
