import json

import pytest
from django.core.management import call_command, execute_from_command_line
from django.db import connections

from dichvucong.catalog.models import Procedure
from dichvucong.catalog.tests.catalog_data import catalog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """The command line runner closes DB connections when done; the test still needs its own."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


def _write(tmp_path, data) -> str:
    path = tmp_path / "catalog.json"
    path.write_text(
        data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    return str(path)


def test_command_imports_and_reports_in_vietnamese(tmp_path, capsys):
    call_command("import_procedures", _write(tmp_path, catalog()))

    assert "Đã nhập 2 thủ tục (2 mới, 0 cập nhật), 2 lĩnh vực" in capsys.readouterr().out
    assert Procedure.objects.count() == 2


def test_bad_file_exits_non_zero_with_row_and_reason(tmp_path, capsys):
    data = catalog()
    data["procedures"][0]["field"] = "khong-co"

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "import_procedures", _write(tmp_path, data)])

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Không nhập gì cả: tệp có 1 lỗi." in err
    assert "Thủ tục dòng 1 (1.001193): lĩnh vực “khong-co” không có trong danh mục." in err
    assert not Procedure.objects.exists()


def test_invalid_json_points_at_the_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(
            ["manage.py", "import_procedures", _write(tmp_path, '{\n  "fields": [\n  ,]\n}')]
        )

    assert exited.value.code == 1
    assert "không phải JSON hợp lệ: dòng 3" in capsys.readouterr().err


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit):
        execute_from_command_line(["manage.py", "import_procedures", str(tmp_path / "x.json")])

    assert "Không tìm thấy tệp" in capsys.readouterr().err


def test_check_option_validates_without_writing(tmp_path, capsys):
    call_command("import_procedures", _write(tmp_path, catalog()), "--check")

    assert "Tệp hợp lệ: 2 thủ tục." in capsys.readouterr().out
    assert not Procedure.objects.exists()
