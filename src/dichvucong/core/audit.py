"""Write audit rows; called inside the service transaction that makes the change."""

import ipaddress
from typing import Any

from django.conf import settings
from django.db import models

from dichvucong.core.models import AuditLog


def client_ip(request: Any) -> str | None:
    """Return the visitor's address: the socket's, or the one our own proxies forwarded."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    # Behind reverse proxies REMOTE_ADDR is the last proxy's: every visitor would share one
    # rate-limit bucket. Each trusted proxy appends the address it saw to X-Forwarded-For, so
    # the entry that many places from the right is the visitor's; entries further left were
    # written by the visitor and prove nothing.
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    if len(hops) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote


def audit_log(
    *,
    action: str,
    actor: Any = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditLog:
    """Append one audit row for an action on a target."""
    return AuditLog.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
        ip_address=ip_address,
    )
