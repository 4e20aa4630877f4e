"""Small value checks for the import format; each returns a Vietnamese reason or None."""

import re

from django.utils.translation import gettext as _

CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Problems:
    """Collects the reasons a catalog file is refused, each prefixed by where it happened."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, reason: str) -> None:
        self.messages.append(f"{where}: {reason}")

    def __bool__(self) -> bool:
        return bool(self.messages)


def text(row: dict, key: str, *, required=False, max_length: int | None = None) -> str | None:
    value = row.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        return _("“%(key)s” phải là chuỗi ký tự.") % {"key": key}
    if required and not value.strip():
        return _("thiếu “%(key)s”.") % {"key": key}
    if max_length and len(value) > max_length:
        return _("“%(key)s” dài quá %(max)d ký tự.") % {"key": key, "max": max_length}
    return None


def integer(row: dict, key: str, *, low=0, high=10**12) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return _("“%(key)s” phải là số nguyên từ %(low)d đến %(high)d.") % {
            "key": key,
            "low": low,
            "high": high,
        }
    return None


def boolean(row: dict, key: str) -> str | None:
    if row.get(key) is not None and not isinstance(row[key], bool):
        return _("“%(key)s” phải là true hoặc false.") % {"key": key}
    return None


def string_list(row: dict, key: str) -> str | None:
    value = row.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return _("“%(key)s” phải là danh sách chuỗi ký tự.") % {"key": key}
    return None


def unknown_keys(row: dict, allowed: frozenset[str]) -> str | None:
    extra = sorted(set(row) - allowed)
    if extra:
        return _("khóa không được hỗ trợ: %(keys)s.") % {"keys": ", ".join(extra)}
    return None


def code(row: dict, key: str = "code", *, slug=False) -> str | None:
    problem = text(row, key, required=True, max_length=80)
    if problem:
        return problem
    pattern = SLUG_RE if slug else CODE_RE
    if not pattern.match(row[key]):
        return _("mã “%(code)s” có ký tự không hợp lệ.") % {"code": row[key]}
    return None
