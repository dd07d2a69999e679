"""Change notices: a lower app says what it changed, and the higher apps that keep results
derived from it listen (connecting in their ``AppConfig.ready()``). Imports point down; notices
flow up: a writer never imports the apps that read what it writes.

Each notice is sent with ``sender`` = the writing module's name and these keywords:
"""

from __future__ import annotations

from django.dispatch import Signal

# Published reports changed: ``cycle`` (a ReportingCycle) and ``parties`` (the Parties whose
# reports of that cycle were published or replaced).
reports_changed = Signal()

# Whatever feeds every figure of some cycles changed (a deadline, a demo load, the plan):
# ``cycles`` (ReportingCycles), or None for every cycle.
cycles_changed = Signal()

# A clearing-house record was published on ``published_on`` (a date): the cycles whose
# deadline is not before it read it.
records_changed = Signal()

# The Parties changed (memberships, regions).
parties_changed = Signal()
