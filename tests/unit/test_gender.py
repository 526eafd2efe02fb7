"""Women's share, command positions and parity targets (domain/gender.py)."""

from __future__ import annotations

import json

import pytest

from inspector_app.domain import gender
from inspector_app.errors import ValidationError


def test_counts_women_and_command_positions() -> None:
    counts = gender.RosterCounts()
    for sex, role, n in [("female", "Commander", 1), ("male", "Deputy commander", 1), ("female", "Medic", 3),
                         ("male", "Platoon Commander", 2), ("female", "platoon commander", 1), ("", "Driver", 4)]:
        counts = counts.plus(sex, role, n)
    assert counts == gender.RosterCounts(persons=12, women=5, in_command=5, women_in_command=2)
    assert gender.share(counts.women_in_command, counts.in_command) == pytest.approx(0.4)
    assert gender.share(0, 0) is None


def test_the_target_in_force_is_the_latest_set_for_a_year_not_after() -> None:
    targets = gender.parse_targets(json.dumps({"fpu": {"2020": 0.12, "2025": 0.17}}))
    assert gender.target(targets, "fpu", 2019) is None
    assert [gender.target(targets, "fpu", y) for y in (2020, 2024, 2025, 2031)] == [0.12, 0.12, 0.17, 0.17]
    assert gender.target(targets, "ipo", 2025) is None
    default = gender.parse_targets(json.dumps(gender.DEFAULT_TARGETS))
    assert [gender.target(default, "fpu", y) for y in (2018, 2026, 2028, 2030)] == [0.10, 0.18, 0.20, 0.20]


@pytest.mark.parametrize(("raw", "said"), [
    ("not json", "parity targets must read like"),
    ('{"fpu": {"twenty": 0.1}}', "parity targets must read like"),
    ('["fpu"]', "parity targets must read like"),
    ('{"fpu": {"2026": 1.5}}', "between 0 and 1, not fpu 2026: 1.5"),
])
def test_a_broken_setting_is_told(raw: str, said: str) -> None:
    with pytest.raises(ValidationError, match=said):
        gender.parse_targets(raw)
