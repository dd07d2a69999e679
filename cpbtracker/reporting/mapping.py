"""The NR5 -> NR4 question mapping (BCH report analyzer), with its value mapping.

Used to show a Party its 4th-report answer under each 5th-report question, and to compute
indicator baselines from 4th-cycle reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MAPPING_FILE = Path(__file__).parent / "data" / "bch-nr5-nr4-mapping.json"


@dataclass(frozen=True)
class QuestionLink:
    nr5: str
    nr4: str
    # NR4 answer value -> NR5 option value, where the two questions' options differ
    value_mapping: dict[str, str] = field(default_factory=dict)

    def to_nr5_value(self, nr4_value: str) -> str:
        return self.value_mapping.get(nr4_value, nr4_value)

    def to_nr5_answer(self, nr4_answer: object) -> object:
        """An NR4 answer re-expressed with NR5 option values (other shapes unchanged)."""
        if isinstance(nr4_answer, list):
            return [self.to_nr5_answer(a) for a in nr4_answer]
        if isinstance(nr4_answer, dict) and isinstance(nr4_answer.get("value"), str):
            return {**nr4_answer, "value": self.to_nr5_value(nr4_answer["value"])}
        return nr4_answer


@lru_cache(maxsize=1)
def nr5_to_nr4() -> dict[str, QuestionLink]:
    """NR5 question key -> its NR4 counterpart (only questions that have one)."""
    raw = json.loads(MAPPING_FILE.read_text(encoding="utf-8"))["sourceMapping"]
    links = {}
    for nr5, target in raw.items():
        if nr5 == "schema":
            continue
        if isinstance(target, dict):
            links[nr5] = QuestionLink(nr5, target["question"], dict(target.get("valueMapping", {})))
        else:
            links[nr5] = QuestionLink(nr5, target)
    return links
