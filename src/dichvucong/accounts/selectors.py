"""Reads about accounts that several pages share, and the staff roles officers hold."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from dichvucong.accounts.models import (
    StaffRole,
    StaffRoleKind,
    VerificationLevel,
    VerificationMethod,
    VerificationStatus,
)
from dichvucong.core.vn.identity import looks_like_cccd, normalise_cccd
from dichvucong.core.vn.phones import normalise_mobile


def user_by_identifier(identifier: str):
    """Return the active user whose ID number, phone or username is `identifier`, or None."""
    User = get_user_model()
    value = (identifier or "").strip().replace(" ", "")
    if not value:
        return None
    if looks_like_cccd(value):
        return User.objects.filter(id_number=normalise_cccd(value), is_active=True).first()
    try:
        phone = normalise_mobile(value)
    except ValidationError:
        phone = None
    if phone:
        user = User.objects.filter(phone=phone, is_active=True).first()
        if user is not None:
            return user
    return User.objects.filter(username=value, is_active=True).first()


def staff_role_map(user) -> dict[int, frozenset[str]]:
    """Return the roles the user holds, by agency id (read once per request's user object)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
        return {}
    cached = getattr(user, "_staff_role_map", None)
    if cached is None:
        roles: dict[int, set[str]] = {}
        for agency_id, role in StaffRole.objects.filter(user=user).values_list("agency_id", "role"):
            roles.setdefault(agency_id, set()).add(role)
        cached = {agency_id: frozenset(held) for agency_id, held in roles.items()}
        user._staff_role_map = cached
    return cached


def forget_staff_roles(user) -> None:
    """Drop the roles cached on a user object (after a grant or a revocation)."""
    user.__dict__.pop("_staff_role_map", None)


def staff_roles(user, agency_id: int | None) -> set[str]:
    """Return the roles this user holds in one agency."""
    return set(staff_role_map(user).get(agency_id, ()))


def agencies_with_role(user, roles) -> set[int]:
    """Return the ids of the agencies where the user holds one of `roles`."""
    wanted = set(roles)
    return {agency_id for agency_id, held in staff_role_map(user).items() if held & wanted}


def specialists_of(agency_id: int) -> QuerySet:
    """Return the active users holding the specialist role in an agency, by name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            staff_roles__agency_id=agency_id,
            staff_roles__role=StaffRoleKind.SPECIALIST,
        )
        .order_by("full_name", "username")
    )


def pending_post_office_accounts() -> QuerySet:
    """Return accounts waiting for their ID paper to be checked, oldest first."""
    return (
        get_user_model()
        .objects.filter(
            verification_method=VerificationMethod.POST_OFFICE,
            verification_status=VerificationStatus.PENDING,
            is_active=True,
        )
        .order_by("date_joined")
    )


def id_number_taken(id_number: str) -> bool:
    """Return True when an account already uses this ID number."""
    return get_user_model().objects.filter(id_number=id_number).exists()


def phone_taken(phone: str, *, exclude_pk=None) -> bool:
    """Return True when another account already uses this phone."""
    return get_user_model().objects.filter(phone=phone).exclude(pk=exclude_pk).exists()


LEVEL_RANK = {VerificationLevel.NONE: 0, VerificationLevel.MEDIUM: 1, VerificationLevel.HIGH: 2}


def has_verification_level(user, level: str) -> bool:
    """Return True when the user's identity is verified at `level` or above (medium/high)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.verification_status != VerificationStatus.VERIFIED:
        return False
    return LEVEL_RANK.get(user.verification_level, 0) >= LEVEL_RANK[level]


def national_identity_of(user):
    """Return the account's most recently used national sign-in link (VNeID/DVCQG), or None."""
    from dichvucong.accounts.models import NationalIdentity

    return (
        NationalIdentity.objects.filter(user=user)
        .order_by("-last_sign_in_at", "-linked_at")
        .first()
    )
