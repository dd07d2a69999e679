"""Reading a Parties CSV into checked rows; every problem names its row and column.

Columns (the packaged file's; see data/README.md): iso2, iso3, name_en, name_zh,
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

from cpbtracker.parties.models import Membership, Region, Treaty

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


class PartiesCsvError(ValueError):
    """The CSV has problems; ``problems`` lists each one as 'row N, column C: reason'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


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
        raise PartiesCsvError([f"the file has {len(data)} bytes; at most {MAX_FILE_BYTES}"])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PartiesCsvError(["the file is UTF-16: save it as CSV UTF-8"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PartiesCsvError(
            [f"row {line}: byte {data[error.start]:#x} is not UTF-8: save the file as CSV UTF-8"]
        ) from error


def read_parties_csv(text: str) -> list[PartyRow]:
    """Parse and check the whole file; raise PartiesCsvError listing every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise PartiesCsvError([f"row 1 (header): {error}"]) from error
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise PartiesCsvError([f"row 1 (header): missing column(s) {', '.join(missing)}"])
    rows, problems = [], []
    seen: dict[str, int] = {}
    try:
        records = list(enumerate(reader, start=2))
    except csv.Error as error:
        raise PartiesCsvError([f"row {reader.line_num}: {error}"]) from error
    for line, raw in records:
        row_problems: list[str] = []

        def problem(column: str, reason: str, line: int = line, out: list = row_problems) -> None:
            out.append(f"row {line}, column {column}: {reason}")

        given = len([v for k, v in raw.items() if k is not None and v is not None])
        if None in raw or given != len(header):
            extra = len(raw.get(None) or [])
            problems.append(
                f"row {line}: {given + extra} columns, the header has {len(header)}: "
                "every row needs every column (an empty cell for an unknown value)"
            )
            continue
        cells = {k: v.strip() for k, v in raw.items() if k}
        for column, value in cells.items():
            if len(value) > MAX_CELL_LENGTH:
                problem(column, f"{len(value)} characters; at most {MAX_CELL_LENGTH}")
            if "\x00" in value:
                problem(column, "contains a NUL character")
        if row_problems:
            problems += row_problems
            continue
        iso2 = cells.get("iso2", "").upper()
        if not ISO2.match(iso2):
            problem("iso2", f"{cells.get('iso2')!r} is not a two-letter code")
        elif iso2 in seen:
            problem("iso2", f"{iso2} already given in row {seen[iso2]}")
        seen.setdefault(iso2, line)
        iso3 = cells.get("iso3", "").upper()
        if not ISO3.match(iso3):
            problem("iso3", f"{cells.get('iso3')!r} is not a three-letter code")
        if not cells.get("name_en"):
            problem("name_en", "an English name is required")
        region_label = cells.get("un_regional_group", "")
        region = REGIONS_BY_LABEL.get(region_label, "")
        if region_label and not region:
            problem(
                "un_regional_group",
                f"{region_label!r} is not a UN regional group "
                f"({', '.join(str(r.label) for r in Region)})",
            )
        memberships = []
        for prefix, treaty in TREATY_COLUMNS.items():
            status_cell = cells.get(f"{prefix}_party", "").lower()
            deposited = _date(cells, f"{prefix}_party_date", problem)
            since = _date(cells, f"{prefix}_party_since", problem)
            if status_cell not in STATUS_BY_CELL:
                problem(f"{prefix}_party", f"{status_cell!r} is not true, false or empty")
                continue
            status = STATUS_BY_CELL[status_cell]
            if status != Membership.Status.PARTY and (deposited or since):
                problem(f"{prefix}_party", "dates are given but the government is not a Party")
            memberships.append(MembershipRow(treaty, status, deposited, since))
        if row_problems:
            problems += row_problems
            continue
        name = {"en": cells["name_en"]}
        if cells.get("name_zh"):
            name["zh"] = cells["name_zh"]
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
        problem(column, f"{value!r} is not a date (YYYY-MM-DD)")
        return None
