"""The committed OpenAPI document (`api/openapi.json`) and how it is generated."""

import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("openapi.json")


def generated_schema_text() -> str:
    """Return the OpenAPI document the running code serves at /api/v1/openapi.json."""
    from dichvucong.api.api import api

    return json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=2) + "\n"


def committed_schema_text() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
