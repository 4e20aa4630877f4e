"""Create, revoke and authenticate agency API clients (the writes and the token check).

A client acts as its own service user: the status machine checks that user's staff roles in
the client's agency, exactly as it checks an officer's, and every change is audited with the
service user as the actor.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dichvucong.accounts.models import StaffRoleKind
from dichvucong.accounts.services import grant_staff_role
from dichvucong.api.models import ApiClient, Scope
from dichvucong.core.audit import audit_log
from dichvucong.core.signing import sha256_hex

TOKEN_PREFIX = "dvc_"  # noqa: S105 (the public prefix of every token, not a secret)
# Roles a service user may hold: the dossier roles the status machine knows.
SERVICE_ROLES = frozenset({StaffRoleKind.COUNTER, StaffRoleKind.SPECIALIST, StaffRoleKind.LEADER})


class ClientError(ValueError):
    """A client cannot be created as asked (unknown scope or role)."""


def token_digest(token: str) -> str:
    """Return the stored digest of a token (random 256-bit tokens need no slow hash)."""
    return sha256_hex(token)


def create_api_client(
    *, name: str, agency, scopes: list[str], roles: list[str], actor=None
) -> tuple[ApiClient, str]:
    """Create a client with a new service user and return it with its token (shown once)."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ClientError(f"unknown or missing scopes: {sorted(unknown)}; use {Scope.values}")
    if not roles or set(roles) - SERVICE_ROLES:
        raise ClientError(f"roles must be among {sorted(SERVICE_ROLES)}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        user = get_user_model()(
            username=f"api.{secrets.token_hex(6)}", full_name=name, is_active=True
        )
        user.set_unusable_password()
        user.save()
        client = ApiClient.objects.create(
            name=name,
            agency=agency,
            service_user=user,
            token_prefix=token[: len(TOKEN_PREFIX) + 6],
            token_digest=token_digest(token),
            scopes=sorted(set(scopes)),
        )
        for role in sorted(set(roles)):
            grant_staff_role(user=user, agency=agency, role=role, actor=actor)
        audit_log(
            action="api_client.create",
            actor=actor,
            target=client,
            data={"agency": agency.pk, "scopes": client.scopes, "roles": sorted(set(roles))},
        )
    return client, token


def revoke_api_client(*, client: ApiClient, actor=None) -> None:
    """Stop a client's token working (its history and audit rows stay)."""
    with transaction.atomic():
        ApiClient.objects.filter(pk=client.pk).update(is_active=False)
        audit_log(action="api_client.revoke", actor=actor, target=client)


def client_for_token(token: str | None) -> ApiClient | None:
    """Return the active client a bearer token belongs to, or None."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    client = (
        ApiClient.objects.select_related("agency", "service_user")
        .filter(token_digest=token_digest(token), is_active=True, service_user__is_active=True)
        .first()
    )
    if client is not None:
        now = timezone.now()
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return client
