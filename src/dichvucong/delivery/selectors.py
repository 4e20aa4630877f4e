"""Reads for postal delivery."""

from dichvucong.delivery.models import Shipment
from dichvucong.dossiers.models import Dossier


def current_shipment(dossier: Dossier) -> Shipment | None:
    """Return the dossier's latest shipment, if any."""
    return dossier.shipments.order_by("-created_at", "-id").first()
