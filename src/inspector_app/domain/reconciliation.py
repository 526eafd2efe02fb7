"""Repatriation reconciled against the arrival baseline and the last inspection (docs/coe-rules.md).

The *baseline* is what the unit's latest counted arrival inspection recorded: its assets and its line quantities.
At repatriation every baseline asset (matched by serial, wherever it is recorded now) is:

* **present** — recorded now in serviceable condition;
* **damaged** — recorded now, unserviceable;
* **written off** — recorded now as written off, or written off at the last inspection and not recorded now;
* **missing** — recorded now as missing, or not recorded at all.

Assets recorded now that the baseline does not hold are listed apart (*not in the baseline*). Per line, the found
quantity at arrival, at the last inspection before this one and now are set side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from inspector_app.domain.assets import MISSING, SERVICEABLE, UNSERVICEABLE, WRITTEN_OFF, AssetFact

PRESENT = "present"
DAMAGED = "damaged"
STATUSES = (PRESENT, DAMAGED, MISSING, WRITTEN_OFF)
_STATUS_OF = {SERVICEABLE: PRESENT, UNSERVICEABLE: DAMAGED, MISSING: MISSING, WRITTEN_OFF: WRITTEN_OFF}


@dataclass(frozen=True)
class AssetStatus:
    serial: str
    line_no: int  # the baseline's line
    status: str  # present | damaged | missing | written_off
    last_condition: str | None  # as the last inspection recorded it (None: not recorded there)
    now_condition: str | None  # as this inspection records it (None: not recorded)
    now_line_no: int | None = None  # where this inspection records it, when on another line
    remark: str = ""


@dataclass(frozen=True)
class LineQuantity:
    line_no: int
    item: str
    mou: int
    baseline: int | None  # found at arrival (None: not counted then)
    last: int | None  # found at the last inspection
    now: int | None  # found now

    @property
    def change(self) -> int | None:
        """Now minus the baseline, when both are counted."""
        return None if self.baseline is None or self.now is None else self.now - self.baseline


@dataclass(frozen=True)
class Reconciliation:
    assets: tuple[AssetStatus, ...]
    not_in_baseline: tuple[AssetFact, ...]
    lines: tuple[LineQuantity, ...]
    has_baseline: bool = True

    def count(self, status: str) -> int:
        return sum(1 for a in self.assets if a.status == status)

    @property
    def totals(self) -> dict[str, int]:
        return {status: self.count(status) for status in STATUSES}


@dataclass(frozen=True)
class LineRef:
    line_no: int
    item: str
    mou: int


def reconcile(
    baseline: Sequence[AssetFact] | None,
    last: Sequence[AssetFact],
    now: Sequence[AssetFact],
    lines: Iterable[LineRef] = (),
    found: Mapping[str, Mapping[int, int]] | None = None,
) -> Reconciliation:
    """Each baseline asset's status now; assets now not in the baseline; per line, found at arrival, last, now.

    ``baseline`` is None when the unit has no counted arrival inspection. ``found`` maps "baseline", "last"
    and "now" to each inspection's found quantity per line (lines not counted are left out)."""
    found = found or {}
    last_by = {a.serial: a for a in last}
    now_by = {a.serial: a for a in now}
    statuses: list[AssetStatus] = []
    for base in baseline or ():
        current = now_by.get(base.serial)
        before = last_by.get(base.serial)
        if current is not None:
            status = _STATUS_OF[current.condition]
        elif before is not None and before.condition == WRITTEN_OFF:
            status = WRITTEN_OFF
        else:
            status = MISSING
        statuses.append(AssetStatus(
            base.serial, base.line_no, status,
            before.condition if before else None,
            current.condition if current else None,
            current.line_no if current is not None and current.line_no != base.line_no else None,
            current.remark if current else "",
        ))
    known = {a.serial for a in baseline or ()}
    extra = tuple(a for a in now if a.serial not in known)
    quantities = tuple(
        LineQuantity(ref.line_no, ref.item, ref.mou, found.get("baseline", {}).get(ref.line_no),
                     found.get("last", {}).get(ref.line_no), found.get("now", {}).get(ref.line_no))
        for ref in lines)
    statuses.sort(key=lambda a: (a.line_no, a.serial))
    return Reconciliation(tuple(statuses), tuple(sorted(extra, key=lambda a: (a.line_no, a.serial))), quantities,
                          baseline is not None)
