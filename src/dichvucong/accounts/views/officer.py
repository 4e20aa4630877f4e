"""Back-office identity verification for accounts registered "at the post office"."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dichvucong.accounts.permissions import may_verify_identity
from dichvucong.accounts.selectors import pending_post_office_accounts
from dichvucong.accounts.services import verify_identity_in_person
from dichvucong.accounts.views.common import client_ip, redirect_to


def _clerk_only(view):
    """Send visitors to login; refuse (403) users who may not verify identities."""

    def check(user):
        if user.is_authenticated and not may_verify_identity(user):
            raise PermissionDenied
        return user.is_authenticated

    return user_passes_test(check)(view)


@_clerk_only
@require_GET
def pending_list(request: HttpRequest) -> HttpResponse:
    """List accounts waiting for their ID paper to be checked."""
    return render(
        request, "accounts/officer_pending.html", {"accounts": pending_post_office_accounts()[:200]}
    )


@_clerk_only
@require_POST
def verify_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an account verified after the officer checked the ID paper."""
    # Nobody vouches for their own identity.
    account = get_object_or_404(pending_post_office_accounts().exclude(pk=request.user.pk), pk=pk)
    verify_identity_in_person(account=account, officer=request.user, ip_address=client_ip(request))
    messages.success(request, _("Đã xác minh tài khoản %(name)s.") % {"name": account.full_name})
    return redirect_to("officer_pending")
