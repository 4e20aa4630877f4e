"""A signing plug-in on the citizen's computer (USB token), reached by the page's script.

Vietnamese CA plug-ins listen on a loopback port. The portal's script (static/js/signature.js)
speaks this shape to SIGNATURE_PLUGIN_URL, one JSON POST per call (CORS from the portal's
origin), documented in docs/IDENTITY.md:

    → {"method": "get_certificate"}
    ← {"ok": true, "certificate": "<PEM chain: signer first, then intermediates>"}
    → {"method": "sign", "data": "<base64 of the challenge>", "hash": "sha256"}
    ← {"ok": true, "signature": "<base64>", "certificate": "<PEM chain>"}
    ← {"ok": false, "error": "cancelled" | "no_token" | "<text>"}
"""

from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.models import VerificationMethod
from dichvucong.accounts.signing_means import SignatureProvider


class PluginProvider(SignatureProvider):
    id = "plugin"
    label = _("Ký bằng USB ký số")
    help = _(
        "Cắm USB ký số vào máy tính và mở phần mềm ký số (plug-in) của tổ chức cung cấp chữ ký "
        "số, rồi bấm nút dưới đây."
    )
    browser = True
    methods = frozenset({VerificationMethod.USB_TOKEN})
    url_settings = ("SIGNATURE_PLUGIN_URL",)
