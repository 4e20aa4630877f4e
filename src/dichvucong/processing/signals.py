"""Signals the back office sends for higher parts to hear (they connect in their `ready()`)."""

from django.dispatch import Signal

# Sent after the transaction that wrote a public dossier event commits, with `event_id=`
# (sender: DossierEvent). Receivers reload what they need; an error in one is logged and
# does not stop the others (the status change is already committed).
dossier_event_committed = Signal()
