"""The quarterly performance assessment of a formed unit (PAER): its period, and its ratings (pure rules).

A performance template rates each criterion on its rating scale (``rules.rating_scale``: options ordered from
best to worst, each with a ``score`` from 0 to 1 and whether it ``passes``, i.e. meets the standard). A section,
and the assessment as a whole, is rated by the **mean score** of its rated criteria (a criterion answered n/a
is left out), rounded **down** to the scale: the best option whose score is not above the mean. Rounding down
keeps a unit from being rated above what its criteria show; this rule is our reading of the SOP on in-mission
performance assessment (2019), which leaves the aggregation to the mission (docs/templates.md).

A criterion below standard (its option does not pass) is a **finding** the Performance Improvement Plan turns
into an action.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from inspector_app.domain import labels
from inspector_app.domain.checklist import Checklist, Slot
from inspector_app.domain.template_model import Option, Section, Template
from inspector_app.domain.workflow import InspectionType
from inspector_app.errors import ValidationError
from inspector_app.i18n import _
from inspector_app.locale_format import format_date, format_percent

_QUARTER = re.compile(r"(\d{4})-?[Qq]([1-4])")
_EPSILON = 0.005  # scores written to two decimals (0.67) still average as meant (2/3)


def parse_period(text: str, today: date | None = None) -> str:
    """``text`` as a quarter ``2026Q3`` (also ``2026-Q3``, ``2026q3``); refused when not a quarter, or one that
    has not begun by ``today``."""
    match = _QUARTER.fullmatch(text.strip())
    if match is None:
        raise ValidationError(f"{text!r} is not a quarter; write it like 2026Q3")
    year, quarter = int(match[1]), int(match[2])
    first = date(year, 3 * quarter - 2, 1)
    if first > (today or date.today()):
        raise ValidationError(f"{year}Q{quarter} has not begun: a quarter is assessed once it has")
    return f"{year}Q{quarter}"


@dataclass(frozen=True)
class Rated:
    """A rating on the template's scale: the option (None: nothing rated yet) and the mean score it comes from."""

    option: Option | None
    mean: float | None
    rated: int  # criteria rated (n/a left out)

    @property
    def meets_standard(self) -> bool | None:
        return None if self.option is None else self.option.passes


@dataclass(frozen=True)
class SectionRating:
    section: Section
    rating: Rated


@dataclass(frozen=True)
class Assessment:
    """The ratings of a performance assessment: per section, overall, and the criteria below standard."""

    sections: tuple[SectionRating, ...]
    overall: Rated
    below: tuple[Slot, ...]  # criteria rated below standard, in the template's order


def scale(template: Template) -> list[Option]:
    """The template's rating scale, best first."""
    name = template.rules.rating_scale
    if name is None:
        raise ValidationError(f"template {template.id} is not a performance template (no rules.rating_scale)")
    return sorted(template.scales[name], key=lambda o: -(o.score or 0.0))


def rank(template: Template, code: str) -> int:
    """Where option ``code`` stands on the rating scale: 0 the lowest."""
    codes = [o.code for o in reversed(scale(template))]
    return codes.index(code)


def assess(checklist: Checklist, answers: Mapping[str, Any]) -> Assessment:
    """Rate every section and the whole from the answers so far (see the module's docstring)."""
    options = scale(checklist.template)
    by_code = {o.code: o for o in options}
    name = checklist.template.rules.rating_scale
    rows: list[SectionRating] = []
    scores: list[float] = []
    below: list[Slot] = []
    for section in checklist.template.sections:
        slots = [s for s in checklist.slots if s.section is section and s.item.scale == name]
        if not slots:
            continue
        chosen = [by_code[v] for s in slots if (v := answers.get(s.key)) in by_code]
        below += [s for s in slots if answers.get(s.key) in by_code and by_code[answers[s.key]].passes is False]
        section_scores = [o.score or 0.0 for o in chosen]
        scores += section_scores
        rows.append(SectionRating(section, _rated(options, section_scores)))
    return Assessment(tuple(rows), _rated(options, scores), tuple(below))


def _rated(options: list[Option], scores: list[float]) -> Rated:
    if not scores:
        return Rated(None, None, 0)
    mean = sum(scores) / len(scores)
    option = next((o for o in options if (o.score or 0.0) <= mean + _EPSILON), options[-1])
    return Rated(option, mean, len(scores))


def evidence_lines(kinds: list[str], evidence: dict[str, Any]) -> list[str]:
    """The evidence a group of criteria shows (``services.performance.evidence``), one line per kind, in words."""
    return [_EVIDENCE[kind](evidence.get(kind)) for kind in kinds]


def _coe(found: dict[str, Any] | None) -> str:
    if found is None:
        return _("Major equipment: no COE inspection of the unit in the quarter is ready for review, signed or "
                 "exported.")
    below = ", ".join(found["below_standard"]) or _("none")
    return _("Major equipment: {type} COE inspection of {date}: serviceability {share} (all categories pooled, an "
             "indicator); categories below the standard: {below}.").format(
        type=_type(found["type"]), date=format_date(found["date"]), share=format_percent(found["serviceability"]),
        below=below)


def _self_sustainment(found: dict[str, Any] | None) -> str:
    if found is None:
        return _("Self-sustainment: no inspection of the unit in the quarter is ready for review, signed or exported.")
    return _("Self-sustainment: {type} inspection of {date}: {met} categories met, {partially} partially met, "
             "{not_met} not met.").format(type=_type(found["type"]), date=format_date(found["date"]),
                                          met=found["met"], partially=found["partially_met"],
                                          not_met=found["not_met"])


def _aoc(found: dict[str, Any] | None) -> str:
    if found is None:
        return _("AOC: no settled assessment of operational capability of the unit by the quarter's end.")
    return _("AOC of {date}: {verdict}; {certified} of {assessed} officers assessed certified.").format(
        date=format_date(found["date"]), verdict=labels.verdict(found["passed"]), certified=found["certified"],
        assessed=found["assessed"])


_EVIDENCE = {"coe_major_equipment": _coe, "coe_self_sustainment": _self_sustainment, "aoc": _aoc}


def _type(code: str) -> str:
    try:
        return InspectionType(code).label
    except ValueError:
        return code
