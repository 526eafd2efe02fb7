"""The figures of an inspection's results that HQ's views read, in a form that can be kept beside the inspection.

HQ's summary and quarterly reports read hundreds of thousands of answers if they score every inspection on
each opening. What they read of the results is small: the MOU line counts and their sums, overall and by
category, each section's compliance, a self-sustainment inspection's verdict by category, each officer's outcome,
the overall pass/fail and a performance assessment's rating and quarter.
``KeptResults.of(results, standard)`` takes those, ``dump`` writes them as plain JSON data and ``load`` reads them
back against the inspection's template. The serviceability standard is not kept: ``load`` takes the one in force
and the pooled figure is judged against it, so changing the setting never leaves a stale verdict.

``FORMAT`` names the layout of the data; data of another format is not read (``load`` returns None) and is
scored again (format 2 added the sums by category and the self-sustainment verdicts).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass
from functools import cached_property
from typing import Any

from inspector_app.domain.aoc import Officers, officers
from inspector_app.domain.quarter_status import Figures, SsCategory
from inspector_app.domain.results import Compliance, PersonOutcome, Results, SectionCompliance
from inspector_app.domain.serviceability import SUMS, Aggregate, LineCount
from inspector_app.domain.template_model import Template

FORMAT = 2


def standard(template: Template, threshold: float | None) -> float:
    """The serviceability standard in force: the installation's setting when given, else the template's rule."""
    return threshold if threshold is not None else template.rules.serviceability_threshold


@dataclass(frozen=True)
class KeptResults:
    """What the views read of an inspection's results. The line counts and the officers' outcomes are kept as JSON
    text of their own, read when first asked for: most views read the pooled figure and the officers' counts only."""

    lines_json: str  # every MOU line counted or not, in checklist order (``lines``), as rows
    sums: Mapping[str, int] | None  # the lines' sums (``overall``), None without lines
    category_sums: Mapping[str, Mapping[str, int]]  # the same by category, in the order categories first appear
    compliance: tuple[SectionCompliance, ...]  # sections with scored options (self-sustainment)
    officers: Officers  # assessed and certified, and the women among them (AOC)
    persons_json: str  # each officer's outcome (``persons``), as rows
    ss_categories: tuple[SsCategory, ...]  # a self-sustainment inspection's verdict by category, else empty
    passed: bool | None  # every pass/fail criterion; None while one is open or when there is none
    rating: str | None  # a performance assessment's overall rating (an option code of its scale), else None
    period: str | None  # the quarter a performance assessment rates (its scope's), else None
    threshold: float  # the serviceability standard the pooled figure is judged against

    @cached_property
    def lines(self) -> tuple[LineCount, ...]:
        return tuple(LineCount(*row) for row in json.loads(self.lines_json))

    @cached_property
    def overall(self) -> Aggregate | None:
        """Every line pooled: an indicator, not a COE result (as ``Results.overall``)."""
        return None if self.sums is None else Aggregate(name="overall", threshold=self.threshold, **self.sums)

    def totals(self, name: str) -> Figures:
        """Every line pooled, as ``figures(name, lines, threshold)`` gives it (all zero without lines)."""
        return Figures(name=name, threshold=self.threshold, **(self.sums or dict.fromkeys(SUMS, 0)))

    @cached_property
    def categories(self) -> tuple[Figures, ...]:
        """The lines' figures by category, in the order categories first appear (as ``by_category`` gives them)."""
        return tuple(Figures(name=name, threshold=self.threshold, **sums) for name, sums in self.category_sums.items())

    @cached_property
    def persons(self) -> tuple[PersonOutcome, ...]:
        """Each officer's outcome (AOC, AMS)."""
        return tuple(PersonOutcome(*row) for row in json.loads(self.persons_json))

    @classmethod
    def of(cls, results: Results, threshold: float, rating: str | None = None, period: str | None = None,
           ss_categories: tuple[SsCategory, ...] = ()) -> KeptResults:
        sums = None if results.overall is None else _sums(results.overall)
        categories = {group.name: _sums(group) for group in results.categories}
        return cls(_rows(results.lines), sums, categories, tuple(results.compliance), officers(results.persons),
                   _rows(results.persons), ss_categories, results.passed, rating, period, threshold)

    def dump(self) -> dict[str, Any]:
        """Plain JSON data: the line counts and their sums, compliance by section code, the officers, the verdict,
        the rating and its quarter."""
        return {
            "format": FORMAT,
            "lines": self.lines_json,
            "sums": self.sums,
            "categories": self.category_sums,
            "compliance": [[c.section.code, c.status.value, c.score] for c in self.compliance],
            "officers": list(astuple(self.officers)),
            "persons": self.persons_json,
            "self_sustainment": [list(astuple(c)) for c in self.ss_categories],
            "passed": self.passed,
            "rating": self.rating,
            "period": self.period,
        }

    @classmethod
    def load(cls, data: Mapping[str, Any], template: Template, threshold: float) -> KeptResults | None:
        """The figures in ``data`` (from ``dump``) of an inspection of ``template``, judged against ``threshold``;
        None when ``data`` has another format."""
        if data.get("format") != FORMAT:
            return None
        sections = {s.code: s for s in template.sections}
        return cls(
            data["lines"],
            data["sums"],
            data["categories"],
            tuple(SectionCompliance(sections[code], Compliance(status), score)
                  for code, status, score in data["compliance"]),
            Officers(*data["officers"]),
            data["persons"],
            tuple(SsCategory(*row) for row in data["self_sustainment"]),
            data["passed"],
            data["rating"],
            data["period"],
            threshold,
        )


def _sums(group: Aggregate) -> dict[str, int]:
    return {name: getattr(group, name) for name in SUMS}


def _rows(items: Sequence[Any]) -> str:
    """Dataclass instances as JSON rows of their fields."""
    return json.dumps([astuple(item) for item in items], separators=(",", ":"))
