"""Results of an inspection: completion, serviceability, compliance, pass/fail outcomes.

Pure functions of a checklist and its answers (values by slot key); docs/templates.md
states the rules in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from inspector_app.domain.answers import NA
from inspector_app.domain.checklist import Checklist, Slot
from inspector_app.domain.serviceability import Aggregate, LineCount, aggregate, by_category
from inspector_app.domain.template_model import AnswerType, Reimbursement, Section
from inspector_app.i18n import N_, _


class Compliance(StrEnum):
    MET = "met"
    PARTIALLY_MET = "partially_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"

    @property
    def label(self) -> str:
        return _(_COMPLIANCE_LABELS[self])


_COMPLIANCE_LABELS = {
    Compliance.MET: N_("met"),
    Compliance.PARTIALLY_MET: N_("partially met"),
    Compliance.NOT_MET: N_("not met"),
    Compliance.NOT_APPLICABLE: N_("not applicable"),
    Compliance.UNANSWERED: N_("unanswered"),
}


@dataclass(frozen=True)
class SectionCompletion:
    section: Section
    required: int
    answered: int

    @property
    def percent(self) -> float:
        return 100.0 if self.required == 0 else 100.0 * self.answered / self.required


@dataclass(frozen=True)
class SectionCompliance:
    section: Section
    status: Compliance
    score: float | None


@dataclass(frozen=True)
class Criterion:
    """One pass/fail test of a scored section: a single item, or a per-person item over the roster."""

    code: str
    passed: bool | None
    assessed: int = 0
    passing: int = 0


@dataclass(frozen=True)
class SectionOutcome:
    section: Section
    passed: bool | None
    criteria: list[Criterion]


@dataclass(frozen=True)
class PersonOutcome:
    id_number: str
    name: str
    gender: str
    assessed: bool
    certified: bool | None
    failed: str | None = None  # the code of the first test failed, in checklist order (AMS: the eliminating one)


@dataclass
class Results:
    completion: list[SectionCompletion] = field(default_factory=list)
    missing: list[Slot] = field(default_factory=list)
    lines: list[LineCount] = field(default_factory=list)
    categories: list[Aggregate] = field(default_factory=list)
    overall: Aggregate | None = None  # every line pooled: an indicator, not a COE result
    compliance: list[SectionCompliance] = field(default_factory=list)
    outcomes: list[SectionOutcome] = field(default_factory=list)
    persons: list[PersonOutcome] = field(default_factory=list)
    passed: bool | None = None

    @property
    def percent_complete(self) -> float:
        required = sum(c.required for c in self.completion)
        answered = sum(c.answered for c in self.completion)
        return 100.0 if required == 0 else 100.0 * answered / required


def compute(checklist: Checklist, answers: Mapping[str, Any], threshold: float | None = None) -> Results:
    """Everything the review page and the report show, from the answers so far."""
    rules = checklist.template.rules
    limit = threshold if threshold is not None else rules.serviceability_threshold
    relevant = [s for s in checklist.slots if checklist.relevant(s, answers)]
    results = Results()
    _completion(results, checklist, relevant, answers)
    results.lines = _line_counts(relevant, answers, rules.reimbursement)
    if results.lines:
        results.categories = by_category(results.lines, limit)
        results.overall = aggregate("overall", results.lines, limit)
    results.compliance = _compliance(checklist, relevant, answers)
    results.outcomes = [o for o in _outcomes(checklist, relevant, answers) if o.criteria]
    results.persons = _persons(checklist, relevant, answers)
    results.passed = _all([o.passed for o in results.outcomes]) if results.outcomes else None
    return results


def slot_passes(checklist: Checklist, slot: Slot, value: Any) -> bool | None:
    """True/False when ``value`` passes/fails the slot's criterion; None when it has none or is open."""
    item = slot.item
    if value is None or value == NA:
        return None
    if item.pass_mark is not None:
        return float(value) >= item.pass_mark
    if item.pass_max is not None:
        return float(value) <= item.pass_max
    if item.expected is not None:
        return bool(value == item.expected)
    if item.type is AnswerType.CHOICE:
        option = next((o for o in checklist.template.options(item) if o.code == value), None)
        return option.passes if option else None
    return None


def is_scored(checklist: Checklist, slot: Slot) -> bool:
    item = slot.item
    if not slot.section.scored:
        return False
    if item.pass_mark is not None or item.pass_max is not None or item.expected is not None:
        return True
    return item.type is AnswerType.CHOICE and any(
        o.passes is not None for o in checklist.template.options(item)
    )


def _completion(results: Results, checklist: Checklist, relevant: list[Slot], answers: Mapping[str, Any]) -> None:
    for section in checklist.template.sections:
        required = [s for s in relevant if s.section is section and s.item.required]
        if not any(s.section is section for s in checklist.slots):
            continue
        done = [s for s in required if answers.get(s.key) is not None]
        results.completion.append(SectionCompletion(section, len(required), len(done)))
        results.missing.extend(s for s in required if answers.get(s.key) is None)


def _line_counts(relevant: list[Slot], answers: Mapping[str, Any], rule: Reimbursement) -> list[LineCount]:
    lines = []
    for slot in relevant:
        if slot.item.type is not AnswerType.MOU_COUNT or slot.mou_line is None:
            continue
        m, value = slot.mou_line, answers.get(slot.key)
        count = value if isinstance(value, dict) else None
        lines.append(
            LineCount(
                m.line_no, m.category, m.item, m.quantity, m.lease,
                found=count["found"] if count is not None else None,
                serviceable=count["serviceable"] if count is not None else None,
                basis=rule.basis_for(m.lease).value,
            )
        )
    return lines


def _compliance(checklist: Checklist, relevant: list[Slot], answers: Mapping[str, Any]) -> list[SectionCompliance]:
    out = []
    for section in checklist.template.sections:
        slots = [s for s in relevant if s.section is section and _has_scores(checklist, s)]
        if not slots:
            continue
        answered = [answers.get(s.key) for s in slots if answers.get(s.key) is not None]
        scores = [
            o.score
            for s in slots
            for o in checklist.template.options(s.item)
            if o.code == answers.get(s.key) and o.score is not None
        ]
        if not answered:
            status, mean = Compliance.UNANSWERED, None
        elif not scores:
            status, mean = Compliance.NOT_APPLICABLE, None
        else:
            mean = sum(scores) / len(scores)
            status = (
                Compliance.MET if min(scores) == 1
                else Compliance.NOT_MET if max(scores) == 0
                else Compliance.PARTIALLY_MET
            )
        out.append(SectionCompliance(section, status, mean))
    return out


def _has_scores(checklist: Checklist, slot: Slot) -> bool:
    return slot.item.type is AnswerType.CHOICE and any(
        o.score is not None for o in checklist.template.options(slot.item)
    )


def _outcomes(checklist: Checklist, relevant: list[Slot], answers: Mapping[str, Any]) -> list[SectionOutcome]:
    rules = checklist.template.rules
    outcomes = []
    for section in checklist.template.sections:
        scored = [s for s in relevant if s.section is section and is_scored(checklist, s)]
        criteria: list[Criterion] = []
        for item in section.items:
            slots = [s for s in scored if s.item is item]
            if not slots:
                continue
            values = [answers.get(s.key) for s in slots]
            verdicts = [slot_passes(checklist, s, v) for s, v in zip(slots, values, strict=True)]
            if item.per is None:
                if values[0] is None or verdicts[0] is not None:  # an answer with no verdict (n/a) is left out
                    criteria.append(Criterion(item.code, verdicts[0]))
                continue
            assessed = [v for v in verdicts if v is not None]
            pending = values.count(None)
            if assessed or pending:  # n/a for everyone leaves the item out
                rate = section.pass_rate or rules.pass_rate
                criteria.append(Criterion(item.code, _rate_verdict(sum(assessed), len(assessed), pending, rate),
                                          len(assessed), sum(assessed)))
        outcomes.append(SectionOutcome(section, _all([c.passed for c in criteria]), criteria))
    return outcomes


def _persons(checklist: Checklist, relevant: list[Slot], answers: Mapping[str, Any]) -> list[PersonOutcome]:
    by_person: dict[str, list[Slot]] = {}
    for slot in relevant:
        if slot.person is not None and is_scored(checklist, slot):
            by_person.setdefault(slot.person.id_number, []).append(slot)
    out = []
    for person in checklist.scope.persons:
        slots = by_person.get(person.id_number)
        if not slots:
            continue
        values = [answers.get(s.key) for s in slots]
        verdicts = [slot_passes(checklist, s, v) for s, v in zip(slots, values, strict=True)]
        assessed = any(v is not None for v in verdicts)  # n/a everywhere is not an assessment
        pending = any(v is None for v in values)
        certified = False if False in verdicts else (None if pending or not assessed else True)
        failed = next((s.item.code for s, v in zip(slots, verdicts, strict=True) if v is False), None)
        out.append(PersonOutcome(person.id_number, person.name, person.gender, assessed, certified, failed))
    return out


def _rate_verdict(passing: int, assessed: int, pending: int, rate: float) -> bool | None:
    """Decided once no pending answer can change it: pending persons may yet pass, fail or be n/a."""
    worst = passing / (assessed + pending)
    best = (passing + pending) / (assessed + pending)
    if worst >= rate:
        return True
    return False if best < rate else None


def _all(verdicts: list[bool | None]) -> bool | None:
    """False if any fails, None if any is still open, True when all pass."""
    if False in verdicts:
        return False
    return None if None in verdicts else True
