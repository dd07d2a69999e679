"""Reading a Parties CSV into checked rows; every problem names its row and column.

Columns (the packaged file's; see data/README.md): iso2, iso3, name_en, name_zh (used only
for a government CLDR does not name: names come from CLDR, see names.py),
un_regional_group, cbd_party, cpb_party, cpb_party_date, cpb_party_since, sp_party,
sp_party_date, sp_party_since, source. The ``*_since`` columns are optional explicit dates of
becoming a Party that override the date computed from the deposit date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cpbtracker.lib import inputs
from cpbtracker.lib.problems import Problem, ProblemsError
from cpbtracker.parties.models import Membership, Region, Treaty
from cpbtracker.parties.names import government_names

REQUIRED_COLUMNS = ("iso2", "name_en", "cbd_party", "cpb_party", "sp_party")
REGIONS_BY_LABEL = {str(r.label): r.value for r in Region} | {r.value: r.value for r in Region}
STATUS_BY_CELL = {
    "true": Membership.Status.PARTY,
    "false": Membership.Status.NOT_PARTY,
    "": Membership.Status.UNKNOWN,
}
# column prefix in the CSV -> treaty
TREATY_COLUMNS = {"cbd": Treaty.CBD, "cpb": Treaty.CP, "sp": Treaty.SP}
ISO2 = re.compile(r"^[A-Z]{2}$")
ISO3 = re.compile(r"^([A-Z]{3})?$")
MAX_CELL_LENGTH = 500  # the longest name or source in the packaged file is under 100
MAX_FILE_BYTES = 5 * 1024 * 1024


class PartiesCsvError(ProblemsError):
    """The CSV has problems, each naming its row (and column)."""

    MESSAGES = {
        "csv.cell": _("row %(row)s, column %(column)s: %(reason)s"),
        "csv.row": _("row %(row)s: %(reason)s"),
        "csv.header": _("row 1 (header): %(reason)s"),
        "csv.too-large": _("the file has %(size)s bytes; at most %(limit)s"),
        "csv.utf16": _("the file is UTF-16: save it as CSV UTF-8"),
        "csv.not-utf8": _("byte %(byte)s is not UTF-8: save the file as CSV UTF-8"),
        "csv.unreadable": _("%(error)s"),
        "csv.missing-columns": _("missing column(s) %(columns)s"),
        "csv.column-count": _(
            "%(count)s columns, the header has %(expected)s: every row needs every column "
            "(an empty cell for an unknown value)"
        ),
        "csv.too-long": _("%(length)s characters; at most %(limit)s"),
        "csv.nul": _("contains a NUL character"),
        "csv.control-character": _("contains a control character (%(character)s)"),
        "csv.not-iso2": _("%(value)r is not a two-letter code"),
        "csv.iso2-twice": _("%(value)s already given in row %(first)s"),
        "csv.not-iso3": _("%(value)r is not a three-letter code"),
        "csv.no-english-name": _("an English name is required"),
        "csv.not-a-region": _("%(value)r is not a UN regional group (%(regions)s)"),
        "csv.not-a-status": _("%(value)r is not true, false or empty"),
        "csv.dates-not-party": _("dates are given but the government is not a Party"),
        "csv.not-a-date": _("%(value)r is not a date (YYYY-MM-DD)"),
    }


def _row(line: int, code: str, **params: object) -> Problem:
    return Problem("csv.row", {"row": line, "reason": Problem(code, params)})


def _header(code: str, **params: object) -> PartiesCsvError:
    return PartiesCsvError(Problem("csv.header", {"reason": Problem(code, params)}))


@dataclass
class MembershipRow:
    treaty: str
    status: str
    deposited_on: dt.date | None
    since_override: dt.date | None


@dataclass
class PartyRow:
    iso2: str
    iso3: str
    name: dict[str, str]
    region: str
    source: str
    memberships: list[MembershipRow] = field(default_factory=list)


def decode_csv(data: bytes) -> str:
    """The text of a UTF-8 CSV file; any other encoding is a clear error, not a traceback."""
    if len(data) > MAX_FILE_BYTES:
        raise PartiesCsvError(
            Problem("csv.too-large", {"size": len(data), "limit": MAX_FILE_BYTES})
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PartiesCsvError(Problem("csv.utf16"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PartiesCsvError(_row(line, "csv.not-utf8", byte=f"{data[error.start]:#x}")) from error


def read_parties_csv(text: str) -> list[PartyRow]:
    """Parse and check the whole file; raise PartiesCsvError listing every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise _header("csv.unreadable", error=str(error)) from error
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise _header("csv.missing-columns", columns=", ".join(missing))
    rows: list[PartyRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    try:
        records = list(enumerate(reader, start=2))
    except csv.Error as error:
        raise PartiesCsvError(_row(reader.line_num, "csv.unreadable", error=str(error))) from error
    for line, raw in records:
        row_problems: list[Problem] = []

        def problem(
            column: str, code: str, line: int = line, out: list = row_problems, **params: object
        ) -> None:
            reason = Problem(code, params)
            out.append(Problem("csv.cell", {"row": line, "column": column, "reason": reason}))

        given = len([v for k, v in raw.items() if k is not None and v is not None])
        if None in raw or given != len(header):
            extra = len(raw.get(None) or [])
            problems.append(
                _row(line, "csv.column-count", count=given + extra, expected=len(header))
            )
            continue
        cells = {k: v.strip() for k, v in raw.items() if k}
        for column, value in cells.items():
            if len(value) > MAX_CELL_LENGTH:
                problem(column, "csv.too-long", length=len(value), limit=MAX_CELL_LENGTH)
            if "\x00" in value:
                problem(column, "csv.nul")
            elif control := inputs.control_character_problem(value, field=column):
                problem(column, "csv.control-character", **control.params)
        if row_problems:
            problems += row_problems
            continue
        iso2 = cells.get("iso2", "").upper()
        if not ISO2.match(iso2):
            problem("iso2", "csv.not-iso2", value=cells.get("iso2"))
        elif iso2 in seen:
            problem("iso2", "csv.iso2-twice", value=iso2, first=seen[iso2])
        seen.setdefault(iso2, line)
        iso3 = cells.get("iso3", "").upper()
        if not ISO3.match(iso3):
            problem("iso3", "csv.not-iso3", value=cells.get("iso3"))
        if not cells.get("name_en"):
            problem("name_en", "csv.no-english-name")
        region_label = cells.get("un_regional_group", "")
        region = REGIONS_BY_LABEL.get(region_label, "")
        if region_label and not region:
            problem(
                "un_regional_group",
                "csv.not-a-region",
                value=region_label,
                regions=", ".join(str(r.label) for r in Region),
            )
        memberships = []
        for prefix, treaty in TREATY_COLUMNS.items():
            status_cell = cells.get(f"{prefix}_party", "").lower()
            deposited = _date(cells, f"{prefix}_party_date", problem)
            since = _date(cells, f"{prefix}_party_since", problem)
            if status_cell not in STATUS_BY_CELL:
                problem(f"{prefix}_party", "csv.not-a-status", value=status_cell)
                continue
            status = STATUS_BY_CELL[status_cell]
            if status != Membership.Status.PARTY and (deposited or since):
                problem(f"{prefix}_party", "csv.dates-not-party")
            memberships.append(MembershipRow(treaty, status, deposited, since))
        if row_problems:
            problems += row_problems
            continue
        named = {"en": cells["name_en"]}
        if cells.get("name_zh"):
            named["zh"] = cells["name_zh"]
        name = government_names(iso2, named)
        rows.append(PartyRow(iso2, iso3, name, region, cells.get("source", ""), memberships))
    if problems:
        raise PartiesCsvError(problems)
    return rows


def _date(cells: dict[str, str], column: str, problem) -> dt.date | None:
    value = cells.get(column, "")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problem(column, "csv.not-a-date", value=value)
        return None
