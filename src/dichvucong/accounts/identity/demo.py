"""The demo identity provider: answers from the demo province's social-insurance registry."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings

from dichvucong.accounts.identity import IdentityCheck, IdentityProvider, IdentityProviderError
from dichvucong.core.text import fold


class DemoIdentityProvider(IdentityProvider):
    id = "demo"

    def _registry(self) -> dict[str, dict]:
        path = Path(settings.IDENTITY_DEMO_REGISTRY)
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IdentityProviderError(f"demo registry unreadable: {path}") from exc
        return {row["ma_bhxh"]: row for row in rows}

    def check_social_insurance(
        self, *, code: str, id_number: str, full_name: str, date_of_birth: date
    ) -> IdentityCheck:
        row = self._registry().get(code.strip())
        if row is None:
            return IdentityCheck(False, "unknown_code")
        same_person = (
            row["so_dinh_danh"] == id_number
            and row["ngay_sinh"] == date_of_birth.isoformat()
            and fold(row["ho_ten"]).lower().split() == fold(full_name).lower().split()
        )
        return IdentityCheck(same_person, "" if same_person else "mismatch")
