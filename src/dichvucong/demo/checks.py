"""System checks that keep the demo out of production (run by `check`, `migrate`, `runportal`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dichvucong.demo.registry import published_logins


@register(Tags.database)
def demo_accounts_outside_demo_mode(app_configs=None, databases=None, **kwargs) -> list:
    """Outside demo mode, refuse to run while a demo account still has its published password."""
    if settings.DEMO_MODE or not databases:
        return []
    exposed = []
    try:
        for username, password in published_logins():
            user = get_user_model().objects.filter(username=username, is_active=True).first()
            # The hasher function, not user.check_password(): a check must not rehash and save.
            if user is not None and check_password(password, user.password):
                exposed.append(username)
    except DatabaseError:
        return []  # not migrated yet: no accounts to worry about
    if not exposed:
        return []
    return [
        Error(
            _("Tài khoản minh họa %(users)s vẫn dùng mật khẩu đã công bố trong khi DEMO_MODE=0.")
            % {"users": ", ".join(exposed)},
            hint=_(
                "Chạy “python manage.py disable_demo_accounts” để khóa các tài khoản này, "
                "hoặc đặt DEMO_MODE=1 nếu đây là bản chạy thử."
            ),
            id="demo.E001",
        )
    ]


_DEMO_PROVIDER_SETTINGS = (
    ("SMS_PROVIDER", gettext_lazy("tin nhắn SMS chỉ được lưu lại, không gửi đi")),
    ("DELIVERY_PROVIDER", gettext_lazy("bưu gửi kết quả không được đặt với bưu điện thật")),
    ("IDENTITY_PROVIDER", gettext_lazy("mã BHXH chỉ được đối chiếu với dữ liệu minh họa")),
    (
        "ESIGN_SIGNER",
        gettext_lazy("kết quả được ký bằng CA minh họa, không có giá trị pháp lý"),
    ),
)


@register()
def demo_providers_outside_demo_mode(app_configs=None, **kwargs) -> list:
    """Warn when a demo provider is configured while demo mode is off."""
    if settings.DEMO_MODE:
        return []
    warnings = [
        Warning(
            _("%(setting)s=demo khi DEMO_MODE=0: %(effect)s.")
            % {"setting": name, "effect": effect},
            hint=_("Cấu hình nhà cung cấp thật (xem docs/CONFIGURATION.md)."),
            id="demo.W001",
        )
        for name, effect in _DEMO_PROVIDER_SETTINGS
        if getattr(settings, name) == "demo"
    ]
    if "demo" in settings.PAYMENT_PROVIDERS:
        warnings.append(
            Warning(
                _(
                    "PAYMENT_PROVIDERS có “demo” khi DEMO_MODE=0: công dân không được dùng cổng "
                    "thanh toán minh họa (trừ khi DEBUG=1)."
                ),
                id="demo.W002",
            )
        )
    return warnings
