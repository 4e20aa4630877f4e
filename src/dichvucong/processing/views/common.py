"""Shared helpers of the officer pages: access and dossier lookup scoped to the agency."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import lands_in_back_office
from dichvucong.dossiers.models import Dossier
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.selectors import staff_dossier_or_404


def officer_required(view):
    """Let only users holding a staff role in some agency in."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not lands_in_back_office(request.user):
            raise PermissionDenied(_("Trang này chỉ dành cho cán bộ."))
        return view(request, *args, **kwargs)

    return wrapper


def scoped_dossier(request, pk: int) -> Dossier:
    """Return a dossier of the officer's agencies, or 404 (never reveal others' dossiers)."""
    return staff_dossier_or_404(request.user, pk)


def action_error(request, dossier: Dossier, exc: TransitionError):
    """Render a refused action with its message and the right 4xx status."""
    return render(
        request,
        "processing/action_error.html",
        {"dossier": dossier, "message": str(exc)},
        status=exc.status_code,
    )
