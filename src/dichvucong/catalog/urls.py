from django.urls import path

from dichvucong.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
]
