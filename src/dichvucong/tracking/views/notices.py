"""The in-app notification list."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from dichvucong.tracking import services
from dichvucong.tracking.models import Notification


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """List my notifications, newest first."""
    qs = Notification.objects.filter(user=request.user).only(
        "title", "body", "created_at", "read_at", "link"
    )
    page = Paginator(qs, 20).get_page(request.GET.get("trang"))
    return render(request, "tracking/notifications.html", {"page": page})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link."""
    notification = Notification.objects.filter(user=request.user, pk=pk).first()
    if notification is None:
        raise Http404
    services.notifications_mark_read(user=request.user, ids=[pk])
    link = notification.link
    if not link or not url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect("tracking:notifications")
    return redirect(link)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    """Mark all my notifications read."""
    services.notifications_mark_read(user=request.user)
    return redirect("tracking:notifications")
