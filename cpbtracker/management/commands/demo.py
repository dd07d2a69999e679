"""`cpbtracker demo load`: synthetic national reports and demo users, clearly marked as such."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandParser

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.capacity.demo import load_demo_initiatives
from cpbtracker.indicators.store import store_everything
from cpbtracker.lib.commands import ProjectCommand
from cpbtracker.parties.models import Party
from cpbtracker.records.demo import load_demo_records
from cpbtracker.reporting.demo import load_demo_reports

DEMO_PASSWORD = "demo"
# (user name, role, Party): Kenya's users find an unstarted 5th report to fill in.
DEMO_USERS = [
    ("secretariat", Role.Kind.SECRETARIAT, None),
    ("ke-nfp", Role.Kind.FOCAL_POINT, "KE"),
    ("ke-user", Role.Kind.AUTHORIZED_USER, "KE"),
    ("cn-nfp", Role.Kind.FOCAL_POINT, "CN"),
]


class Command(ProjectCommand):
    help = "Load synthetic demo data (never real): national reports for every CP Party, users."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("load", help="Replace the demo reports and create demo users.")
        load.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, seed: int, **options) -> None:
        summary = load_demo_reports(seed=seed, keep_drafts_for=("KE",))
        self.stdout.write(
            f"demo data (synthetic, not real): {summary.reports} reports, "
            f"{summary.answers} answers; {summary.skipped_real} real report(s) left untouched"
        )
        records = load_demo_records(seed=seed)
        self.stdout.write(f"demo clearing-house records (synthetic, not real): {records}")
        initiatives = load_demo_initiatives(seed=seed)
        self.stdout.write(f"demo capacity-building initiatives, tagged (synthetic): {initiatives}")
        store_everything()  # computed now rather than by the first visitors
        created = create_demo_users()
        for username, kind, iso2 in DEMO_USERS:
            if username in created:
                self.stdout.write(
                    f"demo user {username} / password {DEMO_PASSWORD}: {kind} {iso2 or ''}"
                )
            else:
                self.stdout.write(f"user {username} exists: left as it is")


def create_demo_users() -> list[str]:
    """Create the demo users that do not exist; an existing account (perhaps a real one of
    the same name) is never touched: neither its password nor its roles. The names created."""
    created = []
    existing = set(
        get_user_model()
        .objects.filter(username__in=[u for u, _k, _p in DEMO_USERS])
        .values_list("username", flat=True)
    )
    for username, kind, iso2 in DEMO_USERS:
        if username in existing:
            continue
        party = Party.objects.get(iso2=iso2) if iso2 else None
        grant_role(username, kind, party=party, password=DEMO_PASSWORD)
        created.append(username)
    return created
