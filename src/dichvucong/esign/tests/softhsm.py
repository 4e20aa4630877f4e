"""A SoftHSM2 token initialised in a temporary folder, holding the demo CA's agency key and
certificate (what a USB token issued by a CA holds)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "dvc-test-token"
LABEL = "agency"
PIN = "246810"
SO_PIN = "13579111"


def softhsm_available() -> bool:
    return bool(shutil.which("softhsm2-util")) and Path(MODULE).exists()


def skip_or_fail_without_softhsm() -> None:
    if softhsm_available():
        return
    reason = f"SoftHSM2 is not installed (softhsm2-util, {MODULE}): apt-get install softhsm2"
    if os.environ.get("E2E_REQUIRED"):
        pytest.fail(reason)
    pytest.skip(reason)


def init_token(directory: Path, ca_dir: Path) -> None:
    """Make a token under `directory` (SOFTHSM2_CONF points there) with the agency's key,
    imported by softhsm2-util, and its certificate and the root, written over PKCS#11."""
    tokens = directory / "tokens"
    tokens.mkdir(parents=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)

    def util(*args):
        subprocess.run(["softhsm2-util", *args], check=True, capture_output=True, timeout=60)

    util("--init-token", "--free", "--label", TOKEN, "--so-pin", SO_PIN, "--pin", PIN)
    util(
        "--import",
        str(ca_dir / "agency-key.pem"),
        "--token",
        TOKEN,
        "--label",
        LABEL,
        "--id",
        "01",
        "--pin",
        PIN,
    )

    import pkcs11
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(MODULE).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        for name, label, key_id in (("agency.pem", LABEL, b"\x01"), ("root.pem", "root", b"\x02")):
            der = pem.unarmor((ca_dir / name).read_bytes())[2]
            cert = asn1_x509.Certificate.load(der)
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: key_id,
                    Attribute.SUBJECT: cert.subject.dump(),
                    Attribute.ISSUER: cert.issuer.dump(),
                    Attribute.SERIAL_NUMBER: cert["tbs_certificate"]["serial_number"].dump(),
                    Attribute.VALUE: der,
                }
            )
