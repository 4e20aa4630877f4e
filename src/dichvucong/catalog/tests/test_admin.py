import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from dichvucong.catalog.importer import import_catalog
from dichvucong.catalog.models import Agency, Field, FormTemplate, Procedure
from dichvucong.catalog.tests.catalog_data import catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@example.com", "mat-khau-9")
    client.force_login(user)
    import_catalog(catalog())
    return client


@pytest.mark.parametrize("model", [Field, Agency, Procedure, FormTemplate])
def test_changelist_and_change_pages_load_in_vietnamese(staff_client, model):
    opts = model._meta
    listing = staff_client.get(
        reverse(f"admin:catalog_{opts.model_name}_changelist"), HTTP_ACCEPT_LANGUAGE="vi"
    )
    change = staff_client.get(
        reverse(f"admin:catalog_{opts.model_name}_change", args=[model.objects.first().pk])
    )

    assert listing.status_code == 200 and change.status_code == 200
    assert str(opts.verbose_name_plural) in listing.content.decode()


def test_procedure_list_filters_and_searches(staff_client):
    url = reverse("admin:catalog_procedure_changelist")

    by_search = staff_client.get(url, {"q": "1.001193"}).content.decode()
    by_level = staff_client.get(url, {"online_level__exact": "info"}).content.decode()

    assert "Thủ tục đăng ký khai sinh" in by_search and "Chứng thực bản sao" not in by_search
    assert "Chứng thực bản sao" in by_level and "đăng ký khai sinh" not in by_level
    assert "Lĩnh vực" in by_search  # the field filter is offered


def test_procedure_change_page_shows_papers_and_fees_inlines(staff_client):
    procedure = Procedure.objects.get(code="1.001193")
    page = staff_client.get(reverse("admin:catalog_procedure_change", args=[procedure.pk]))

    html = page.content.decode()
    assert "Giấy chứng sinh" in html and "Phí cấp bản sao" in html


def test_saving_a_procedure_in_admin_refreshes_its_search_fields(staff_client, django_user_model):
    procedure = Procedure.objects.get(code="1.001193")
    procedure.name = "Đăng ký khai sinh lưu động"
    request = RequestFactory().post("/")
    request.user = django_user_model.objects.get(username="quantri")

    site._registry[Procedure].save_model(request, procedure, form=None, change=True)

    procedure.refresh_from_db()
    assert procedure.search_name == "1 001193 dang ky khai sinh luu dong"


def test_fee_rows_show_channel_unit_quantity_field_and_optional_in_the_procedure_page(
    staff_client,
):
    from dichvucong.catalog.models import Fee

    procedure = Procedure.objects.get(code="1.001193")
    page = staff_client.get(reverse("admin:catalog_procedure_change", args=[procedure.pk]))
    html = page.content.decode()
    for name in ("channel", "unit", "quantity_field", "is_optional"):
        assert f'name="fees-0-{name}"' in html
    assert "Nộp trực tuyến" in html and "Mỗi bản" in html

    # A quantity field that is not on the procedure's form is refused with a Vietnamese reason.
    procedure.form_schema = [{"name": "paper_copies", "label": "Số bản sao", "type": "number"}]
    procedure.save()
    fee = Fee(procedure=procedure, name="Phí bản sao", amount=8000, unit="copy")
    fee.quantity_field = "so_ban"
    with pytest.raises(Exception, match="không phải là một trường của biểu mẫu"):
        fee.full_clean()
    fee.quantity_field = "paper_copies"
    fee.full_clean()
