"""Public lookup by dossier code and a second factor (or the receipt's signed token)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from dichvucong.core.audit import client_ip
from dichvucong.tracking import lookup as lk
from dichvucong.tracking.forms import LookupForm
from dichvucong.tracking.selectors import current_step, public_timeline

NEUTRAL = _("Không tìm thấy hồ sơ khớp với thông tin đã nhập. "
            "Vui lòng kiểm tra lại mã hồ sơ và 4 số cuối.")
LIMITED = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")


def _mask_name(name: str) -> str:
    """Show the first word and initials only: enough to recognise, not to identify."""
    words = name.split()
    if not words:
        return ""
    return " ".join([words[0], *(w[0] + "." for w in words[1:])])


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Show the lookup form, and the dossier's public view when code and factor match."""
    source = request.POST if request.method == "POST" else request.GET
    raw_code = source.get("ma", "")[: lk.MAX_INPUT]
    token = source.get("t", "")[: lk.MAX_INPUT + 1]
    form = LookupForm(initial={"ma": lk.normalise_code(raw_code) or raw_code.strip(), "t": token})
    context = {"form": form}
    if request.method != "POST" and not token:
        return render(request, "tracking/lookup.html", context)
    if lk.rate_limited(client_ip(request)):
        context["error"] = LIMITED
        return render(request, "tracking/lookup.html", context, status=429)
    dossier = lk.find_for_lookup(lk.normalise_code(raw_code),
                                 factor=lk.normalise_factor(source.get("so")), token=token)
    if dossier is None:
        context["error"] = NEUTRAL
        context["form"] = LookupForm(initial={"ma": raw_code.strip()})
        return render(request, "tracking/lookup.html", context, status=400)
    context.update(
        dossier=dossier, step=current_step(dossier), masked_name=_mask_name(dossier.applicant_name),
        timeline=public_timeline(dossier, with_notes=False),
        is_owner=request.user.is_authenticated and dossier.applicant_id == request.user.pk,
    )
    return render(request, "tracking/lookup.html", context)
