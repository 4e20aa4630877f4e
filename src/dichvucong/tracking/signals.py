"""Cache invalidation, and the in-app notice that follows each public status event."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dichvucong.dossiers.models import Dossier, DossierEvent
from dichvucong.tracking.lookup import forget_pages


@receiver([post_save, post_delete], sender=Dossier)
def dossier_changed(sender, instance: Dossier, **kwargs) -> None:
    forget_pages(instance.code)


@receiver([post_save, post_delete], sender=DossierEvent)
def event_added(sender, instance: DossierEvent, created: bool = False, **kwargs) -> None:
    code = Dossier.objects.filter(pk=instance.dossier_id).values_list("code", flat=True).first()
    forget_pages(code)
    if created and instance.is_public and instance.to_status is not None:
        # The status machine (processing) sends SMS and e-mail; the portal list is ours.
        from dichvucong.tracking.notify import notify_event

        event_id = instance.pk
        transaction.on_commit(lambda: notify_event(event_id=event_id), robust=True)
