"""System check: an enabled document signer has its key and secret (else refuse to start)."""

from django.conf import settings

from dichvucong.core.providers import provider_checks


def check_signer(app_configs=None, **kwargs):
    """Refuse an ESIGN_SIGNER that is unknown or lacks its settings (empty: signing off)."""
    from dichvucong.esign.signers import SIGNER_CLASSES

    return provider_checks(
        provider_ids=[settings.ESIGN_SIGNER] if settings.ESIGN_SIGNER else [],
        registry=SIGNER_CLASSES,
        kind="document signer",
        switch="ESIGN_SIGNER",
        check_id="esign",
    )
