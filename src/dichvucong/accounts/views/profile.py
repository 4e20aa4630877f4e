"""The account page: personal data, verification level, contact address, phone change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dichvucong.accounts import otp
from dichvucong.accounts.forms import ContactForm, OtpForm, PhoneChangeForm
from dichvucong.accounts.selectors import national_identity_of
from dichvucong.accounts.services import DuplicateAccountError, change_phone, update_contact
from dichvucong.accounts.views.common import client_ip, redirect_to
from dichvucong.core.vn import addresses
from dichvucong.core.vn.phones import display_phone

PHONE_STATE = "phone_change"


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Show the account and save its contact details."""
    user = request.user
    initial = {
        "email": user.email,
        "province_code": user.province_code,
        "commune_code": user.commune_code,
        "address_line": user.address_line,
    }
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        update_contact(user=user, **form.cleaned_data)
        messages.success(request, _("Đã lưu thông tin liên hệ."))
        return redirect_to("profile")
    context = {
        "form": form,
        "account": user,
        "phone_display": display_phone(user.phone or ""),
        "national_identity": national_identity_of(user),
        "province_name": addresses.province_name(user.province_code),
        "commune_name": addresses.commune_name(user.commune_code),
    }
    return render(request, "accounts/profile.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def phone_change(request: HttpRequest) -> HttpResponse:
    """Step 1: the new number; an OTP goes to it."""
    form = PhoneChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            otp.issue_otp(
                purpose="phone_change", phone=phone, ip=client_ip(request), user=request.user
            )
        except otp.OtpError as exc:
            form.add_error("phone", str(exc))
        else:
            request.session[PHONE_STATE] = {"phone": phone}
            return redirect_to("phone_change_confirm")
    return render(
        request, "accounts/phone_change.html", {"form": form}, status=400 if form.is_bound else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def phone_change_confirm(request: HttpRequest) -> HttpResponse:
    """Step 2: the code sent to the new number confirms it."""
    state = request.session.get(PHONE_STATE)
    if not state:
        return redirect_to("phone_change")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            otp.verify_otp(
                purpose="phone_change", phone=state["phone"], code=form.cleaned_data["code"]
            )
            change_phone(user=request.user, phone=state["phone"], ip_address=client_ip(request))
        except (otp.OtpError, DuplicateAccountError) as exc:
            form.add_error("code", str(exc))
        else:
            request.session.pop(PHONE_STATE, None)
            messages.success(request, _("Đã đổi số điện thoại."))
            return redirect_to("profile")
    return render(
        request,
        "accounts/phone_change_confirm.html",
        {"form": form, "phone": display_phone(state["phone"])},
        status=400 if form.is_bound else 200,
    )


@require_GET
def communes_api(request: HttpRequest) -> JsonResponse:
    """Return the communes of a province: /api/dia-ban/xa/?tinh=<code>."""
    province = addresses.province_code(request.GET.get("tinh", ""))
    if not addresses.province_name(province):
        return JsonResponse({"error": _("Mã tỉnh/thành phố không hợp lệ."), "xa": []}, status=400)
    items = [{"ma": code, "ten": name} for code, name in addresses.communes(province)]
    response = JsonResponse({"tinh": province, "xa": items})
    response["Cache-Control"] = "public, max-age=86400"
    return response
