"""Writing audit rows from services, and reading them back for the Secretariat in words: each
app names the actions it writes, and the facts they record, through ``register_actions``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.lib.actors import person
from cpbtracker.lib.formats import reader_date
from cpbtracker.parties.models import Party

CSV_COLUMNS = ["at", "user", "action", "party", "cycle", "target", "detail"]


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


def coded(name_of: Callable[[str], str]) -> Callable[[object], str]:
    """Words for a recorded code, or a list of codes, each by its name; other values as
    ``words_of`` reads them."""

    def in_words(value: object) -> str:
        if isinstance(value, list) and value:
            return "; ".join(in_words(v) for v in value)
        return name_of(value) if isinstance(value, str) and value else words_of(value)

    return in_words


def choices_of(choices: Iterable[tuple[str, Any]]) -> Callable[[object], str]:
    """Words for a recorded choice (or a list of them) by its label; an unknown one as it is."""
    labels = dict(choices)
    return coded(lambda code: str(labels.get(code, code)))


def fields_of(*models: type[Model]) -> Callable[[object], str]:
    """Words for recorded field names (or one) of ``models``, each by its verbose name."""
    names = {
        f.name: f.verbose_name
        for model in models
        for f in model._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    return coded(lambda name: str(names.get(name, name)))


def model_of(label: object) -> type[Model] | None:
    """The model a recorded label (``"parties.Party"``) names; None when none is installed."""
    try:
        return apps.get_model(label) if isinstance(label, str) else None
    except (LookupError, ValueError):
        return None


def _model_name(label: str) -> str:
    model = model_of(label)
    return str(model._meta.verbose_name) if model is not None else label


def _day(text: str) -> str:
    try:
        return reader_date(dt.date.fromisoformat(text))
    except ValueError:
        return text


model_names = coded(_model_name)  # "parties.Party" as "Party"
days = coded(_day)  # an ISO date in the reader's format


@dataclass(frozen=True)
class Fact:
    """A fact an entry records beside its changes, for the trail's readers: its name, and its
    value in words; ``names`` when the value lists answers or fields, each named as the
    entry's changes name them."""

    label: str | Promise
    words: Callable[[Any], str] = words_of
    names: bool = False


def field_fact(model: type[Model], name: str) -> Fact:
    """A fact that records a field of ``model``: named as the field, a choice by its label."""
    field = model._meta.get_field(name)
    label = getattr(field, "verbose_name", name)
    choices = getattr(field, "flatchoices", None)
    return Fact(label, choices_of(choices) if choices else words_of)


@dataclass(frozen=True)
class Action:
    """What a recorded action code means (the CSV keeps the code), and the facts it records."""

    label: str | Promise
    facts: Mapping[str, Fact]


# Each app names the actions it writes, in its AppConfig.ready(): accounts knows no other app.
_ACTIONS: dict[str, Action] = {}


def register_actions(
    labels: Mapping[str, str | Promise], facts: Mapping[str, Fact] | None = None
) -> None:
    """Name the action codes of ``labels`` for the trail's readers, with the ``facts`` their
    entries record. A code keeps one meaning: naming it otherwise is a configuration error."""
    for code, label in labels.items():
        action = Action(label, dict(facts or {}))
        if _ACTIONS.setdefault(code, action) != action:
            raise ImproperlyConfigured(f"the audit action {code} is named twice")


def registered_actions() -> frozenset[str]:
    """Every action code an app has named."""
    return frozenset(_ACTIONS)


def action_label(action: str) -> str:
    """The action in words in the active language; an unknown code as it is."""
    named = _ACTIONS.get(action)
    return str(named.label) if named is not None else action


def _as_recorded(key: str, value: object) -> tuple[str, str]:
    return key, words_of(value)


def detail_rows(
    action: str, detail: dict[str, Any], describe: Describe = _as_recorded
) -> list[DetailRow]:
    """An entry's detail as rows: one per changed answer or field (before and after, in words
    through ``describe``), one per other fact (named as its action's app names it)."""
    named = _ACTIONS.get(action)
    facts = named.facts if named is not None else {}
    rows = []
    for key, value in detail.items():
        fact = facts.get(key)
        if key == "changes" and isinstance(value, dict):
            for name, change in value.items():
                if isinstance(change, dict) and {"old", "new"} <= change.keys():
                    label, before = describe(name, change["old"])
                    after = describe(name, change["new"])[1]
                    rows.append(DetailRow(label, after, before))
                else:
                    rows.append(DetailRow(*describe(name, change)))
        elif fact is None:
            rows.append(DetailRow(key, words_of(value)))
        elif fact.names and isinstance(value, list):
            names = "; ".join(describe(str(name), None)[0] for name in value)
            rows.append(DetailRow(str(fact.label), names or "—"))
        else:
            rows.append(DetailRow(str(fact.label), fact.words(value)))
    return rows


# The actions this app writes: roles, and every edit made in the admin.
ACTIONS = {
    "admin.added": _("added in the admin"),
    "admin.changed": _("changed in the admin"),
    "admin.deleted": _("deleted in the admin"),
    "admin.password_changed": _("password changed in the admin"),
    "role.granted": _("role granted"),
    "role.revoked": _("role revoked"),
}
FACTS = {"model": Fact(_("kind"), model_names)}
