from django.urls import path

from dichvucong.delivery import views

app_name = "delivery"
urlpatterns = [
    path("ho-so/<int:dossier_id>/nhan-ket-qua/", views.delivery_choice, name="choice"),
    path("buu-chinh/callback/<str:provider_id>/", views.status_callback, name="callback"),
    path("can-bo/ho-so/<int:dossier_id>/buu-chinh/", views.officer_delivery, name="officer"),
]
