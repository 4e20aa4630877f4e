from django.urls import path

from dichvucong.core import health

app_name = "core"
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
]
