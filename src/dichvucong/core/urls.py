from django.urls import path

from dichvucong.core import health, views

app_name = "core"
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("ngon-ngu/<str:code>/", views.switch_language, name="language"),
]
