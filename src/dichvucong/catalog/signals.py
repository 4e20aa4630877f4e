"""Cache invalidation only: any change to catalog rows makes cached catalog pages stale."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from dichvucong.catalog import models
from dichvucong.catalog.cache import bump_catalog_version

_MODELS = (
    models.Field,
    models.Agency,
    models.Procedure,
    models.Fee,
    models.FormTemplate,
    models.RequiredDocument,
)


def catalog_changed(**_ignored) -> None:
    """Bump the version now (this process sees its own change) and again on commit.

    Between the two, another process may render the old rows under the new version and keep
    that fragment; the bump on commit retires it. One commit bump per transaction is enough.
    """
    bump_catalog_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        entry[1] is bump_catalog_version for entry in connection.run_on_commit
    ):
        transaction.on_commit(bump_catalog_version)


def connect() -> None:
    for model in _MODELS:
        post_save.connect(catalog_changed, sender=model, dispatch_uid=f"catalog-v-s-{model}")
        post_delete.connect(catalog_changed, sender=model, dispatch_uid=f"catalog-v-d-{model}")
    m2m_changed.connect(
        catalog_changed, sender=models.Procedure.agencies.through, dispatch_uid="catalog-v-m2m"
    )
