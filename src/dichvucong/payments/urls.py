from django.urls import path

from dichvucong.payments import views, views_officer

app_name = "payments"
urlpatterns = [
    path("thanh-toan/ho-so/<int:dossier_id>/", views.dossier_fees, name="dossier_fees"),
    path("thanh-toan/ho-so/<int:dossier_id>/bat-dau/", views.start, name="start"),
    # By dossier code, as the tracking part links to it (integration.payment_url).
    path("thanh-toan/ma-ho-so/<str:code>/", views.pay_by_code, name="pay"),
    path("thanh-toan/demo/<str:order_ref>/", views.demo_pay, name="demo_pay"),
    path("thanh-toan/ket-qua/", views.payment_return, name="return"),
    path("thanh-toan/ipn/<str:provider_id>/", views.ipn, name="ipn"),
    path("thanh-toan/bien-lai/<str:order_ref>/", views.receipt, name="receipt"),
    path(
        "can-bo/ho-so/<int:dossier_id>/phi-le-phi/", views_officer.officer_fees, name="officer_fees"
    ),
]
