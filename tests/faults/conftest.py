"""The fault and hostile-input suite: shared fixtures and the figures printed at the end.

Run it alone with `pytest tests/faults`; it is part of the normal suite too. Every test records
what it tried through `record(...)`; the totals are printed after the run and written to
`test-artifacts/faults.json` (docs/RELIABILITY.md, "Fault and hostile-input suite").
"""

import json
import re
import traceback
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIETNAMESE = re.compile(
    r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I
)

INPUTS: Counter = Counter()
FIGURES: Counter = Counter()


def record(family: str, response=None, *, leak: bool = False, lost: bool = False) -> None:
    """Count one input of a family, and a 500, a cross-user leak or lost data if it gave one."""
    INPUTS[family] += 1
    if response is not None and response.status_code >= 500:
        FIGURES["server_errors"] += 1
    if leak:
        FIGURES["leaks"] += 1
    if lost:
        FIGURES["data_lost"] += 1


def no_server_error(response, what: str) -> None:
    """Fail with the server's traceback if the response is a 5xx."""
    if response.status_code < 500:
        return
    detail = ""
    if getattr(response, "exc_info", None):
        detail = "".join(traceback.format_exception(*response.exc_info))
    pytest.fail(f"{what}: {response.status_code}\n{detail}")


def is_vietnamese(text: str) -> bool:
    return bool(VIETNAMESE.search(text or ""))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Store uploads under the test's temporary folder, so what was stored can be counted."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


def stored_files(media: Path) -> int:
    return sum(1 for p in media.rglob("*") if p.is_file()) if media.exists() else 0


def pytest_terminal_summary(terminalreporter):
    if not INPUTS:
        return
    figures = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "inputs": sum(INPUTS.values()),
        "inputs_by_family": dict(sorted(INPUTS.items())),
        "server_errors": FIGURES["server_errors"],
        "leaks": FIGURES["leaks"],
        "data_lost": FIGURES["data_lost"],
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "faults.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    terminalreporter.section("fault and hostile-input suite")
    for family, count in figures["inputs_by_family"].items():
        terminalreporter.write_line(f"{family:>24}: {count}")
    terminalreporter.write_line(
        f"inputs {figures['inputs']} · 500s {figures['server_errors']} · "
        f"leaks {figures['leaks']} · data lost {figures['data_lost']} "
        f"(test-artifacts/faults.json)"
    )
