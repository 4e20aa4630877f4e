from django.urls import path

from dichvucong.notifications import views

app_name = "notifications"
urlpatterns = [
    path("dev/sms/", views.demo_outbox, name="demo_outbox"),
]
