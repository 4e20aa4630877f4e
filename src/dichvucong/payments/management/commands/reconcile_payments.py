"""Query the gateways about pending payments and fix drift (run from cron or a timer)."""

from django.core.management.base import BaseCommand

from dichvucong.payments.tasks import reconcile_payments


class Command(BaseCommand):
    help = "Reconcile pending online payments with their gateways."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=120,
            help="only payments sent to the gateway at least this many seconds ago",
        )

    def handle(self, *args, **options):
        counts = reconcile_payments.call(older_than_seconds=options["older_than"])
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "0")
