"""Test helpers: a small PDF, and settings that sign with a demo CA in a temporary folder."""

import datetime as dt

from dichvucong.core.pdf import new_pdf, paragraph, render

SIGNED_AT = dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)


def small_pdf(text: str = "Giấy chứng nhận đăng ký kết hôn") -> bytes:
    pdf = new_pdf(title="Kết quả giải quyết")
    paragraph(pdf, text)
    return render(pdf)


def use_demo_signer(settings, directory) -> None:
    """Sign with the demo signer whose CA lives in `directory` (made on first use)."""
    settings.ESIGN_SIGNER = "demo"
    settings.ESIGN_DEMO_CA_DIR = str(directory)
    settings.TRUSTED_SIGNATURE_ROOTS = []
    settings.SIGNATURE_CRLS = []


def use_remote_signer(settings, url: str) -> None:
    """Sign through the remote provider at `url` (a FakeRemoteSigner) with its credentials."""
    from dichvucong.esign.signers import remote
    from dichvucong.esign.tests.fake_remote import CLIENT_ID, SECRET

    remote._CERTS.clear()
    settings.ESIGN_SIGNER = "remote"
    settings.ESIGN_TRUST_DEMO_CA = True  # the fake holds the demo CA's agency key
    settings.ESIGN_REMOTE_URL = url
    settings.ESIGN_REMOTE_CLIENT_ID = CLIENT_ID
    settings.ESIGN_REMOTE_SECRET = SECRET
    settings.ESIGN_REMOTE_TIMEOUT = 10
