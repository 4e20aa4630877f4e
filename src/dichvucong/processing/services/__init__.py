"""Back-office writes: the status machine and the officer actions built on it."""

from dichvucong.processing.services.approval import approval_step
from dichvucong.processing.services.counter import (
    counter_create_dossier,
    record_counter_payment,
    record_originals_checked,
)
from dichvucong.processing.services.transition import dossier_transition, resume_status
from dichvucong.processing.services.work import add_result_file, extend_deadline

__all__ = [
    "add_result_file",
    "approval_step",
    "counter_create_dossier",
    "dossier_transition",
    "extend_deadline",
    "record_counter_payment",
    "record_originals_checked",
    "resume_status",
]
