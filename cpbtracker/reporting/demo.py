"""Synthetic demo reports: seeded random answers that respect the questionnaire's rules.

Every report made here is flagged ``is_demo`` and every page showing it says so. Regional
differences and a share of late or missing reports are built in so that the indicator pages
have something to show; none of it describes any real country.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cpbtracker.lib import changes
from cpbtracker.parties.models import Party, Region, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.reporting.models import (
    Answer,
    NationalReport,
    ReportingCycle,
    ReportVersion,
)
from cpbtracker.reporting.questionnaire import (
    Question,
    Questionnaire,
    apply_rules,
    is_complete,
)
from cpbtracker.reporting.services import questionnaire_for

DEMO_TEXT = {"en": "Synthetic demo answer: not real data.", "zh": "合成演示答案：非真实数据。"}
# How likely a "yes" is, by region: made-up figures that only make the charts differ.
REGION_LEAN: dict[str, float] = {
    Region.AFRICA: 0.55,
    Region.ASIA_PACIFIC: 0.6,
    Region.EASTERN_EUROPE: 0.72,
    Region.LATIN_AMERICA: 0.65,
    Region.WEOG: 0.82,
}
NOT_REPORTING = {4: 0.2, 5: 0.1}
LATE = 0.15
IMPROVEMENT_PER_CYCLE = 0.06
SIBLINGS_AGREE = 0.85


@dataclass(frozen=True)
class DemoSummary:
    reports: int
    answers: int
    skipped_real: int


def random_answer(question: Question, rng: random.Random, lean: float) -> object | None:
    """A plausible answer of the right shape, or None to leave the question unanswered."""
    if question.is_choice:
        if not question.options:
            return None  # thesaurus terms: no identifiers to invent
        if question.multiple:
            exclusive = [o for o in question.options if o.exclusive]
            others = [o for o in question.options if not o.exclusive]
            if exclusive and (not others or rng.random() > lean):
                chosen = [rng.choice(exclusive)]
            else:
                chosen = rng.sample(others, k=min(len(others), rng.randint(1, 3)))
                chosen.sort(key=question.options.index)
            return [_item(o, rng) for o in chosen]
        return _item(_pick(question, rng, lean), rng)
    if question.is_text:
        return {"value": dict(DEMO_TEXT)} if question.mandatory or rng.random() < 0.4 else None
    if question.is_number:
        return {"value": rng.randint(0, 40)}
    return None


def _pick(question: Question, rng: random.Random, lean: float):
    positive = [o for o in question.options if o.value == "true" or o.value.startswith("true.")]
    negative = [o for o in question.options if o.value == "false"]
    if positive and negative:
        return rng.choice(positive) if rng.random() < lean else negative[0]
    # ordered scales (e.g. fully / partially / not in place): lean toward the first options
    weights = [lean**n for n in range(len(question.options))]
    return rng.choices(question.options, weights=weights)[0]


def _item(option, rng: random.Random) -> dict:
    item: dict = {"value": option.value}
    if option.takes_number:
        item["additionalInformation"] = rng.randint(1, 25)
    elif option.takes_text:
        item["additionalInformation"] = dict(DEMO_TEXT)
    return item


def demo_answers(questionnaire: Questionnaire, rng: random.Random, lean: float) -> dict:
    """Answers for a whole report. Sub-questions of one sub-section tend to agree, as real
    answers do (a country that has its information in the BCH has most of it there)."""
    answers: dict[str, object] = {}
    for question in questionnaire.questions():
        if question.answerable:
            sibling = _previous_sibling(question)
            if sibling is not None and sibling.key in answers and rng.random() < SIBLINGS_AGREE:
                answers[question.key] = answers[sibling.key]
                continue
            answer = random_answer(question, rng, lean)
            if answer is not None:
                answers[question.key] = answer
    return apply_rules(questionnaire, answers).answers


def _previous_sibling(question: Question) -> Question | None:
    """The sub-section child just before ``question``, when both take the same options."""
    if question.parent is None:
        return None
    children = question.parent.children
    index = children.index(question)
    if index == 0:
        return None
    sibling = children[index - 1]
    same = [o.value for o in sibling.options] == [o.value for o in question.options]
    return sibling if same and question.options else None


@transaction.atomic
def load_demo_reports(*, seed: int = 2021, keep_drafts_for: tuple[str, ...] = ()) -> DemoSummary:
    """Replace all demo reports with a fresh synthetic set for every cycle.

    Parties with real (non-demo) reports keep them and get no demo report. Parties in
    ``keep_drafts_for`` get no report in the open cycle, so a demo user can fill one in.
    """
    # Only versions made here are deleted: anything else in a demo report (an import, a
    # reopened draft) is real and stays, and its report stops being a demo report.
    ReportVersion.objects.filter(is_demo=True).delete()
    NationalReport.objects.filter(is_demo=True, versions__isnull=True).delete()
    NationalReport.objects.filter(is_demo=True).update(is_demo=False)
    real = set(NationalReport.objects.values_list("party_id", "cycle_id"))
    rng = random.Random(seed)
    reports = answers = skipped = 0
    party_lean: dict[int, float] = {}
    for cycle in ReportingCycle.objects.order_by("number"):
        questionnaire = questionnaire_for(cycle)
        progress = IMPROVEMENT_PER_CYCLE * (cycle.number - 4)
        rows = []
        for party in parties_on(Treaty.CP, cycle.deadline):
            if (party.pk, cycle.pk) in real:
                skipped += 1
                continue
            if cycle.is_open and party.iso2 in keep_drafts_for:
                continue
            if rng.random() < NOT_REPORTING.get(cycle.number, 0.1):
                continue
            base = party_lean.setdefault(party.pk, _lean(party, rng))
            report = NationalReport.objects.create(party=party, cycle=cycle, is_demo=True)
            chosen = demo_answers(questionnaire, rng, min(base + progress, 0.95))
            version = ReportVersion.objects.create(
                report=report,
                number=1,
                status=ReportVersion.Status.SUBMITTED,
                submitted_at=_submitted_at(cycle, rng),
                complete=is_complete(questionnaire, chosen),
                is_demo=True,
            )
            for key, value in chosen.items():
                rows.append(Answer(version=version, key=key, value=value))
            reports += 1
        Answer.objects.bulk_create(rows, batch_size=2000)
        answers += len(rows)
    changes.cycles_changed.send(__name__, cycles=None)
    return DemoSummary(reports=reports, answers=answers, skipped_real=skipped)


def _lean(party: Party, rng: random.Random) -> float:
    return min(max(REGION_LEAN.get(party.region, 0.6) + rng.uniform(-0.15, 0.15), 0.05), 0.95)


def _submitted_at(cycle: ReportingCycle, rng: random.Random) -> dt.datetime:
    if rng.random() < LATE:
        day = cycle.deadline + dt.timedelta(days=rng.randint(1, 200))
    else:
        day = cycle.deadline - dt.timedelta(days=rng.randint(0, 150))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
