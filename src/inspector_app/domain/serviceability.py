"""COE major-equipment arithmetic: serviceability, shortfall and surplus against the MOU.

Serviceability = serviceable / MOU quantity, with serviceable capped at the MOU quantity
(surplus is not reimbursed and never raises it); per line, per category and overall.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class LineCount:
    line_no: int
    category: str
    item: str
    quantity: int
    lease: str
    found: int | None = None
    serviceable: int | None = None

    @property
    def counted(self) -> bool:
        return self.found is not None and self.serviceable is not None

    @property
    def capped_serviceable(self) -> int:
        return min(self.serviceable or 0, self.quantity)

    @property
    def shortfall(self) -> int:
        return max(self.quantity - (self.found or 0), 0) if self.counted else 0

    @property
    def surplus(self) -> int:
        return max((self.found or 0) - self.quantity, 0) if self.counted else 0

    @property
    def serviceability(self) -> float | None:
        """None when not yet counted or when the MOU quantity is 0 (nothing to serve)."""
        if not self.counted or self.quantity == 0:
            return None
        return self.capped_serviceable / self.quantity


@dataclass(frozen=True)
class Aggregate:
    """Serviceability of a group of counted lines (a category, or all of them)."""

    name: str
    quantity: int
    found: int
    serviceable: int
    shortfall: int
    surplus: int
    uncounted: int
    threshold: float

    @property
    def serviceability(self) -> float | None:
        return self.serviceable / self.quantity if self.quantity else None

    @property
    def below_threshold(self) -> bool:
        value = self.serviceability
        return value is not None and value < self.threshold


def aggregate(name: str, lines: Iterable[LineCount], threshold: float) -> Aggregate:
    """Totals over the lines counted so far; lines not yet counted are reported, not guessed."""
    lines = list(lines)
    counted = [line for line in lines if line.counted]
    return Aggregate(
        name=name,
        quantity=sum(line.quantity for line in counted),
        found=sum(line.found or 0 for line in counted),
        serviceable=sum(line.capped_serviceable for line in counted),
        shortfall=sum(line.shortfall for line in counted),
        surplus=sum(line.surplus for line in counted),
        uncounted=len(lines) - len(counted),
        threshold=threshold,
    )


def by_category(lines: Iterable[LineCount], threshold: float) -> list[Aggregate]:
    """One aggregate per category, in the order categories first appear."""
    groups: dict[str, list[LineCount]] = {}
    for line in lines:
        groups.setdefault(line.category, []).append(line)
    return [aggregate(name, group, threshold) for name, group in groups.items()]
