"""Writing audit rows from services, and reading them back for the Secretariat."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.lib.actors import person
from cpbtracker.parties.models import Party

CSV_COLUMNS = ["at", "user", "action", "party", "cycle", "target", "detail"]
# What each recorded action code means, for the trail's readers (the CSV keeps the codes).
ACTION_LABELS: dict[str, str | Promise] = {
    "admin.deleted": _("deleted in the admin"),
    "admin.password_changed": _("password changed in the admin"),
    "capacity.initiative_created": _("capacity-building initiative created"),
    "capacity.tagged": _("initiatives tagged"),
    "contribution.saved": _("contribution saved"),
    "contribution.deleted": _("contribution deleted"),
    "indicator.figure_entered": _("indicator figure entered"),
    "indicator.figure_changed": _("indicator figure changed"),
    "indicator.compliance_case_entered": _("compliance case entered"),
    "indicator.compliance_case_changed": _("compliance case changed"),
    "parties.imported": _("Parties imported"),
    "party.added": _("Party added"),
    "party.changed": _("Party changed"),
    "record.created": _("record created"),
    "record.saved": _("record saved"),
    "record.publication_requested": _("record publication requested"),
    "record.published": _("record published"),
    "records.imported": _("records imported"),
    "report.draft_opened": _("draft report started"),
    "report.saved": _("answers saved"),
    "report.languages_chosen": _("report languages chosen"),
    "report.imported": _("report imported"),
    "reports.imported": _("reports imported"),
    "report.publication_requested": _("publication requested"),
    "report.publication_approved": _("publication approved"),
    "report.publication_rejected": _("publication rejected"),
    "report.submitted": _("report submitted"),
    "report.reopened": _("report reopened"),
    "role.granted": _("role granted"),
    "role.revoked": _("role revoked"),
    "snapshot.taken": _("evidence snapshot taken"),
    "document.generated": _("evaluation document made"),
    "document.published": _("evaluation document published"),
    "conclusion.saved": _("evaluation conclusions saved"),
    "conclusion.cleared": _("evaluation conclusions cleared"),
    "target.set": _("target set"),
    "target.cleared": _("target cleared"),
}


def action_label(action: str) -> str:
    """The action in words in the active language; an unknown code as it is."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def record(user: Any, action: str, target: object, **detail: Any) -> AuditEntry:
    """Note that ``user`` (None for the system or the CLI) did ``action`` to ``target``.

    The entry is filed under the Party (and cycle) of the target: a Party, a role, a report
    or one of its versions.
    """
    return AuditEntry.objects.create(**entry_fields(user, action, target, detail))


def entry_fields(user: Any, action: str, target: object, detail: dict[str, Any]) -> dict:
    """The columns of one audit row (for ``record`` and for bulk writers)."""
    actor = person(user)
    party, cycle = _scope(target)
    return {
        "user": actor,
        "action": action,
        "target": str(target)[:200],
        "detail": detail,
        "party": party,
        "cycle": cycle,
    }


def _scope(target: object) -> tuple[str, int | None]:
    if isinstance(target, Party):
        return target.iso2, None
    report = getattr(target, "report", target)  # a report version belongs to its report
    party = getattr(report, "party", None)
    cycle = getattr(report, "cycle", None)
    return (
        party.iso2 if isinstance(party, Party) else "",
        getattr(cycle, "number", None),
    )


def plain(value: Any) -> Any:
    """A form or model value as JSON for an audit row (objects by their name)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, QuerySet | list | tuple | set):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def entries_for(party: Party, cycle: int | None = None) -> QuerySet[AuditEntry]:
    """A Party's trail, or one report's (the Party in one cycle), newest first."""
    entries = AuditEntry.objects.filter(party=party.iso2).select_related("user")
    return entries.filter(cycle=cycle) if cycle is not None else entries


def csv_rows(entries: Iterable[AuditEntry]) -> Iterator[dict[str, Any]]:
    for entry in entries:
        yield {
            "at": entry.at.isoformat(timespec="seconds"),
            "user": entry.user.get_username() if entry.user else "",
            "action": entry.action,
            "party": entry.party,
            "cycle": entry.cycle if entry.cycle is not None else "",
            "target": entry.target,
            "detail": json.dumps(entry.detail, ensure_ascii=False, sort_keys=True),
        }


@dataclass(frozen=True)
class DetailRow:
    """One line of an entry's detail in words: what, and its value or its change."""

    name: str  # may hold the report format's markup (a question's title)
    after: str
    before: str | None = None  # set when the line is a change


# key, value -> (what, in words; the value in words)
Describe = Callable[[str, object], tuple[str, str]]


def words_of(value: object) -> str:
    """A recorded value for a reader: texts as they are, lists and pairs spelled out."""
    if value is None or value in ("", [], {}):
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return "; ".join(words_of(v) for v in value)
    if isinstance(value, dict):
        if "value" in value and set(value) <= {"value", "additionalInformation"}:
            extra = value.get("additionalInformation")
            return words_of(value["value"]) + (f" ({words_of(extra)})" if extra else "")
        return "; ".join(f"{k}: {words_of(v)}" for k, v in value.items())
    return str(value)


def _as_recorded(key: str, value: object) -> tuple[str, str]:
    return key, words_of(value)


# The facts a report's entries record beside its changes, named for a reader.
FACTS = {
    "revision": _("draft revision"),
    "dropped": _("answers dropped by the form's rules"),
}


def detail_rows(detail: dict[str, Any], describe: Describe = _as_recorded) -> list[DetailRow]:
    """An entry's detail as rows: one per changed answer or field (before and after, in words
    through ``describe``), one per other fact."""
    rows = []
    for key, value in detail.items():
        if key == "changes" and isinstance(value, dict):
            for name, change in value.items():
                if isinstance(change, dict) and {"old", "new"} <= change.keys():
                    label, before = describe(name, change["old"])
                    after = describe(name, change["new"])[1]
                    rows.append(DetailRow(label, after, before))
                else:
                    rows.append(DetailRow(*describe(name, change)))
        elif key == "dropped" and isinstance(value, list):
            # question keys: each by its number and title, as the changes are
            dropped = "; ".join(describe(str(name), None)[0] for name in value)
            rows.append(DetailRow(str(FACTS[key]), dropped or "—"))
        else:
            rows.append(DetailRow(str(FACTS.get(key, key)), words_of(value)))
    return rows
