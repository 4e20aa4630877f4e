"""Calibrate the blur warning on phone-photo-like pictures of papers (12 MP, generated).

    /work/main/.venv/bin/python bench/blur_calibration.py

Each photo goes through the real upload pipeline (check_upload); the table gives its score
and whether it is flagged. The set and the figures are recorded in docs/RELIABILITY.md.
"""

import io
import itertools
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop")

SEEDS = (0, 1)
LINES = (60, 12, 3)  # a full page, a short certificate, three lines on a blank sheet
NOISE = (6, 14)  # sensor noise (standard deviation, 0–255): daylight, dim room
BLUR = (0, 2, 3, 4, 6)  # Gaussian radius in pixels of the 12 MP photo; 0 = in focus


def main() -> None:
    import django

    django.setup()
    from django.conf import settings

    from dichvucong.dossiers.tests.photos import paper_photo
    from dichvucong.dossiers.uploads import check_upload

    rows = []
    for seed, lines, noise, blur in itertools.product(SEEDS, LINES, NOISE, BLUR):
        data = paper_photo(seed=seed, lines=lines, noise=noise, blur=blur)
        started = time.perf_counter()
        checked = check_upload(io.BytesIO(data), name="IMG.jpg", size=len(data))
        rows.append(
            {
                "seed": seed,
                "lines": lines,
                "noise": noise,
                "blur": blur,
                "score": checked.blur_score,
                "flagged": checked.is_blurry,
                "ms": round((time.perf_counter() - started) * 1000),
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    print(f"\nthreshold {settings.UPLOAD_BLUR_THRESHOLD}")
    print("blur  lines  scores (min–max)  flagged")
    for blur, lines in itertools.product(BLUR, LINES):
        group = [r for r in rows if r["blur"] == blur and r["lines"] == lines]
        scores = [r["score"] for r in group]
        flagged = sum(r["flagged"] for r in group)
        low, high = min(scores), max(scores)
        print(f"{blur:>4}  {lines:>5}  {low:>5.0f}–{high:<5.0f}  {flagged}/{len(group)}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "blur_calibration.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
