"""Registered items (vehicles, generators, weapons systems) counted asset by asset (docs/coe-rules.md).

A line of registered items is counted by its assets: **found** = its assets neither missing nor written off,
**serviceable** = its assets in serviceable condition. A serial is compared normalised (trimmed, upper case, inner
spaces collapsed); the same serial on two lines, or on the latest inspections of two units, is *flagged*, never
refused (a merge of two laptops' work must never fail on it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SERVICEABLE = "serviceable"
UNSERVICEABLE = "unserviceable"
MISSING = "missing"
WRITTEN_OFF = "written_off"
CONDITIONS = (SERVICEABLE, UNSERVICEABLE, MISSING, WRITTEN_OFF)
PRESENT_CONDITIONS = frozenset({SERVICEABLE, UNSERVICEABLE})  # physically found
MAX_SERIAL = 64
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class AssetFact:
    """One asset as an inspection recorded it."""

    line_no: int
    serial: str
    condition: str = SERVICEABLE
    remark: str = ""


def normalise_serial(text: str) -> str:
    """``text`` trimmed, upper case, inner spaces collapsed to one; ValueError when empty or too long."""
    serial = _SPACES.sub(" ", text).strip().upper()
    if not serial:
        raise ValueError("a registration or serial number cannot be empty")
    if len(serial) > MAX_SERIAL:
        raise ValueError(f"a registration or serial number has at most {MAX_SERIAL} characters")
    return serial


def check_condition(condition: str) -> str:
    value = condition.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in CONDITIONS:
        raise ValueError(f"{condition!r} is not a condition: {', '.join(CONDITIONS)}")
    return value


def counts(assets: Iterable[AssetFact]) -> tuple[int, int]:
    """(found, serviceable) of a line's assets."""
    items = list(assets)
    found = sum(1 for a in items if a.condition in PRESENT_CONDITIONS)
    serviceable = sum(1 for a in items if a.condition == SERVICEABLE)
    return found, serviceable


@dataclass(frozen=True)
class Sighting:
    """Where a serial was recorded: a unit's inspection and its line."""

    unit: str
    inspection_id: str
    line_no: int


@dataclass(frozen=True)
class DuplicateSerial:
    serial: str
    seen: tuple[Sighting, ...]

    @property
    def across_units(self) -> bool:
        return len({s.unit for s in self.seen}) > 1


def duplicates(sightings: Iterable[tuple[str, Sighting]]) -> list[DuplicateSerial]:
    """The serials seen on more than one line or unit, by serial; each with its sightings in order."""
    seen: dict[str, list[Sighting]] = {}
    for serial, sighting in sightings:
        places = seen.setdefault(serial, [])
        if sighting not in places:
            places.append(sighting)
    return [DuplicateSerial(serial, tuple(sorted(places, key=lambda s: (s.unit, s.inspection_id, s.line_no))))
            for serial, places in sorted(seen.items()) if len({(p.unit, p.line_no) for p in places}) > 1]
