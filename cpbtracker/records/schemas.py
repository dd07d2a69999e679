"""The BCH record schemas the product stores, read from the packaged field data.

National records belong to a government (a Party); reference records have none. Field types
are the BCH front end's, reduced to the shapes the importer checks (see :data:`SHAPES`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cpbtracker.lib.languages import content_keys

DATA = Path(__file__).parent / "data"
NATIONAL = (
    "focalPoint",
    "authority",
    "supplementaryAuthority",
    "biosafetyLaw",
    "biosafetyDecision",
    "nationalRiskAssessment",
    "database",
    "biosafetyExpert",
    "countryProfile",
    "contact",
)
REFERENCE = (
    "capacityBuildingInitiative",
    "laboratoryDetection",
    "modifiedOrganism",
    "organization",
    "resource",
)
SCHEMAS = NATIONAL + REFERENCE
LANGUAGES = content_keys()
# Fields that name a record, tried in order (a person: first and last name).
TITLE_FIELDS = ("title", "name", "identity", "transformationEvent")


@dataclass(frozen=True)
class Field:
    key: str  # dotted for nested objects ("header.languages")
    shape: str  # lstring | term | terms | reference | references | links | date | bool | ...
    mandatory: str  # yes | no | conditional | not in repo
    label: str
    thesaurus: str = ""  # the thesaurus domain of term fields
    notes: str = ""
    private: bool = False  # the BCH never shows it once published (editors' notes)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


@dataclass(frozen=True)
class RecordSchema:
    key: str
    national: bool
    short_code: str
    title: dict[str, str]
    description: dict[str, str]
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def public(self, document: dict) -> dict:
        """The document without the private fields (what the public may read)."""
        private = {f.key for f in self.fields if f.private and "." not in f.key}
        return {k: v for k, v in document.items() if k not in private}


def shape_of(bch_type: str) -> str:
    """The BCH type text of a field (e.g. "term[] ({identifier}[])") as one shape name."""
    head = bch_type.split(" ")[0]
    return {
        "lstring": "lstring",
        "lstring[]": "lstrings",
        "term": "term",
        "term[]": "terms",
        "reference": "reference",
        "reference[]": "references",
        "reference[][]": "any",
        "link[]": "links",
        "date": "date",
        "bool": "bool",
        "number": "number",
        "string[]": "strings",
        "string": "string",
        "object[]": "any",
    }.get(head, "any")


def _field(raw: dict) -> Field | None:
    key = raw["key"]
    if " " in key or "[" in key:  # search-index columns and sub-values, not document keys
        return None
    thesaurus = raw.get("thesaurus") or {}
    return Field(
        key=key,
        shape=shape_of(raw["type"]),
        mandatory=raw["mandatory"],
        label=(raw.get("label") or {}).get("en", key),
        thesaurus=str(thesaurus.get("domainId") or ""),
        notes=raw.get("notes") or "",
        private="private" in raw["type"],
    )


@lru_cache(maxsize=1)
def record_schemas() -> dict[str, RecordSchema]:
    fields = json.loads((DATA / "bch-record-fields.json").read_text(encoding="utf-8"))["schemas"]
    realm = json.loads((DATA / "bch-record-schemas.json").read_text(encoding="utf-8"))
    realm_by_key = {s["key"]: s for s in realm["schemas"]}
    schemas = {}
    for key in SCHEMAS:
        realm_entry = realm_by_key[key]
        parsed = (_field(raw) for raw in fields[key]["fields"])
        schemas[key] = RecordSchema(
            key=key,
            national=key in NATIONAL,
            short_code=realm_entry["shortCode"],
            title=realm_entry["title"],
            description=realm_entry.get("description") or {},
            fields=tuple(f for f in parsed if f is not None),
        )
    return schemas


def record_schema(key: str) -> RecordSchema:
    return record_schemas()[key]


@lru_cache(maxsize=1)
def known_terms() -> dict[str, dict[str, str]]:
    """Term identifier (upper case) -> {"code", "text"} for the terms the source hard-codes."""
    lists = json.loads((DATA / "bch-record-fields.json").read_text(encoding="utf-8"))["termLists"]
    terms = {}
    for name, entry in lists.items():
        if not isinstance(entry, dict):
            continue
        listed = entry.get("terms")
        for term in listed if isinstance(listed, list) else ():
            identifier = term.get("identifier") or term.get("code")
            if identifier:
                terms[str(identifier).upper()] = {
                    "code": str(term.get("code") or ""),
                    "text": str(term.get("repoText") or term.get("label") or ""),
                    "list": name,
                    "domain": str(entry.get("domainId") or ""),
                }
    return terms


def domain_terms(domain: str) -> list[tuple[str, str]]:
    """(identifier, text) of the terms the source lists for a thesaurus domain."""
    return [
        (identifier, entry["text"] or entry["code"] or identifier)
        for identifier, entry in known_terms().items()
        if domain and entry["domain"] == domain
    ]
