"""Background work of the national interoperability: drain the outbox, pull filed dossiers,
reconcile. `manage.py sync_national` runs the same from a timer."""

from django_tasks import task


@task()
def drain_outbox_task() -> dict:
    """Send what the outbox holds (a no-op while another drain runs: it looks again)."""
    from dichvucong.interop.sync.outbox import drain_outbox

    report = drain_outbox()
    return {"sent": report.sent, "failed_batches": report.failed_batches, "busy": report.busy}


@task()
def pull_national_dossiers_task() -> dict:
    """Open here the dossiers filed on the national portal."""
    from dichvucong.interop.sync.inbound import pull_national_dossiers

    report = pull_national_dossiers()
    return {"opened": report.opened, "duplicates": report.duplicates, "refused": report.refused}


@task()
def reconcile_task() -> int:
    from dichvucong.interop.sync.reconcile import reconcile

    return reconcile().pk
