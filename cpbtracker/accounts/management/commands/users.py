"""`cpbtracker users grant USERNAME --role focal_point --party KE [--password P]` and
`cpbtracker users revoke USERNAME --role focal_point --party KE`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import RoleError, grant_role, revoke_role
from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.parties.models import Party


class Command(ProjectCommand):
    help = "Give a user (created if new) a role for a Party or the Secretariat, or take it away."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        grant = actions.add_parser("grant", help="Grant a role.")
        revoke = actions.add_parser("revoke", help="Revoke a role.")
        for sub in (grant, revoke):
            sub.add_argument("username")
            sub.add_argument("--role", choices=Role.Kind.values, required=True)
            sub.add_argument("--party", help="ISO alpha-2 code (not for the Secretariat).")
        grant.add_argument("--password", help="Set this password.")

    def handle(
        self, *args, action: str, username: str, role: str, party: str | None, **options
    ) -> None:
        party_obj = None
        if party:
            party_obj = Party.objects.filter(iso2=party.upper()).first()
            if party_obj is None:
                raise CommandError(f"no Party with code {party}")
        try:
            if action == "revoke":
                revoked = revoke_role(username, role, party=party_obj)
                self.stdout.write(f"revoked: {revoked}")
                return
            password = options.get("password")
            if password:
                _check_password(username, password)
            granted = grant_role(username, role, party=party_obj, password=password)
        except RoleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"granted: {granted}")


def _check_password(username: str, password: str) -> None:
    """Django's password validators, as for every other way of setting a password."""
    user = get_user_model().objects.filter(username=username).first()
    try:
        validate_password(password, user or get_user_model()(username=username))
    except ValidationError as error:
        raise CommandError("password refused: " + " ".join(error.messages)) from error
