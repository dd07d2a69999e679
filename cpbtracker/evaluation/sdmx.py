"""Indicator results as SDMX: a data structure definition (SDMX-ML 2.1) and the data as
SDMX-CSV 2.0 and SDMX-ML 2.1 generic data.

Dimensions: FREQ (``A``: the period is a year), INDICATOR, REF_AREA (the world or a UN
regional group), TIME_PERIOD (the year of the reporting cycle's deadline). Attributes of each
observation: UNIT_MEASURE, OBS_STATUS (SDMX cross-domain code list), REPORTING_CYCLE and
DEMO_DATA. Every name is given in the six UN languages where a text exists (see
``data/README.md``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.indicators.engine.compute import Result
from cpbtracker.lib.exports import EXPORT_FORMATS, ExportFormat
from cpbtracker.lib.languages import by_key
from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.parties.models import Region
from cpbtracker.plan.content import PLAN_LANGUAGES, packaged_plan
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

AGENCY, VERSION = "CPB", "1.0"
DSD_ID, DATAFLOW_ID, CONCEPT_SCHEME_ID = "DSD_CPB_IP", "DF_CPB_IP", "CS_CPB"
WORLD = "W"
ANNUAL = "A"  # SDMX CL_FREQ: the time period is a year
NORMAL, BREAK = "A", "B"  # SDMX CL_OBS_STATUS: normal value, time series break
UNITS = {"percent": "PT", "count": "NUMBER"}  # the engine's unit -> CL_UNIT code
NAMES_FILE = Path(__file__).parent / "data" / "sdmx.yaml"
NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
    "gen": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# component -> its code list, in the order of the key and of the CSV columns
DIMENSIONS = {"FREQ": "CL_FREQ", "INDICATOR": "CL_INDICATOR", "REF_AREA": "CL_AREA"}
TIME_DIMENSION = "TIME_PERIOD"
ATTRIBUTES = {
    "UNIT_MEASURE": "CL_UNIT",
    "OBS_STATUS": "CL_OBS_STATUS",
    "REPORTING_CYCLE": "CL_REPORTING_CYCLE",
    "DEMO_DATA": "CL_DEMO_DATA",
}
MEASURE = "OBS_VALUE"

for prefix, uri in NS.items():
    ET.register_namespace(prefix, uri)

Names = Mapping[str, str]  # content language key -> text


def sdmx_code(code: str) -> str:
    """An indicator code as an SDMX identifier: "A.1(a)" -> "A_1_a"."""
    return re.sub(r"[^A-Za-z0-9]+", "_", code).strip("_")


@dataclass(frozen=True)
class Observation:
    indicator: str
    area: str
    period: str  # the year of the cycle's deadline
    value: float
    unit: str
    status: str
    cycle: str
    demo: str  # "Y" | "N"
    freq: str = ANNUAL

    def key(self) -> list[tuple[str, str]]:
        """(dimension, code) in the structure's order."""
        return [
            ("FREQ", self.freq),
            ("INDICATOR", self.indicator),
            ("REF_AREA", self.area),
            (TIME_DIMENSION, self.period),
        ]

    def attributes(self) -> list[tuple[str, str]]:
        return [
            ("UNIT_MEASURE", self.unit),
            ("OBS_STATUS", self.status),
            ("REPORTING_CYCLE", self.cycle),
            ("DEMO_DATA", self.demo),
        ]


def observation_status(evidence: Evidence, figure: Result, region: str) -> str:
    """``B`` (time series break) when the baseline cycle has a value for the same indicator
    and area but the method does not compare this figure with it; else ``A``."""
    if figure.baseline_value is not None or evidence.base_cycle in (None, figure.cycle):
        return NORMAL
    base = evidence.figure(figure.code, region, evidence.base_cycle)
    return BREAK if base is not None and base.value is not None else NORMAL


def observations(evidence: Evidence) -> Iterator[Observation]:
    """Every figure with a value, for every cycle of the evidence, all Parties and regions."""
    for (cycle, region, code), figure in sorted(evidence.figures.items()):
        if figure.value is None:
            continue
        yield Observation(
            indicator=sdmx_code(code),
            area=region or WORLD,
            period=str(evidence.years[cycle]),
            value=figure.value,
            unit=UNITS[figure.unit],
            status=observation_status(evidence, figure, region),
            cycle=str(cycle),
            demo="Y" if evidence.demo else "N",
        )


# --- the structure ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def packaged_names() -> dict[str, Any]:
    """The structure's names in six languages (``data/sdmx.yaml``)."""
    return load_yaml(NAMES_FILE.read_text(encoding="utf-8"))


def in_every_language(text: str | Promise, **params: object) -> dict[str, str]:
    """An interface text (a lazy gettext) in each language, from the catalogues."""
    names = {}
    for key in PLAN_LANGUAGES:
        with translation.override(by_key(key).django_code):
            names[key] = str(text) % params if params else str(text)
    return names


@dataclass(frozen=True)
class Codelist:
    id: str
    names: Names
    codes: Sequence[tuple[str, Names]]
    agency: str = AGENCY
    version: str = VERSION

    @property
    def partial(self) -> bool:
        """A code list maintained by SDMX, of which only the codes used are given."""
        return self.agency != AGENCY


def codelists() -> dict[str, Codelist]:
    packaged = packaged_names()["codelists"]

    def listed(list_id: str, codes: Sequence[tuple[str, Names]] | None = None) -> Codelist:
        entry = packaged[list_id]
        return Codelist(
            id=list_id,
            names=entry["name"],
            codes=codes if codes is not None else list(entry["codes"].items()),
            agency=entry.get("agency", AGENCY),
            version=entry.get("version", VERSION),
        )

    indicators = Indicator.objects.order_by("goal__position", "position")
    areas = [(WORLD, in_every_language(gettext_lazy("All Parties")))]
    areas += [(str(v), in_every_language(label)) for v, label in Region.choices]
    cycles = [
        (str(n), in_every_language(gettext_lazy("reporting cycle %(number)s"), number=n))
        for n in ReportingCycle.objects.order_by("number").values_list("number", flat=True)
    ]
    return {
        c.id: c
        for c in (
            listed("CL_FREQ"),
            listed(
                "CL_INDICATOR",
                [
                    (sdmx_code(i.code), {k: f"{i.code} {t}" for k, t in i.text.items() if t})
                    for i in indicators
                ],
            ),
            listed("CL_AREA", areas),
            listed("CL_UNIT"),
            listed("CL_OBS_STATUS"),
            listed("CL_REPORTING_CYCLE", cycles),
            listed("CL_DEMO_DATA"),
        )
    }


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _header(root: ET.Element, message_id: str) -> ET.Element:
    header = ET.SubElement(root, _q("mes", "Header"))
    ET.SubElement(header, _q("mes", "ID")).text = message_id
    ET.SubElement(header, _q("mes", "Test")).text = "false"
    ET.SubElement(header, _q("mes", "Prepared")).text = dt.datetime.now(dt.UTC).strftime(
        "%Y-%m-%dT%H:%M:%S"
    )
    ET.SubElement(header, _q("mes", "Sender"), id="CPBTRACKER")
    return header


def _texts(element: ET.Element, tag: str, texts: Names) -> None:
    """One ``tag`` per language that has a text, in the plan's order (Chinese first)."""
    for key in PLAN_LANGUAGES:
        if texts.get(key):
            ET.SubElement(element, _q("com", tag), {XML_LANG: key}).text = texts[key]


def _named(
    parent: ET.Element, tag: str, names: Names, description: Names | None = None, /, **attrs: str
) -> ET.Element:
    element = ET.SubElement(parent, _q("str", tag), attrs)
    _texts(element, "Name", names)
    _texts(element, "Description", description or {})
    return element


def _ref(parent: ET.Element, wrapper: str, **attrs: str) -> None:
    ET.SubElement(ET.SubElement(parent, _q("str", wrapper)), "Ref", attrs)


def _concept(parent: ET.Element, concept: str) -> None:
    _ref(
        parent,
        "ConceptIdentity",
        id=concept,
        maintainableParentID=CONCEPT_SCHEME_ID,
        maintainableParentVersion=VERSION,
        agencyID=AGENCY,
        package="conceptscheme",
        **{"class": "Concept"},
    )


def _representation(
    parent: ET.Element, *, codelist: Codelist | None = None, text: str = ""
) -> None:
    representation = ET.SubElement(parent, _q("str", "LocalRepresentation"))
    if codelist is None:
        ET.SubElement(representation, _q("str", "TextFormat"), textType=text)
        return
    _ref(
        representation,
        "Enumeration",
        id=codelist.id,
        version=codelist.version,
        agencyID=codelist.agency,
        package="codelist",
        **{"class": "Codelist"},
    )


def structure_xml() -> bytes:
    """The SDMX-ML 2.1 structure message: the dataflow, code lists, concepts and the DSD."""
    names = packaged_names()
    title, description = packaged_plan().document["title"], names["description"]
    lists = codelists()
    root = ET.Element(_q("mes", "Structure"))
    _header(root, "CPB_IP_STRUCTURE")
    structures = ET.SubElement(root, _q("mes", "Structures"))
    flow = _named(
        ET.SubElement(structures, _q("str", "Dataflows")), "Dataflow", title, description,
        id=DATAFLOW_ID, agencyID=AGENCY, version=VERSION,
    )  # fmt: skip
    _ref(flow, "Structure", id=DSD_ID, version=VERSION, agencyID=AGENCY,
         package="datastructure", **{"class": "DataStructure"})  # fmt: skip
    element = ET.SubElement(structures, _q("str", "Codelists"))
    for codelist in lists.values():
        attrs = {"id": codelist.id, "agencyID": codelist.agency, "version": codelist.version}
        if codelist.partial:
            attrs["isPartial"] = "true"
        listed = _named(element, "Codelist", codelist.names, **attrs)
        for code, code_names in codelist.codes:
            _named(listed, "Code", code_names, id=code)
    scheme = _named(
        ET.SubElement(structures, _q("str", "Concepts")), "ConceptScheme",
        names["concept_scheme"], id=CONCEPT_SCHEME_ID, agencyID=AGENCY, version=VERSION,
    )  # fmt: skip
    for concept, concept_names in names["concepts"].items():
        _named(scheme, "Concept", concept_names, id=concept)
    dsd = _named(
        ET.SubElement(structures, _q("str", "DataStructures")), "DataStructure",
        title, description, id=DSD_ID, agencyID=AGENCY, version=VERSION,
    )  # fmt: skip
    components = ET.SubElement(dsd, _q("str", "DataStructureComponents"))
    dimensions = ET.SubElement(components, _q("str", "DimensionList"), id="DimensionDescriptor")
    for position, (dimension, list_id) in enumerate(DIMENSIONS.items(), start=1):
        element = ET.SubElement(
            dimensions, _q("str", "Dimension"), id=dimension, position=str(position)
        )
        _concept(element, dimension)
        _representation(element, codelist=lists[list_id])
    time = ET.SubElement(
        dimensions, _q("str", "TimeDimension"), id=TIME_DIMENSION, position=str(len(DIMENSIONS) + 1)
    )
    _concept(time, TIME_DIMENSION)
    _representation(time, text="ObservationalTimePeriod")
    attributes = ET.SubElement(components, _q("str", "AttributeList"), id="AttributeDescriptor")
    for attribute, list_id in ATTRIBUTES.items():
        element = ET.SubElement(
            attributes, _q("str", "Attribute"), id=attribute, assignmentStatus="Mandatory"
        )
        _concept(element, attribute)
        _representation(element, codelist=lists[list_id])
        _ref(
            ET.SubElement(element, _q("str", "AttributeRelationship")), "PrimaryMeasure", id=MEASURE
        )
    measures = ET.SubElement(components, _q("str", "MeasureList"), id="MeasureDescriptor")
    measure = ET.SubElement(measures, _q("str", "PrimaryMeasure"), id=MEASURE)
    _concept(measure, MEASURE)
    _representation(measure, text="Double")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- the data ---------------------------------------------------------------------------


def data_csv(evidence: Evidence) -> bytes:
    """SDMX-CSV 2.0: one row per observation."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, TIME_DIMENSION, MEASURE, *ATTRIBUTES]
    )
    flow = f"{AGENCY}:{DATAFLOW_ID}({VERSION})"
    for o in observations(evidence):
        writer.writerow(
            [
                "dataflow",
                flow,
                "I",
                *(code for _, code in o.key()),
                f"{o.value:g}",
                *(code for _, code in o.attributes()),
            ]
        )
    return out.getvalue().encode()


def data_xml(evidence: Evidence) -> bytes:
    """SDMX-ML 2.1 generic data, every observation flat (dimension at observation: all)."""
    root = ET.Element(_q("mes", "GenericData"))
    header = _header(root, "CPB_IP_DATA")
    structure = ET.SubElement(
        header, _q("mes", "Structure"), structureID=DSD_ID, dimensionAtObservation="AllDimensions"
    )
    ET.SubElement(
        ET.SubElement(structure, _q("com", "Structure")),
        "Ref",
        agencyID=AGENCY,
        id=DSD_ID,
        version=VERSION,
    )
    dataset = ET.SubElement(root, _q("mes", "DataSet"), structureRef=DSD_ID)
    for o in observations(evidence):
        obs = ET.SubElement(dataset, _q("gen", "Obs"))
        key = ET.SubElement(obs, _q("gen", "ObsKey"))
        for dimension, code in o.key():
            ET.SubElement(key, _q("gen", "Value"), id=dimension, value=code)
        ET.SubElement(obs, _q("gen", "ObsValue"), value=f"{o.value:g}")
        attributes = ET.SubElement(obs, _q("gen", "Attributes"))
        for attribute, code in o.attributes():
            ET.SubElement(attributes, _q("gen", "Value"), id=attribute, value=code)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# ?format= of /api/v1/sdmx/data/ -> (writer of the evidence, export format)
SDMX_DATA_FORMATS: dict[str, tuple[Callable[[Evidence], bytes], ExportFormat]] = {
    "csv": (data_csv, EXPORT_FORMATS["sdmx-csv"]),
    "xml": (data_xml, EXPORT_FORMATS["sdmx-ml"]),
}
STRUCTURE_MEDIA_TYPE = "application/vnd.sdmx.structure+xml; version=2.1"
