"""The admin edits a procedure's online form row by row; a typo cannot be saved."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from dichvucong.catalog.importer import import_catalog
from dichvucong.catalog.models import Procedure
from dichvucong.catalog.tests.catalog_data import catalog

pytestmark = pytest.mark.django_db
SCHEMA = [
    {
        "name": "ho_ten",
        "label": "Họ và tên",
        "type": "text",
        "required": True,
        "section": "Người yêu cầu",
        "prefill": "full_name",
    },
    {
        "name": "gioi_tinh",
        "label": "Giới tính",
        "type": "choice",
        "required": True,
        "choices": [{"value": "M", "label": "Nam"}, {"value": "F", "label": "Nữ"}],
    },
]


class _Inputs(HTMLParser):
    """Collect what a browser would post from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.data[name] = attrs.get("value") or "on"
            else:
                self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


@pytest.fixture
def admin_page(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@example.com", "mat-khau-9")
    client.force_login(user)
    import_catalog(catalog())
    procedure = Procedure.objects.get(code="1.001193")
    procedure.form_schema = SCHEMA
    procedure.save(update_fields=["form_schema"])
    url = reverse("admin:catalog_procedure_change", args=[procedure.pk])
    return client, url, procedure


def _form_data(client, url) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    parser = _Inputs()
    parser.feed(page.content.decode())
    data = {k: v for k, v in parser.data.items() if k != "csrfmiddlewaretoken"}
    return data | {"_save": "Lưu"}


def test_the_change_page_shows_each_row_with_its_label_type_and_choices(admin_page):
    client, url, _ = admin_page
    html = client.get(url).content.decode()

    assert 'name="form_schema-0-label" value="Họ và tên"' in html
    assert "M | Nam\nF | Nữ" in html
    assert html.count('name="form_schema-') > 20
    assert 'name="form_schema"' not in html  # no raw JSON box


def test_saving_unchanged_rows_keeps_the_schema(admin_page):
    client, url, procedure = admin_page
    response = client.post(url, _form_data(client, url))

    assert response.status_code == 302, response.content.decode()[:3000]
    procedure.refresh_from_db()
    assert procedure.form_schema == SCHEMA


def test_a_typo_is_refused_and_names_the_row_in_vietnamese(admin_page):
    client, url, procedure = admin_page
    data = _form_data(client, url)
    data["form_schema-1-choices"] = ""  # a choice field left without choices
    data["form_schema-2-label"] = "Ngày sinh"  # a new row in the first blank block…
    data["form_schema-2-name"] = "ngay sinh"  # …with a space in its code and no type

    response = client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dòng 2 («Giới tính»): loại “choice” cần danh sách lựa chọn" in html
    assert "Dòng 3 («Ngày sinh»): mã trường “name” phải gồm chữ không dấu" in html
    assert "Dòng 3 («Ngày sinh»): loại trường “” không có" in html
    procedure.refresh_from_db()
    assert procedure.form_schema == SCHEMA


def test_a_new_row_is_added_from_a_blank_block_and_a_row_deleted(admin_page):
    client, url, procedure = admin_page
    data = _form_data(client, url)
    data |= {
        "form_schema-2-label": "Ngày sinh",
        "form_schema-2-name": "ngay_sinh",
        "form_schema-2-type": "date",
        "form_schema-2-order": "1",
        "form_schema-0-order": "2",
        "form_schema-1-DELETE": "on",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    procedure.refresh_from_db()
    assert [row["name"] for row in procedure.form_schema] == ["ngay_sinh", "ho_ten"]
    assert procedure.form_schema[0] == {
        "name": "ngay_sinh",
        "label": "Ngày sinh",
        "type": "date",
        "required": False,
    }


def test_an_old_broken_schema_opens_shows_its_bad_type_and_must_be_fixed_to_save(admin_page):
    client, url, procedure = admin_page
    broken = [SCHEMA[0], {"name": "gioi_tinh", "label": "Giới tính", "type": "choise"}]
    procedure.form_schema = broken
    procedure.save(update_fields=["form_schema"])

    page = client.get(url)
    refused = client.post(url, _form_data(client, url))

    assert page.status_code == 200
    assert "choise (không hợp lệ)" in page.content.decode()
    assert refused.status_code == 200
    assert "Dòng 2 («Giới tính»): loại trường “choise” không có" in refused.content.decode()
    data = _form_data(client, url) | {"form_schema-1-type": "text"}
    assert client.post(url, data).status_code == 302
    procedure.refresh_from_db()
    assert procedure.form_schema[1]["type"] == "text"


def test_the_editor_marks_the_wrong_row_as_soon_as_it_opens(admin_page):
    client, url, procedure = admin_page
    procedure.form_schema = [
        SCHEMA[0],
        {"name": "gioi_tinh", "label": "Giới tính", "type": "choice"},
    ]
    procedure.save(update_fields=["form_schema"])

    html = client.get(url).content.decode()

    assert '<ul class="errorlist"><li>loại “choice” cần danh sách lựa chọn' in html


def test_a_source_and_its_lock_are_chosen_and_kept(admin_page):
    client, url, procedure = admin_page
    data = _form_data(client, url)
    data |= {"form_schema-0-prefill": "identity.full_name", "form_schema-0-locked": "on"}

    assert client.post(url, data).status_code == 302
    procedure.refresh_from_db()
    assert procedure.form_schema[0] == SCHEMA[0] | {
        "prefill": "identity.full_name",
        "editable": False,
    }
    assert client.post(url, _form_data(client, url)).status_code == 302  # saved again as is
    procedure.refresh_from_db()
    assert procedure.form_schema[0]["editable"] is False
