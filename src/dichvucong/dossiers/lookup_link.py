"""The lookup link a receipt's QR code opens: dossier code plus a signed token as the factor."""

import io
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse

TOKEN_SALT = "dichvucong.tracking.lookup"  # noqa: S105 (a signing namespace, not a secret)


def lookup_token(code: str) -> str:
    """Return the signed token that stands for the second factor of this dossier code."""
    return signing.Signer(salt=TOKEN_SALT).signature(code)


def lookup_url_for(dossier) -> str:
    """Return the absolute public lookup URL for the dossier, prefilled and carrying its token."""
    query = urlencode({"ma": dossier.code, "t": lookup_token(dossier.code)})
    return f"{settings.SITE_URL.rstrip('/')}{reverse('tracking:lookup')}?{query}"


def qr_png(dossier, *, box_size: int = 6) -> bytes:
    """Return a PNG QR code that opens the lookup for the dossier (receipts and pages)."""
    import qrcode

    qr = qrcode.QRCode(
        box_size=box_size, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M
    )
    qr.add_data(lookup_url_for(dossier))
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
