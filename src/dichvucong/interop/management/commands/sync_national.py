"""Sync with the National Public Service Portal from a timer: send the outbox, pull filed
dossiers, and (with --reconcile) write the day's reconciliation report."""

from django.core.management.base import BaseCommand

from dichvucong.interop.sync.inbound import pull_national_dossiers
from dichvucong.interop.sync.outbox import drain_outbox
from dichvucong.interop.sync.reconcile import reconcile


class Command(BaseCommand):
    help = "Send the DVCQG outbox, pull dossiers filed nationally, optionally reconcile."

    def add_arguments(self, parser):
        parser.add_argument("--no-pull", action="store_true", help="only send the outbox")
        parser.add_argument("--reconcile", action="store_true", help="write the daily report")

    def handle(self, *args, **options):
        if not options["no_pull"]:
            pulled = pull_national_dossiers()
            self.stdout.write(
                f"pulled: {len(pulled.opened)} opened, {len(pulled.duplicates)} already here, "
                f"{len(pulled.refused)} refused"
            )
        drained = drain_outbox()
        state = " (another drain is running)" if drained.busy else ""
        self.stdout.write(f"sent: {drained.sent}, failed batches: {drained.failed_batches}{state}")
        if options["reconcile"]:
            report = reconcile()
            self.stdout.write(
                f"reconciliation #{report.pk}: {len(report.never_synced)} never synced"
            )
