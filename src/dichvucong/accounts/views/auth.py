"""Login with throttling, logout, and password reset by OTP without revealing accounts."""

import time
from contextlib import suppress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.views import LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dichvucong.accounts import captcha, otp, throttle
from dichvucong.accounts.forms import (
    ForgotPasswordForm,
    LoginCaptchaForm,
    LoginForm,
    NewPasswordForm,
    ResetPasswordForm,
)
from dichvucong.accounts.selectors import user_by_identifier
from dichvucong.accounts.services import set_password_after_otp
from dichvucong.accounts.views.common import client_ip, landing_url, redirect_to
from dichvucong.core.redirects import safe_next

RESET_STATE = "password_reset"
LOGIN_CAPTCHA = "login_captcha_required"
RESET_VERIFIED_SECONDS = 10 * 60


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Log in by ID number or phone and password (with the captcha after many failures)."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(landing_url(request, request.user))
    with_captcha = bool(request.session.get(LOGIN_CAPTCHA))
    officer = is_officer_login(request)
    form = _login_form(request, with_captcha, officer=officer)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            user, verdict = throttle.authenticate_throttled(
                request,
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
                captcha_solved=with_captcha,
            )
            if user is not None:
                request.session.pop(LOGIN_CAPTCHA, None)
                login(request, user)
                return redirect(landing_url(request, user))
            if verdict == throttle.LOCKED:
                status = 429
                form.add_error(
                    None, _("Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")
                )
            elif verdict == throttle.CAPTCHA:
                status = 429
                request.session[LOGIN_CAPTCHA] = True
                form = _login_form(request, True, data=request.POST, officer=officer)
                form.add_error(
                    None,
                    _(
                        "Tài khoản này vừa bị đăng nhập sai nhiều lần. Vui lòng nhập mã xác "
                        "thực trong hình cùng mật khẩu để đăng nhập."
                    ),
                )
            else:
                form.add_error(
                    None,
                    _("Tên đăng nhập hoặc mật khẩu không đúng.")
                    if officer
                    else _("Số định danh/số điện thoại hoặc mật khẩu không đúng."),
                )
    if isinstance(form, LoginCaptchaForm):
        captcha.new_challenge(request.session)
        if form.is_bound:
            form.data = form.data.copy()
            form.data["captcha"] = ""
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": safe_next(request), "officer": officer},
        status=status,
    )


def is_officer_login(request: HttpRequest) -> bool:
    """Tell whether the login leads to the back office (officers sign in with usernames)."""
    return safe_next(request).startswith(settings.OFFICER_HOME_URL)


def _login_form(request: HttpRequest, with_captcha: bool, data=None, *, officer: bool = False):
    data = data if data is not None else (request.POST or None)
    if with_captcha:
        return LoginCaptchaForm(data, session=request.session, officer=officer)
    return LoginForm(data, officer=officer)


class PortalLogoutView(LogoutView):
    """Log out by POST; a GET (a typed or bookmarked link) asks to confirm instead of a 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return render(request, "accounts/logout_confirm.html")


@require_http_methods(["GET", "POST"])
def forgot_password(request: HttpRequest) -> HttpResponse:
    """Ask for an OTP; the answer is the same whether the account exists or not."""
    form = ForgotPasswordForm(request.POST or None, session=request.session)
    if request.method == "POST" and form.is_valid():
        user = user_by_identifier(form.cleaned_data["identifier"])
        if user is not None and user.phone:
            # Same answer either way: a cooldown must not reveal the account.
            with suppress(otp.OtpError):
                otp.issue_otp(
                    purpose="password_reset", phone=user.phone, ip=client_ip(request), user=user
                )
        request.session[RESET_STATE] = {"user_id": getattr(user, "pk", None)}
        messages.info(
            request,
            _(
                "Nếu thông tin trên khớp với một tài khoản, mã OTP đã được gửi "
                "đến số điện thoại đăng ký của tài khoản đó."
            ),
        )
        return redirect_to("password_reset_confirm")
    captcha.new_challenge(request.session)
    if form.is_bound:
        form.data = form.data.copy()
        form.data["captcha"] = ""
    return render(
        request,
        "accounts/forgot_password.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest) -> HttpResponse:
    """Type the OTP and a new password.

    Until the OTP is verified the page knows nothing of the account: the password is checked
    only by the rules that hold for everyone, so no answer tells whether an ID number and a
    phone belong together. The account's own rules (not its phone or ID number) apply once
    the code was right; the code is then not asked again for a few minutes.
    """
    state = request.session.get(RESET_STATE)
    if state is None:
        return redirect_to("password_reset")
    user = (
        get_user_model().objects.filter(pk=state["user_id"], is_active=True).first()
        if state["user_id"]
        else None
    )
    verified = user is not None and _reset_verified(state)
    form = _reset_form(request.POST or None, user if verified else None)
    status = 400 if form.is_bound else 200
    if (
        request.method == "POST"
        and not verified
        and not throttle.reset_confirm_allowed(client_ip(request))
    ):
        form = _reset_form(request.POST, None)
        form.is_valid()  # the rules for everyone only; the code is not checked
        form.add_error(None, _("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 15 phút."))
        status = 429
    elif request.method == "POST" and form.is_valid():
        if not verified:
            try:
                if user is None or not user.phone:
                    raise otp.OtpError("no account")
                otp.verify_otp(
                    purpose="password_reset", phone=user.phone, code=form.cleaned_data["code"]
                )
            except otp.OtpError:
                form.add_error("code", _("Mã OTP không đúng hoặc đã hết hạn."))
            else:
                state["verified_at"] = time.time()
                request.session[RESET_STATE] = state
                verified = True
                form = _reset_form(request.POST, user)
        if verified and form.is_valid():
            set_password_after_otp(
                user=user, password=form.cleaned_data["password1"], ip_address=client_ip(request)
            )
            throttle.clear_user_failures(user)
            request.session.pop(RESET_STATE, None)
            messages.success(request, _("Đặt lại mật khẩu thành công. Vui lòng đăng nhập."))
            return redirect_to("login")
    return render(
        request,
        "accounts/password_reset_confirm.html",
        {"form": form, "verified": verified},
        status=status,
    )


def _reset_verified(state: dict) -> bool:
    verified_at = state.get("verified_at")
    return bool(verified_at) and time.time() - verified_at < RESET_VERIFIED_SECONDS


def _reset_form(data, user):
    """The code and the rules for everyone before the OTP; the account's own rules after."""
    if user is None:
        return ResetPasswordForm(data)
    return NewPasswordForm(data, phone=user.phone, id_number=user.id_number, user=user)
