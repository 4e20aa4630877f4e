"""The registration wizard; its state lives in the session, never in hidden fields."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dichvucong.accounts import captcha, otp, throttle
from dichvucong.accounts.forms import (
    AccountTypeForm,
    NewPasswordForm,
    OtpForm,
    RegistrationDetailsForm,
)
from dichvucong.accounts.models import VerificationMethod
from dichvucong.accounts.services import DuplicateAccountError, register_account
from dichvucong.accounts.views.common import client_ip, redirect_to
from dichvucong.accounts.views.signing import signature_page
from dichvucong.core.vn.phones import display_phone

STATE = "registration"
SIGNATURE_METHODS = {VerificationMethod.USB_TOKEN, VerificationMethod.SIM_SIGNATURE}


def _state(request: HttpRequest) -> dict | None:
    return request.session.get(STATE)


def _save(request: HttpRequest, state: dict) -> None:
    request.session[STATE] = state


def _restart(request: HttpRequest) -> HttpResponse:
    messages.warning(request, _("Phiên đăng ký đã hết hạn, vui lòng bắt đầu lại."))
    return redirect_to("register")


def ready_for_password(state: dict) -> bool:
    """Return True once the chosen verification step is done."""
    method = state.get("method")
    if "data" not in state:
        return False
    # Every method confirms by OTP the phone that later receives codes and password resets.
    if state["data"].get("phone") and not state.get("phone_verified"):
        return False
    if method in SIGNATURE_METHODS:
        return bool(state.get("certificate_fingerprint"))
    return method in {
        VerificationMethod.PHONE,
        VerificationMethod.SOCIAL_INSURANCE,
        VerificationMethod.POST_OFFICE,
    }


def _after_phone(state: dict) -> HttpResponse:
    """Go on from a confirmed phone: the signature step, or the password."""
    if state["method"] in SIGNATURE_METHODS:
        return redirect_to("register_signature")
    return redirect_to("register_password")


@require_http_methods(["GET", "POST"])
def register_start(request: HttpRequest) -> HttpResponse:
    """Step 1: account type and verification method."""
    state = _state(request) or {}
    initial = {
        "account_type": state.get("account_type", "citizen"),
        "verification_method": state.get("method", VerificationMethod.PHONE),
    }
    form = AccountTypeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _save(
            request,
            {
                "account_type": form.cleaned_data["account_type"],
                "method": form.cleaned_data["verification_method"],
            },
        )
        return redirect_to("register_details")
    return render(request, "accounts/register_start.html", {"form": form, "step": 1})


@require_http_methods(["GET", "POST"])
def register_details(request: HttpRequest) -> HttpResponse:
    """Step 2: the form; then send the OTP or go to the chosen verification."""
    state = _state(request)
    if not state:
        return _restart(request)
    form = RegistrationDetailsForm(
        request.POST or None,
        initial=state.get("data"),
        session=request.session,
        account_type=state["account_type"],
        method=state["method"],
        existence_check=lambda: throttle.existence_check_allowed(client_ip(request)),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            state = {k: state[k] for k in ("account_type", "method")} | {
                "data": form.session_data()
            }
            _save(request, state)
            return _after_details(request, state)
        status = 429 if form.rate_limited else 400
    captcha.new_challenge(request.session)
    if form.is_bound:
        form.data = form.data.copy()
        form.data["captcha"] = ""
    return render(
        request,
        "accounts/register_details.html",
        {"form": form, "step": 2, "state": state},
        status=status,
    )


def _after_details(request: HttpRequest, state: dict) -> HttpResponse:
    if state["data"].get("phone"):
        try:
            otp.issue_otp(
                purpose="registration", phone=state["data"]["phone"], ip=client_ip(request)
            )
        except otp.OtpError as exc:
            messages.error(request, str(exc))
        return redirect_to("register_otp")
    return _after_phone(state)


@require_http_methods(["GET", "POST"])
def register_otp(request: HttpRequest) -> HttpResponse:
    """Step 3 (phone): type the code from the SMS, or ask for a new one after 60 s."""
    state = _state(request)
    if not state or "data" not in state or not state["data"].get("phone"):
        return _restart(request)
    phone = state["data"]["phone"]
    form = OtpForm(request.POST or None)
    status = 200
    if request.method == "POST" and "resend" in request.POST:
        form = OtpForm()
        try:
            otp.issue_otp(purpose="registration", phone=phone, ip=client_ip(request))
            messages.success(request, _("Đã gửi lại mã OTP."))
        except otp.OtpError as exc:
            messages.error(request, str(exc))
            status = 429
    elif request.method == "POST":
        if form.is_valid():
            try:
                otp.verify_otp(purpose="registration", phone=phone, code=form.cleaned_data["code"])
            except otp.OtpError as exc:
                form.add_error("code", str(exc))
            else:
                state["phone_verified"] = True
                _save(request, state)
                return _after_phone(state)
        status = 400
    wait = otp.seconds_until_resend(purpose="registration", phone=phone)
    return render(
        request,
        "accounts/register_otp.html",
        {"form": form, "step": 3, "phone": display_phone(phone), "wait": wait},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def register_signature(request: HttpRequest) -> HttpResponse:
    """Step 3 (USB token / SIM): sign the challenge with a signing means (or paste it)."""
    state = _state(request)
    if not state or "data" not in state or state["method"] not in SIGNATURE_METHODS:
        return _restart(request)
    return signature_page(request, state)


@require_http_methods(["GET", "POST"])
def register_password(request: HttpRequest) -> HttpResponse:
    """Last step: choose the password; the account is created."""
    state = _state(request)
    if not state or not ready_for_password(state):
        return _restart(request)
    data = state["data"]
    form = NewPasswordForm(
        request.POST or None, phone=data.get("phone"), id_number=data.get("id_number")
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = register_account(
                data=data | {"account_type": state["account_type"]},
                method=state["method"],
                password=form.cleaned_data["password1"],
                certificate_fingerprint=state.get("certificate_fingerprint", ""),
                ip_address=client_ip(request),
            )
        except DuplicateAccountError as exc:
            request.session.pop(STATE, None)
            messages.error(request, str(exc))
            return redirect_to("register")
        request.session.pop(STATE, None)
        messages.success(request, _("Tạo tài khoản thành công."))
        if user.verification_method == VerificationMethod.POST_OFFICE:
            messages.info(
                request,
                _(
                    "Tài khoản đang chờ xác minh: vui lòng mang CCCD đến bưu "
                    "điện hoặc bộ phận một cửa để được xác minh."
                ),
            )
        return redirect_to("login")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "accounts/register_password.html",
        {"form": form, "step": 4, "state": state},
        status=status,
    )
