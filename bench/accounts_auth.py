"""Time the CPU-heavy steps of registration and login (run: python bench/accounts_auth.py)."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.test import override_settings  # noqa: E402

from dichvucong.accounts import captcha, signature  # noqa: E402
from dichvucong.accounts.tests.signing_ca import build_test_ca  # noqa: E402
from dichvucong.core.vn.identity import validate_cccd  # noqa: E402
from dichvucong.core.vn.phones import normalise_mobile  # noqa: E402


def timed(label: str, fn, runs: int) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    print(
        f"{label:<44} median {statistics.median(samples):7.2f} ms   "
        f"p95 {samples[int(len(samples) * 0.95) - 1]:7.2f} ms   ({runs} runs)"
    )


def main() -> None:
    timed("captcha: draw PNG", lambda: captcha.render_png("AB3CD"), 200)
    encoded = make_password("Ngay-moi-2026!")
    timed("password: Argon2 check (login)", lambda: check_password("Ngay-moi-2026!", encoded), 30)
    timed(
        "validate CCCD + normalise phone",
        lambda: (validate_cccd("060195001122"), normalise_mobile("0987 654 321")),
        2000,
    )
    ca = build_test_ca()
    leaf = ca.leaf("060195001122")
    chain = leaf.pem + ca.intermediate.pem
    with override_settings(TRUSTED_SIGNATURE_ROOTS=[ca.root.pem], SIGNATURE_CRLS=[ca.crl()]):

        def verify() -> None:
            session: dict = {}
            challenge = signature.issue_challenge(session)["challenge"]
            signed = leaf.key.sign(challenge.encode(), ec.ECDSA(hashes.SHA256()))
            signature.verify_response(session=session, certificate=chain, signature=signed)

        timed("signature: ECDSA chain + CRL verify", verify, 200)


if __name__ == "__main__":
    main()
