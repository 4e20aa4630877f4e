"""Write the receipt attachment of a paid payment."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from dichvucong.dossiers.models import Attachment, AttachmentKind
from dichvucong.dossiers.services.signing import request_signature
from dichvucong.payments.models import Payment, PaymentStatus
from dichvucong.payments.providers import (
    PAYMENT_PROVIDER_CLASSES,
    PaymentGatewayError,
    get_payment_provider,
)
from dichvucong.payments.receipts import render_receipt
from dichvucong.payments.services import record_event

logger = logging.getLogger(__name__)


def _gateway_receipt(payment: Payment) -> bytes | None:
    """The receipt the gateway issued itself (the DVCQG platform's e-receipt), if any; a
    gateway that cannot answer now leaves the portal's own receipt to be issued instead."""
    if payment.provider not in PAYMENT_PROVIDER_CLASSES:
        return None
    try:
        return get_payment_provider(payment.provider).receipt_pdf(payment=payment)
    except PaymentGatewayError as exc:
        logger.warning("Receipt of %s from the gateway failed: %s", payment.order_ref, exc)
        return None


def receipt_issue(*, payment_id: int) -> Attachment | None:
    """Store the receipt PDF as an Attachment(kind=receipt); None if not due or already done."""
    payment = Payment.objects.select_related("dossier__agency", "dossier__procedure").get(
        pk=payment_id
    )
    if payment.status != PaymentStatus.PAID or payment.receipt_id:
        return None
    issued_by_gateway = _gateway_receipt(payment)
    content = issued_by_gateway or render_receipt(payment)
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment_id)
        if locked.receipt_id:
            return None
        attachment = Attachment(
            dossier=payment.dossier,
            kind=AttachmentKind.RECEIPT,
            original_name=f"bien-lai-{payment.order_ref}.pdf",
            content_type="application/pdf",
            extension=".pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        attachment.file.save(attachment.original_name, ContentFile(content), save=False)
        attachment.save()
        locked.receipt = attachment
        locked.save(update_fields=["receipt", "updated_at"])
        record_event(
            locked,
            "receipt_issued",
            data={"attachment": attachment.pk, "by_gateway": bool(issued_by_gateway)},
        )
        if not issued_by_gateway:  # the gateway's own receipt carries its issuer's signature
            request_signature(attachment=attachment)
    return attachment
