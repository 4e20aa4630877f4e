from django.urls import path

from dichvucong.tracking.views import lookup, mine, notices, verify

app_name = "tracking"
urlpatterns = [
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("tra-cuu/qr/<str:code>.png", mine.my_qr, name="qr"),
    path("ho-so-cua-toi/", mine.my_dossier_list, name="my_dossiers"),
    path("ho-so-cua-toi/<str:ref>/", mine.my_dossier_detail, name="my_dossier"),
    path("ho-so-cua-toi/<str:ref>/rut/", mine.my_withdraw, name="withdraw"),
    path("ho-so-cua-toi/<str:ref>/bo-sung/", mine.my_supplement, name="supplement"),
    path("ho-so-cua-toi/<str:ref>/danh-gia/", mine.my_rating, name="rate"),
    path("xac-thuc/", verify.verify, name="verify"),
    path("xac-thuc/<str:code>/", verify.verify_result, name="verify_result"),
    path("thong-bao/", notices.notification_list, name="notifications"),
    path("thong-bao/<int:pk>/mo/", notices.notification_open, name="notification_open"),
    path("thong-bao/da-doc/", notices.notification_read_all, name="notifications_read_all"),
]
