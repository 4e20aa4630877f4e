from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from dichvucong.catalog.importer import CatalogImportError, import_catalog
from dichvucong.catalog.models import Agency, Fee, Field, FormTemplate, Procedure, RequiredDocument
from dichvucong.catalog.tests.catalog_data import catalog
from dichvucong.catalog.tests.factories import make_field
from dichvucong.core.models import AuditLog

pytestmark = pytest.mark.django_db


def _problems(data) -> list[str]:
    with pytest.raises(CatalogImportError) as caught:
        import_catalog(data)
    return caught.value.problems


def test_valid_catalog_creates_procedures_with_papers_fees_and_forms():
    result = import_catalog(catalog())

    assert result.procedures == 2 and result.forms_built == 1
    birth = Procedure.objects.get(code="1.001193")
    assert birth.field.name == "Hộ tịch"
    assert birth.accepts_online and birth.accepts_post and birth.accepts_counter
    assert birth.processing_days == Decimal("1")
    assert [a.name for a in birth.agencies.all()] == ["Ủy ban nhân dân phường Đông Hà"]
    assert [(f.name, f.amount) for f in birth.fees.all()] == [
        ("Lệ phí đăng ký khai sinh", 0),
        ("Phí cấp bản sao", 8000),
    ]
    first, second = birth.required_documents.all()
    assert first.form_template.name == "Tờ khai đăng ký khai sinh"
    assert first.form_template.file.name.endswith(".docx")
    assert second.form_template is None
    assert AuditLog.objects.get(action="catalog.import").data["created"] == ["1.001193", "2.000815"]
    ward = Agency.objects.get(code="000.11.00.T01")
    assert ward.parent.name == "Sở Tư pháp tỉnh Thử Nghiệm" and ward.is_demo_code


def test_import_fills_the_folded_search_fields():
    import_catalog(catalog())

    birth = Procedure.objects.get(code="1.001193")
    assert birth.search_name == "1 001193 thu tuc dang ky khai sinh"
    assert "giay chung sinh" in birth.search_body
    assert "ho tich" in birth.search_body


def test_reimport_updates_in_place_retires_missing_papers_and_keeps_ids():
    import_catalog(catalog())
    birth = Procedure.objects.get(code="1.001193")
    form_paper, birth_paper = birth.required_documents.all()
    first_fee = birth.fees.first()
    data = catalog()
    data["procedures"][0]["name"] = "Đăng ký khai sinh"
    data["procedures"][0]["required_documents"] = [{"name": "Giấy chứng sinh", "copies": 1}]
    data["procedures"][0]["fees"] = [{"name": "Lệ phí đăng ký khai sinh", "amount": 5000}]

    result = import_catalog(data)

    assert result.created == [] and result.updated == ["1.001193"]
    assert result.unchanged == ["2.000815"] and result.procedures == 2
    assert Procedure.objects.count() == 2 and Field.objects.count() == 2
    assert Agency.objects.count() == 2 and FormTemplate.objects.count() == 1
    birth.refresh_from_db()
    assert birth.name == "Đăng ký khai sinh"
    kept = birth.required_documents.active().get()
    assert (kept.pk, kept.order, kept.copies) == (birth_paper.pk, 1, 1)
    form_paper.refresh_from_db()
    assert not form_paper.is_active and RequiredDocument.objects.count() == 2
    assert list(birth.fees.values_list("pk", "amount")) == [(first_fee.pk, 5000)]
    assert Fee.objects.count() == 2
    assert result.retired_papers == ["1.001193: Tờ khai đăng ký khai sinh theo mẫu"]
    assert "to khai dang ky khai sinh theo mau" not in birth.search_body


def _writes(queries) -> list[str]:
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verbs)]


def test_reimport_of_the_same_file_writes_nothing():
    import_catalog(catalog())
    stamps = dict(Procedure.objects.values_list("code", "updated_at"))
    audits = AuditLog.objects.count()

    with CaptureQueriesContext(connection) as queries:
        result = import_catalog(catalog())

    assert _writes(queries.captured_queries) == []
    assert result.created == result.updated == [] and result.forms_built == 0
    assert sorted(result.unchanged) == ["1.001193", "2.000815"]
    assert dict(Procedure.objects.values_list("code", "updated_at")) == stamps
    assert AuditLog.objects.count() == audits


def test_a_renamed_paper_keeps_its_row_when_its_code_is_the_same():
    data = catalog()
    papers = data["procedures"][0]["required_documents"]
    papers[0]["code"], papers[1]["code"] = "to-khai", "giay-chung-sinh"
    import_catalog(data)
    ids = dict(RequiredDocument.objects.values_list("code", "pk"))
    papers.reverse()
    papers[0]["name"] = "Giấy chứng sinh (bản chính)"

    import_catalog(data)

    stored = {d.code: d for d in RequiredDocument.objects.all()}
    assert {code: d.pk for code, d in stored.items()} == ids
    assert stored["giay-chung-sinh"].name == "Giấy chứng sinh (bản chính)"
    assert (stored["giay-chung-sinh"].order, stored["to-khai"].order) == (1, 2)
    assert all(d.is_active for d in stored.values())


def test_a_paper_without_code_is_matched_by_name_then_by_position():
    import_catalog(catalog())
    form_paper, birth_paper = RequiredDocument.objects.all()
    data = catalog()
    papers = data["procedures"][0]["required_documents"]
    papers[0]["name"] = "Tờ khai đăng ký khai sinh (mẫu mới)"  # renamed at the same place
    papers.insert(1, {"name": "Giấy tờ tùy thân của người đi khai sinh"})

    import_catalog(data)

    rows = {
        name: (pk, order)
        for pk, order, name in RequiredDocument.objects.values_list("pk", "order", "name")
    }
    assert rows["Tờ khai đăng ký khai sinh (mẫu mới)"] == (form_paper.pk, 1)
    assert rows["Giấy chứng sinh"] == (birth_paper.pk, 3)
    added = rows["Giấy tờ tùy thân của người đi khai sinh"]
    assert added[0] not in (form_paper.pk, birth_paper.pk) and added[1] == 2
    assert len(rows) == 3


def test_a_retired_paper_that_comes_back_is_active_again_with_its_id():
    import_catalog(catalog())
    data = catalog()
    removed = data["procedures"][0]["required_documents"].pop()
    import_catalog(data)
    data["procedures"][0]["required_documents"].append(removed)

    import_catalog(data)

    assert RequiredDocument.objects.count() == 2
    assert RequiredDocument.objects.active().count() == 2


def test_two_papers_of_one_procedure_cannot_share_a_code():
    data = catalog()
    for paper in data["procedures"][0]["required_documents"]:
        paper["code"] = "giay-to"

    problems = _problems(data)

    assert "Thủ tục dòng 1 (1.001193), giấy tờ dòng 2: mã “giay-to” trùng với dòng 1." in problems


def test_unchanged_forms_are_not_rebuilt_but_changed_ones_are():
    import_catalog(catalog())
    first_file = FormTemplate.objects.get().file.name

    assert import_catalog(catalog()).forms_built == 0
    assert FormTemplate.objects.get().file.name == first_file

    data = catalog()
    data["forms"][0]["fields"].append("Nơi sinh")
    assert import_catalog(data).forms_built == 1


def test_bad_row_names_its_row_and_reason_and_imports_nothing():
    data = catalog()
    data["procedures"][1]["online_level"] = "mức độ 5"
    data["procedures"][1]["fees"][0]["amount"] = -3

    problems = _problems(data)

    assert any(
        p.startswith("Thủ tục dòng 2 (2.000815): “online_level” phải là một trong")
        for p in problems
    )
    assert any(
        p.startswith("Thủ tục dòng 2 (2.000815), phí dòng 1: “amount” phải là số nguyên")
        for p in problems
    )
    assert not Procedure.objects.exists() and not Field.objects.exists()
    assert not Agency.objects.exists() and not FormTemplate.objects.exists()


def test_unknown_field_and_form_references_are_refused():
    data = catalog()
    data["procedures"][0]["field"] = "dat-dai"
    data["procedures"][0]["required_documents"][0]["form_template"] = "khong-co"

    problems = _problems(data)

    assert "Thủ tục dòng 1 (1.001193): lĩnh vực “dat-dai” không có trong danh mục." in problems
    assert (
        "Thủ tục dòng 1 (1.001193), giấy tờ dòng 1: biểu mẫu “khong-co” không có trong danh mục."
    ) in problems


def test_reference_to_a_field_already_in_the_database_is_accepted():
    make_field(code="dat-dai", name="Đất đai")
    data = catalog()
    data["procedures"][0]["field"] = "dat-dai"

    import_catalog(data)

    assert Procedure.objects.get(code="1.001193").field.name == "Đất đai"


def test_duplicate_codes_are_refused():
    data = catalog()
    data["procedures"][1]["code"] = "1.001193"
    data["fields"][1]["code"] = "ho-tich"

    problems = _problems(data)

    assert "Thủ tục dòng 2: mã “1.001193” trùng với dòng 1." in problems
    assert "Lĩnh vực dòng 2: mã “ho-tich” trùng với dòng 1." in problems


def test_online_channel_needs_an_online_level_and_unknown_keys_are_refused():
    data = catalog()
    data["procedures"][1]["channels"] = ["counter", "online"]
    data["procedures"][1]["phi"] = 1

    problems = _problems(data)

    assert any("không thể nhận hồ sơ trực tuyến" in p for p in problems)
    assert "Thủ tục dòng 2 (2.000815): khóa không được hỗ trợ: phi." in problems


def test_missing_required_values_and_wrong_shapes_are_reported():
    data = catalog()
    data["procedures"][0]["name"] = ""
    data["procedures"][0]["processing_days"] = "ba ngày"
    data["agencies"][0]["level"] = "huyện"
    data["forms"][0]["fields"] = []
    data["procedures"].append("không phải đối tượng")

    problems = _problems(data)

    assert "Thủ tục dòng 1 (1.001193): thiếu “name”." in problems
    assert any(p.startswith("Thủ tục dòng 1 (1.001193): “processing_days”") for p in problems)
    assert any(p.startswith("Cơ quan dòng 1: “level” phải là một trong") for p in problems)
    assert "Biểu mẫu dòng 1: biểu mẫu cần ít nhất một mục “fields”." in problems
    assert "Thủ tục dòng 3: mỗi dòng phải là một đối tượng JSON." in problems


def test_a_file_that_is_not_a_catalog_object_is_refused():
    assert _problems(["1.001193"])[0].startswith("Tệp phải là một đối tượng JSON")


def _paths(obj, prefix=()):
    if isinstance(obj, dict):
        items = obj.items()
    else:
        items = enumerate(obj) if isinstance(obj, list) else ()
    for key, value in items:
        if isinstance(key, int) and key > 0:
            continue  # the first row of each list stands for the others
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


def test_any_value_of_the_wrong_type_is_reported_never_crashes():
    base = catalog()
    for path in list(_paths(base)):
        for weird in (None, [{}], "x"):
            data = catalog()
            target = data
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = weird
            try:
                with transaction.atomic():
                    import_catalog(data)
                    transaction.set_rollback(True)
            except CatalogImportError as error:
                assert error.problems and all(":" in p for p in error.problems)


def test_fee_rows_carry_channel_unit_quantity_field_and_optional_flag():
    data = catalog()
    data["procedures"][0]["fees"] = [
        {"name": "Lệ phí", "amount": 50000, "channel": "counter"},
        {
            "name": "Phí cấp bản sao (nếu có yêu cầu)",
            "amount": 8000,
            "unit": "copy",
            "quantity_field": "paper_copies",
            "is_optional": True,
        },
    ]
    import_catalog(data)
    counter, copies = Procedure.objects.get(code="1.001193").fees.all()
    assert (counter.channel, counter.unit, counter.quantity_field, counter.is_optional) == (
        "counter",
        "dossier",
        "",
        False,
    )
    assert (copies.channel, copies.unit, copies.quantity_field, copies.is_optional) == (
        "any",
        "copy",
        "paper_copies",
        True,
    )


def test_bad_fee_channel_unit_and_missing_quantity_field_are_refused():
    data = catalog()
    data["procedures"][0]["fees"] = [
        {"name": "A", "amount": 1, "channel": "email"},
        {"name": "B", "amount": 1, "unit": "copy"},
        {"name": "C", "amount": 1, "is_optional": "yes"},
    ]
    problems = _problems(data)
    assert any("phí dòng 1" in p and "“channel” phải là một trong" in p for p in problems)
    assert any("phí dòng 2" in p and "cần có trường số lượng" in p for p in problems)
    assert any("phí dòng 3" in p and "“is_optional” phải là true hoặc false" in p for p in problems)


def test_quantity_field_that_is_not_a_field_of_the_procedure_form_is_refused():
    import_catalog(catalog())
    Procedure.objects.filter(code="1.001193").update(
        form_schema=[{"name": "paper_copies", "label": "Số bản sao", "type": "number"}]
    )
    data = catalog()
    data["procedures"][0]["fees"] = [
        {"name": "Phí bản sao", "amount": 8000, "unit": "copy", "quantity_field": "so_ban"}
    ]
    (problem,) = _problems(data)
    assert "“so_ban” không phải là một trường của biểu mẫu điện tử" in problem
    data["procedures"][0]["fees"][0]["quantity_field"] = "paper_copies"
    import_catalog(data)
    assert Procedure.objects.get(code="1.001193").fees.get().quantity_field == "paper_copies"


def test_the_minimum_identity_level_is_imported_defaults_to_medium_and_is_checked():
    data = catalog()
    data["procedures"][0]["min_identity_level"] = "high"
    import_catalog(data)
    assert Procedure.objects.get(code="1.001193").min_identity_level == "high"
    assert Procedure.objects.get(code="2.000815").min_identity_level == "medium"
    data["procedures"][1]["min_identity_level"] = "rat-cao"
    assert any("min_identity_level" in p for p in _problems(data))
