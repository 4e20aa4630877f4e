from django.urls import path

from dichvucong.dossiers.views import files, picker, store, wizard

app_name = "dossiers"
urlpatterns = [
    path("nop-ho-so/", picker.pick_procedure, name="pick"),
    path("nop-ho-so/<str:code>/", wizard.start, name="start"),
    path("nop-ho-so/thanh-cong/<int:pk>/", wizard.submitted, name="submitted"),
    path("ho-so-dang-soan/", wizard.drafts, name="drafts"),
    path("ho-so-dang-soan/<int:pk>/", wizard.draft_resume, name="draft_resume"),
    path("ho-so-dang-soan/<int:pk>/to-khai/", wizard.draft_form, name="draft_form"),
    path("ho-so-dang-soan/<int:pk>/giay-to/", wizard.draft_files, name="draft_files"),
    path("ho-so-dang-soan/<int:pk>/giay-to/tai-len/", files.upload, name="draft_upload"),
    path(
        "ho-so-dang-soan/<int:pk>/giay-to/<int:attachment_pk>/xoa/",
        files.delete,
        name="draft_file_delete",
    ),
    path("ho-so-dang-soan/<int:pk>/giay-to/lay-tu-kho/", store.draft_reuse, name="draft_reuse"),
    path("ho-so-dang-soan/<int:pk>/xem-lai/", wizard.draft_review, name="draft_review"),
    path("ho-so-dang-soan/<int:pk>/nop/", wizard.draft_submit, name="draft_submit"),
    path("ho-so-dang-soan/<int:pk>/xoa/", wizard.draft_delete, name="draft_delete"),
    path("ho-so/<int:pk>/giay-tiep-nhan/", files.receipt, name="receipt"),
    path("ho-so/<int:pk>/giay-to/<int:document_pk>/pdf/", files.document_pdf, name="document_pdf"),
    path("tep/<int:pk>/", files.serve, name="file"),
    path("kho-du-lieu/", store.store_list, name="store"),
    path("kho-du-lieu/them/", store.store_add_view, name="store_add"),
    path("kho-du-lieu/kho-quoc-gia/", store.store_pull, name="store_pull"),
    path("kho-du-lieu/<int:pk>/tep/", store.store_file, name="store_file"),
    path("kho-du-lieu/<int:pk>/xoa/", store.store_delete_view, name="store_delete"),
]
