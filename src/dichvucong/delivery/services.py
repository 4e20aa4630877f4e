"""Writes for postal delivery: the citizen's choice, shipments, the post's status reports."""

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import may_record_originals, may_ship_result
from dichvucong.core.audit import audit_log
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.core.vn import addresses
from dichvucong.delivery.fees import postal_fee
from dichvucong.delivery.models import ACTIVE_STATUSES, Shipment, ShipmentEvent, ShipmentStatus
from dichvucong.delivery.providers import StatusUpdate, get_delivery_provider
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus, ResultDelivery
from dichvucong.dossiers.statuses import CLOSED
from dichvucong.processing.machine import RoleNotAllowed, TransitionError
from dichvucong.processing.services import dossier_transition

S = ShipmentStatus
FINAL = (S.DELIVERED, S.RETURNED)


class DeliveryNotAllowed(Exception):
    """The change cannot be made at this stage of the dossier."""


def delivery_address(*, data: dict[str, str], procedure: Any) -> dict[str, Any]:
    """Return the stored form of an address, with the postal fee it costs."""
    address = {
        key: data.get(key, "").strip()
        for key in ("recipient_name", "phone", "province_code", "commune_code", "line")
    }
    address["province_code"] = addresses.province_code(address["province_code"])
    address["commune_code"] = addresses.commune_code(address["commune_code"])
    address["province_name"] = addresses.province_name(address["province_code"])
    address["commune_name"] = addresses.commune_name(address["commune_code"])
    address["fee"] = postal_fee(
        province_code=address["province_code"], collect_originals=procedure.requires_originals
    )
    return address


def delivery_changeable(dossier: Dossier) -> bool:
    """Tell whether the applicant may still choose how to receive the result."""
    return dossier.status not in CLOSED


@transaction.atomic
def delivery_choose(*, dossier: Dossier, method: str, address: dict | None, actor: Any) -> Dossier:
    """Set how the applicant receives the result (counter or post) until it is ready."""
    dossier = Dossier.objects.select_for_update().select_related("procedure").get(pk=dossier.pk)
    if not delivery_changeable(dossier):
        raise DeliveryNotAllowed(dossier.code)
    dossier.result_delivery = method
    dossier.delivery_address = (
        delivery_address(data=address or {}, procedure=dossier.procedure)
        if method == ResultDelivery.POST
        else {}
    )
    dossier.save(update_fields=["result_delivery", "delivery_address", "updated_at"])
    if dossier.code:
        DossierEvent.objects.create(
            dossier=dossier,
            actor=actor,
            action="delivery_choice",
            note=dossier.get_result_delivery_display(),
            data={"method": method},
        )
        audit_log(
            action="delivery.choice",
            actor=actor,
            target=dossier,
            data={"method": method, "province": dossier.delivery_address.get("province_code", "")},
        )
    return dossier


def shipment_create(*, dossier: Dossier, actor: Any, callback_url: str) -> Shipment:
    """Hand the result to the post (officer action); booking runs after commit, retried."""
    from dichvucong.delivery.tasks import book_shipment

    if not may_ship_result(actor, dossier):
        raise RoleNotAllowed(_("Chỉ cán bộ một cửa của cơ quan mới gửi kết quả qua bưu chính."))
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().select_related("procedure").get(pk=dossier.pk)
        if dossier.status != DossierStatus.DONE or dossier.result_delivery != ResultDelivery.POST:
            raise DeliveryNotAllowed(dossier.code)
        existing = dossier.shipments.filter(status__in=ACTIVE_STATUSES).first()
        if existing is not None:
            return existing
        address = dossier.delivery_address
        shipment = Shipment.objects.create(
            dossier=dossier,
            provider=get_delivery_provider().id,
            created_by=actor,
            reference=f"KQ{timezone.localdate():%y%m%d}{secrets.token_hex(4).upper()}",
            address=address,
            fee=address.get("fee", 0),
            collect_originals=dossier.procedure.requires_originals,
        )
        ShipmentEvent.objects.create(shipment=shipment, status=S.REQUESTED)
        audit_log(
            action="delivery.shipment_requested",
            actor=actor,
            target=dossier,
            data={"reference": shipment.reference, "provider": shipment.provider},
        )
        enqueue_on_commit(book_shipment, shipment.pk, callback_url)
    return shipment


def shipment_book(*, shipment_id: int, callback_url: str) -> Shipment | None:
    """Book a requested shipment with the post; store the tracking number and text it."""
    from dichvucong.notifications.services import send_sms

    shipment = Shipment.objects.select_related("dossier").get(pk=shipment_id)
    if shipment.status != S.REQUESTED:
        return None
    booking = get_delivery_provider(shipment.provider).book(
        shipment=shipment, callback_url=callback_url
    )
    with transaction.atomic():
        shipment = Shipment.objects.select_for_update().get(pk=shipment_id)
        if shipment.status != S.REQUESTED:
            return None
        shipment.tracking_number, shipment.status = booking.tracking_number, S.CREATED
        if booking.fee is not None:
            shipment.fee = booking.fee
        shipment.save()
        ShipmentEvent.objects.create(
            shipment=shipment, status=S.CREATED, data={"tracking_number": booking.tracking_number}
        )
        dossier = shipment.dossier
        DossierEvent.objects.create(
            dossier=dossier,
            action="shipment_created",
            note=_("Kết quả được gửi qua bưu chính, mã vận đơn %(no)s.")
            % {"no": shipment.tracking_number},
        )
        audit_log(
            action="delivery.shipment_created",
            target=dossier,
            data={"reference": shipment.reference, "tracking": shipment.tracking_number},
        )
        text = _("Kết quả hồ sơ %(code)s đã gửi qua bưu điện, mã vận đơn %(no)s.") % {
            "code": dossier.code,
            "no": shipment.tracking_number,
        }
        if shipment.collect_originals:
            text += " " + _("Vui lòng chuẩn bị bản gốc giấy tờ để giao cho nhân viên bưu điện.")
        phone = shipment.address.get("phone") or dossier.applicant_phone
        if phone:
            send_sms(
                phone=phone, text=text, purpose="delivery", user=dossier.applicant, dossier=dossier
            )
    return shipment


def shipment_book_failed(*, shipment_id: int, error: str, max_attempts: int) -> Shipment:
    """Count a failed booking; after the last attempt mark it so the officer can retry."""
    with transaction.atomic():
        shipment = Shipment.objects.select_for_update().get(pk=shipment_id)
        shipment.attempts += 1
        shipment.last_error = error[:300]
        if shipment.attempts >= max_attempts and shipment.status == S.REQUESTED:
            shipment.status = S.ERROR
            ShipmentEvent.objects.create(shipment=shipment, status=S.ERROR, note=error[:300])
            audit_log(
                action="delivery.booking_failed",
                target=shipment.dossier,
                data={"reference": shipment.reference, "error": error[:300]},
            )
        shipment.save()
    return shipment


def shipment_apply_status(*, update: StatusUpdate, provider_id: str) -> Shipment | None:
    """Apply a verified status report; "delivered" marks the dossier returned (status 10)."""
    with transaction.atomic():
        shipment = (
            Shipment.objects.select_for_update()
            .select_related("dossier")
            .filter(reference=update.reference, provider=provider_id)
            .first()
        )
        if shipment is None:
            audit_log(action="delivery.callback_unknown", data={"reference": update.reference})
            return None
        if shipment.status in FINAL or shipment.status == update.status:
            ShipmentEvent.objects.create(
                shipment=shipment, status=update.status, note="duplicate", data=update.raw
            )
            return shipment
        shipment.status = update.status
        shipment.originals_collected = shipment.originals_collected or update.originals_collected
        if update.status == S.DELIVERED:
            shipment.delivered_at = timezone.now()
        shipment.save()
        ShipmentEvent.objects.create(
            shipment=shipment, status=update.status, note=update.note, data=update.raw
        )
        audit_log(
            action="delivery.status",
            target=shipment.dossier,
            data={"reference": shipment.reference, "status": update.status},
        )
        dossier = shipment.dossier
        if update.status == S.DELIVERED and dossier.status == DossierStatus.DONE:
            _mark_returned(dossier, shipment)
        elif update.status != S.DELIVERED:
            DossierEvent.objects.create(
                dossier=dossier, action="shipment_status", note=shipment.get_status_display()
            )
    return shipment


def _mark_returned(dossier: Dossier, shipment: Shipment) -> None:
    """Move the dossier to 10; if the back office's hand-over checks refuse, keep the delivery
    recorded and leave the return to the officer (the post's report must not be lost)."""
    try:
        with transaction.atomic():
            dossier_transition(
                dossier=dossier,
                to=DossierStatus.RETURNED,
                actor=None,
                note=_("Bưu điện đã giao kết quả cho người nhận."),
                data={"tracking_number": shipment.tracking_number},
            )
    except TransitionError as exc:
        DossierEvent.objects.create(
            dossier=dossier,
            action="shipment_status",
            is_public=False,
            note=str(exc)[:300],
            data={"status": "delivered"},
        )
        audit_log(
            action="delivery.return_blocked",
            target=dossier,
            data={"reference": shipment.reference, "reason": str(exc)[:300]},
        )


@transaction.atomic
def originals_receipt_record(*, shipment: Shipment, actor: Any) -> Shipment:
    """Record that the agency received the originals the postal employee collected."""
    shipment = Shipment.objects.select_for_update().select_related("dossier").get(pk=shipment.pk)
    if not may_record_originals(actor, shipment.dossier):
        raise RoleNotAllowed(_("Chỉ cán bộ một cửa của cơ quan mới ghi nhận bản gốc."))
    if not shipment.collect_originals or shipment.originals_received_at:
        raise DeliveryNotAllowed(shipment.reference)
    shipment.originals_received_at, shipment.originals_received_by = timezone.now(), actor
    shipment.save()
    dossier = shipment.dossier
    Dossier.objects.filter(pk=dossier.pk).update(originals_checked_at=timezone.now())
    DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        action="originals_received",
        note=_("Cơ quan đã nhận bản gốc giấy tờ do bưu điện chuyển về."),
    )
    audit_log(
        action="delivery.originals_received",
        actor=actor,
        target=dossier,
        data={"reference": shipment.reference},
    )
    return shipment
