"""Compile every translation catalog (.po -> .mo) with Babel, no gettext tools needed."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dichvucong.core.i18n import compile_po, mo_translations, po_files, read_catalog, translations


class Command(BaseCommand):
    help = "Biên dịch các tệp dịch .po thành .mo (dùng Babel, không cần gettext)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ kiểm tra các tệp .mo đã khớp với .po chưa; không ghi tệp.",
        )

    def handle(self, *args, check: bool, **options):
        files = [po for path in settings.LOCALE_PATHS for po in po_files(Path(path))]
        if not files:
            raise CommandError("Không tìm thấy tệp .po nào trong LOCALE_PATHS.")
        stale = []
        for po_path in files:
            if check:
                mo_path = po_path.with_suffix(".mo")
                expected = translations(read_catalog(po_path))
                if not mo_path.exists() or mo_translations(mo_path) != expected:
                    stale.append(po_path)
                continue
            mo_path = compile_po(po_path)
            self.stdout.write(f"{po_path} -> {mo_path.name}")
        if stale:
            names = ", ".join(str(path) for path in stale)
            raise CommandError(f"Tệp .mo chưa được biên dịch lại: {names}")
