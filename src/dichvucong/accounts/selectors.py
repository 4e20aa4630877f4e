"""Reads about accounts that several pages share."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from dichvucong.accounts.models import VerificationLevel, VerificationMethod, VerificationStatus
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


IDENTITY_CLERK_ROLE = "identity_clerk"


def _staff_roles(user):
    # `staff_roles` is the reverse relation of processing.StaffRole; accounts does not import it.
    return getattr(user, "staff_roles", None)


def is_officer(user) -> bool:
    """Return True for back-office users: staff, holders of a staff role or permission."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.groups.exists() or user.has_perm("accounts.verify_identity"):
        return True
    # Later parts (the back office's staff roles) say who else is an officer, without this
    # app importing them: each entry of OFFICER_PREDICATES is a dotted path to `f(user)`.
    return any(import_string(path)(user) for path in settings.OFFICER_PREDICATES)


def can_verify_identity(user) -> bool:
    """Return True for holders of `accounts.verify_identity` or the identity-clerk staff role."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles = _staff_roles(user)
    return user.has_perm("accounts.verify_identity") or (
        roles is not None and roles.filter(role=IDENTITY_CLERK_ROLE).exists()
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
