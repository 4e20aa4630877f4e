"""Plain factory functions for accounts in tests."""

from itertools import count

from dichvucong.accounts.models import AccountType, User, VerificationLevel, VerificationStatus

_seq = count(1)
PASSWORD = "Mat-khau-thu-nghiem-2026"


def make_citizen(**overrides) -> User:
    n = next(_seq)
    values = {
        "username": f"0010900{n:05d}",
        "id_number": f"0010900{n:05d}",
        "phone": f"+8491{n:07d}",
        "full_name": f"Nguyễn Văn Thử {n}",
        "account_type": AccountType.CITIZEN,
        "verification_level": VerificationLevel.MEDIUM,
        "verification_status": VerificationStatus.VERIFIED,
    } | overrides
    password = values.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **values)


def make_staff(**overrides) -> User:
    n = next(_seq)
    values = {"username": f"canbo{n}", "full_name": f"Cán bộ {n}", "is_staff": False} | overrides
    password = values.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **values)
