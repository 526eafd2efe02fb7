"""Women's share of a unit, in command positions, and the parity target in force (pure rules, no storage).

**Command position**: an officer whose roster role names a commander ("Commander", "Deputy commander",
"Platoon commander"): our reading, to be confirmed against the gender parity strategy's definition.

**Parity targets** are settings: per unit type (``fpu``), the share of women the UN aims at from a year on
(``{"fpu": {"2018": 0.10, "2028": 0.20}}``); the target in force in a year is the one of the latest year not after
it. The default is our reading of the Uniformed Gender Parity Strategy 2018–2028 for formed police units
(10 % in 2018 rising a point a year to 20 % in 2028), marked as an assumption in docs/hq.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from inspector_app.errors import ValidationError

COMMAND_WORD = "commander"
FEMALE = "female"
DEFAULT_TARGETS: dict[str, dict[str, float]] = {"fpu": {str(year): round(0.10 + 0.01 * (year - 2018), 2)
                                                        for year in range(2018, 2029)}}

Targets = Mapping[str, Mapping[int, float]]  # unit type → first year → share


@dataclass(frozen=True)
class RosterCounts:
    """A unit's roster counted: persons, women, and both in command positions."""

    persons: int = 0
    women: int = 0
    in_command: int = 0
    women_in_command: int = 0

    def counts(self) -> tuple[int, int, int, int]:
        """Persons, women, in command, women in command."""
        return self.persons, self.women, self.in_command, self.women_in_command

    def plus(self, gender: str, role: str, n: int = 1) -> RosterCounts:
        """These counts with ``n`` more officers of ``gender`` in ``role``."""
        woman, command = gender == FEMALE, is_command(role)
        return RosterCounts(self.persons + n, self.women + n * woman, self.in_command + n * command,
                            self.women_in_command + n * (woman and command))


def is_command(role: str) -> bool:
    """True when the roster role ``role`` is a command position (see the module's docstring)."""
    return COMMAND_WORD in role.casefold()


def share(part: int, whole: int) -> float | None:
    """``part`` ÷ ``whole``; None when there is no one to count."""
    return part / whole if whole else None


def parse_targets(raw: str) -> Targets:
    """Parity targets from their setting (JSON); a ValidationError says what is wrong."""
    try:
        data = json.loads(raw)
        targets = {str(kind): {int(year): float(value) for year, value in years.items()}
                   for kind, years in data.items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValidationError('parity targets must read like {"fpu": {"2026": 0.18}} (a share per unit type '
                              f"and first year): {exc}") from exc
    bad = [f"{kind} {year}: {value}" for kind, years in targets.items() for year, value in years.items()
           if not 0 <= value <= 1]
    if bad:
        raise ValidationError(f"a parity target is a share between 0 and 1, not {', '.join(bad)}")
    return targets


def with_target(targets: Targets, unit_type: str, year: int, value: float) -> str:
    """``targets`` with ``value`` set for ``unit_type`` from ``year`` on, as their setting (JSON)."""
    if not 0 <= value <= 1:
        raise ValidationError(f"a parity target is a share between 0 and 1 (0.18 for 18 %), not {value}")
    merged = {kind: dict(years) for kind, years in targets.items()}
    merged.setdefault(unit_type, {})[year] = value
    return json.dumps({kind: {str(y): v for y, v in sorted(years.items())} for kind, years in sorted(merged.items())})


def target(targets: Targets, unit_type: str, year: int) -> float | None:
    """The target in force for ``unit_type`` in ``year``: the latest one set for a year not after it."""
    years = targets.get(unit_type, {})
    started = [y for y in years if y <= year]
    return years[max(started)] if started else None
