"""Cache invalidation only: a changed dossier or history drops its cached public view."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dichvucong.dossiers.models import Dossier, DossierEvent
from dichvucong.tracking.lookup import forget_pages


@receiver([post_save, post_delete], sender=Dossier)
def dossier_changed(sender, instance: Dossier, **kwargs) -> None:
    forget_pages(instance.code)


@receiver([post_save, post_delete], sender=DossierEvent)
def event_added(sender, instance: DossierEvent, **kwargs) -> None:
    code = Dossier.objects.filter(pk=instance.dossier_id).values_list("code", flat=True).first()
    forget_pages(code)
