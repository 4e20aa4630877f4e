from django.urls import path

from dichvucong.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure_detail"),
    path(
        "thu-tuc/<str:code>/bieu-mau/<int:template_id>/", views.form_download, name="form_download"
    ),
]
