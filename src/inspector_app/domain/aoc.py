"""An AOC's figures: officers assessed and certified, women among both, and the unit's outcome (pure rules).

* An officer is **assessed** when at least one individual test that applies to him or her has a verdict (n/a
  everywhere is no assessment), and **certified** when he or she passes every individual test that applies: n/a
  counts neither way; an assessed officer with a test still unanswered and none failed is **open**
  (``results.compute`` decides per officer, from the template's ``per: person`` items).
* **Shares**: certified ÷ assessed; women assessed ÷ assessed; women certified ÷ certified (the roster's gender,
  frozen in the inspection's scope); None when there is no one to count.
* The **unit outcome**, per component and overall: ``pass``, ``fail``, or ``open`` while a criterion is undecided
  (a component passes when its unit-level items pass and enough assessed officers pass each individual test).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from inspector_app.domain import gender
from inspector_app.domain.results import PersonOutcome, Results


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    OPEN = "open"

    @classmethod
    def of(cls, passed: bool | None) -> Outcome:
        return cls.OPEN if passed is None else cls.PASS if passed else cls.FAIL


@dataclass(frozen=True)
class Officers:
    """Officers assessed and certified, and the women among them."""

    assessed: int = 0
    certified: int = 0
    women_assessed: int = 0
    women_certified: int = 0
    open: int = 0  # assessed, with a test still unanswered: neither certified nor failed yet

    @property
    def certified_share(self) -> float | None:
        return gender.share(self.certified, self.assessed)

    @property
    def women_assessed_share(self) -> float | None:
        return gender.share(self.women_assessed, self.assessed)

    @property
    def women_certified_share(self) -> float | None:
        return gender.share(self.women_certified, self.certified)

    def plus(self, other: Officers) -> Officers:
        return Officers(self.assessed + other.assessed, self.certified + other.certified,
                        self.women_assessed + other.women_assessed, self.women_certified + other.women_certified,
                        self.open + other.open)


def officers(persons: Iterable[PersonOutcome]) -> Officers:
    """The counts over the officers' outcomes ``persons``."""
    assessed = [p for p in persons if p.assessed]
    certified = [p for p in assessed if p.certified is True]
    return Officers(len(assessed), len(certified), sum(p.gender == gender.FEMALE for p in assessed),
                    sum(p.gender == gender.FEMALE for p in certified), sum(p.certified is None for p in assessed))


def figures(results: Results) -> dict[str, Any]:
    """Plain data: the officers' counts and shares, and the unit outcome overall and per component."""
    o = officers(results.persons)
    return {
        "assessed": o.assessed, "certified": o.certified, "certified_share": o.certified_share,
        "women_assessed": o.women_assessed, "women_certified": o.women_certified,
        "women_assessed_share": o.women_assessed_share, "women_certified_share": o.women_certified_share,
        "open": o.open,
        "outcome": {"overall": Outcome.of(results.passed).value,
                    "components": {c.section.code: Outcome.of(c.passed).value for c in results.outcomes}},
    }
