"""Mẫu 01 at reception: the one form-01 renderer is `dossiers.receipts.render_receipt`."""

from dichvucong.dossiers.receipts import render_receipt
from dichvucong.processing.slips.base import actor_name


def build(dossier, event=None) -> bytes:
    """Render the receipt and appointment slip, signed by whoever received the dossier."""
    return render_receipt(dossier, receiver=actor_name(event))
