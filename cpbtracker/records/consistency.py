"""Report answers against the clearing-house: a plain function over plain data.

For each rule of ``data/consistency.yaml``: an answer saying the information is in the
clearing-house while the Party has no such record is "missing"; an answer saying it is not
there (or does not exist) while the Party has such records "contradicts"; otherwise the
answer is "consistent". Unanswered questions are not checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.reporting.questionnaire import answer_values

RULES_FILE = Path(__file__).parent / "data" / "consistency.yaml"
# The Q102 scale: on the BCH (fully or partly) / available but not on the BCH / not available.
ON_BCH = ("true.availableOnBch", "true.availablePartialyOnBch")
NOT_ON_BCH = ("true.availableNotOnBch", "false.notAvailable")
CONSISTENT, MISSING, CONTRADICTS = "consistent", "missing", "contradicts"
SEVERITY = (CONSISTENT, MISSING, CONTRADICTS)


@dataclass(frozen=True)
class Rule:
    question: str
    schema: str
    decision_types: frozenset[str] = frozenset()
    expects: tuple[str, ...] = ON_BCH
    denies: tuple[str, ...] = NOT_ON_BCH


@dataclass(frozen=True)
class Holdings:
    """What a Party has in the clearing-house: records by schema, decisions by type."""

    schemas: Mapping[str, int] = field(default_factory=dict)
    decision_types: Mapping[str, int] = field(default_factory=dict)

    def count(self, rule: Rule) -> int:
        if rule.decision_types:
            return sum(self.decision_types.get(t, 0) for t in rule.decision_types)
        return self.schemas.get(rule.schema, 0)


@dataclass(frozen=True)
class Check:
    question: str
    answer: tuple[str, ...]
    schema: str
    records: int
    verdict: str

    @property
    def is_consistent(self) -> bool:
        return self.verdict == CONSISTENT


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    raw = load_yaml(RULES_FILE.read_text(encoding="utf-8"))
    return tuple(
        Rule(
            question=entry["question"],
            schema=entry["records"]["schema"],
            decision_types=frozenset(
                t.upper() for t in entry["records"].get("decisionTypes") or ()
            ),
            expects=tuple(entry.get("expects") or ON_BCH),
            denies=tuple(entry.get("denies") or NOT_ON_BCH),
        )
        for entry in raw
    )


def check_party(answers: Mapping[str, object], holdings: Holdings) -> list[Check]:
    checks = []
    for rule in rules():
        values = tuple(answer_values(answers.get(rule.question)))
        records = holdings.count(rule)
        if any(v in rule.expects for v in values):
            verdict = CONSISTENT if records else MISSING
        elif any(v in rule.denies for v in values):
            verdict = CONTRADICTS if records else CONSISTENT
        else:
            continue
        checks.append(Check(rule.question, values, rule.schema, records, verdict))
    return checks


def overall(checks: Iterable[Check]) -> str:
    """The Party's verdict: the most serious of its checks."""
    return max((c.verdict for c in checks), key=SEVERITY.index, default=CONSISTENT)


def tally(checks: Iterable[Check]) -> Counter[str]:
    return Counter(c.verdict for c in checks)
