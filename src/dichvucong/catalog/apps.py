from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _repair_search_index(sender, using, **kwargs) -> None:
    """Restore the search index if a later table rebuild dropped its triggers."""
    from django.db import connections

    from dichvucong.catalog.search_index import ensure_search_index

    connection = connections[using]
    if "catalog_procedure" in connection.introspection.table_names():
        ensure_search_index(connection)


class CatalogConfig(AppConfig):
    name = "dichvucong.catalog"
    label = "catalog"
    verbose_name = _("Danh mục thủ tục")

    def ready(self) -> None:
        from dichvucong.catalog import signals

        signals.connect()
        post_migrate.connect(_repair_search_index, sender=self, dispatch_uid="catalog-search-index")
