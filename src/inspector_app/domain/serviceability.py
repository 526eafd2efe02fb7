"""COE major-equipment arithmetic per MOU line and per category (docs/coe-rules.md).

Per line, once counted (found and serviceable known):

* **deployed** = found; **shortfall** = MOU − deployed (≥ 0); **surplus** = deployed − MOU (≥ 0);
  **unserviceable** = deployed − serviceable.
* **availability** = min(deployed, MOU) ÷ MOU: how much of the MOU is there. None when the MOU quantity is 0.
* **serviceability** = min(serviceable, MOU) ÷ min(deployed, MOU): how much of what is there (up to the MOU)
  works. None when nothing of the MOU is deployed: no equipment, no ratio (not 0 %, not 100 %).
* **reimbursable** = the line's basis count (serviceable by default, or deployed; template rule
  ``rules.reimbursement``) up to the MOU quantity; surplus is never reimbursed.

A group (a category) sums the counted lines and recomputes its ratios from the sums, never by averaging.
Lines not counted yet are reported as ``uncounted``, never guessed. A group of every line pooled together is
an *indicator* only (missing and broken equipment of different kinds mixed), not a COE result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SERVICEABLE = "serviceable"
DEPLOYED = "deployed"
SUMS = ("quantity", "found", "serviceable", "shortfall", "surplus", "uncounted", "available", "unserviceable",
        "reimbursable")  # an Aggregate's fields that add up from group to group


@dataclass(frozen=True)
class LineCount:
    line_no: int
    category: str
    item: str
    quantity: int
    lease: str
    found: int | None = None
    serviceable: int | None = None
    basis: str = SERVICEABLE  # what the reimbursable quantity counts: "serviceable" or "deployed"

    @property
    def counted(self) -> bool:
        return self.found is not None and self.serviceable is not None

    @property
    def deployed(self) -> int | None:
        return self.found if self.counted else None

    @property
    def available(self) -> int:
        """Deployed up to the MOU quantity."""
        return min(self.found or 0, self.quantity) if self.counted else 0

    @property
    def capped_serviceable(self) -> int:
        """Serviceable up to the MOU quantity (never more than ``available``, since serviceable ≤ found)."""
        return min(self.serviceable or 0, self.quantity) if self.counted else 0

    @property
    def unserviceable(self) -> int:
        return max((self.found or 0) - (self.serviceable or 0), 0) if self.counted else 0

    @property
    def shortfall(self) -> int:
        return max(self.quantity - (self.found or 0), 0) if self.counted else 0

    @property
    def surplus(self) -> int:
        return max((self.found or 0) - self.quantity, 0) if self.counted else 0

    @property
    def availability(self) -> float | None:
        """None when not yet counted or when the MOU quantity is 0."""
        if not self.counted or self.quantity == 0:
            return None
        return self.available / self.quantity

    @property
    def serviceability(self) -> float | None:
        """None when not yet counted or when nothing of the MOU is deployed."""
        if not self.counted or self.available == 0:
            return None
        return self.capped_serviceable / self.available

    @property
    def reimbursable(self) -> int | None:
        """None until counted; then the basis count up to the MOU quantity."""
        if not self.counted:
            return None
        count = self.found if self.basis == DEPLOYED else self.serviceable
        return min(count or 0, self.quantity)


@dataclass(frozen=True)
class Aggregate:
    """Sums over the counted lines of a group (a category; or every line, an indicator only).

    ``serviceable`` is capped at each line's MOU quantity; ``available`` is deployed capped likewise.
    """

    name: str
    quantity: int
    found: int
    serviceable: int
    shortfall: int
    surplus: int
    uncounted: int
    threshold: float
    available: int = 0
    unserviceable: int = 0
    reimbursable: int = 0

    @property
    def deployed(self) -> int:
        return self.found

    @property
    def availability(self) -> float | None:
        return self.available / self.quantity if self.quantity else None

    @property
    def serviceability(self) -> float | None:
        return self.serviceable / self.available if self.available else None

    @property
    def below_threshold(self) -> bool:
        """Serviceability below the standard (the template's or the installation's threshold)."""
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
        available=sum(line.available for line in counted),
        unserviceable=sum(line.unserviceable for line in counted),
        reimbursable=sum(line.reimbursable or 0 for line in counted),
    )


def pooled(name: str, groups: Iterable[Aggregate], threshold: float) -> Aggregate:
    """The groups' sums added up: what ``aggregate`` gives over all their lines."""
    groups = list(groups)
    return Aggregate(name=name, threshold=threshold, **{f: sum(getattr(g, f) for g in groups) for f in SUMS})


def by_category(lines: Iterable[LineCount], threshold: float) -> list[Aggregate]:
    """One aggregate per category, in the order categories first appear."""
    groups: dict[str, list[LineCount]] = {}
    for line in lines:
        groups.setdefault(line.category, []).append(line)
    return [aggregate(name, group, threshold) for name, group in groups.items()]
