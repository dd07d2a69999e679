"""Indicator results as SDMX: a data structure definition (SDMX-ML 2.1) and the data as
SDMX-CSV 2.0 and SDMX-ML 2.1 generic data. Dimensions: INDICATOR, REF_AREA (the world or a UN
regional group), TIME_PERIOD (the reporting cycle); attributes: UNIT_MEASURE, OBS_STATUS."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Region
from cpbtracker.plan.models import Indicator

AGENCY, VERSION = "CPB", "1.0"
DSD_ID, DATAFLOW_ID = "DSD_CPB_IP", "DF_CPB_IP"
WORLD = "W"
NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
    "gen": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic",
}
UNITS = {"percent": ("PT", "Percent of Parties"), "count": ("NUMBER", "Number")}
OBS_STATUSES = {
    "A": "Normal value",
    "NB": "No baseline: no comparable value in the baseline cycle",
    "DEMO": "Computed from synthetic demo reports: not real data",
}
CONCEPTS = {
    "INDICATOR": "Indicator of the Implementation Plan",
    "REF_AREA": "Reference area: all Parties or a UN regional group",
    "TIME_PERIOD": "Reporting cycle",
    "OBS_VALUE": "Value",
    "UNIT_MEASURE": "Unit of measure",
    "OBS_STATUS": "Observation status",
}

for prefix, uri in NS.items():
    ET.register_namespace(prefix, uri)


def sdmx_code(code: str) -> str:
    """An indicator code as an SDMX identifier: "A.1(a)" -> "A_1_a"."""
    return re.sub(r"[^A-Za-z0-9]+", "_", code).strip("_")


@dataclass(frozen=True)
class Observation:
    indicator: str
    area: str
    period: str
    value: float
    unit: str
    status: str


def observations(evidence: Evidence) -> Iterator[Observation]:
    """Every figure with a value, for every cycle of the evidence, all Parties and regions."""
    for (cycle, region, code), figure in sorted(evidence.figures.items()):
        if figure["value"] is None:
            continue
        no_baseline = cycle != evidence.base_cycle and figure["baseline_value"] is None
        yield Observation(
            indicator=sdmx_code(code),
            area=region or WORLD,
            period=str(cycle),
            value=figure["value"],
            unit=UNITS[figure["unit"]][0],
            status="DEMO" if evidence.demo else "NB" if no_baseline else "A",
        )


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


def _named(parent: ET.Element, tag: str, name: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, _q("com", "Name"), {"xml:lang": "en"}).text = name
    return element


def _ref(parent: ET.Element, wrapper: str, **attrs: str) -> None:
    ET.SubElement(ET.SubElement(parent, _q("str", wrapper)), "Ref", attrs)


def _concept(parent: ET.Element, concept: str) -> None:
    _ref(
        parent,
        "ConceptIdentity",
        id=concept,
        maintainableParentID="CS_CPB",
        maintainableParentVersion=VERSION,
        agencyID=AGENCY,
        package="conceptscheme",
        **{"class": "Concept"},
    )


def _enumerated(parent: ET.Element, codelist: str) -> None:
    representation = ET.SubElement(parent, _q("str", "LocalRepresentation"))
    _ref(
        representation,
        "Enumeration",
        id=codelist,
        version=VERSION,
        agencyID=AGENCY,
        package="codelist",
        **{"class": "Codelist"},
    )


def _codelists() -> dict[str, list[tuple[str, str]]]:
    indicators = Indicator.objects.order_by("goal__position", "position")
    return {
        "CL_INDICATOR": [
            (sdmx_code(i.code), f"{i.code} {localized(i.text, 'en')}") for i in indicators
        ],
        "CL_AREA": [(WORLD, "All Parties"), *((v, str(label)) for v, label in Region.choices)],
        "CL_UNIT": list(UNITS.values()),
        "CL_OBS_STATUS": list(OBS_STATUSES.items()),
    }


def structure_xml() -> bytes:
    """The SDMX-ML 2.1 structure message: codelists, concepts, the DSD and its dataflow."""
    root = ET.Element(_q("mes", "Structure"))
    _header(root, "CPB_IP_STRUCTURE")
    structures = ET.SubElement(root, _q("mes", "Structures"))
    flows = ET.SubElement(structures, _q("str", "Dataflows"))
    flow = _named(
        flows, _q("str", "Dataflow"), "Implementation Plan indicators",
        id=DATAFLOW_ID, agencyID=AGENCY, version=VERSION,
    )  # fmt: skip
    _ref(flow, "Structure", id=DSD_ID, version=VERSION, agencyID=AGENCY,
         package="datastructure", **{"class": "DataStructure"})  # fmt: skip
    codelists = ET.SubElement(structures, _q("str", "Codelists"))
    for list_id, codes in _codelists().items():
        codelist = _named(
            codelists, _q("str", "Codelist"), list_id, id=list_id, agencyID=AGENCY, version=VERSION
        )
        for code, name in codes:
            _named(codelist, _q("str", "Code"), name, id=code)
    concepts = ET.SubElement(structures, _q("str", "Concepts"))
    scheme = _named(
        concepts, _q("str", "ConceptScheme"), "cpbtracker concepts",
        id="CS_CPB", agencyID=AGENCY, version=VERSION,
    )  # fmt: skip
    for concept, name in CONCEPTS.items():
        _named(scheme, _q("str", "Concept"), name, id=concept)
    dsds = ET.SubElement(structures, _q("str", "DataStructures"))
    dsd = _named(
        dsds, _q("str", "DataStructure"), "Implementation Plan indicators",
        id=DSD_ID, agencyID=AGENCY, version=VERSION,
    )  # fmt: skip
    components = ET.SubElement(dsd, _q("str", "DataStructureComponents"))
    dimensions = ET.SubElement(components, _q("str", "DimensionList"), id="DimensionDescriptor")
    for position, (dimension, dimension_codes) in enumerate(
        (("INDICATOR", "CL_INDICATOR"), ("REF_AREA", "CL_AREA")), start=1
    ):
        element = ET.SubElement(
            dimensions, _q("str", "Dimension"), id=dimension, position=str(position)
        )
        _concept(element, dimension)
        _enumerated(element, dimension_codes)
    time = ET.SubElement(dimensions, _q("str", "TimeDimension"), id="TIME_PERIOD", position="3")
    _concept(time, "TIME_PERIOD")
    ET.SubElement(
        ET.SubElement(time, _q("str", "LocalRepresentation")),
        _q("str", "TextFormat"),
        textType="ObservationalTimePeriod",
    )
    attributes = ET.SubElement(components, _q("str", "AttributeList"), id="AttributeDescriptor")
    for attribute, attribute_codes, status in (
        ("UNIT_MEASURE", "CL_UNIT", "Mandatory"),
        ("OBS_STATUS", "CL_OBS_STATUS", "Mandatory"),
    ):
        element = ET.SubElement(
            attributes, _q("str", "Attribute"), id=attribute, assignmentStatus=status
        )
        _concept(element, attribute)
        _enumerated(element, attribute_codes)
        relationship = ET.SubElement(element, _q("str", "AttributeRelationship"))
        _ref(relationship, "PrimaryMeasure", id="OBS_VALUE")
    measures = ET.SubElement(components, _q("str", "MeasureList"), id="MeasureDescriptor")
    _concept(ET.SubElement(measures, _q("str", "PrimaryMeasure"), id="OBS_VALUE"), "OBS_VALUE")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def data_csv(evidence: Evidence) -> bytes:
    """SDMX-CSV 2.0: one row per observation."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["STRUCTURE", "STRUCTURE_ID", "ACTION", "INDICATOR", "REF_AREA", "TIME_PERIOD",
         "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"]
    )  # fmt: skip
    flow = f"{AGENCY}:{DATAFLOW_ID}({VERSION})"
    for o in observations(evidence):
        writer.writerow(
            ["dataflow", flow, "I", o.indicator, o.area, o.period, f"{o.value:g}", o.unit, o.status]
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
        for dimension, value in (("INDICATOR", o.indicator), ("REF_AREA", o.area),
                                 ("TIME_PERIOD", o.period)):  # fmt: skip
            ET.SubElement(key, _q("gen", "Value"), id=dimension, value=value)
        ET.SubElement(obs, _q("gen", "ObsValue"), value=f"{o.value:g}")
        attributes = ET.SubElement(obs, _q("gen", "Attributes"))
        ET.SubElement(attributes, _q("gen", "Value"), id="UNIT_MEASURE", value=o.unit)
        ET.SubElement(attributes, _q("gen", "Value"), id="OBS_STATUS", value=o.status)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# format -> (writer of the evidence, media type)
SDMX_DATA_FORMATS: dict[str, tuple[Callable[[Evidence], bytes], str]] = {
    "csv": (data_csv, "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"),
    "xml": (data_xml, "application/vnd.sdmx.genericdata+xml; version=2.1"),
}
STRUCTURE_MEDIA_TYPE = "application/vnd.sdmx.structure+xml; version=2.1"
