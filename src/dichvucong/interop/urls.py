from django.urls import path

from dichvucong.interop import sync_views, views

app_name = "interop"
urlpatterns = [
    path("dang-nhap/dinh-danh/lien-ket/", views.link, name="link"),
    path("dang-nhap/dinh-danh/thu-nghiem/", views.demo_chooser, name="demo_chooser"),
    path("dang-nhap/dinh-danh/<slug:provider_id>/", views.start, name="start"),
    path("dang-nhap/dinh-danh/<slug:provider_id>/ve/", views.callback, name="callback"),
    path("dang-xuat/dinh-danh/", views.sign_out, name="logout"),
    path("can-bo/dong-bo-dvcqg/", sync_views.sync_status, name="sync_status"),
]
