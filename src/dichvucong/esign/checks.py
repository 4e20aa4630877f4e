"""System check: an enabled document signer has its key and secret (else refuse to start)."""

from django.conf import settings

from dichvucong.core.providers import provider_checks


def check_signer(app_configs=None, **kwargs):
    """Refuse an ESIGN_SIGNER that is unknown or lacks its settings (empty: signing off), a TSA
    that is no http(s) URL, and leaders' signatures without the remote signing service."""
    from urllib.parse import urlsplit

    from django.core import checks

    from dichvucong.esign.signers import SIGNER_CLASSES

    messages = []
    tsa = urlsplit(settings.ESIGN_TSA_URL)
    if settings.ESIGN_TSA_URL and (tsa.scheme not in ("http", "https") or not tsa.netloc):
        messages.append(checks.Error("ESIGN_TSA_URL is not an http(s) URL.", id="esign.E003"))
    if settings.ESIGN_RESULTS_SIGNED_BY not in ("agency", "leader"):
        messages.append(
            checks.Error("ESIGN_RESULTS_SIGNED_BY is neither agency nor leader.", id="esign.E004")
        )
    elif settings.ESIGN_RESULTS_SIGNED_BY == "leader" and settings.ESIGN_SIGNER != "remote":
        messages.append(
            checks.Error(
                "ESIGN_RESULTS_SIGNED_BY=leader needs ESIGN_SIGNER=remote (the leaders' own "
                "certificates are held by the remote signing service).",
                id="esign.E004",
            )
        )
    return messages + provider_checks(
        provider_ids=[settings.ESIGN_SIGNER] if settings.ESIGN_SIGNER else [],
        registry=SIGNER_CLASSES,
        kind="document signer",
        switch="ESIGN_SIGNER",
        check_id="esign",
    )
