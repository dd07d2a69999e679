"""`cpbtracker users grant USERNAME --role focal_point --party KE [--password P]`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party


class Command(BaseCommand):
    help = "Give a user (created if new) a role for a Party or the Secretariat."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        grant = actions.add_parser("grant", help="Grant a role.")
        grant.add_argument("username")
        grant.add_argument("--role", choices=Role.Kind.values, required=True)
        grant.add_argument("--party", help="ISO alpha-2 code (not for the Secretariat).")
        grant.add_argument("--password", help="Set this password.")

    def handle(
        self, *args, username: str, role: str, party: str | None, password: str | None, **options
    ) -> None:
        party_obj = None
        if party:
            party_obj = Party.objects.filter(iso2=party.upper()).first()
            if party_obj is None:
                raise CommandError(f"no Party with code {party}")
        try:
            granted = grant_role(username, role, party=party_obj, password=password)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"granted: {granted}")
