"""The figures of an inspection's results that HQ's views read, in a form that can be kept beside the inspection.

HQ's summary and quarterly reports read hundreds of thousands of answers if they score every inspection on
each opening. What they read of the results is small: the MOU line counts, each section's compliance, each
officer's outcome and the overall pass/fail. ``KeptResults.of(results, standard)`` takes those, ``dump`` writes
them as plain JSON data and ``load`` reads them back against the inspection's template. The serviceability
standard is not kept: ``load`` takes the one in force, and the pooled figure is worked out from the line counts
against it when asked for, so changing the setting never leaves a stale figure.

``FORMAT`` names the layout of the data; data of another format is not read (``load`` returns None) and is
scored again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import astuple, dataclass
from functools import cached_property
from typing import Any

from inspector_app.domain.aoc import Officers, officers
from inspector_app.domain.results import Compliance, PersonOutcome, Results, SectionCompliance
from inspector_app.domain.serviceability import Aggregate, LineCount, aggregate
from inspector_app.domain.template_model import Template

FORMAT = 1


def standard(template: Template, threshold: float | None) -> float:
    """The serviceability standard in force: the installation's setting when given, else the template's rule."""
    return threshold if threshold is not None else template.rules.serviceability_threshold


@dataclass(frozen=True)
class KeptResults:
    lines: tuple[LineCount, ...]  # every MOU line counted or not, in checklist order
    compliance: tuple[SectionCompliance, ...]  # sections with scored options (self-sustainment)
    officers: Officers  # assessed and certified, and the women among them (AOC)
    person_rows: tuple[tuple[Any, ...], ...]  # each officer's outcome (``persons``), as kept
    passed: bool | None  # every pass/fail criterion; None while one is open or when there is none
    threshold: float  # the serviceability standard the pooled figure is judged against

    @cached_property
    def overall(self) -> Aggregate | None:
        """Every line pooled: an indicator, not a COE result (as ``Results.overall``)."""
        return aggregate("overall", self.lines, self.threshold) if self.lines else None

    @cached_property
    def persons(self) -> tuple[PersonOutcome, ...]:
        """Each officer's outcome (AOC, AMS), made when asked for: the counts in ``officers`` are what most read."""
        return tuple(PersonOutcome(*row) for row in self.person_rows)

    @classmethod
    def of(cls, results: Results, threshold: float) -> KeptResults:
        return cls(tuple(results.lines), tuple(results.compliance), officers(results.persons),
                   tuple(astuple(p) for p in results.persons), results.passed, threshold)

    def dump(self) -> dict[str, Any]:
        """Plain JSON data: the line counts, compliance by section code, the officers and the verdict."""
        return {
            "format": FORMAT,
            "lines": [list(astuple(line)) for line in self.lines],
            "compliance": [[c.section.code, c.status.value, c.score] for c in self.compliance],
            "officers": list(astuple(self.officers)),
            "persons": [list(row) for row in self.person_rows],
            "passed": self.passed,
        }

    @classmethod
    def load(cls, data: Mapping[str, Any], template: Template, threshold: float) -> KeptResults | None:
        """The figures in ``data`` (from ``dump``) of an inspection of ``template``, judged against ``threshold``;
        None when ``data`` has another format."""
        if data.get("format") != FORMAT:
            return None
        sections = {s.code: s for s in template.sections}
        return cls(
            tuple(LineCount(*row) for row in data["lines"]),
            tuple(SectionCompliance(sections[code], Compliance(status), score)
                  for code, status, score in data["compliance"]),
            Officers(*data["officers"]),
            tuple(tuple(row) for row in data["persons"]),
            data["passed"],
            threshold,
        )
