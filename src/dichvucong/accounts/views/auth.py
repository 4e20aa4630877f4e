"""Login with throttling, logout, and password reset by OTP without revealing accounts."""

from contextlib import suppress

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dichvucong.accounts import captcha, otp, throttle
from dichvucong.accounts.forms import ForgotPasswordForm, LoginForm, ResetPasswordForm
from dichvucong.accounts.selectors import user_by_identifier
from dichvucong.accounts.services import set_password_after_otp
from dichvucong.accounts.views.common import client_ip, landing_url, redirect_to
from dichvucong.core.redirects import safe_next

RESET_STATE = "password_reset"


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Log in by ID number or phone and password."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(landing_url(request, request.user))
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            identifier, ip = form.cleaned_data["identifier"], client_ip(request)
            if throttle.is_locked(identifier=identifier, ip=ip):
                form.add_error(
                    None, _("Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")
                )
                status = 429
            else:
                user = authenticate(
                    request, identifier=identifier, password=form.cleaned_data["password"]
                )
                if user is not None:
                    throttle.clear_failures(identifier=identifier)
                    login(request, user)
                    return redirect(landing_url(request, user))
                throttle.record_failure(identifier=identifier, ip=ip)
                form.add_error(None, _("Số định danh/số điện thoại hoặc mật khẩu không đúng."))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": safe_next(request)},
        status=status,
    )


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
    """Type the OTP and a new password."""
    state = request.session.get(RESET_STATE)
    if state is None:
        return redirect_to("password_reset")
    user = (
        get_user_model().objects.filter(pk=state["user_id"], is_active=True).first()
        if state["user_id"]
        else None
    )
    form = ResetPasswordForm(
        request.POST or None,
        phone=getattr(user, "phone", None),
        id_number=getattr(user, "id_number", None),
        user=user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if user is None or not user.phone:
                raise otp.OtpError("no account")
            otp.verify_otp(
                purpose="password_reset", phone=user.phone, code=form.cleaned_data["code"]
            )
        except otp.OtpError:
            form.add_error("code", _("Mã OTP không đúng hoặc đã hết hạn."))
        else:
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
        {"form": form},
        status=400 if form.is_bound else 200,
    )
