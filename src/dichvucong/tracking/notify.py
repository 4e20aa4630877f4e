"""Tell the applicant about a status change: in-app, SMS and email, from editable templates."""

import contextlib

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.notifications.models import MessageChannel, MessageTemplate
from dichvucong.notifications.services import render_template, send_sms
from dichvucong.notifications.sms_text import sms_text
from dichvucong.tracking.lookup import lookup_url_for
from dichvucong.tracking.services import notify_citizen

S = DossierStatus
# Statuses worth an SMS: the ones where the citizen must act or can collect the result.
SMS_STATUSES = {S.RECEIVED, S.NOT_RECEIVED, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED,
                S.STOPPED, S.DONE}
DEFAULT_BODY = "Hồ sơ {ma_ho_so} ({ten_thu_tuc}): {trang_thai}. {ghi_chu}"
DEFAULT_SMS = "Ho so {ma_ho_so}: {trang_thai}. Tra cuu: {duong_dan}"


def template_code(status: int) -> str:
    """Return the message template code used for a status change."""
    return f"dossier_status_{int(status)}"


def status_context(dossier: Dossier, *, note: str = "") -> dict:
    """Return the placeholders every status template may use."""
    if dossier.applicant_id:
        path = reverse("tracking:my_dossier", kwargs={"ref": dossier.code or dossier.pk})
        link = f"{settings.SITE_URL.rstrip('/')}{path}"
    else:
        link = lookup_url_for(dossier)
    due = timezone.localtime(dossier.due_at).strftime("%d/%m/%Y") if dossier.due_at else ""
    return {
        "ma_ho_so": dossier.code or "", "ten_thu_tuc": dossier.procedure.name,
        "trang_thai": str(S(dossier.status).label), "han_tra": due,
        "ho_ten": dossier.applicant_name, "duong_dan": link, "ghi_chu": note,
    }


def notify_status_change(*, dossier: Dossier, note: str = "") -> None:
    """Send the applicant the in-app, SMS and email messages for the dossier's new status."""
    code = template_code(dossier.status)
    context = status_context(dossier, note=note)
    body = render_template(code, context, channel=MessageChannel.IN_APP,
                           default=DEFAULT_BODY).strip()
    title = _("Hồ sơ %(code)s: %(status)s") % {"code": context["ma_ho_so"],
                                                "status": context["trang_thai"]}
    path = context["duong_dan"].removeprefix(settings.SITE_URL.rstrip("/"))
    notify_citizen(user=dossier.applicant, dossier=dossier, title=title, body=body, link=path)
    if dossier.status in SMS_STATUSES and dossier.applicant_phone:
        text = render_template(code, context, channel=MessageChannel.SMS, default=DEFAULT_SMS)
        send_sms(phone=dossier.applicant_phone, text=sms_text(text), purpose="dossier_status",
                 user=dossier.applicant, dossier=dossier)
    if dossier.applicant_email:
        subject = (MessageTemplate.objects.filter(code=code, channel=MessageChannel.EMAIL)
                   .values_list("subject", flat=True).first()) or title
        email_body = render_template(code, context, channel=MessageChannel.EMAIL,
                                     default=DEFAULT_BODY + "\n{duong_dan}")
        from dichvucong.tracking.tasks import send_dossier_email

        with contextlib.suppress(ValueError, IndexError):  # a stray brace typed in the admin
            subject = subject.format_map(_Safe(context))
        enqueue_on_commit(send_dossier_email, dossier.applicant_email, subject, email_body)


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
