"""Writes about accounts: registration, identity verification, profile changes, staff roles."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.models import (
    AccountType,
    NationalIdentity,
    StaffRole,
    VerificationLevel,
    VerificationMethod,
    VerificationStatus,
)
from dichvucong.accounts.permissions import may_verify_identity
from dichvucong.accounts.selectors import (
    LEVEL_RANK,
    forget_staff_roles,
    id_number_taken,
    phone_taken,
)
from dichvucong.core.audit import audit_log

MEDIUM_METHODS = {VerificationMethod.PHONE, VerificationMethod.SOCIAL_INSURANCE}
HIGH_METHODS = {VerificationMethod.USB_TOKEN, VerificationMethod.SIM_SIGNATURE}
PROFILE_FIELDS = (
    "account_type",
    "full_name",
    "id_number",
    "phone",
    "email",
    "enterprise_code",
    "organisation_name",
    "agency_code",
    "social_insurance_code",
)


class DuplicateAccountError(Exception):
    """Another account already holds this ID number or phone; the message is for the user."""


def _verification_for(method: str) -> dict[str, Any]:
    if method in MEDIUM_METHODS:
        return {
            "verification_level": VerificationLevel.MEDIUM,
            "verification_status": VerificationStatus.VERIFIED,
            "verified_at": timezone.now(),
        }
    if method in HIGH_METHODS:
        return {
            "verification_level": VerificationLevel.HIGH,
            "verification_status": VerificationStatus.VERIFIED,
            "verified_at": timezone.now(),
        }
    return {
        "verification_level": VerificationLevel.NONE,
        "verification_status": VerificationStatus.PENDING,
    }


def register_account(
    *,
    data: dict[str, Any],
    method: str,
    password: str,
    certificate_fingerprint: str = "",
    ip_address: str | None = None,
):
    """Create a verified (or, at the post office, pending) account from the wizard's data."""
    User = get_user_model()
    values = {field: data.get(field) or "" for field in PROFILE_FIELDS}
    values["phone"] = values["phone"] or None
    values["date_of_birth"] = dt.date.fromisoformat(data["date_of_birth"])
    values |= _verification_for(method)
    try:
        with transaction.atomic():
            if id_number_taken(values["id_number"]):
                raise DuplicateAccountError(_("Số định danh cá nhân này đã có tài khoản."))
            if values["phone"] and phone_taken(values["phone"]):
                raise DuplicateAccountError(_("Số điện thoại này đã được dùng cho tài khoản khác."))
            user = User(
                username=values["id_number"],
                verification_method=method,
                certificate_fingerprint=certificate_fingerprint,
                **values,
            )
            user.set_password(password)
            user.save()
            audit_log(
                action="accounts.register",
                actor=user,
                target=user,
                data={"method": method, "level": user.verification_level},
                ip_address=ip_address,
            )
    except IntegrityError as exc:
        raise DuplicateAccountError(
            _("Số định danh hoặc số điện thoại này đã có tài khoản.")
        ) from exc
    return user


def verify_identity_in_person(*, account, officer, ip_address: str | None = None):
    """Record that an officer checked the account holder's ID paper; raise its level."""
    if not may_verify_identity(officer):
        raise PermissionDenied(_("Bạn không có quyền xác minh danh tính công dân."))
    User = get_user_model()
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=account.pk)
        if account.verification_status == VerificationStatus.VERIFIED:
            return account
        account.verification_status = VerificationStatus.VERIFIED
        account.verification_level = VerificationLevel.MEDIUM
        account.verified_at = timezone.now()
        account.verified_by = officer
        account.save(
            update_fields=[
                "verification_status",
                "verification_level",
                "verified_at",
                "verified_by",
            ]
        )
        audit_log(
            action="accounts.verify_identity",
            actor=officer,
            target=account,
            data={"method": account.verification_method},
            ip_address=ip_address,
        )
    return account


def set_password_after_otp(*, user, password: str, ip_address: str | None = None) -> None:
    """Replace a forgotten password once the OTP to the account's phone was confirmed."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_log(action="accounts.password_reset", actor=user, target=user, ip_address=ip_address)


def change_phone(*, user, phone: str, ip_address: str | None = None) -> None:
    """Store a new phone number confirmed by OTP."""
    try:
        with transaction.atomic():
            if phone_taken(phone, exclude_pk=user.pk):
                raise DuplicateAccountError(_("Số điện thoại này đã được dùng cho tài khoản khác."))
            old = user.phone or ""
            user.phone = phone
            user.save(update_fields=["phone"])
            audit_log(
                action="accounts.phone_change",
                actor=user,
                target=user,
                data={"old_suffix": old[-3:], "new_suffix": phone[-3:]},
                ip_address=ip_address,
            )
    except IntegrityError as exc:
        raise DuplicateAccountError(
            _("Số điện thoại này đã được dùng cho tài khoản khác.")
        ) from exc


def update_contact(
    *, user, email: str, province_code: str, commune_code: str, address_line: str
) -> None:
    """Save the account's email and contact address."""
    user.email = email
    user.province_code = province_code
    user.commune_code = commune_code
    user.address_line = address_line
    user.save(update_fields=["email", "province_code", "commune_code", "address_line"])


def grant_staff_role(*, user, agency, role: str, actor=None) -> StaffRole:
    """Give a user a role in an agency (idempotent) and record who did it."""
    with transaction.atomic():
        staff_role, created = StaffRole.objects.get_or_create(user=user, agency=agency, role=role)
        if created:
            audit_log(
                action="staff_role.grant",
                actor=actor,
                target=staff_role,
                data={"user": user.pk, "agency": agency.pk, "role": role},
            )
    forget_staff_roles(user)
    return staff_role


def revoke_staff_role(*, staff_role: StaffRole, actor=None) -> None:
    """Take a role away and record who did it."""
    with transaction.atomic():
        user = staff_role.user
        audit_log(
            action="staff_role.revoke",
            actor=actor,
            target=staff_role,
            data={"user": user.pk, "agency": staff_role.agency_id, "role": staff_role.role},
        )
        staff_role.delete()
    forget_staff_roles(user)


# --- National sign-in (VNeID / DVCQG through dichvucong.interop; docs/IDENTITY.md) ----------


@dataclass(frozen=True)
class NationalPerson:
    """What a national identity provider vouched for, already mapped from its claims."""

    provider: str
    subject: str
    account_type: str
    id_number: str  # SoDinhDanh: the citizen's ID number, or a business's tax code
    full_name: str
    date_of_birth: dt.date | None = None
    tech_id: str = ""
    level: int | None = None
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class NationalSignIn:
    """The outcome: the account to log in, or a local account that must first be proven."""

    user: Any = None
    needs_proof: Any = None  # an existing local account with the same number, not yet linked


def _account_matching(person: NationalPerson):
    User = get_user_model()
    if person.account_type == AccountType.BUSINESS:
        return User.objects.filter(
            account_type=AccountType.BUSINESS, enterprise_code=person.id_number
        ).first()
    return User.objects.filter(id_number=person.id_number).first()


def _national_level(level: int | None) -> str:
    return VerificationLevel.HIGH if (level or 0) >= 2 else VerificationLevel.MEDIUM


def _apply_claims(user, person: NationalPerson, *, creating: bool) -> None:
    """Copy the provider's facts onto the account; a phone another account holds is skipped."""
    if person.full_name:
        if person.account_type == AccountType.BUSINESS:
            user.organisation_name = person.full_name
        user.full_name = person.full_name
    if person.date_of_birth:
        user.date_of_birth = person.date_of_birth
    if person.email and (creating or not user.email):
        user.email = person.email
    if person.phone and not user.phone and not phone_taken(person.phone):
        user.phone = person.phone
    if LEVEL_RANK[_national_level(person.level)] > LEVEL_RANK[user.verification_level]:
        user.verification_level = _national_level(person.level)
    user.verification_status = VerificationStatus.VERIFIED
    user.verified_at = user.verified_at or timezone.now()


def _touch_link(user, person: NationalPerson) -> NationalIdentity:
    link, _created = NationalIdentity.objects.update_or_create(
        provider=person.provider,
        subject=person.subject,
        defaults={
            "user": user,
            "tech_id": person.tech_id,
            "level": person.level,
            "last_sign_in_at": timezone.now(),
        },
    )
    return link


def national_sign_in(*, person: NationalPerson, ip_address: str | None = None) -> NationalSignIn:
    """Find, update or create the account a national sign-in stands for.

    Already linked (provider + subject): the account is updated from the claims. No link but a
    local account with the same ID number (a business: tax code): nothing is written, the
    caller must have the person prove that account (`link_national_identity`). Neither: a new
    account is created, verified at the provider's level, with no usable password.
    """
    User = get_user_model()
    with transaction.atomic():
        link = (
            NationalIdentity.objects.select_related("user")
            .filter(provider=person.provider, subject=person.subject)
            .first()
        )
        if link is not None:
            user = User.objects.select_for_update().get(pk=link.user_id)
            _apply_claims(user, person, creating=False)
            user.save()
            _touch_link(user, person)
            audit_log(
                action="accounts.national_sign_in",
                actor=user,
                target=user,
                data={"provider": person.provider, "level": person.level},
                ip_address=ip_address,
            )
            return NationalSignIn(user=user)
        existing = _account_matching(person)
        if existing is not None:
            return NationalSignIn(needs_proof=existing)
        business = person.account_type == AccountType.BUSINESS
        user = User(
            username=f"mst-{person.id_number}" if business else person.id_number,
            account_type=person.account_type,
            id_number=None if business else person.id_number,
            enterprise_code=person.id_number if business else "",
        )
        user.set_unusable_password()
        _apply_claims(user, person, creating=True)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:
            raise DuplicateAccountError(
                _("Số định danh này đã có tài khoản. Vui lòng đăng nhập lại.")
            ) from exc
        _touch_link(user, person)
        audit_log(
            action="accounts.national_register",
            actor=user,
            target=user,
            data={"provider": person.provider, "level": person.level},
            ip_address=ip_address,
        )
    return NationalSignIn(user=user)


def link_national_identity(
    *, user, person: NationalPerson, proof: str, ip_address: str | None = None
):
    """Link a national sign-in to an existing local account the person has just proven
    (`proof`: "password" or "otp"); the caller checked the proof."""
    if _account_matching(person) != user:
        raise PermissionDenied(_("Tài khoản này không khớp với thông tin định danh."))
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _apply_claims(user, person, creating=False)
        user.save()
        _touch_link(user, person)
        audit_log(
            action="accounts.national_link",
            actor=user,
            target=user,
            data={"provider": person.provider, "level": person.level, "proof": proof},
            ip_address=ip_address,
        )
    return user
