"""Root URL map: each app owns its own Vietnamese paths."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from dichvucong.api.api import api
from dichvucong.api.views import unknown_endpoint
from dichvucong.core.views import admin_login

urlpatterns = [
    # The admin signs in through the portal's own login, with its throttling and lockout.
    path("quan-tri/login/", admin_login),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dichvucong.core.urls")),
    path("", include("dichvucong.catalog.urls")),
    path("", include("dichvucong.accounts.urls")),
    path("", include("dichvucong.notifications.urls")),
    path("", include("dichvucong.dossiers.urls")),
    path("", include("dichvucong.processing.urls")),
    path("", include("dichvucong.payments.urls")),
    path("", include("dichvucong.delivery.urls")),
    path("", include("dichvucong.tracking.urls")),
    path("", include("dichvucong.interop.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_endpoint),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
]

handler403 = "dichvucong.core.views.permission_denied"
handler404 = "dichvucong.core.views.page_not_found"
handler500 = "dichvucong.core.views.server_error"
