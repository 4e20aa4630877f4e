"""Time PAdES signing and verification (run: python bench/signing.py); issue 15's targets are
sign <= 300 ms and validate <= 200 ms at p95, no network revocation lookups."""

import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["ESIGN_SIGNER"] = "demo"
os.environ["ESIGN_DEMO_CA_DIR"] = str(Path(tempfile.mkdtemp()) / "demo-ca")

import django

django.setup()

from dichvucong.core.pdf import new_pdf, paragraph, render  # noqa: E402
from dichvucong.esign.pades import Stamp  # noqa: E402
from dichvucong.esign.signers import current_signer  # noqa: E402
from dichvucong.esign.verify import verify_pdf  # noqa: E402


def timed(label: str, fn, runs: int):
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    print(
        f"{label:<40} p50 {statistics.median(samples):7.1f} ms   "
        f"p95 {samples[max(0, int(len(samples) * 0.95) - 1)]:7.1f} ms   ({runs} runs)"
    )
    return result


def document(pages: int) -> bytes:
    pdf = new_pdf(title="Kết quả giải quyết")
    for n in range(pages):
        if n:
            pdf.add_page()
        for _ in range(30):
            paragraph(pdf, "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở " * 2)
    return render(pdf)


def main() -> None:
    signer = current_signer()
    stamp = Stamp(
        signer=signer.signer_name(),
        agency="UBND xã Hàm Thắng",
        signed_at=dt.datetime.now(dt.UTC),
        code="000.00.06.H56-261125-0007-KQ1",
        url="https://dichvucong.example/xac-thuc/000.00.06.H56-261125-0007-KQ1/",
    )
    start = time.perf_counter()
    signer.sign_file(document(1), stamp=stamp, reason="warm-up")
    print(f"first signature (demo CA + font)        {(time.perf_counter() - start) * 1000:7.1f} ms")
    result, slip = document(10), document(1)
    signed = timed(
        "sign a 10-page result",
        lambda: signer.sign_file(result, stamp=stamp, reason="bench"),
        int(os.environ.get("RUNS", "20")),
    )
    timed(
        "sign a one-page slip",
        lambda: signer.sign_file(slip, stamp=stamp, reason="bench"),
        int(os.environ.get("RUNS", "20")),
    )
    timed("validate the signed result", lambda: verify_pdf(signed), 20)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
