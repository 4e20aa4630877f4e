from django.core.management.base import BaseCommand, CommandError

from dichvucong.api.clients import ClientError, create_api_client
from dichvucong.catalog.models import Agency


class Command(BaseCommand):
    help = (
        "Create an agency system's API client and print its bearer token (shown only once; "
        "only its digest is stored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="Agency ID code, e.g. 000.00.06.H56")
        parser.add_argument("--name", required=True, help="Name of the calling system")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            default=[],
            help="dossiers:read, dossiers:write (repeat for several)",
        )
        parser.add_argument(
            "--role",
            action="append",
            dest="roles",
            default=[],
            help="Staff role of the service user: counter, specialist, leader (repeatable; "
            "default counter)",
        )

    def handle(self, *args, agency, name, scopes, roles, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"no agency with code {agency!r}")
        try:
            client, token = create_api_client(
                name=name, agency=found, scopes=scopes, roles=roles or ["counter"]
            )
        except ClientError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"client {client.pk} ({client.name}) for {found.code}: {client.scopes}")
        self.stdout.write("token (store it now, it is not shown again):")
        self.stdout.write(token)
