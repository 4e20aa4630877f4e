"""Tell the applicant in the portal about a status change (SMS and e-mail: processing.notify)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from dichvucong.dossiers.appointments import DATE, appointment_text
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus
from dichvucong.notifications.messages import register_message
from dichvucong.notifications.models import MessageChannel
from dichvucong.notifications.services import render_template
from dichvucong.tracking.lookup import lookup_url_for
from dichvucong.tracking.services import notify_citizen

S = DossierStatus
DEFAULT_BODY = "Hồ sơ {ma_ho_so} ({ten_thu_tuc}): {trang_thai}. {ghi_chu}"

PLACEHOLDERS = {
    "ma_ho_so": "mã hồ sơ",
    "ten_thu_tuc": "tên thủ tục",
    "trang_thai": "trạng thái mới",
    "han_tra": "ngày hẹn trả kết quả",
    "ho_ten": "họ tên người nộp",
    "duong_dan": "đường dẫn xem hồ sơ",
    "ghi_chu": "ghi chú của cán bộ",
}


def template_code(status: int) -> str:
    """Return the in-app message template code used for a status change."""
    return f"dossier_status_{int(status)}"


register_message(
    codes=[template_code(status) for status in S if status != S.DRAFT],
    channels=(MessageChannel.IN_APP,),
    placeholders=PLACEHOLDERS,
)


def status_context(dossier: Dossier, *, note: str = "") -> dict:
    """Return the placeholders every status template may use."""
    if dossier.applicant_id:
        path = reverse("tracking:my_dossier", kwargs={"ref": dossier.code or dossier.pk})
        link = f"{settings.SITE_URL.rstrip('/')}{path}"
    else:
        link = lookup_url_for(dossier)
    return {
        "ma_ho_so": dossier.code or "",
        "ten_thu_tuc": dossier.procedure.name,
        "trang_thai": str(S(dossier.status).label),
        "han_tra": appointment_text(dossier, DATE),
        "ho_ten": dossier.applicant_name,
        "duong_dan": link,
        "ghi_chu": note,
    }


def notify_status_change(*, dossier: Dossier, note: str = ""):
    """Add the in-app notice for the dossier's current status to the applicant's list."""
    if not dossier.applicant_id or dossier.status == S.DRAFT:
        return None
    context = status_context(dossier, note=note)
    body = render_template(
        template_code(dossier.status), context, channel=MessageChannel.IN_APP, default=DEFAULT_BODY
    ).strip()
    title = _("Hồ sơ %(code)s: %(status)s") % {
        "code": context["ma_ho_so"],
        "status": context["trang_thai"],
    }
    path = context["duong_dan"].removeprefix(settings.SITE_URL.rstrip("/"))
    return notify_citizen(
        user=dossier.applicant, dossier=dossier, title=title, body=body, link=path
    )


def notify_event(*, event_id: int) -> None:
    """Add the in-app notice for one public status event (run after its commit)."""
    event = (
        DossierEvent.objects.filter(pk=event_id, is_public=True)
        .select_related("dossier__procedure", "dossier__applicant")
        .first()
    )
    if event is None or event.to_status is None:
        return
    dossier = event.dossier
    dossier.status = event.to_status  # the notice is about this event, even if it moved on
    # Back-office notes on public events are written for the citizen (reasons, requests).
    notify_status_change(dossier=dossier, note=event.note)


def on_dossier_event(sender, *, event_id: int, **kwargs) -> None:
    """Receive processing's `dossier_event_committed` (connected in TrackingConfig.ready)."""
    notify_event(event_id=event_id)
