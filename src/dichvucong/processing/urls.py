from django.urls import path

from dichvucong.processing.views import actions, pages

app_name = "processing"
urlpatterns = [
    path("can-bo/", pages.inbox_view, name="inbox"),
    path("can-bo/ho-so/<int:pk>/", pages.dossier_view, name="dossier"),
    path(
        "can-bo/ho-so/<int:pk>/tep/<int:attachment_pk>/", pages.attachment_view, name="attachment"
    ),
    path("can-bo/ho-so/<int:pk>/ky-so/", pages.signature_states_view, name="signature_states"),
    path(
        "can-bo/ho-so/<int:pk>/tep/<int:attachment_pk>/ky-lai/",
        actions.sign_again_view,
        name="sign_again",
    ),
    path("can-bo/ho-so/<int:pk>/chuyen-trang-thai/", actions.transition_view, name="transition"),
    path(
        "can-bo/ho-so/<int:pk>/phe-duyet/<slug:action>/",
        actions.approval_step_view,
        name="approval_step",
    ),
    path("can-bo/ho-so/<int:pk>/ket-qua/", actions.result_upload_view, name="result_upload"),
    path("can-bo/ho-so/<int:pk>/xin-loi-hen-lai/", actions.apology_view, name="apology"),
    path("can-bo/ho-so/<int:pk>/doi-chieu-ban-goc/", actions.originals_view, name="originals"),
    path("can-bo/ho-so/<int:pk>/thu-phi/", actions.counter_payment_view, name="counter_payment"),
    path("can-bo/tiep-nhan-truc-tiep/", actions.counter_create_view, name="counter_create"),
    path("can-bo/so-theo-doi/", pages.tracking_log_view, name="tracking_log"),
    path(
        "can-bo/so-theo-doi/<int:pk>/tai-ve/",
        pages.tracking_log_file_view,
        name="tracking_log_file",
    ),
]
