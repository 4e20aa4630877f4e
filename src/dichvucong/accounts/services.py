"""Writes about accounts: registration, identity verification, profile changes, staff roles."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.models import (
    StaffRole,
    VerificationLevel,
    VerificationMethod,
    VerificationStatus,
)
from dichvucong.accounts.permissions import may_verify_identity
from dichvucong.accounts.selectors import forget_staff_roles, id_number_taken, phone_taken
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
