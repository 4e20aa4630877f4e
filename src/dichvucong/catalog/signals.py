"""Cache invalidation only: any change to catalog rows makes cached catalog pages stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from dichvucong.catalog import models
from dichvucong.catalog.cache import bump_catalog_version

_MODELS = (models.Field, models.Agency, models.Procedure, models.Fee, models.FormTemplate,
           models.RequiredDocument)


def connect() -> None:
    for model in _MODELS:
        post_save.connect(bump_catalog_version, sender=model, dispatch_uid=f"catalog-v-s-{model}")
        post_delete.connect(bump_catalog_version, sender=model,
                            dispatch_uid=f"catalog-v-d-{model}")
    m2m_changed.connect(bump_catalog_version, sender=models.Procedure.agencies.through,
                        dispatch_uid="catalog-v-m2m")
