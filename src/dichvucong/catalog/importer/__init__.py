"""Import a province's catalog from the documented JSON format (docs/CATALOG_FORMAT.md)."""

from dichvucong.catalog.importer.service import CatalogImportError, ImportResult, import_catalog
from dichvucong.catalog.importer.validate import validate_catalog

__all__ = ["CatalogImportError", "ImportResult", "import_catalog", "validate_catalog"]
