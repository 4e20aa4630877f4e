"""Load a catalog file: `python manage.py import_procedures FILE` (see docs/CATALOG_FORMAT.md)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dichvucong.catalog.importer import CatalogImportError, import_catalog, validate_catalog
from dichvucong.catalog.importer.service import describe


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính từ tệp JSON (xem docs/CATALOG_FORMAT.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Đường dẫn tệp JSON danh mục.")
        parser.add_argument(
            "--check", action="store_true", help="Chỉ kiểm tra tệp, không ghi vào cơ sở dữ liệu."
        )

    def handle(self, *args, file: str, check: bool, **options):
        data = _read(Path(file))
        if check:
            problems = validate_catalog(data)
            if problems:
                _refuse(problems)
            self.stdout.write(f"Tệp hợp lệ: {len(data.get('procedures', []))} thủ tục.")
            return
        try:
            result = import_catalog(data)
        except CatalogImportError as error:
            _refuse(error.problems)
        self.stdout.write(self.style.SUCCESS(describe(result)))


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(f"Không tìm thấy tệp {path}.") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"Tệp {path} không phải văn bản UTF-8.") from error
    except json.JSONDecodeError as error:
        raise CommandError(
            f"Tệp {path} không phải JSON hợp lệ: dòng {error.lineno}, cột {error.colno} "
            f"({error.msg})."
        ) from error


def _refuse(problems: list[str]):
    shown = problems[:50]
    more = f"\n… và {len(problems) - 50} lỗi khác." if len(problems) > 50 else ""
    raise CommandError(f"Không nhập gì cả: tệp có {len(problems)} lỗi.\n" + "\n".join(shown) + more)
