"""Granting and removing officer roles, kept in step with the accounts part's groups."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from dichvucong.core.audit import audit_log
from dichvucong.processing.models import StaffRole, StaffRoleKind

# accounts.selectors.is_officer() recognises back-office users by group membership, and the
# identity clerk by the accounts.verify_identity permission: both follow the staff roles.
OFFICER_GROUP = "Cán bộ xử lý hồ sơ"
IDENTITY_GROUP = "Cán bộ xác minh danh tính"


def sync_staff_groups(user) -> None:
    """Put the user in the officer groups their staff roles call for, and only those."""
    roles = set(StaffRole.objects.filter(user=user).values_list("role", flat=True))
    officer, _ = Group.objects.get_or_create(name=OFFICER_GROUP)
    identity, created = Group.objects.get_or_create(name=IDENTITY_GROUP)
    if created:
        permission = Permission.objects.filter(
            content_type__app_label="accounts", codename="verify_identity"
        ).first()
        if permission is not None:
            identity.permissions.add(permission)
    (user.groups.add if roles else user.groups.remove)(officer)
    (user.groups.add if StaffRoleKind.IDENTITY_CLERK in roles else user.groups.remove)(identity)


def grant_staff_role(*, user, agency, role: str, actor=None) -> StaffRole:
    """Give a user a role in an agency (idempotent) and record who did it."""
    with transaction.atomic():
        staff_role, created = StaffRole.objects.get_or_create(user=user, agency=agency, role=role)
        sync_staff_groups(user)
        if created:
            audit_log(
                action="staff_role.grant",
                actor=actor,
                target=staff_role,
                data={"user": user.pk, "agency": agency.pk, "role": role},
            )
    return staff_role


def revoke_staff_role(*, staff_role: StaffRole, actor=None) -> None:
    """Take a role away and update the user's groups."""
    with transaction.atomic():
        user = staff_role.user
        audit_log(
            action="staff_role.revoke",
            actor=actor,
            target=staff_role,
            data={"user": user.pk, "agency": staff_role.agency_id, "role": staff_role.role},
        )
        staff_role.delete()
        sync_staff_groups(user)
