from django.urls import path

from dichvucong.accounts.views import auth, challenge, officer, profile, registration, signing

app_name = "accounts"
urlpatterns = [
    path("dang-ky/", registration.register_start, name="register"),
    path("dang-ky/thong-tin/", registration.register_details, name="register_details"),
    path("dang-ky/xac-nhan-otp/", registration.register_otp, name="register_otp"),
    path("dang-ky/chu-ky-so/", registration.register_signature, name="register_signature"),
    path("dang-ky/mat-khau/", registration.register_password, name="register_password"),
    path("ma-xac-thuc.png", challenge.captcha_image, name="captcha"),
    path("ma-xac-thuc.wav", challenge.captcha_audio, name="captcha_audio"),
    path("ma-xac-thuc/moi/", challenge.captcha_new, name="captcha_new"),
    path("dang-nhap/", auth.login_view, name="login"),
    path("dang-xuat/", auth.PortalLogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", auth.forgot_password, name="password_reset"),
    path("quen-mat-khau/dat-lai/", auth.password_reset_confirm, name="password_reset_confirm"),
    path("tai-khoan/", profile.profile, name="profile"),
    path("tai-khoan/doi-so-dien-thoai/", profile.phone_change, name="phone_change"),
    path(
        "tai-khoan/doi-so-dien-thoai/xac-nhan/",
        profile.phone_change_confirm,
        name="phone_change_confirm",
    ),
    path("can-bo/xac-minh/", officer.pending_list, name="officer_pending"),
    path("can-bo/xac-minh/<int:pk>/", officer.verify_account, name="officer_verify"),
    path("api/dia-ban/xa/", profile.communes_api, name="communes_api"),
    path("api/chu-ky-so/thu-thach/", signing.challenge_api, name="signature_challenge"),
    path("api/chu-ky-so/xac-minh/", signing.verify_api, name="signature_verify"),
    path("api/chu-ky-so/tu-xa/", signing.remote_status_api, name="signature_remote_status"),
    path(
        "chu-ky-so/dien-thoai-demo/<str:transaction_id>/",
        signing.demo_phone,
        name="signature_demo_phone",
    ),
]
