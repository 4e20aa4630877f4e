"""Public lookup by dossier code and a second factor (or the receipt's signed token)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dichvucong.core import pagecache
from dichvucong.core.audit import client_ip
from dichvucong.tracking import lookup as lk
from dichvucong.tracking.forms import LookupForm
from dichvucong.tracking.selectors import current_step, public_timeline

NEUTRAL = _(
    "Không tìm thấy hồ sơ khớp với thông tin đã nhập. Vui lòng kiểm tra lại mã hồ sơ và 4 số cuối."
)
LIMITED = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")


def _mask_name(name: str) -> str:
    """Show the first word and initials only: enough to recognise, not to identify."""
    words = name.split()
    if not words:
        return ""
    return " ".join([words[0], *(w[0] + "." for w in words[1:])])


def _page_cache_key(request: HttpRequest, code: str | None, token_ok: bool) -> str | None:
    """Return the page cache key when the QR view may be shared between anonymous visitors."""
    if request.method == "POST" or not token_ok or not pagecache.is_anonymous_visit(request):
        return None
    return lk.page_key(code, get_language())


# A lookup changes nothing: it reads a dossier when code and factor match, and a failure only
# counts toward the client's own per-IP limit. Without a CSRF token the form page is the same
# for every visitor, so it is served from the page cache like the QR view.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Show the lookup form, and the dossier's public view when code and factor match."""
    response = _lookup(request)
    # Answers name a dossier: never kept by browsers or proxies.
    response["Cache-Control"] = "private, no-store"
    return response


def _form_page(request: HttpRequest, code: str | None, raw_code: str) -> HttpResponse:
    """Render the empty (or code-prefilled) form; the plain one is cached per language."""
    key = (
        None
        if raw_code.strip() or not pagecache.is_anonymous_visit(request)
        else (f"tracking:lookup-form:{get_language()}")
    )
    cached = pagecache.get(key) if key else None
    if cached is not None:
        return pagecache.html_response(cached)
    form = LookupForm(initial={"ma": code or raw_code.strip()})
    response = render(request, "tracking/lookup.html", {"form": form})
    if key and pagecache.is_shareable(request, response):
        pagecache.put(key, response.content)
    return response


def _lookup(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    raw_code = source.get("ma", "")[: lk.MAX_INPUT]
    token = source.get("t", "")[: lk.MAX_INPUT + 1]
    code = lk.normalise_code(raw_code)
    if request.method != "POST" and not token:
        return _form_page(request, code, raw_code)
    token_ok = code is not None and lk.token_matches(code, token)
    page_key = _page_cache_key(request, code, token_ok)
    # A valid signed token cannot be guessed, so its view skips the limit and may be cached.
    cached = pagecache.get(page_key) if page_key else None
    if cached is not None:
        return pagecache.html_response(cached)
    ip = client_ip(request)
    context = {"form": LookupForm(initial={"ma": code or raw_code.strip(), "t": token})}
    if not token_ok and not lk.reserve_attempt(ip=ip, code=code):
        context["error"] = LIMITED
        return render(request, "tracking/lookup.html", context, status=429)
    dossier = lk.find_for_lookup(code, factor=lk.normalise_factor(source.get("so")), token=token)
    if dossier is None:
        # The reserved attempt stays counted: it was a failure.
        context.update(error=NEUTRAL, form=LookupForm(initial={"ma": raw_code.strip()}))
        return render(request, "tracking/lookup.html", context, status=400)
    if not token_ok:
        lk.release_attempt(ip=ip, code=code)
    context.update(
        dossier=dossier,
        step=current_step(dossier),
        masked_name=_mask_name(dossier.applicant_name),
        timeline=public_timeline(dossier, with_notes=False),
        is_owner=request.user.is_authenticated and dossier.applicant_id == request.user.pk,
    )
    response = render(request, "tracking/lookup.html", context)
    if page_key and pagecache.is_shareable(request, response):
        pagecache.put(page_key, response.content)
    return response
