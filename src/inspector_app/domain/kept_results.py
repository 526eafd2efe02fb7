"""The figures of an inspection's results that HQ's views read, in a form that can be kept beside the inspection.

HQ's summary and quarterly reports read hundreds of thousands of answers if they score every inspection on
each opening. What they read of the results is small: the MOU line counts and their sums, each section's
compliance, each officer's outcome, the overall pass/fail and a performance assessment's rating and quarter.
``KeptResults.of(results, standard)`` takes those, ``dump`` writes them as plain JSON data and ``load`` reads them
back against the inspection's template. The serviceability standard is not kept: ``load`` takes the one in force
and the pooled figure is judged against it, so changing the setting never leaves a stale verdict.

``FORMAT`` names the layout of the data; data of another format is not read (``load`` returns None) and is
scored again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, astuple, dataclass
from functools import cached_property
from typing import Any

from inspector_app.domain.aoc import Officers, officers
from inspector_app.domain.results import Compliance, PersonOutcome, Results, SectionCompliance
from inspector_app.domain.serviceability import Aggregate, LineCount
from inspector_app.domain.template_model import Template

FORMAT = 1


def standard(template: Template, threshold: float | None) -> float:
    """The serviceability standard in force: the installation's setting when given, else the template's rule."""
    return threshold if threshold is not None else template.rules.serviceability_threshold


@dataclass(frozen=True)
class KeptResults:
    """What the views read of an inspection's results. The line counts and the officers' outcomes are kept as JSON
    text of their own, read when first asked for: most views read the pooled figure and the officers' counts only."""

    lines_json: str  # every MOU line counted or not, in checklist order (``lines``), as rows
    sums: Mapping[str, int] | None  # the lines' sums (``overall``), None without lines
    compliance: tuple[SectionCompliance, ...]  # sections with scored options (self-sustainment)
    officers: Officers  # assessed and certified, and the women among them (AOC)
    persons_json: str  # each officer's outcome (``persons``), as rows
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

    @cached_property
    def persons(self) -> tuple[PersonOutcome, ...]:
        """Each officer's outcome (AOC, AMS)."""
        return tuple(PersonOutcome(*row) for row in json.loads(self.persons_json))

    @classmethod
    def of(cls, results: Results, threshold: float, rating: str | None = None,
           period: str | None = None) -> KeptResults:
        sums = None
        if results.overall is not None:
            sums = {k: v for k, v in asdict(results.overall).items() if k not in ("name", "threshold")}
        return cls(_rows(results.lines), sums, tuple(results.compliance), officers(results.persons),
                   _rows(results.persons), results.passed, rating, period, threshold)

    def dump(self) -> dict[str, Any]:
        """Plain JSON data: the line counts and their sums, compliance by section code, the officers, the verdict,
        the rating and its quarter."""
        return {
            "format": FORMAT,
            "lines": self.lines_json,
            "sums": self.sums,
            "compliance": [[c.section.code, c.status.value, c.score] for c in self.compliance],
            "officers": list(astuple(self.officers)),
            "persons": self.persons_json,
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
            tuple(SectionCompliance(sections[code], Compliance(status), score)
                  for code, status, score in data["compliance"]),
            Officers(*data["officers"]),
            data["persons"],
            data["passed"],
            data["rating"],
            data["period"],
            threshold,
        )


def _rows(items: Sequence[Any]) -> str:
    """Dataclass instances as JSON rows of their fields."""
    return json.dumps([astuple(item) for item in items], separators=(",", ":"))
