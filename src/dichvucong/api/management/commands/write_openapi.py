from django.core.management.base import BaseCommand

from dichvucong.api.openapi import SCHEMA_FILE, generated_schema_text


class Command(BaseCommand):
    help = "Regenerate the committed OpenAPI document (src/dichvucong/api/openapi.json)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args, check=False, **options):
        text = generated_schema_text()
        if check:
            if SCHEMA_FILE.read_text(encoding="utf-8") != text:
                self.stderr.write("openapi.json is stale: run `make openapi`")
                raise SystemExit(1)
            return
        SCHEMA_FILE.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {SCHEMA_FILE}")
